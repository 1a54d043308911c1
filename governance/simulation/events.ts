import type { EventFragment, Interface, Log } from "ethers";
import { contractInterface, knownContractNames, parseLogWith } from "../abis.js";
import { contractNameAt, type SdkContext } from "../context.js";
import { displayArg } from "../decode/calldata.js";

/** An event log decoded by name and arguments (or left raw when no known ABI has its topic). */
export interface DecodedEvent {
  address: string;
  /** Deployment contract name of the emitter, when it is one. */
  contract?: string;
  name?: string;
  signature?: string;
  args: { name: string; value: unknown; display: string }[];
  /** One line: `ParameterStore.ParameterSet(key=guardian.repauseCooldown, oldValue=259200, …)`. */
  text: string;
  logIndex: number;
  /** Which proposal action emitted it (from the Timelock's CallExecuted markers), when known. */
  action?: number;
}

let topicIndex: Map<string, { iface: Interface; fragment: EventFragment }> | undefined;

function byTopic(topic: string) {
  if (!topicIndex) {
    topicIndex = new Map();
    const names = knownContractNames().sort((a, b) => Number(/^I[A-Z]/.test(a)) - Number(/^I[A-Z]/.test(b)));
    for (const name of names) {
      const iface = contractInterface(name);
      iface?.forEachEvent((e) => {
        if (!topicIndex!.has(e.topicHash)) topicIndex!.set(e.topicHash, { iface, fragment: e });
      });
    }
  }
  return topicIndex.get(topic);
}

/** Decode one log with the emitter's ABI, else any known ABI with the same topic and shape. */
export function decodeLog(log: Pick<Log, "address" | "topics" | "data" | "index">, ctx: SdkContext): DecodedEvent {
  const contract = contractNameAt(ctx, log.address);
  const who = contract ?? log.address;
  const attempts: Interface[] = [];
  const own = contract ? contractInterface(contract) : undefined;
  if (own) attempts.push(own);
  const other = log.topics[0] ? byTopic(log.topics[0]) : undefined;
  if (other) attempts.push(other.iface);
  for (const iface of attempts) {
    try {
      const parsed = parseLogWith(iface, log);
      if (!parsed) continue;
      const args = parsed.fragment.inputs.map((input, i) => ({
        name: input.name || `arg${i}`,
        value: parsed.args[i],
        display: displayArg(parsed.args[i], input, ctx),
      }));
      return {
        address: log.address,
        contract,
        name: parsed.name,
        signature: parsed.signature,
        args,
        text: `${who}.${parsed.name}(${args.map((a) => `${a.name}=${a.display}`).join(", ")})`,
        logIndex: log.index,
      };
    } catch {
      continue;
    }
  }
  return {
    address: log.address,
    contract,
    args: [],
    text: `${who}: unknown event ${log.topics[0] ?? "(anonymous)"}`,
    logIndex: log.index,
  };
}

/**
 * Decode an execution's logs and attribute each to the proposal action that emitted it: the Timelock emits
 * CallExecuted(id, index, …) right after each call, so logs before the marker of index i (and after the
 * previous marker) belong to action i. The markers themselves belong to no action.
 */
export function decodeExecutionLogs(
  logs: readonly Pick<Log, "address" | "topics" | "data" | "index">[],
  ctx: SdkContext,
): DecodedEvent[] {
  const timelock = ctx.deployment.contracts.TimelockController.toLowerCase();
  const decoded = logs.map((l) => decodeLog(l, ctx));
  let pending: DecodedEvent[] = [];
  for (const e of decoded) {
    if (e.address.toLowerCase() === timelock && e.name === "CallExecuted") {
      const index = Number(e.args.find((a) => a.name === "index")?.value ?? 0n);
      for (const p of pending) p.action = index;
      pending = [];
    } else {
      pending.push(e);
    }
  }
  return decoded;
}
