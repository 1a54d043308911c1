import {
  getAddress,
  isAddress,
  verifyTypedData,
  type ContractTransactionReceipt,
  type Signer,
  type TransactionReceipt,
} from "ethers";
import { z } from "zod";
import type { STAB3LGovernor } from "../typechain-types/contracts/governance/STAB3LGovernor.js";
import { decodeError, revertDataOf } from "./abis.js";
import type { Client } from "./client.js";
import { RSTBToken__factory, STAB3LGovernor__factory } from "./contracts.js";
import { InputError, RevertError, Stab3lError } from "./errors.js";
import {
  checkProposer,
  descriptionHash,
  descriptionParts,
  PROPOSAL_STATES,
  proposalArrays,
  proposalHash,
  SUPPORT,
  timelockOperationId,
  withRevision,
  type Proposal,
  type ProposalStateName,
  type SupportName,
} from "./proposal.js";
import type { SafeCall } from "./safe/transactions.js";

const governorInterface = STAB3LGovernor__factory.createInterface();

/** The proposal id announced by ProposalCreated in `receipt` (works for direct and Safe-relayed proposals). */
export function proposalIdFromReceipt(receipt: TransactionReceipt, governorAddress: string): bigint {
  for (const log of receipt.logs) {
    if (log.address.toLowerCase() !== governorAddress.toLowerCase()) continue;
    const parsed = governorInterface.parseLog(log);
    if (parsed?.name === "ProposalCreated") return parsed.args.proposalId as bigint;
  }
  throw new Stab3lError(`transaction ${receipt.hash} created no proposal`);
}

/** The Safe call that makes the core Safe propose `p` (the Safe is the proposer and needs the threshold). */
export function proposeCall(governorAddress: string, p: Proposal): SafeCall {
  return {
    to: governorAddress,
    value: 0n,
    data: governorInterface.encodeFunctionData("propose", [...proposalArrays(p), p.description]),
  };
}

/** The Safe call that queues `p` (queue is permissionless; a Safe may still want to be the one to send it). */
export function queueCall(governorAddress: string, p: Proposal): SafeCall {
  return {
    to: governorAddress,
    value: 0n,
    data: governorInterface.encodeFunctionData("queue", [...proposalArrays(p), descriptionHash(p.description)]),
  };
}

/**
 * Propose `p` from `signer`; returns the sequential proposal id. Throws InputError before sending when the
 * description is bound (`#proposer=`) to another address.
 */
export async function propose(governor: STAB3LGovernor, signer: Signer, p: Proposal): Promise<bigint> {
  checkProposer(p, await signer.getAddress());
  const tx = await governor.connect(signer).propose(...proposalArrays(p), p.description);
  const receipt = (await tx.wait()) as ContractTransactionReceipt;
  return proposalIdFromReceipt(receipt, await governor.getAddress());
}

/** Cast `signer`'s vote on `proposalId`, with an optional reason. */
export async function castVote(
  governor: STAB3LGovernor,
  signer: Signer,
  proposalId: bigint,
  support: SupportName,
  reason?: string,
): Promise<ContractTransactionReceipt> {
  const g = governor.connect(signer);
  const tx = reason
    ? await g.castVoteWithReason(proposalId, SUPPORT[support], reason)
    : await g.castVote(proposalId, SUPPORT[support]);
  return (await tx.wait()) as ContractTransactionReceipt;
}

/** Queue a succeeded proposal in the Timelock; returns the ETA (unix seconds). */
export async function queue(governor: STAB3LGovernor, signer: Signer, p: Proposal): Promise<bigint> {
  const tx = await governor.connect(signer).queue(...proposalArrays(p), descriptionHash(p.description));
  await tx.wait();
  const id = await governor.getProposalId(...proposalArrays(p), descriptionHash(p.description));
  return governor.proposalEta(id);
}

