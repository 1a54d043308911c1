import { getAddress, id, keccak256, toUtf8Bytes } from "ethers";
import { InputError } from "./errors.js";

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

// ------------------------------------------------------------------------ proposer-bound descriptions

/**
 * OpenZeppelin Governor's front-running protection: a description ending in `#proposer=0x<40 hex>` may only be
 * proposed by that address, so nobody can submit (and then cancel) a copy of someone else's proposal. Every
 * description the SDK builds ends with it (docs/PROTOCOL.md, "Governor hardening").
 */
export const PROPOSER_MARKER = "#proposer=";
const PROPOSER_SUFFIX = /\n*#proposer=(0x[0-9a-fA-F]{40})$/;
const REVISION_LINE = /\n*Revision (\d+)$/;

/** A description split into the text people read, the address it is bound to, and its revision number. */
export interface DescriptionParts {
  /** The Markdown without the proposer suffix (a revision line, when present, stays in it). */
  body: string;
  /** The only address that may propose it, when the description ends with `#proposer=`. */
  proposer?: string;
  /** n of a "Revision n" line right before the suffix (set when identical content was proposed before). */
  revision?: number;
}

/** Split a description: what people read, and the proposer it is bound to. Pure; never throws. */
export function descriptionParts(description: string): DescriptionParts {
  const m = PROPOSER_SUFFIX.exec(description);
  const body = m ? description.slice(0, m.index) : description;
  const r = REVISION_LINE.exec(body.trimEnd());
  return {
    body: m ? body.trimEnd() + "\n" : description,
    proposer: m ? getAddress(m[1].toLowerCase()) : undefined,
    revision: r ? Number(r[1]) : undefined,
  };
}

/** The description as people should read it: without the `#proposer=` suffix. */
export function displayDescription(description: string): string {
  return descriptionParts(description).body;
}

/**
 * Bind `description` to `proposer` with OpenZeppelin's suffix (`\n\n#proposer=<checksummed address>`). Idempotent
 * for the same proposer; throws InputError when the description is bound to another address.
 */
export function withProposer(description: string, proposer: string): string {
  const address = getAddress(proposer);
  const parts = descriptionParts(description);
  if (parts.proposer !== undefined) {
    if (parts.proposer === address) return description;
    throw new InputError(`the description is bound to proposer ${parts.proposer}, not ${address}`);
  }
  return `${description.trimEnd()}\n\n${PROPOSER_MARKER}${address}`;
}

/**
 * The same description as revision `n` (≥ 2): a "Revision n" line before the proposer suffix, replacing an
 * earlier one. Identical content gets a new description hash, hence a new proposal and Timelock operation id.
 */
export function withRevision(description: string, n: number): string {
  if (!Number.isInteger(n) || n < 2) throw new InputError(`revision ${n}: revisions start at 2`);
  const parts = descriptionParts(description);
  const text = parts.body.trimEnd().replace(REVISION_LINE, "");
  const revised = `${text}\n\nRevision ${n}\n`;
  return parts.proposer === undefined ? revised : withProposer(revised, parts.proposer);
}

/** Throw InputError unless `p` may be proposed by `proposer` (its description is unbound or bound to it). */
export function checkProposer(p: Proposal, proposer: string): void {
  const bound = descriptionParts(p.description).proposer;
  if (bound !== undefined && bound !== getAddress(proposer)) {
    throw new InputError(
      `the description is bound to proposer ${bound}; ${getAddress(proposer)} would be refused (GovernorRestrictedProposer)`,
    );
  }
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
