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

/** Set a ParameterStore value now (ParameterStore.setParameter). */
export const setParameter = defineIntent({
  kind: "set-parameter",
  title: "Set a parameter now",
  schema: z.strictObject({
    kind: z.literal("set-parameter"),
    /** Catalog name, e.g. "guardian.repauseCooldown". */
    parameter: z.string().min(1),
    /** In the parameter's unit: a raw integer or e.g. "2d", "2.5%", "0.25 wad". */
    value: amountField,
  }),
  compile(intent, ctx) {
    const value = parameterAmount(ctx, intent.parameter, intent.value);
    return [callOf(ctx, "ParameterStore", "setParameter", [parameterKeyOf(intent.parameter), value])];
  },
  decode(action, ctx) {
    const m = matchCall(action, ctx, "ParameterStore", "setParameter(bytes32,uint256)");
    if (!m) return undefined;
    return { kind: "set-parameter" as const, parameter: parameterNameOf(m.args[0]), value: m.args[1].toString() };
  },
  describe(intent, ctx, state) {
    const after = parameterAmount(ctx, intent.parameter, intent.value);
    const current = state && parameterIn(state, intent.parameter);
    const show = (v: bigint) => showParameter(ctx, intent.parameter, v, state);
    return {
      summary: `Set ${intent.parameter} to ${show(after)}`,
      changes: [
        {
          subject: intent.parameter,
          before: current ? show(current.value) : undefined,
          after: show(after),
        },
      ],
    };
  },
});