/** Execute a queued proposal whose ETA has passed. */
export async function execute(
  governor: STAB3LGovernor,
  signer: Signer,
  p: Proposal,
): Promise<ContractTransactionReceipt> {
  const tx = await governor.connect(signer).execute(...proposalArrays(p), descriptionHash(p.description));
  return (await tx.wait()) as ContractTransactionReceipt;
}

/** The state of a proposal by name. */
export async function proposalState(governor: STAB3LGovernor, proposalId: bigint): Promise<ProposalStateName> {
  return PROPOSAL_STATES[Number(await governor.state(proposalId))];
}

// ------------------------------------------------------------------------------------------- more actions

/**
 * Run a contract send and turn a revert into a RevertError named by its custom error (never raw hex):
 * `GovernorUnexpectedProposalState(proposalId=3, current=1, …)`.
 */
export async function sendDecoded<T>(what: string, send: () => Promise<T>): Promise<T> {
  try {
    return await send();
  } catch (err) {
    const data = revertDataOf(err);
    if (data === undefined) throw err;
    const decoded = decodeError(data);
    throw new RevertError(`${what} reverted: ${decoded.text}`, decoded.name, decoded.args, {
      details: { data },
      cause: err,
    });
  }
}

/** The Safe call that makes a Safe (the proposer, or the guardian Safe as proposal guardian) cancel `p`. */
export function cancelCall(governorAddress: string, p: Proposal): SafeCall {
  return {
    to: governorAddress,
    value: 0n,
    data: governorInterface.encodeFunctionData("cancel", [...proposalArrays(p), descriptionHash(p.description)]),
  };
}

/** The Safe call that executes `p` (execute is permissionless once the ETA passed). */
export function executeCall(governorAddress: string, p: Proposal): SafeCall {
  return {
    to: governorAddress,
    value: 0n,
    data: governorInterface.encodeFunctionData("execute", [...proposalArrays(p), descriptionHash(p.description)]),
  };
}

/**
 * Cancel `p` from `signer`: the proposer may while it is Pending; the proposal guardian (guardian Safe) may at
 * any time before execution. Returns the receipt; reverts are decoded by name.
 */
export async function cancel(
  governor: STAB3LGovernor,
  signer: Signer,
  p: Proposal,
): Promise<ContractTransactionReceipt> {
  return sendDecoded("cancel", async () => {
    const tx = await governor.connect(signer).cancel(...proposalArrays(p), descriptionHash(p.description));
    return (await tx.wait()) as ContractTransactionReceipt;
  });
}

/** Delegate `signer`'s rSTB votes to `delegatee` (itself to vote directly). */
export async function delegate(client: Client, signer: Signer, delegatee: string): Promise<ContractTransactionReceipt> {
  if (!isAddress(delegatee)) throw new InputError(`"${delegatee}" is not an address`);
  const token = RSTBToken__factory.connect(client.deployment.contracts.RSTBToken, signer);
  return sendDecoded(
    "delegate",
    async () => (await (await token.delegate(delegatee)).wait()) as ContractTransactionReceipt,
  );
}

/** Voting power of `account`: votes now, at a past timepoint, balance and current delegate. */
export interface VotingPower {
  account: string;
  balance: bigint;
  delegate: string;
  votes: bigint;
  /** Votes at `timepoint` (a proposal's snapshot) when asked. */
  votesAt?: { timepoint: bigint; votes: bigint };
}

/** Read `account`'s voting power (and at `timepoint`, e.g. a proposal snapshot, when given and past). */
export async function votingPower(client: Client, account: string, timepoint?: bigint): Promise<VotingPower> {
  const { token } = client.core;
  const [balance, delegateTo, votes] = await Promise.all([
    token.balanceOf(account),
    token.delegates(account),
    token.getVotes(account),
  ]);
  const result: VotingPower = { account: getAddress(account), balance, delegate: delegateTo, votes };
  if (timepoint !== undefined) {
    const now = await token.clock();
    if (timepoint < now) result.votesAt = { timepoint, votes: await token.getPastVotes(account, timepoint) };
  }
  return result;
}

