import { z } from "zod";
import { addressName, resolveAddress, resolveRole, roleName } from "../../context.js";
import { InputError } from "../../errors.js";
import { formatAmount, parseAmount } from "../../units.js";
import { roleMembers } from "../../state.js";
import { amountField, callOf, matchCall, nameField } from "./shared.js";
import { defineIntent } from "./types.js";

const roleField = z.union([z.string().min(1), z.number().int().nonnegative()]);

/** Grant an authority role (STAB3LAuthority.grantRole). */
export const grantRole = defineIntent({
  kind: "grant-role",
  title: "Grant a role",
  schema: z.strictObject({
    kind: z.literal("grant-role"),
    /** A role name (GUARDIAN, RSTB_MINTER …) or id. */
    role: roleField,
    /** Address, contract name of the deployment, "core Safe" or "guardian Safe". */
    account: nameField,
    /** Delay before each call the account makes with this role takes effect (seconds; default 0). */
    executionDelay: amountField.optional(),
  }),
  compile(intent, ctx) {
    const delay = parseAmount("Seconds", intent.executionDelay ?? 0);
    if (delay >= 2n ** 32n) throw new InputError(`executionDelay ${delay} s does not fit in uint32`);
    return [
      callOf(ctx, "STAB3LAuthority", "grantRole", [
        resolveRole(ctx, intent.role),
        resolveAddress(ctx, intent.account),
        delay,
      ]),
    ];
  },
  decode(action, ctx) {
    const m = matchCall(action, ctx, "STAB3LAuthority", "grantRole(uint64,address,uint32)");
    if (!m) return undefined;
    return {
      kind: "grant-role" as const,
      role: roleName(ctx, m.args[0]).startsWith("role ") ? m.args[0].toString() : roleName(ctx, m.args[0]),
      account: m.args[1],
      executionDelay: m.args[2].toString(),
    };
  },
  describe(intent, ctx, state) {
    const role = resolveRole(ctx, intent.role);
    const account = resolveAddress(ctx, intent.account);
    const delay = parseAmount("Seconds", intent.executionDelay ?? 0);
    const was = state ? roleMembers(state, role).some((m) => m.toLowerCase() === account.toLowerCase()) : undefined;
    return {
      summary: `Grant ${roleName(ctx, role)} to ${addressName(ctx, account)}${delay ? ` (execution delay ${formatAmount("Seconds", delay)})` : ""}`,
      changes: [
        {
          subject: `${roleName(ctx, role)} ← ${addressName(ctx, account)}`,
          before: was === undefined ? undefined : was ? "member" : "not a member",
          after: "member",
        },
      ],
    };
  },
});

/** Revoke an authority role (STAB3LAuthority.revokeRole). */
export const revokeRole = defineIntent({
  kind: "revoke-role",
  title: "Revoke a role",
  schema: z.strictObject({
    kind: z.literal("revoke-role"),
    role: roleField,
    account: nameField,
  }),
  compile(intent, ctx) {
    return [
      callOf(ctx, "STAB3LAuthority", "revokeRole", [
        resolveRole(ctx, intent.role),
        resolveAddress(ctx, intent.account),
      ]),
    ];
  },
  decode(action, ctx) {
    const m = matchCall(action, ctx, "STAB3LAuthority", "revokeRole(uint64,address)");
    if (!m) return undefined;
    return {
      kind: "revoke-role" as const,
      role: roleName(ctx, m.args[0]).startsWith("role ") ? m.args[0].toString() : roleName(ctx, m.args[0]),
      account: m.args[1],
    };
  },
  describe(intent, ctx, state) {
    const role = resolveRole(ctx, intent.role);
    const account = resolveAddress(ctx, intent.account);
    const was = state ? roleMembers(state, role).some((m) => m.toLowerCase() === account.toLowerCase()) : undefined;
    return {
      summary: `Revoke ${roleName(ctx, role)} from ${addressName(ctx, account)}`,
      changes: [
        {
          subject: `${roleName(ctx, role)} ← ${addressName(ctx, account)}`,
          before: was === undefined ? undefined : was ? "member" : "not a member",
          after: "not a member",
        },
      ],
    };
  },
});
