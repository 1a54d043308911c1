import { z } from "zod";
import { addressName, resolveAddress } from "../../context.js";
import type { SdkContext } from "../../context.js";
import type { GovernanceState } from "../../state.js";
import { callOf, matchCall, nameField } from "./shared.js";
import { defineIntent } from "./types.js";

function membership(ctx: SdkContext, account: string, state?: GovernanceState): string | undefined {
  const set = state?.sets.find((s) => s.name === "cu.attesters");
  if (!set) return undefined;
  return set.members.some((m) => m.toLowerCase() === account.toLowerCase()) ? "attester" : "not an attester";
}

/** Add an attester whose signatures prove benchmark reports (AttesterReportVerifier.setAttester(a, true)). */
export const addAttester = defineIntent({
  kind: "add-attester",
  title: "Add an attester",
  schema: z.strictObject({ kind: z.literal("add-attester"), attester: nameField }),
  compile(intent, ctx) {
    return [callOf(ctx, "AttesterReportVerifier", "setAttester", [resolveAddress(ctx, intent.attester), true])];
  },
  decode(action, ctx) {
    const m = matchCall(action, ctx, "AttesterReportVerifier", "setAttester(address,bool)");
    return m && m.args[1] === true ? { kind: "add-attester" as const, attester: m.args[0] as string } : undefined;
  },
  describe(intent, ctx, state) {
    const a = resolveAddress(ctx, intent.attester);
    return {
      summary: `Add attester ${addressName(ctx, a)}`,
      changes: [
        { subject: `cu.attesters ← ${addressName(ctx, a)}`, before: membership(ctx, a, state), after: "attester" },
      ],
    };
  },
});

/** Remove an attester (AttesterReportVerifier.setAttester(a, false)). */
export const removeAttester = defineIntent({
  kind: "remove-attester",
  title: "Remove an attester",
  schema: z.strictObject({ kind: z.literal("remove-attester"), attester: nameField }),
  compile(intent, ctx) {
    return [callOf(ctx, "AttesterReportVerifier", "setAttester", [resolveAddress(ctx, intent.attester), false])];
  },
  decode(action, ctx) {
    const m = matchCall(action, ctx, "AttesterReportVerifier", "setAttester(address,bool)");
    return m && m.args[1] === false ? { kind: "remove-attester" as const, attester: m.args[0] as string } : undefined;
  },
  describe(intent, ctx, state) {
    const a = resolveAddress(ctx, intent.attester);
    return {
      summary: `Remove attester ${addressName(ctx, a)}`,
      changes: [
        {
          subject: `cu.attesters ← ${addressName(ctx, a)}`,
          before: membership(ctx, a, state),
          after: "not an attester",
        },
      ],
    };
  },
});