/** A proposal read back from the chain by id: its content (from ProposalCreated) and who made it. */
export interface OnChainProposal {
  proposalId: bigint;
  proposer: string;
  proposal: Proposal;
  voteStart: bigint;
  voteEnd: bigint;
  blockNumber: number;
  transactionHash: string;
}

/**
 * Find a proposal's ProposalCreated event (scanning the Governor's logs from the deployment's start block)
 * and rebuild its actions and description. Throws InputError when no such proposal exists.
 */
export async function fetchProposal(client: Client, proposalId: bigint): Promise<OnChainProposal> {
  const { governor } = client.core;
  const logs = await governor.queryFilter(governor.filters.ProposalCreated(), client.deployment.startBlock.number);
  for (const log of logs) {
    const a = log.args;
    if (a.proposalId !== proposalId) continue;
    return {
      proposalId,
      proposer: a.proposer,
      proposal: {
        actions: a.targets.map((target, i) => ({ target, value: a[3][i], data: a.calldatas[i] })),
        description: a.description,
      },
      voteStart: a.voteStart,
      voteEnd: a.voteEnd,
      blockNumber: log.blockNumber,
      transactionHash: log.transactionHash,
    };
  }
  throw new InputError(`no proposal ${proposalId} on the Governor at ${client.deployment.contracts.STAB3LGovernor}`);
}

/** Where a proposal stands: state, times, tally and quorum progress. */
export interface ProposalStatus {
  proposalId: bigint;
  state: ProposalStateName;
  proposer: string;
  /** Timepoint (unix seconds) of the voting-power snapshot; votes open just after it. */
  snapshot: bigint;
  /** Last second of the vote (late quorum may extend it). */
  deadline: bigint;
  /** When a queued proposal may execute (0 until queued). */
  eta: bigint;
  votes: { against: bigint; for: bigint; abstain: bigint };
  /** Votes needed (for + abstain count towards quorum). */
  quorum: bigint;
  quorumReached: boolean;
  /** (for + abstain) / quorum, in basis points (10_000 = reached). */
  quorumProgressBps: bigint;
  /** Time of the latest block. */
  now: bigint;
}

/** Read everything the console shows about one proposal. */
export async function proposalStatus(client: Client, proposalId: bigint): Promise<ProposalStatus> {
  const { governor } = client.core;
  const [stateIndex, proposer, snapshot, deadline, eta, tally, now] = await Promise.all([
    sendDecoded("state", () => governor.state(proposalId)),
    governor.proposalProposer(proposalId),
    governor.proposalSnapshot(proposalId),
    governor.proposalDeadline(proposalId),
    governor.proposalEta(proposalId),
    governor.proposalVotes(proposalId),
    governor.clock(),
  ]);
  // quorum() needs a past timepoint: before the snapshot, the quorum at the latest past second is the best guess.
  const quorum = await governor.quorum(snapshot < BigInt(now) ? snapshot : BigInt(now) - 1n);
  const counted = tally.forVotes + tally.abstainVotes;
  return {
    proposalId,
    state: PROPOSAL_STATES[Number(stateIndex)],
    proposer,
    snapshot,
    deadline,
    eta,
    votes: { against: tally.againstVotes, for: tally.forVotes, abstain: tally.abstainVotes },
    quorum,
    quorumReached: counted >= quorum,
    quorumProgressBps: quorum === 0n ? 10_000n : (counted * 10_000n) / quorum,
    now: BigInt(now),
  };
}

/** The ids of one proposal, side by side. */
export interface ProposalIds {
  /** Sequential Governor id: the real one when proposed, else the id it would get if proposed next. */
  proposalId: bigint;
  proposed: boolean;
  proposalHash: bigint;
  descriptionHash: string;
  timelockOperationId: string;
  /** The Safe transaction that proposes (or queues/executes) it, when one was built. */
  safeTxHash?: string;
}

