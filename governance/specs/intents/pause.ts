import { z } from "zod";
import { addressName, contractNameAt, resolveAddress, resolveFunctions, signatureOf } from "../../context.js";
import type { SdkContext } from "../../context.js";
import { InputError } from "../../errors.js";
import type { GovernanceState } from "../../state.js";
import { callOf, functionsField, matchCall, nameField } from "./shared.js";
import { defineIntent, type Change } from "./types.js";

const WHOLE_TARGET = "0x00000000";

function selectorsOf(ctx: SdkContext, target: string, functions: readonly string[]): string[] {
  const contract = contractNameAt(ctx, target);
  if (!contract) throw new InputError(`${target} is not a contract of this deployment`);
  return resolveFunctions(contract, functions).map((f) => f.selector);
}

function pauseChanges(
  ctx: SdkContext,
  target: string,
  selectors: string[],
  after: string,
  state?: GovernanceState,
): Change[] {
  const contract = contractNameAt(ctx, target);
  const keys = selectors.length ? selectors : [WHOLE_TARGET];
  return keys.map((s) => {
    const until = state?.pauses.find(
      (p) => p.target.toLowerCase() === target.toLowerCase() && p.selector === s,
    )?.pausedUntil;
    const active = until !== undefined && state !== undefined && until > state.timestamp;
    return {
      subject: `${addressName(ctx, target)}.${s === WHOLE_TARGET ? "*" : (signatureOf(contract, s) ?? s)}`,
      before: state ? (active ? "paused" : "not paused") : undefined,
      after,
    };
  });
}

/**
 * The governance side of a pause, as a STAB3LAuthority call taking (target, selectors): `confirmPause` pauses (or
 * confirms a guardian pause) until governance lifts it, `unpause` lifts it. Both intents share shape and
 * decoding; only the function, the wording and the state afterwards differ.
 */
function authorityPauseIntent<K extends "pause" | "unpause">(spec: {
  kind: K;
  title: string;
  fn: "confirmPause" | "unpause";
  summary: (what: string) => string;
  after: string;
}) {
  return defineIntent({
    kind: spec.kind,
    title: spec.title,
    schema: z.strictObject({
      kind: z.literal(spec.kind),
      contract: nameField,
      /** Functions to act on; omitted or empty = the whole contract. */
      functions: functionsField.optional(),
    }),
    compile(intent, ctx) {
      const target = resolveAddress(ctx, intent.contract);
      return [callOf(ctx, "STAB3LAuthority", spec.fn, [target, selectorsOf(ctx, target, intent.functions ?? [])])];
    },
    decode(action, ctx) {
      const m = matchCall(action, ctx, "STAB3LAuthority", `${spec.fn}(address,bytes4[])`);
      if (!m) return undefined;
      const contract = contractNameAt(ctx, m.args[0]);
      if (!contract) return undefined;
      return {
        kind: spec.kind,
        contract,
        functions: (m.args[1] as string[]).map((s) => signatureOf(contract, s) ?? s),
      };
    },
    describe(intent, ctx, state) {
      const target = resolveAddress(ctx, intent.contract);
      const selectors = selectorsOf(ctx, target, intent.functions ?? []);
      const what = selectors.length
        ? `${selectors.length} function(s) of ${intent.contract}`
        : `all of ${intent.contract}`;
      return {
        summary: spec.summary(what),
        changes: pauseChanges(ctx, target, selectors, spec.after, state),
      };
    },
  });
}

/** Pause (or confirm a guardian pause of) a contract or some functions until governance unpauses. */
export const pause = authorityPauseIntent({
  kind: "pause",
  title: "Pause a contract or functions (no expiry)",
  fn: "confirmPause",
  summary: (what) => `Pause ${what} until governance unpauses`,
  after: "paused until governance unpauses",
});

/** Lift a pause (STAB3LAuthority.unpause). */
export const unpause = authorityPauseIntent({
  kind: "unpause",
  title: "Unpause a contract or functions",
  fn: "unpause",
  summary: (what) => `Unpause ${what}`,
  after: "not paused",
});
