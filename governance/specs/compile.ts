import type { SdkContext } from "../context.js";
import { InputError, Stab3lError } from "../errors.js";
import { withProposer, type Action, type Proposal } from "../proposal.js";
import { intentKind } from "./intents/index.js";
import type { ProposalSpec } from "./schema.js";

/** A compiled spec: the Governor's proposal, and which actions each intent produced. */
export interface CompiledSpec {
  spec: ProposalSpec;
  proposal: Proposal;
  /** `actions[i]` of the spec produced `proposal.actions[from .. from + count)`. */
  sources: { intent: number; kind: string; from: number; count: number }[];
}

/** The on-chain description of a spec: "# title", a blank line, then the Markdown description. */
export function specDescription(spec: Pick<ProposalSpec, "title" | "description">): string {
  return `# ${spec.title.trim()}\n\n${spec.description.trim()}\n`;
}

/**
 * Compile a validated spec to targets, values and calldatas. Pure and deterministic: the same spec and
 * deployment always give the same bytes. Name errors say which action failed ("actions.2 (grant-role): …").
 * The description ends with `#proposer=<proposer>` (default: the core Safe, which submits proposals), so only
 * that address can propose it: a copy cannot be front-run and cancelled (docs/PROTOCOL.md, "Governor hardening").
 */
export function compileSpec(spec: ProposalSpec, ctx: SdkContext, options: { proposer?: string } = {}): CompiledSpec {
  if (spec.network !== undefined && spec.network !== ctx.deployment.network) {
    throw new InputError(`spec is for network "${spec.network}", the deployment is "${ctx.deployment.network}"`);
  }
  const actions: Action[] = [];
  const sources: CompiledSpec["sources"] = [];
  spec.actions.forEach((intent, i) => {
    const kind = intentKind(intent.kind);
    if (!kind) throw new InputError(`actions.${i}.kind: unknown action kind "${intent.kind}"`);
    let produced: Action[];
    try {
      produced = kind.compile(intent, ctx);
    } catch (cause) {
      const reason = cause instanceof Stab3lError ? cause.message : String(cause);
      throw new InputError(`actions.${i} (${intent.kind}): ${reason}`, { cause });
    }
    sources.push({ intent: i, kind: intent.kind, from: actions.length, count: produced.length });
    actions.push(...produced);
  });
  const description = withProposer(specDescription(spec), options.proposer ?? ctx.deployment.safes.core);
  return { spec, proposal: { actions, description }, sources };
}
