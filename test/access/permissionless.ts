/**
 * State-changing functions anyone may call, per contract (Solidity name), each with the reason it is safe.
 * Every other state-changing function in a deployed contract's ABI must reject the deployer and a random
 * account (test/access/access-matrix.test.ts). A function in neither place fails the test: adding a function
 * means deciding, here or in the authority, who may call it.
 */
/** The reason of every function open to anyone through the authority's PUBLIC_ROLE (and so pausable). */
export const PUBLIC = "PUBLIC_ROLE via authority; pausable by guardians";
const SET_AUTHORITY = "AccessManaged: only the current authority may call it";
const TEST_DOUBLE = "test double: local chains only";

export const PERMISSIONLESS: Record<string, Record<string, string>> = {
  RSTBToken: {
    "transfer(address,uint256)": "ERC-20: moves the caller's own tokens",
    "transferFrom(address,address,uint256)": "ERC-20: bounded by the owner's allowance",
    "approve(address,uint256)": "ERC-20: sets the caller's own allowance",
    "permit(address,address,uint256,uint256,uint8,bytes32,bytes32)": "EIP-2612: needs the owner's signature",
    "delegate(address)": "ERC20Votes: delegates the caller's own votes",
    "delegateBySig(address,uint256,uint256,uint8,bytes32,bytes32)": "ERC20Votes: needs the holder's signature",
    "setAuthority(address)": "AccessManaged: only the current authority may call it (it checks msg.sender)",
  },
  PriceOracle: {
    "recordLastGoodPrice(bytes32)": "PUBLIC_ROLE via authority; pausable by guardians (records a checked price)",
    "setAuthority(address)": "AccessManaged: only the current authority may call it",
  },
  SSTBToken: {
    "transfer(address,uint256)": "ERC-20: moves the caller's own tokens",
    "transferFrom(address,address,uint256)": "ERC-20: bounded by the owner's allowance",
    "approve(address,uint256)": "ERC-20: sets the caller's own allowance",
    "permit(address,address,uint256,uint256,uint8,bytes32,bytes32)": "EIP-2612: needs the owner's signature",
    "setAuthority(address)": "AccessManaged: only the current authority may call it",
  },
  ComputeUnitVerifier: {
    "registerProvider(bytes32)": "PUBLIC_ROLE via authority; pausable by guardians (registers the caller itself)",
    "setAuthority(address)": "AccessManaged: only the current authority may call it",
  },
  AttesterReportVerifier: {
    "setAuthority(address)": "AccessManaged: only the current authority may call it",
  },
  CUToken: {
    "setAuthority(address)": "AccessManaged: only the current authority may call it",
  },
  MintingAgent: {
    "mint((address,uint256,bytes32,uint64),uint8,bytes,uint256)":
      "PUBLIC_ROLE via authority; pausable by guardians (needs a verified report of the caller itself)",
    "setAuthority(address)": "AccessManaged: only the current authority may call it",
  },
  Redemption: {
    "redeem(uint256,address)": "PUBLIC_ROLE via authority; pausable by guardians (burns the caller's own sSTB)",
    "confirmDelivery(uint256)":
      "PUBLIC_ROLE via authority; pausable by guardians (only the assigned provider succeeds)",
    "claimCompensation(uint256,uint80,uint80)":
      "PUBLIC_ROLE via authority; pausable by guardians (after the deadline; pays the request's user at the deadline's price)",
    "setAuthority(address)": "AccessManaged: only the current authority may call it",
  },
  ProviderStaking: {
    "stake(uint256,uint256)": "PUBLIC_ROLE via authority; pausable by guardians (stakes the caller's own sSTB)",
    "unstake(uint256)": "PUBLIC_ROLE via authority; pausable by guardians (the caller's own unlocked position)",
    "setAuthority(address)": "AccessManaged: only the current authority may call it",
  },
  CollateralManager: {
    "deposit(uint256)": "PUBLIC_ROLE via authority; pausable by guardians (the caller's own collateral)",
    "withdraw(uint256)": "PUBLIC_ROLE via authority; pausable by guardians (the caller's own excess collateral)",
    "liquidate(address,uint256)":
      "PUBLIC_ROLE via authority; pausable by guardians (only below the ratio; the caller repays with its sSTB)",
    "setAuthority(address)": "AccessManaged: only the current authority may call it",
  },
  RewardsDistributor: {
    "claim()": "PUBLIC_ROLE via authority; pausable by guardians (pays the caller's own accrued rewards)",
    "setAuthority(address)": "AccessManaged: only the current authority may call it",
  },
  ParameterStore: {
    "setAuthority(address)": "AccessManaged: only the current authority may call it",
  },
  STAB3LGovernor: {
    "propose(address[],uint256[],bytes[],string)": "Governor: needs votes above the proposal threshold",
    "castVote(uint256,uint8)": "Governor: weight is the caller's votes at the snapshot",
    "castVoteWithReason(uint256,uint8,string)": "Governor: as castVote",
    "castVoteWithReasonAndParams(uint256,uint8,string,bytes)": "Governor: as castVote",
    "castVoteBySig(uint256,uint8,address,bytes)": "Governor: needs the voter's signature",
    "castVoteWithReasonAndParamsBySig(uint256,uint8,address,string,bytes,bytes)":
      "Governor: needs the voter's signature",
    "queue(address[],uint256[],bytes[],bytes32)": "Governor: only a Succeeded proposal can be queued",
    "execute(address[],uint256[],bytes[],bytes32)": "Governor: only a Queued proposal past its ETA runs",
    "cancel(address[],uint256[],bytes[],bytes32)":
      "Governor: per proposal, only the proposal guardian (or the proposer while Pending); tested in governor.test.ts",
    "onERC721Received(address,address,uint256,bytes)": "token receiver hook, moves nothing",
    "onERC1155Received(address,address,uint256,uint256,bytes)": "token receiver hook, moves nothing",
    "onERC1155BatchReceived(address,address,uint256[],uint256[],bytes)": "token receiver hook, moves nothing",
  },
  TimelockController: {
    "renounceRole(bytes32,address)": "AccessControl: the caller can only drop its own role",
    "onERC721Received(address,address,uint256,bytes)": "token receiver hook, moves nothing",
    "onERC1155Received(address,address,uint256,uint256,bytes)": "token receiver hook, moves nothing",
    "onERC1155BatchReceived(address,address,uint256[],uint256[],bytes)": "token receiver hook, moves nothing",
  },
  STAB3LAuthority: {
    "renounceRole(uint64,address)": "AccessManager: the caller can only drop its own role",
    "schedule(address,bytes,uint48)": "AccessManager: schedules only what the caller's own role (with delay) permits",
    "execute(address,bytes)": "AccessManager: relays only what the caller's own role permits",
    "cancel(address,address,bytes)": "AccessManager: only the scheduler, a role guardian or an admin",
    "consumeScheduledOp(address,bytes)": "AccessManager: only the target of the operation may consume it",
    "multicall(bytes[])": "Multicall: each sub-call is checked as the caller",
  },
  // ---------------------------------------------------------------- markets and bridge (issue 4)
  SpotMarket: {
    "addLiquidity(uint256,uint256,uint256)": PUBLIC,
    "removeLiquidity(uint256,uint256,uint256)": PUBLIC,
    "swap(bool,uint256,uint256)": PUBLIC,
    "setAuthority(address)": SET_AUTHORITY,
  },
  FuturesMarket: {
    "openPosition(uint40,bool,uint256,uint256)": PUBLIC,
    "addMargin(uint256,uint256)": PUBLIC,
    "removeMargin(uint256,uint256)": `${PUBLIC}; owner of the position only`,
    "closePosition(uint256)": `${PUBLIC}; owner of the position only`,
    "liquidate(uint256)": `${PUBLIC}; only below maintenance margin`,
    "settle(uint256)": `${PUBLIC}; only after expiry, pays the owner`,
    "fixSettlementPrice(uint40,uint80)": `${PUBLIC}; only after expiry, from the first oracle round at or after it`,
    "fundInsurance(uint256)": PUBLIC,
    "setAuthority(address)": SET_AUTHORITY,
  },
  OptionsMarket: {
    "write(bool,uint256,uint40,uint256,uint256)": PUBLIC,
    "buy(uint256,uint256)": PUBLIC,
    "cancelUnsold(uint256)": `${PUBLIC}; writer only`,
    "exercise(uint256)": `${PUBLIC}; the caller's own holding, after expiry`,
    "reclaim(uint256)": `${PUBLIC}; after expiry, pays the writer`,
    "fixSettlementPrice(uint40,uint80)": `${PUBLIC}; only after expiry, from the first oracle round at or after it`,
    "setAuthority(address)": SET_AUTHORITY,
  },
  PegController: {
    "poke()": `${PUBLIC}; evaluates the model from governed inputs`,
    "setAuthority(address)": SET_AUTHORITY,
  },
  MessageVerifier: {
    "setAuthority(address)": SET_AUTHORITY,
  },
  CrossChainBridge: {
    "bridgeOut(uint256,address,uint256)": `${PUBLIC}; moves the caller's own sSTB`,
    "receiveMessage((uint256,address,uint256,address,uint256,address,address,uint256),bytes[])": `${PUBLIC}; authorised by the relayer threshold's signatures`,
    "setAuthority(address)": SET_AUTHORITY,
  },
  // Test double: the local quote token of the markets.
  MockUSDC: {
    "transfer(address,uint256)": "ERC-20: moves the caller's own tokens",
    "transferFrom(address,address,uint256)": "ERC-20: bounded by the owner's allowance",
    "approve(address,uint256)": "ERC-20: sets the caller's own allowance",
    "mint(address,uint256)": TEST_DOUBLE,
  },
};

/** Errors that prove a call was refused for lack of authority. */
export const ACCESS_ERRORS = new Set([
  "AccessManagedUnauthorized",
  "AccessManagerUnauthorizedAccount",
  "AuthorityUnauthorized",
  "GovernorOnlyExecutor",
  "AccessControlUnauthorizedAccount",
  "TimelockUnauthorizedCaller",
]);
