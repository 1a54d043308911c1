import { id, keccak256, toUtf8Bytes } from "ethers";

/** One call a proposal makes from the Timelock. */
export interface Action {
  target: string;
  value: bigint;
  data: string;
}

/** A proposal as the Governor sees it: actions and a Markdown description. */
export interface Proposal {
  actions: Action[];
  description: string;
}

/** The Governor's argument arrays. */
export function proposalArrays(p: Proposal): [string[], bigint[], string[]] {
  return [p.actions.map((a) => a.target), p.actions.map((a) => a.value), p.actions.map((a) => a.data)];
}

/** keccak256 of the description, as the Governor hashes it. */
export function descriptionHash(description: string): string {
  return keccak256(toUtf8Bytes(description));
}

/** A 32-byte word of an unsigned integer, as hex without 0x. */
function word(n: bigint | number): string {
  return BigInt(n).toString(16).padStart(64, "0");
}

/**
 * ABI encoding of (address[] targets, uint256[] values, bytes[] calldatas, ...bytes32 words), written by hand:
 * ethers' AbiCoder checksums every address (a keccak each), which dominates hashing many proposals. A test
 * checks it against AbiCoder byte for byte.
 */
export function encodeProposalTuple(p: Proposal, trailing: readonly string[]): string {
  const n = p.actions.length;
  const headWords = 3 + trailing.length;
  const targets = word(n) + p.actions.map((a) => a.target.slice(2).toLowerCase().padStart(64, "0")).join("");
  const values = word(n) + p.actions.map((a) => word(a.value)).join("");
  const bodies = p.actions.map((a) => {
    const hex = a.data.slice(2).toLowerCase();
    const bytes = hex.length / 2;
    return word(bytes) + hex.padEnd(Math.ceil(bytes / 32) * 64, "0");
  });
  let offset = 32 * n;
  const offsets = bodies.map((b) => {
    const o = offset;
    offset += b.length / 2;
    return word(o);
  });
  const calldatas = word(n) + offsets.join("") + bodies.join("");
  const o1 = 32 * headWords;
  const o2 = o1 + targets.length / 2;
  const o3 = o2 + values.length / 2;
  const head = word(o1) + word(o2) + word(o3) + trailing.map((t) => t.slice(2).toLowerCase()).join("");
  return "0x" + head + targets + values + calldatas;
}

/**
 * The Governor's hash of a proposal (hashProposal); with sequential ids the id differs, but this hash
 * identifies the proposal's content.
 */
export function proposalHash(p: Proposal, descHash = descriptionHash(p.description)): bigint {
  return BigInt(keccak256(encodeProposalTuple(p, [descHash])));
}

/**
 * The Timelock operation id of a queued proposal: GovernorTimelockControl salts the batch with the Governor's
 * address XOR the description hash.
 */
export function timelockOperationId(p: Proposal, governor: string, descHash = descriptionHash(p.description)): string {
  const salt = "0x" + (BigInt(governor) ^ BigInt(descHash)).toString(16).padStart(64, "0");
  return keccak256(encodeProposalTuple(p, ["0x" + "0".repeat(64), salt]));
}

/** Governor ProposalState names, by the contract's enum index. */
export const PROPOSAL_STATES = [
  "Pending",
  "Active",
  "Canceled",
  "Defeated",
  "Succeeded",
  "Queued",
  "Expired",
  "Executed",
] as const;
export type ProposalStateName = (typeof PROPOSAL_STATES)[number];

/** Vote support values of GovernorCountingSimple. */
export const SUPPORT = { against: 0, for: 1, abstain: 2 } as const;
export type SupportName = keyof typeof SUPPORT;

/** Topic of ProposalCreated, to find a proposal id in a receipt. */
export const PROPOSAL_CREATED_TOPIC = id(
  "ProposalCreated(uint256,address,address[],uint256[],string[],bytes[],uint256,uint256,string)",
);
