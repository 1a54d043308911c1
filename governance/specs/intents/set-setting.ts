import { z } from "zod";
import { AbiCoder } from "ethers";
import { functionBySignature } from "../../abis.js";
import { addressName, requireInterface, resolveAddress } from "../../context.js";
import { InputError } from "../../errors.js";
import { settingIn } from "../../state.js";
import { formatAmount, parseAmount } from "../../units.js";
import type { SettingSpec } from "../../catalog/types.js";
import type { SdkContext } from "../../context.js";
import { addressOf, amountField } from "./shared.js";
import { defineIntent } from "./types.js";

function settingSpec(ctx: SdkContext, name: string): SettingSpec {
  const spec = ctx.settings.find((s) => s.name === name);
  if (!spec) {
    throw new InputError(`"${name}" is not a setting of the catalog (${ctx.settings.map((s) => s.name).join(", ")})`);
  }
  return spec;
}

function settingValue(ctx: SdkContext, spec: SettingSpec, input: string | number): bigint | string {
  if (spec.unit === "Address") {
    if (typeof input !== "string") throw new InputError(`${spec.name} takes an address or a contract name`);
    return resolveAddress(ctx, input);
  }
  return parseAmount(spec.unit, input);
}

function show(ctx: SdkContext, spec: SettingSpec, value: bigint | string): string {
  return typeof value === "string" ? addressName(ctx, value) : formatAmount(spec.unit, value);
}

/**
 * Change a governed setting held outside the ParameterStore: the Governor's settings, the Timelock's delay,
 * the authority's ParameterStore (any SettingSpec of the catalog, through its restricted setter).
 */
export const setSetting = defineIntent({
  kind: "set-setting",
  title: "Change a Governor, Timelock or authority setting",
  schema: z.strictObject({
    kind: z.literal("set-setting"),
    /** Catalog name, e.g. "governor.votingPeriod", "timelock.minDelay". */
    setting: z.string().min(1),
    value: amountField,
  }),
  compile(intent, ctx) {
    const spec = settingSpec(ctx, intent.setting);
    const iface = requireInterface(spec.contract);
    const setter = iface.getFunction(spec.setter);
    if (!setter || setter.inputs.length !== 1) {
      throw new InputError(
        `${spec.name} is changed by ${spec.contract}.${spec.setter} with several arguments: use its own action kind`,
      );
    }
    const value = settingValue(ctx, spec, intent.value);
    return [{ target: addressOf(ctx, spec.contract), value: 0n, data: iface.encodeFunctionData(spec.setter, [value]) }];
  },
  decode(action, ctx) {
    if (action.value !== 0n) return undefined;
    for (const spec of ctx.settings) {
      const address = ctx.deployment.contracts[spec.contract];
      if (!address || address.toLowerCase() !== action.target.toLowerCase()) continue;
      const fn = functionBySignature(spec.contract, spec.setter);
      if (!fn || fn.fragment.inputs.length !== 1 || !action.data.toLowerCase().startsWith(fn.selector)) continue;
      try {
        const params = "0x" + action.data.slice(10);
        const [value] = AbiCoder.defaultAbiCoder().decode(fn.fragment.inputs, params);
        if (AbiCoder.defaultAbiCoder().encode(fn.fragment.inputs, [value]).toLowerCase() !== params.toLowerCase()) {
          return undefined;
        }
        return { kind: "set-setting" as const, setting: spec.name, value: String(value) };
      } catch {
        return undefined;
      }
    }
    return undefined;
  },
  describe(intent, ctx, state) {
    const spec = settingSpec(ctx, intent.setting);
    const after = settingValue(ctx, spec, intent.value);
    const current = state && settingIn(state, intent.setting);
    return {
      summary: `Set ${intent.setting} to ${show(ctx, spec, after)}${spec.critical ? " (critical setting)" : ""}`,
      changes: [
        {
          subject: intent.setting,
          before: current ? show(ctx, spec, current.value) : undefined,
          after: show(ctx, spec, after),
        },
      ],
    };
  },
});
