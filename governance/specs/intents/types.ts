import type { z } from "zod";
import type { SdkContext } from "../../context.js";
import type { Action } from "../../proposal.js";
import type { GovernanceState } from "../../state.js";

/** One value a proposal action changes, for people: "guardian.repauseCooldown: 3 d → 2 d". */
export interface Change {
  subject: string;
  /** The value before, when a state was given and the subject existed. */
  before?: string;
  after: string;
}

/** A decoded or compiled intent, described for people. */
export interface IntentDescription {
  /** One line: "Set guardian.repauseCooldown to 2 d". */
  summary: string;
  changes: Change[];
}

/**
 * One kind of proposal action, as a plugin: its spec schema, how it compiles to calls, how a call is
 * recognised as this kind again (decoding), and how it reads for people. Registered in ./index.ts; the
 * first kind whose `decode` recognises a call names it, with the raw call as the fallback.
 *
 * `compile` and `decode` are pure (no I/O) and inverse: `compile(decode(a))` gives back `a`, and decoding
 * what `compile` produced gives an intent that compiles to the same bytes (tested for every kind).
 */
export interface IntentKind<T extends { kind: string } = { kind: string }> {
  readonly kind: T["kind"];
  /** A few words for menus and docs: "Set a parameter now". */
  readonly title: string;
  /** zod schema of the intent as written in a spec (strict: unknown fields are errors). */
  readonly schema: z.ZodType<T>;
  /** The calls the Timelock makes for this intent. Throws InputError on names that do not resolve. */
  compile(intent: T, ctx: SdkContext): Action[];
  /** This intent again, when `action` is one this kind produces; undefined otherwise. Never throws. */
  decode(action: Action, ctx: SdkContext): T | undefined;
  /** For people, with before → after when the current state is given. */
  describe(intent: T, ctx: SdkContext, state?: GovernanceState): IntentDescription;
}

/** Declare an intent kind with its types inferred from the schema. */
export function defineIntent<S extends z.ZodType<{ kind: string }>>(def: IntentKind<z.infer<S>> & { schema: S }) {
  return def;
}
