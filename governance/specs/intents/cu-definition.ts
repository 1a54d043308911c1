import { z } from "zod";
import { settingIn } from "../../state.js";
import { formatAmount, parseAmount } from "../../units.js";
import { amountField, callOf, matchCall } from "./shared.js";
import { defineIntent } from "./types.js";

/**
 * Schedule the next CU definition (ComputeUnitVerifier.scheduleDefinition): FLOPs per CU and the nominal USD
 * price per CU (8 decimals). It takes effect at the next calendar-quarter boundary after execution; each
 * field may move by at most `cu.maxRedefinitionBps`; only one redefinition may be pending.
 */
export const scheduleCuDefinition = defineIntent({
  kind: "schedule-cu-definition",
  title: "Schedule the quarterly CU redefinition",
  schema: z.strictObject({
    kind: z.literal("schedule-cu-definition"),
    /** FLOPs in one CU: an integer or e.g. "1.02e15". */
    flopsPerUnit: amountField,
    /** USD per CU: "$0.061", "0.061 USD" or a raw 8-decimal integer. */
    usdPerUnit: amountField,
  }),
  compile(intent, ctx) {
    return [
      callOf(ctx, "ComputeUnitVerifier", "scheduleDefinition", [
        parseAmount("Flops", intent.flopsPerUnit),
        parseAmount("Usd8", intent.usdPerUnit),
      ]),
    ];
  },
  decode(action, ctx) {
    const m = matchCall(action, ctx, "ComputeUnitVerifier", "scheduleDefinition(uint256,uint256)");
    if (!m) return undefined;
    return {
      kind: "schedule-cu-definition" as const,
      flopsPerUnit: m.args[0].toString(),
      usdPerUnit: m.args[1].toString(),
    };
  },
  describe(intent, _ctx, state) {
    const flops = parseAmount("Flops", intent.flopsPerUnit);
    const usd = parseAmount("Usd8", intent.usdPerUnit);
    const f = state && settingIn(state, "cu.flopsPerUnit");
    const u = state && settingIn(state, "cu.usdPerUnit");
    const show = (unit: "Flops" | "Usd8", v: bigint | string | undefined) =>
      typeof v === "bigint" ? formatAmount(unit, v) : undefined;
    return {
      summary: `Redefine the CU from the next quarter: ${formatAmount("Flops", flops)}, ${formatAmount("Usd8", usd)} per CU`,
      changes: [
        {
          subject: "cu.flopsPerUnit (next quarter)",
          before: show("Flops", f?.value),
          after: formatAmount("Flops", flops),
        },
        { subject: "cu.usdPerUnit (next quarter)", before: show("Usd8", u?.value), after: formatAmount("Usd8", usd) },
      ],
    };
  },
});

/** Withdraw the pending CU redefinition (ComputeUnitVerifier.cancelScheduledDefinition). */
export const cancelCuDefinition = defineIntent({
  kind: "cancel-cu-definition",
  title: "Cancel the scheduled CU redefinition",
  schema: z.strictObject({ kind: z.literal("cancel-cu-definition") }),
  compile(_intent, ctx) {
    return [callOf(ctx, "ComputeUnitVerifier", "cancelScheduledDefinition", [])];
  },
  decode(action, ctx) {
    return matchCall(action, ctx, "ComputeUnitVerifier", "cancelScheduledDefinition()")
      ? { kind: "cancel-cu-definition" as const }
      : undefined;
  },
  describe() {
    return { summary: "Cancel the scheduled CU redefinition", changes: [] };
  },
});
