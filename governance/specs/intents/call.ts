import { Interface, isHexString, parseUnits } from "ethers";
import { z } from "zod";
import { addressName, contractNameAt, resolveAddress, type SdkContext } from "../../context.js";
import type { Action } from "../../proposal.js";
import { describeFunctionCall } from "../../decode/calldata.js";
import { InputError } from "../../errors.js";
import { nameField } from "./shared.js";
import { defineIntent } from "./types.js";

/** Wei from "0", "12345" (wei) or "1.5 ETH". */
function parseWei(input: string | number): bigint {
  if (typeof input === "number") {
    if (!Number.isSafeInteger(input) || input < 0) throw new InputError(`${input} is not an integer of wei`);
    return BigInt(input);
  }
  const text = input.trim();
  if (/^\d+$/.test(text)) return BigInt(text);
  const m = /^(\d+(?:\.\d+)?)\s*eth$/i.exec(text);
  if (m) return parseUnits(m[1], 18);
  throw new InputError(`"${input}" is not an amount of wei or e.g. "1.5 ETH"`);
}

/**
 * Any call, for what no other intent covers: raw `data`, or a `signature` with `args`. Every call that no
 * other kind recognises decodes to this kind.
 */
const callSchema = z
  .strictObject({
    kind: z.literal("call"),
    /** Contract name of the deployment, "core Safe", "guardian Safe" or an address. */
    target: nameField,
    /** Wei sent with the call: an integer or e.g. "1.5 ETH" (default 0). */
    value: z.union([z.string().min(1), z.number()]).optional(),
    /** 0x calldata; or give `signature` and `args`. */
    data: z
      .string()
      .refine((s) => isHexString(s) && s.length % 2 === 0, { message: "not 0x-prefixed hex of whole bytes" })
      .optional(),
    /** e.g. "transfer(address,uint256)". */
    signature: z.string().min(3).optional(),
    args: z.array(z.unknown()).optional(),
  })
  .refine((c) => (c.data === undefined) !== (c.signature === undefined), {
    message: "give either data or signature (with args), not both",
    path: ["data"],
  });
type CallIntent = z.infer<typeof callSchema>;

export const rawCall = defineIntent({
  kind: "call",
  title: "Raw call",
  schema: callSchema,
  compile: compileCall,
  decode(action, ctx) {
    return {
      kind: "call" as const,
      target: contractNameAt(ctx, action.target) ?? action.target,
      value: action.value.toString(),
      data: action.data.toLowerCase(),
    };
  },
  describe(intent, ctx) {
    const [action] = compileCall(intent, ctx);
    const fn = describeFunctionCall(action.target, action.data, ctx);
    const value = action.value ? ` sending ${action.value} wei` : "";
    return { summary: `Call ${addressName(ctx, action.target)}: ${fn.text}${value}`, changes: [] };
  },
});

function compileCall(intent: CallIntent, ctx: SdkContext): Action[] {
  const target = resolveAddress(ctx, intent.target);
  let data = intent.data;
  if (data === undefined) {
    let iface: Interface;
    try {
      iface = new Interface([`function ${intent.signature}`]);
    } catch (cause) {
      throw new InputError(`"${intent.signature}" is not a function signature`, { cause });
    }
    try {
      data = iface.encodeFunctionData(iface.fragments[0].format("sighash"), intent.args ?? []);
    } catch (cause) {
      throw new InputError(`args do not fit ${intent.signature}: ${(cause as Error).message.split(" (")[0]}`, {
        cause,
      });
    }
  }
  return [{ target, value: parseWei(intent.value ?? 0), data: data.toLowerCase() }];
}
