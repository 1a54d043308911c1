import { z } from "zod";
import { addressName, resolveAddress } from "../../context.js";
import type { SdkContext } from "../../context.js";
import type { Action } from "../../proposal.js";
import type { GovernanceState } from "../../state.js";
import { callOf, matchCall, nameField } from "./shared.js";
import { defineIntent } from "./types.js";

/** The bridge's relayer set (contracts/bridge/MessageVerifier.sol, issue 4): setRelayer(relayer, active). */
const SET_RELAYER = "setRelayer(address,bool)";

function setRelayerCall(ctx: SdkContext, relayer: string, active: boolean): Action {
  return callOf(ctx, "MessageVerifier", SET_RELAYER, [resolveAddress(ctx, relayer), active]);
}

function decodeSetRelayer(action: Action, ctx: SdkContext): { relayer: string; active: boolean } | undefined {
  const m = matchCall(action, ctx, "MessageVerifier", SET_RELAYER);
  return m ? { relayer: m.args[0] as string, active: m.args[1] as boolean } : undefined;
}

function membership(account: string, state?: GovernanceState): string | undefined {
  // The bridge catalog lists the relayer set as a setting read through MessageVerifier.relayers().
  const set = state?.settings.find((s) => s.name === "MessageVerifier.relayers");
  if (!set) return undefined;
  const members = String(set.value).toLowerCase().split(",");
  return members.includes(account.toLowerCase()) ? "relayer" : "not a relayer";
}

/** Add a bridge relayer (MessageVerifier.setRelayer(r, true)). */
export const addRelayer = defineIntent({
  kind: "add-relayer",
  title: "Add a bridge relayer",
  schema: z.strictObject({ kind: z.literal("add-relayer"), relayer: nameField }),
  compile: (intent, ctx) => [setRelayerCall(ctx, intent.relayer, true)],
  decode(action, ctx) {
    const d = decodeSetRelayer(action, ctx);
    return d?.active === true ? { kind: "add-relayer" as const, relayer: d.relayer } : undefined;
  },
  describe(intent, ctx, state) {
    const r = resolveAddress(ctx, intent.relayer);
    return {
      summary: `Add bridge relayer ${addressName(ctx, r)}`,
      changes: [
        {
          subject: `MessageVerifier.relayers ← ${addressName(ctx, r)}`,
          before: membership(r, state),
          after: "relayer",
        },
      ],
    };
  },
});

/** Remove a bridge relayer (MessageVerifier.setRelayer(r, false)). */
export const removeRelayer = defineIntent({
  kind: "remove-relayer",
  title: "Remove a bridge relayer",
  schema: z.strictObject({ kind: z.literal("remove-relayer"), relayer: nameField }),
  compile: (intent, ctx) => [setRelayerCall(ctx, intent.relayer, false)],
  decode(action, ctx) {
    const d = decodeSetRelayer(action, ctx);
    return d?.active === false ? { kind: "remove-relayer" as const, relayer: d.relayer } : undefined;
  },
  describe(intent, ctx, state) {
    const r = resolveAddress(ctx, intent.relayer);
    return {
      summary: `Remove bridge relayer ${addressName(ctx, r)}`,
      changes: [
        {
          subject: `MessageVerifier.relayers ← ${addressName(ctx, r)}`,
          before: membership(r, state),
          after: "not a relayer",
        },
      ],
    };
  },
});
