import { z } from "zod";
import { STEP_KINDS } from "../../catalog/types.js";
import { InputError } from "../../errors.js";
import { parameterIn } from "../../state.js";
import { formatAmount, parseAmount } from "../../units.js";
import { amountField, callOf, catalogParameter, matchCall, parameterKeyOf, parameterNameOf } from "./shared.js";
import { defineIntent } from "./types.js";

/** Change a parameter's step limit and cooldown (ParameterStore.setParameterChangeRules). */
export const setParameterRules = defineIntent({
  kind: "set-parameter-rules",
  title: "Change a parameter's step limit and cooldown",
  schema: z.strictObject({
    kind: z.literal("set-parameter-rules"),
    parameter: z.string().min(1),
    stepKind: z.enum(STEP_KINDS),
    /** In the parameter's unit for Absolute; basis points for RelativeBps; 0 for None. */
    maxStep: amountField,
    cooldown: amountField,
  }),
  compile(intent, ctx) {
    const spec = catalogParameter(ctx, intent.parameter);
    const maxStep =
      intent.stepKind === "Absolute" ? parseAmount(spec.unit, intent.maxStep) : parseAmount("Bps", intent.maxStep);
    const cooldown = parseAmount("Seconds", intent.cooldown);
    if (cooldown >= 2n ** 32n) throw new InputError(`cooldown ${cooldown} s does not fit in uint32`);
    return [
      callOf(ctx, "ParameterStore", "setParameterChangeRules", [
        parameterKeyOf(intent.parameter),
        STEP_KINDS.indexOf(intent.stepKind),
        maxStep,
        cooldown,
      ]),
    ];
  },
  decode(action, ctx) {
    const m = matchCall(action, ctx, "ParameterStore", "setParameterChangeRules(bytes32,uint8,uint256,uint32)");
    if (!m) return undefined;
    const stepKind = STEP_KINDS[Number(m.args[1])];
    if (!stepKind) return undefined;
    return {
      kind: "set-parameter-rules" as const,
      parameter: parameterNameOf(m.args[0]),
      stepKind,
      maxStep: m.args[2].toString(),
      cooldown: m.args[3].toString(),
    };
  },
  describe(intent, ctx, state) {
    const current = state && parameterIn(state, intent.parameter);
    const cooldown = formatAmount("Seconds", parseAmount("Seconds", intent.cooldown));
    const after = `${intent.stepKind} ${intent.maxStep}, cooldown ${cooldown}`;
    return {
      summary: `Change the rules of ${intent.parameter}: step ${intent.stepKind} ${intent.maxStep}, cooldown ${cooldown}`,
      changes: [
        {
          subject: `${intent.parameter} rules`,
          before: current
            ? `${current.stepKind} ${current.maxStep}, cooldown ${formatAmount("Seconds", current.cooldown)}`
            : undefined,
          after,
        },
      ],
    };
  },
});
