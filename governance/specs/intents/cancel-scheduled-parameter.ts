import { z } from "zod";
import { parameterIn } from "../../state.js";
import { callOf, catalogParameter, matchCall, parameterKeyOf, parameterNameOf, showParameter } from "./shared.js";
import { defineIntent } from "./types.js";

/** Withdraw a scheduled parameter change (ParameterStore.cancelScheduledParameter). */
export const cancelScheduledParameter = defineIntent({
  kind: "cancel-scheduled-parameter",
  title: "Cancel a scheduled parameter change",
  schema: z.strictObject({
    kind: z.literal("cancel-scheduled-parameter"),
    parameter: z.string().min(1),
  }),
  compile(intent, ctx) {
    catalogParameter(ctx, intent.parameter);
    return [callOf(ctx, "ParameterStore", "cancelScheduledParameter", [parameterKeyOf(intent.parameter)])];
  },
  decode(action, ctx) {
    const m = matchCall(action, ctx, "ParameterStore", "cancelScheduledParameter(bytes32)");
    if (!m) return undefined;
    return { kind: "cancel-scheduled-parameter" as const, parameter: parameterNameOf(m.args[0]) };
  },
  describe(intent, ctx, state) {
    const pending = state && parameterIn(state, intent.parameter)?.pending;
    return {
      summary: `Cancel the scheduled change of ${intent.parameter}`,
      changes: [
        {
          subject: `${intent.parameter} (scheduled)`,
          before: pending ? showParameter(ctx, intent.parameter, pending.value, state) : undefined,
          after: "none",
        },
      ],
    };
  },
});
