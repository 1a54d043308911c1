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

/** Pause (or confirm a guardian pause of) a contract or some functions until governance unpauses. */
export const pause = defineIntent({
  kind: "pause",
  title: "Pause a contract or functions (no expiry)",
  schema: z.strictObject({
    kind: z.literal("pause"),
    contract: nameField,
    /** Functions to pause; omitted or empty = the whole contract. */
    functions: functionsField.optional(),
  }),
  compile(intent, ctx) {
    const target = resolveAddress(ctx, intent.contract);
    return [callOf(ctx, "STAB3LAuthority", "confirmPause", [target, selectorsOf(ctx, target, intent.functions ?? [])])];
  },
  decode(action, ctx) {
    const m = matchCall(action, ctx, "STAB3LAuthority", "confirmPause(address,bytes4[])");
    if (!m) return undefined;
    const contract = contractNameAt(ctx, m.args[0]);
    if (!contract) return undefined;
    return {
      kind: "pause" as const,
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
      summary: `Pause ${what} until governance unpauses`,
      changes: pauseChanges(ctx, target, selectors, "paused until governance unpauses", state),
    };
  },
});

/** Lift a pause (STAB3LAuthority.unpause). */
export const unpause = defineIntent({
  kind: "unpause",
  title: "Unpause a contract or functions",
  schema: z.strictObject({
    kind: z.literal("unpause"),
    contract: nameField,
    functions: functionsField.optional(),
  }),
  compile(intent, ctx) {
    const target = resolveAddress(ctx, intent.contract);
    return [callOf(ctx, "STAB3LAuthority", "unpause", [target, selectorsOf(ctx, target, intent.functions ?? [])])];
  },
  decode(action, ctx) {
    const m = matchCall(action, ctx, "STAB3LAuthority", "unpause(address,bytes4[])");
    if (!m) return undefined;
    const contract = contractNameAt(ctx, m.args[0]);
    if (!contract) return undefined;
    return {
      kind: "unpause" as const,
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
    return { summary: `Unpause ${what}`, changes: pauseChanges(ctx, target, selectors, "not paused", state) };
  },
});
