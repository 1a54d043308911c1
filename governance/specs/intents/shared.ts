import { AbiCoder, decodeBytes32String, encodeBytes32String, type FunctionFragment, type Result } from "ethers";
import { z } from "zod";
import { functionBySignature } from "../../abis.js";
import type { ParameterSpec, Unit } from "../../catalog/types.js";
import { requireInterface, type SdkContext } from "../../context.js";
import { InputError } from "../../errors.js";
import type { Action } from "../../proposal.js";
import { parameterIn, type GovernanceState } from "../../state.js";
import { formatAmount, parseAmount, type AmountInput } from "../../units.js";

/** An amount as written in a spec: a raw integer, or a string with a unit ("7d", "2.5%", "0.25 wad"). */
export const amountField = z.union([z.string().min(1), z.number()], {
  error: 'expected an integer or a string with a unit (e.g. 172800, "2d", "2.5%", "0.25 wad")',
});

/** A name or address ("ParameterStore", "guardian Safe", "0x…"). */
export const nameField = z.string().min(1);

/** Function names, signatures or selectors of one contract; empty = the whole contract. */
export const functionsField = z.array(z.string().min(1));

/**
 * An absolute time: unix seconds, or an ISO-8601 date-time with a zone ("2027-01-01T00:00:00Z"). Relative
 * times are not accepted: compiling must not depend on when it runs.
 */
export const timeField = z.union(
  [
    z.number().int().nonnegative(),
    z
      .string()
      .min(1)
      .refine((s) => /^\d+$/.test(s) || (/T.*(Z|[+-]\d\d:\d\d)$/.test(s) && !Number.isNaN(Date.parse(s))), {
        message: "not unix seconds or an ISO-8601 date-time with a zone (e.g. 2027-01-01T00:00:00Z)",
      }),
  ],
  { error: "expected unix seconds or an ISO-8601 date-time with a zone (e.g. 2027-01-01T00:00:00Z)" },
);

/** Unix seconds of a timeField value. */
export function parseTime(input: string | number): bigint {
  if (typeof input === "number") return BigInt(input);
  if (/^\d+$/.test(input)) return BigInt(input);
  return BigInt(Math.floor(Date.parse(input) / 1000));
}

/** The catalog entry of parameter `name`, or an InputError. */
export function catalogParameter(ctx: SdkContext, name: string): ParameterSpec {
  const spec = ctx.parameters.find((p) => p.key === name);
  if (!spec) {
    const near = ctx.parameters.filter((p) => p.key.split(".")[0] === name.split(".")[0]).map((p) => p.key);
    throw new InputError(
      `"${name}" is not a parameter of the catalog${near.length ? ` (did you mean ${near.join(", ")}?)` : ""}`,
    );
  }
  return spec;
}

/** The unit of parameter `name`: from the catalog, else from the state read on chain, else None. */
export function parameterUnit(ctx: SdkContext, name: string, state?: GovernanceState): Unit {
  return ctx.parameters.find((p) => p.key === name)?.unit ?? (state && parameterIn(state, name)?.unit) ?? "None";
}

/** A parameter amount for people. */
export function showParameter(ctx: SdkContext, name: string, value: bigint, state?: GovernanceState): string {
  return formatAmount(parameterUnit(ctx, name, state), value);
}

/** Parse `input` in the unit of parameter `name`. */
export function parameterAmount(ctx: SdkContext, name: string, input: AmountInput): bigint {
  return parseAmount(catalogParameter(ctx, name).unit, input);
}

/** The bytes32 key of a parameter name (≤ 31 ASCII bytes). */
export function parameterKeyOf(name: string): string {
  try {
    return encodeBytes32String(name);
  } catch (cause) {
    throw new InputError(`parameter name "${name}" is longer than 31 bytes`, { cause });
  }
}

/** A parameter name from its bytes32 key (the hex when it is not a short string). */
export function parameterNameOf(key: string): string {
  try {
    return decodeBytes32String(key);
  } catch {
    return key;
  }
}

/** The address of deployment contract `contract`, or an InputError. */
export function addressOf(ctx: SdkContext, contract: string): string {
  const address = ctx.deployment.contracts[contract];
  if (!address) throw new InputError(`this deployment has no ${contract}`);
  return address;
}

/** A call of `signature` on the deployment contract `contract`. */
export function callOf(ctx: SdkContext, contract: string, signature: string, args: readonly unknown[]): Action {
  const iface = requireInterface(contract);
  return { target: addressOf(ctx, contract), value: 0n, data: iface.encodeFunctionData(signature, args) };
}

/**
 * The decoded arguments when `action` is a zero-value call of `signature` on deployment contract `contract`;
 * undefined otherwise (never throws).
 */
export function matchCall(
  action: Action,
  ctx: SdkContext,
  contract: string,
  signature: string,
): { args: Result; fragment: FunctionFragment } | undefined {
  const fn = functionBySignature(contract, signature);
  if (!fn || !action.data.toLowerCase().startsWith(fn.selector) || action.value !== 0n) return undefined;
  const address = ctx.deployment.contracts[contract];
  if (!address || action.target.toLowerCase() !== address.toLowerCase()) return undefined;
  try {
    const params = "0x" + action.data.slice(10);
    const args = AbiCoder.defaultAbiCoder().decode(fn.fragment.inputs, params);
    // Only a canonical encoding counts (no trailing bytes), so compiling the decoded intent gives the same call.
    if (AbiCoder.defaultAbiCoder().encode(fn.fragment.inputs, args).toLowerCase() !== params.toLowerCase()) {
      return undefined;
    }
    return { args, fragment: fn.fragment };
  } catch {
    return undefined;
  }
}
