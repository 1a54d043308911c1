import type { SdkContext } from "../context.js";
import {
  descriptionHash,
  descriptionParts,
  displayDescription,
  proposalHash,
  timelockOperationId,
  type Proposal,
} from "../proposal.js";
import type { GovernanceState } from "../state.js";
import { decodeCall, type DecodedCall } from "./call.js";

/** A proposal decoded for people: its actions as intents, and the ids that name it. */
export interface DecodedProposal {
  title: string;
  /** The description as people read it: without the `#proposer=` suffix (the hashes use the exact text). */
  description: string;
  /** The only address that may propose it, from its `#proposer=` suffix. */
  boundProposer?: string;
  actions: DecodedCall[];
  ids: {
    /** Sequential Governor id when known (from the chain). */
    proposalId?: bigint;
    /** Governor.hashProposal: identifies the content whatever the id. */
    proposalHash: bigint;
    descriptionHash: string;
    /** Id of the Timelock operation once queued. */
    timelockOperationId: string;
  };
}

// eslint-disable-next-line no-control-regex
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f-\u009f]/g;

/** The title of a Markdown description: its first line without leading #s, control characters removed. */
export function titleOf(description: string): string {
  const first =
    displayDescription(description)
      .split("\n")
      .find((l) => l.trim() !== "") ?? "";
  // Anyone can write a description: strip control characters so a title cannot drive the terminal.
  const printable = first.replace(CONTROL_CHARACTERS, "");
  return printable.replace(/^#+\s*/, "").trim();
}

/**
 * Decode a proposal's actions (pure): each as an intent (parameter names, units, before → after when a
 * `state` is given) or as a decoded/raw call.
 */
export function decodeProposal(
  proposal: Proposal,
  ctx: SdkContext,
  options: { state?: GovernanceState; proposalId?: bigint } = {},
): DecodedProposal {
  const descHash = descriptionHash(proposal.description);
  const parts = descriptionParts(proposal.description);
  return {
    title: titleOf(proposal.description),
    description: parts.body,
    boundProposer: parts.proposer,
    actions: proposal.actions.map((a) =>
      decodeCall({ target: a.target, value: a.value, data: a.data }, ctx, options.state),
    ),
    ids: {
      proposalId: options.proposalId,
      proposalHash: proposalHash(proposal, descHash),
      descriptionHash: descHash,
      timelockOperationId: timelockOperationId(proposal, ctx.deployment.contracts.STAB3LGovernor, descHash),
    },
  };
}

/** A decoded call as indented text lines (for logs, Markdown and the console's plain output). */
export function callLines(call: DecodedCall, indent = ""): string[] {
  const head = call.intent
    ? `${call.intent.summary}`
    : `${call.targetName}.${call.function.text}${call.value ? ` (value ${call.value} wei)` : ""}`;
  const lines = [`${indent}${head}${call.operation === 1 ? " [delegatecall]" : ""}`];
  for (const c of call.intent?.changes ?? []) {
    lines.push(`${indent}  ${c.subject}: ${c.before ?? "?"} → ${c.after}`);
  }
  for (const w of call.warnings) lines.push(`${indent}  ⚠ ${w}`);
  for (const inner of call.inner ?? []) lines.push(...callLines(inner, indent + "  "));
  return lines;
}
