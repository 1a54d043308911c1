import { z } from "zod";
import { contractInterface } from "../../abis.js";
import {
  addressName,
  contractNameAt,
  resolveAddress,
  resolveFunctions,
  resolveRole,
  roleName,
  signatureOf,
} from "../../context.js";
import { InputError } from "../../errors.js";
import { ROLES } from "../../contracts.js";
import type { SdkContext } from "../../context.js";
import { callOf, functionsField, matchCall, nameField } from "./shared.js";
import { defineIntent } from "./types.js";

function roleLabel(ctx: SdkContext, role: bigint): string {
  return role === ROLES.PUBLIC ? "PUBLIC" : roleName(ctx, role);
}

/** Selectors of `functions` on the contract at `target` (names/signatures need a known ABI; selectors do not). */
function selectorsOf(ctx: SdkContext, target: string, functions: readonly string[]): string[] {
  const contract = contractNameAt(ctx, target);
  if (functions.length === 0) throw new InputError("set-function-role needs at least one function");
  if (contract && contractInterface(contract)) return resolveFunctions(contract, functions).map((f) => f.selector);
  return functions.map((f) => {
    if (!/^0x[0-9a-fA-F]{8}$/.test(f))
      throw new InputError(`${target} is not a known contract: give selectors, not "${f}"`);
    return f.toLowerCase();
  });
}

/** Map functions of a contract to the role allowed to call them (STAB3LAuthority.setTargetFunctionRole). */
export const setFunctionRole = defineIntent({
  kind: "set-function-role",
  title: "Set which role may call functions",
  schema: z.strictObject({
    kind: z.literal("set-function-role"),
    /** Contract name of the deployment or address. */
    contract: nameField,
    /** Function names, signatures or selectors. */
    functions: functionsField,
    /** Role name or id; "PUBLIC" lets anyone call (still pausable). */
    role: z.union([z.string().min(1), z.number().int().nonnegative()]),
  }),
  compile(intent, ctx) {
    const target = resolveAddress(ctx, intent.contract);
    const role = resolveRole(ctx, intent.role);
    return [
      callOf(ctx, "STAB3LAuthority", "setTargetFunctionRole", [
        target,
        selectorsOf(ctx, target, intent.functions),
        role,
      ]),
    ];
  },
  decode(action, ctx) {
    const m = matchCall(action, ctx, "STAB3LAuthority", "setTargetFunctionRole(address,bytes4[],uint64)");
    if (!m) return undefined;
    const target: string = m.args[0];
    const contract = contractNameAt(ctx, target);
    const role: bigint = m.args[2];
    const label = roleLabel(ctx, role);
    return {
      kind: "set-function-role" as const,
      contract: contract ?? target,
      functions: (m.args[1] as string[]).map((s) => signatureOf(contract, s) ?? s),
      role: label.startsWith("role ") ? role.toString() : label,
    };
  },
  describe(intent, ctx, state) {
    const target = resolveAddress(ctx, intent.contract);
    const role = resolveRole(ctx, intent.role);
    const contract = contractNameAt(ctx, target);
    const selectors = selectorsOf(ctx, target, intent.functions);
    const current = state?.targets.find((t) => t.address.toLowerCase() === target.toLowerCase());
    return {
      summary: `Let ${roleLabel(ctx, role)} call ${selectors.length} function(s) of ${addressName(ctx, target)}`,
      changes: selectors.map((s) => {
        const before = current?.functions.find((f) => f.selector === s)?.role;
        return {
          subject: `${addressName(ctx, target)}.${signatureOf(contract, s) ?? s}`,
          before: before === undefined ? undefined : roleLabel(ctx, before),
          after: roleLabel(ctx, role),
        };
      }),
    };
  },
});
