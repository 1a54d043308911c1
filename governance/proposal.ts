import { AbiCoder, id, keccak256, ParamType, toUtf8Bytes } from "ethers";

// Parsed once: ethers parses type strings on every encode otherwise, which dominates hashing many proposals.
const PROPOSAL_TYPES = ["address[]", "uint256[]", "bytes[]", "bytes32"].map((t) => ParamType.from(t));
const OPERATION_TYPES = ["address[]", "uint256[]", "bytes[]", "bytes32", "bytes32"].map((t) => ParamType.from(t));

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

/**
 * The Governor's hash of a proposal (hashProposal); with sequential ids the id differs, but this hash
 * identifies the proposal's content.
 */
export function proposalHash(p: Proposal, descHash = descriptionHash(p.description)): bigint {
  const [targets, values, calldatas] = proposalArrays(p);
  return BigInt(keccak256(AbiCoder.defaultAbiCoder().encode(PROPOSAL_TYPES, [targets, values, calldatas, descHash])));
}

/**
 * The Timelock operation id of a queued proposal: GovernorTimelockControl salts the batch with the Governor's
 * address XOR the description hash.
 */
export function timelockOperationId(p: Proposal, governor: string, descHash = descriptionHash(p.description)): string {
  const [targets, values, calldatas] = proposalArrays(p);
  const salt = (BigInt(governor) ^ BigInt(descHash)).toString(16).padStart(64, "0");
  return keccak256(
    AbiCoder.defaultAbiCoder().encode(OPERATION_TYPES, [
      targets,
      values,
      calldatas,
      "0x" + "0".repeat(64),
      "0x" + salt,
    ]),
  );
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