/** Read or predict the proposal id of `p` and put it beside its hash, Timelock id and Safe tx hash. */
export async function proposalIds(client: Client, p: Proposal, safeTxHash?: string): Promise<ProposalIds> {
  const { governor } = client.core;
  const hash = proposalHash(p);
  let proposalId: bigint;
  let proposed = true;
  try {
    proposalId = await governor.getProposalId(...proposalArrays(p), descriptionHash(p.description));
  } catch {
    proposed = false;
    proposalId = (await governor.latestProposalId()) + 1n;
  }
  return {
    proposalId,
    proposed,
    proposalHash: hash,
    descriptionHash: descriptionHash(p.description),
    timelockOperationId: timelockOperationId(p, client.deployment.contracts.STAB3LGovernor),
    safeTxHash,
  };
}

/** An earlier proposal with exactly the same content (actions and description). */
export interface EarlierProposal {
  proposalId: bigint;
  state: ProposalStateName;
}

/** States in which a proposal is still under way: proposing its content again would be a duplicate. */
const LIVE_STATES: readonly ProposalStateName[] = ["Pending", "Active", "Succeeded", "Queued"];

/**
 * Make `p` proposable when its exact content was proposed before. The Governor refuses a second proposal with the
 * same hash, even after the first was cancelled; so when every earlier one is over (Canceled, Defeated, Expired,
 * Executed) the description gets a "Revision n" line before its proposer suffix (a new hash, hence a new
 * proposal and Timelock operation id). When one is still under way it is returned as `live` with `p` unchanged:
 * follow that proposal rather than propose a duplicate. One read per revision tried.
 */
export async function reviseIfProposed(
  client: Client,
  p: Proposal,
): Promise<{ proposal: Proposal; earlier: EarlierProposal[]; live?: EarlierProposal }> {
  const { governor } = client.core;
  const earlier: EarlierProposal[] = [];
  let candidate = p;
  for (let n = (descriptionParts(p.description).revision ?? 1) + 1; n < 1_000; n++) {
    let proposalId: bigint;
    try {
      proposalId = await governor.getProposalId(...proposalArrays(candidate), descriptionHash(candidate.description));
    } catch {
      return { proposal: candidate, earlier }; // GovernorNonexistentProposal: never proposed
    }
    const found = { proposalId, state: await proposalState(governor, proposalId) };
    if (LIVE_STATES.includes(found.state)) return { proposal: candidate, earlier, live: found };
    earlier.push(found);
    candidate = { ...p, description: withRevision(p.description, n) };
  }
  throw new Stab3lError("over 1,000 earlier proposals with the same content");
}

// ------------------------------------------------------------------------------------- votes by signature

const hex = z.string().regex(/^0x[0-9a-fA-F]*$/, "not 0x-prefixed hex");
const uintString = z.string().regex(/^\d+$/, "not a non-negative integer");

/** A signed ballot as a file: a voter signs offline, anyone relays it (castVoteBySig). */
export const ballotFileSchema = z.object({
  kind: z.literal("stab3l.ballot"),
  version: z.literal(1),
  chainId: uintString,
  governor: z.string().refine((s) => isAddress(s), { message: "not an address" }),
  proposalId: uintString,
  support: z.enum(["against", "for", "abstain"]),
  voter: z.string().refine((s) => isAddress(s), { message: "not an address" }),
  nonce: uintString,
  reason: z.string().default(""),
  signature: hex,
});
export type BallotFile = z.infer<typeof ballotFileSchema>;

const BALLOT_TYPES = {
  Ballot: [
    { name: "proposalId", type: "uint256" },
    { name: "support", type: "uint8" },
    { name: "voter", type: "address" },
    { name: "nonce", type: "uint256" },
  ],
};
const EXTENDED_BALLOT_TYPES = {
  ExtendedBallot: [
    { name: "proposalId", type: "uint256" },
    { name: "support", type: "uint8" },
    { name: "voter", type: "address" },
    { name: "nonce", type: "uint256" },
    { name: "reason", type: "string" },
    { name: "params", type: "bytes" },
  ],
};

