import { z } from "zod";
import { parameterIn } from "../../state.js";
import {
  amountField,
  callOf,
  matchCall,
  parameterAmount,
  parameterKeyOf,
  parameterNameOf,
  showParameter,
} from "./shared.js";
import { defineIntent } from "./types.js";

/** Change a parameter's hard bounds (ParameterStore.setParameterBounds). */
export const setParameterBounds = defineIntent({
  kind: "set-parameter-bounds",
  title: "Change a parameter's bounds",
  schema: z.strictObject({
    kind: z.literal("set-parameter-bounds"),
    parameter: z.string().min(1),
    min: amountField,
    max: amountField,
  }),
  compile(intent, ctx) {
    return [
      callOf(ctx, "ParameterStore", "setParameterBounds", [
        parameterKeyOf(intent.parameter),
        parameterAmount(ctx, intent.parameter, intent.min),
        parameterAmount(ctx, intent.parameter, intent.max),
      ]),
    ];
  },
  decode(action, ctx) {
    const m = matchCall(action, ctx, "ParameterStore", "setParameterBounds(bytes32,uint256,uint256)");
    if (!m) return undefined;
    return {
      kind: "set-parameter-bounds" as const,
      parameter: parameterNameOf(m.args[0]),
      min: m.args[1].toString(),
      max: m.args[2].toString(),
    };
  },
  describe(intent, ctx, state) {
    const show = (v: bigint) => showParameter(ctx, intent.parameter, v, state);
    const min = parameterAmount(ctx, intent.parameter, intent.min);
    const max = parameterAmount(ctx, intent.parameter, intent.max);
    const current = state && parameterIn(state, intent.parameter);
    return {
      summary: `Bound ${intent.parameter} to [${show(min)}, ${show(max)}]`,
      changes: [
        {
          subject: `${intent.parameter} bounds`,
          before: current ? `[${show(current.min)}, ${show(current.max)}]` : undefined,
          after: `[${show(min)}, ${show(max)}]`,
        },
      ],
    };
  },
});
