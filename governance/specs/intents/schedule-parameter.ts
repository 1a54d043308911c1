import { z } from "zod";
import { parameterIn } from "../../state.js";
import {
  amountField,
  callOf,
  matchCall,
  parameterAmount,
  parameterKeyOf,
  parameterNameOf,
  parseTime,
  showParameter,
  timeField,
} from "./shared.js";
import { defineIntent } from "./types.js";

/** Schedule a ParameterStore value to take effect at a future time (ParameterStore.scheduleParameter). */
export const scheduleParameter = defineIntent({
  kind: "schedule-parameter",
  title: "Schedule a parameter change",
  schema: z.strictObject({
    kind: z.literal("schedule-parameter"),
    parameter: z.string().min(1),
    value: amountField,
    /** Unix seconds or ISO-8601 with a zone; must be after the proposal executes. */
    effectiveAt: timeField,
  }),
  compile(intent, ctx) {
    const value = parameterAmount(ctx, intent.parameter, intent.value);
    return [
      callOf(ctx, "ParameterStore", "scheduleParameter", [
        parameterKeyOf(intent.parameter),
        value,
        parseTime(intent.effectiveAt),
      ]),
    ];
  },
  decode(action, ctx) {
    const m = matchCall(action, ctx, "ParameterStore", "scheduleParameter(bytes32,uint256,uint48)");
    if (!m) return undefined;
    return {
      kind: "schedule-parameter" as const,
      parameter: parameterNameOf(m.args[0]),
      value: m.args[1].toString(),
      effectiveAt: m.args[2].toString(),
    };
  },
  describe(intent, ctx, state) {
    const after = parameterAmount(ctx, intent.parameter, intent.value);
    const at = parseTime(intent.effectiveAt);
    const when = new Date(Number(at) * 1000).toISOString();
    const current = state && parameterIn(state, intent.parameter);
    const show = (v: bigint) => showParameter(ctx, intent.parameter, v, state);
    return {
      summary: `Schedule ${intent.parameter} = ${show(after)} from ${when}`,
      changes: [
        {
          subject: `${intent.parameter} (from ${when})`,
          before: current ? show(current.value) : undefined,
          after: show(after),
        },
      ],
    };
  },
});