async function ballotDomain(client: Client) {
  const d = await client.core.governor.eip712Domain();
  return { name: d.name, version: d.version, chainId: d.chainId, verifyingContract: d.verifyingContract };
}

function typedBallot(b: { proposalId: bigint; support: SupportName; voter: string; nonce: bigint; reason: string }) {
  const base = { proposalId: b.proposalId, support: SUPPORT[b.support], voter: b.voter, nonce: b.nonce };
  return b.reason
    ? { types: EXTENDED_BALLOT_TYPES, value: { ...base, reason: b.reason, params: "0x" } }
    : { types: BALLOT_TYPES, value: base };
}

/**
 * Sign a ballot offline as `signer` (EIP-712, with the Governor's current nonce for the voter). With a
 * reason it is an ExtendedBallot. Nothing is sent.
 */
export async function signBallot(
  client: Client,
  signer: Signer,
  vote: { proposalId: bigint; support: SupportName; reason?: string },
): Promise<BallotFile> {
  const voter = await signer.getAddress();
  const nonce = await client.core.governor.nonces(voter);
  const domain = await ballotDomain(client);
  const reason = vote.reason ?? "";
  const { types, value } = typedBallot({ proposalId: vote.proposalId, support: vote.support, voter, nonce, reason });
  const signature = await signer.signTypedData(domain, types, value);
  return {
    kind: "stab3l.ballot",
    version: 1,
    chainId: domain.chainId.toString(),
    governor: domain.verifyingContract,
    proposalId: vote.proposalId.toString(),
    support: vote.support,
    voter,
    nonce: nonce.toString(),
    reason,
    signature,
  };
}

/** Validate a ballot file object (zod path and reason on error). */
export function parseBallot(raw: unknown, source = "ballot"): BallotFile {
  const parsed = ballotFileSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new InputError(`${source}: ${issue.path.join(".") || "(root)"}: ${issue.message}`);
  }
  return parsed.data;
}

/**
 * Relay a signed ballot from `sender` (who pays gas; the vote counts for the voter). Checks the signature
 * and the nonce locally first, so a stale or foreign ballot fails with a clear message before sending.
 */
export async function castVoteBySig(
  client: Client,
  sender: Signer,
  ballot: BallotFile,
): Promise<ContractTransactionReceipt> {
  const domain = await ballotDomain(client);
  if (ballot.chainId !== domain.chainId.toString() || getAddress(ballot.governor) !== domain.verifyingContract) {
    throw new InputError(
      `the ballot is for Governor ${ballot.governor} on chain ${ballot.chainId}, not this deployment`,
    );
  }
  const b = {
    proposalId: BigInt(ballot.proposalId),
    support: ballot.support,
    voter: getAddress(ballot.voter),
    nonce: BigInt(ballot.nonce),
    reason: ballot.reason,
  };
  const { types, value } = typedBallot(b);
  if (verifyTypedData(domain, types, value, ballot.signature) !== b.voter) {
    throw new InputError(`the ballot's signature is not ${b.voter}'s`);
  }
  const nonce = await client.core.governor.nonces(b.voter);
  if (nonce !== b.nonce)
    throw new InputError(`the ballot was signed with nonce ${b.nonce}, the voter's nonce is now ${nonce}: sign again`);
  const g = client.core.governor.connect(sender);
  return sendDecoded("castVoteBySig", async () => {
    const tx = b.reason
      ? await g.castVoteWithReasonAndParamsBySig(
          b.proposalId,
          SUPPORT[b.support],
          b.voter,
          b.reason,
          "0x",
          ballot.signature,
        )
      : await g.castVoteBySig(b.proposalId, SUPPORT[b.support], b.voter, ballot.signature);
    return (await tx.wait()) as ContractTransactionReceipt;
  });
}
