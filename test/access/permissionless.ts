/**
 * State-changing functions anyone may call, per contract (Solidity name), each with the reason it is safe.
 * Every other state-changing function in a deployed contract's ABI must reject the deployer and a random
 * account (test/access/access-matrix.test.ts). A function in neither place fails the test: adding a function
 * means deciding, here or in the authority, who may call it.
 */
const PUBLIC = "PUBLIC_ROLE via authority; pausable by guardians";
const SET_AUTHORITY = "AccessManaged: only the current authority may call it";
const TEST_DOUBLE = "test double: local chains only, stands in for issue 3's contracts";

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
    "fixSettlementPrice(uint40)": `${PUBLIC}; only after expiry, from the oracle`,
    "fundInsurance(uint256)": PUBLIC,
    "setAuthority(address)": SET_AUTHORITY,
  },
  OptionsMarket: {
    "write(bool,uint256,uint40,uint256,uint256)": PUBLIC,
    "buy(uint256,uint256)": PUBLIC,
    "cancelUnsold(uint256)": `${PUBLIC}; writer only`,
    "exercise(uint256)": `${PUBLIC}; the caller's own holding, after expiry`,
    "reclaim(uint256)": `${PUBLIC}; after expiry, pays the writer`,
    "fixSettlementPrice(uint40)": `${PUBLIC}; from the oracle, answer at or after expiry`,
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
    "receiveMessage((uint256,uint256,uint256,address,address,uint256),bytes[])": `${PUBLIC}; authorised by the relayer threshold's signatures`,
    "setAuthority(address)": SET_AUTHORITY,
  },
  // Test doubles, deployed only on local chains while issue 3's PriceOracle and SSTBToken are absent.
  MockPriceOracle: {
    "setPrice(bytes32,uint256)": TEST_DOUBLE,
    "setPriceAt(bytes32,uint256,uint256)": TEST_DOUBLE,
    "setFailure(bytes32,uint8)": TEST_DOUBLE,
  },
  MockUSDC: {
    "transfer(address,uint256)": "ERC-20: moves the caller's own tokens",
    "transferFrom(address,address,uint256)": "ERC-20: bounded by the owner's allowance",
    "approve(address,uint256)": "ERC-20: sets the caller's own allowance",
    "mint(address,uint256)": TEST_DOUBLE,
  },
  MockSSTB: {
    "transfer(address,uint256)": "ERC-20: moves the caller's own tokens",
    "transferFrom(address,address,uint256)": "ERC-20: bounded by the owner's allowance",
    "approve(address,uint256)": "ERC-20: sets the caller's own allowance",
    "faucet(address,uint256)": `${PUBLIC} on the local home chain only (${TEST_DOUBLE})`,
    "setAuthority(address)": SET_AUTHORITY,
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
