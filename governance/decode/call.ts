import { Interface } from "ethers";
import { contractInterface } from "../abis.js";
import { addressName, type SdkContext } from "../context.js";
import type { Action } from "../proposal.js";
import { INTENTS, type Change } from "../specs/intents/index.js";
import type { GovernanceState } from "../state.js";
import { describeFunctionCall, type DecodedFunction } from "./calldata.js";
import { decodeMultiSend } from "./multisend.js";

/** A recognised intent of a call, described for people. */
export interface DecodedIntent {
  kind: string;
  /** The intent as a spec would write it (raw integers as strings). */
  intent: Record<string, unknown>;
  summary: string;
  changes: Change[];
}

/**
 * One call, decoded: its function, the intent it expresses when one of the registered kinds recognises it,
 * and the calls inside it when it is a container (Safe execTransaction, MultiSend, Governor.propose / queue /
 * execute, Timelock schedule / execute, the authority's execute).
 */
export interface DecodedCall {
  target: string;
  targetName: string;
  value: bigint;
  data: string;
  /** 0 = call, 1 = delegatecall (Safe transactions and MultiSend entries). */
  operation: 0 | 1;
  function: DecodedFunction;
  intent?: DecodedIntent;
  /** Calls this one makes or carries. */
  inner?: DecodedCall[];
  /** What a reviewer must look at: delegatecalls, guessed ABIs, unknown selectors. */
  warnings: string[];
}

export interface CallInput {
  target: string;
  value: bigint;
  data: string;
  operation?: 0 | 1;
}

const SAFE_EXEC = new Interface([
  "function execTransaction(address to, uint256 value, bytes data, uint8 operation, uint256 safeTxGas, uint256 baseGas, uint256 gasPrice, address gasToken, address refundReceiver, bytes signatures) payable returns (bool)",
]);
const SAFE_EXEC_SELECTOR = SAFE_EXEC.getFunction("execTransaction")!.selector;

/** Recognise `action` as one of the registered intents (not the raw call), described with `state`. */
export function recogniseIntent(action: Action, ctx: SdkContext, state?: GovernanceState): DecodedIntent | undefined {
  for (const kind of INTENTS) {
    if (kind.kind === "call") continue;
    const intent = kind.decode(action, ctx);
    if (!intent) continue;
    try {
      const d = kind.describe(intent, ctx, state);
      return { kind: kind.kind, intent: intent as Record<string, unknown>, summary: d.summary, changes: d.changes };
    } catch {
      return { kind: kind.kind, intent: intent as Record<string, unknown>, summary: kind.title, changes: [] };
    }
  }
  return undefined;
}

function innerOf(call: CallInput, fn: DecodedFunction, ctx: SdkContext, state?: GovernanceState, depth = 0) {
  if (depth > 8) return undefined;
  const data = call.data.toLowerCase();
  const next = (c: CallInput) => decodeCall(c, ctx, state, depth + 1);
  // MultiSend / MultiSendCallOnly (any address: canonical deployments differ per chain).
  const batch = decodeMultiSend(data);
  if (batch) return batch.map((t) => next({ target: t.to, value: t.value, data: t.data, operation: t.operation }));
  // Safe.execTransaction
  if (data.startsWith(SAFE_EXEC_SELECTOR)) {
    try {
      const a = SAFE_EXEC.decodeFunctionData("execTransaction", data);
      return [next({ target: a[0], value: a[1], data: a[2], operation: Number(a[3]) as 0 | 1 })];
    } catch {
      return undefined;
    }
  }
  const arg = (name: string) => fn.args.find((x) => x.name === name)?.value;
  // Governor propose / queue / execute / cancel, Timelock scheduleBatch / executeBatch: arrays of calls.
  const targets = arg("targets") as string[] | undefined;
  const values = arg("values") as bigint[] | undefined;
  const datas = (arg("calldatas") ?? arg("payloads")) as string[] | undefined;
  if (targets && values && datas && targets.length === datas.length) {
    return targets.map((t, i) => next({ target: t, value: values[i] ?? 0n, data: datas[i] }));
  }
  // Timelock schedule / execute (single call), authority execute(target, data), Governor relay.
  const single = arg("target");
  const payload = arg("data") ?? arg("payload");
  if (typeof single === "string" && typeof payload === "string" && fn.abi !== undefined) {
    const v = arg("value");
    return [next({ target: single, value: typeof v === "bigint" ? v : 0n, data: payload })];
  }
  return undefined;
}

/** Decode one call, recursively. Never throws: unknown selectors are shown raw. */
export function decodeCall(call: CallInput, ctx: SdkContext, state?: GovernanceState, depth = 0): DecodedCall {
  const operation = call.operation ?? 0;
  const fn = describeFunctionCall(call.target, call.data, ctx);
  const warnings: string[] = [];
  const libraries = [
    ctx.deployment.safeContracts?.multiSendAddress,
    ctx.deployment.safeContracts?.multiSendCallOnlyAddress,
  ]
    .filter((a): a is string => a !== undefined)
    .map((a) => a.toLowerCase());
  if (operation === 1 && !libraries.includes(call.target.toLowerCase())) {
    // Delegatecalling the deployment's own MultiSend libraries is how a Safe batches; anything else is flagged.
    warnings.push("delegatecall: the callee runs with the caller's storage and funds");
  }
  if (fn.guessed) warnings.push(`target is not a known contract; decoded with the ${fn.abi} ABI by selector`);
  if (!fn.signature && fn.selector !== "0x") warnings.push(`unknown selector ${fn.selector}`);
  const inner = innerOf(call, fn, ctx, state, depth);
  const intent =
    !inner && operation === 0
      ? recogniseIntent({ target: call.target, value: call.value, data: call.data }, ctx, state)
      : undefined;
  return {
    target: call.target,
    targetName: addressName(ctx, call.target),
    value: call.value,
    data: call.data,
    operation,
    function: fn,
    intent,
    inner,
    warnings,
  };
}

/** Every call of a decoded tree, depth first (the call itself first). */
export function flattenCalls(call: DecodedCall): DecodedCall[] {
  return [call, ...(call.inner ?? []).flatMap(flattenCalls)];
}

/** Whether `name` has a known ABI (used by checks to tell known targets). */
export function hasAbi(name: string): boolean {
  return contractInterface(name) !== undefined;
}
