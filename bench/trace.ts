/**
 * Gas per call frame of a mined transaction on the in-process Hardhat chain, for finding where a transaction's
 * gas goes (the tables in docs/PROTOCOL.md and docs/MARKETS.md were made with it). Used from bench suites or a
 * scratch script: `console.log(await gasTree(hash, names))`.
 */
import hre from "hardhat";

interface StructLog {
  op: string;
  gas: number;
  gasCost: number;
  depth: number;
  stack?: string[];
}

/** One call frame: who was called, the gas it used including its sub-calls, and its storage work. */
export interface Frame {
  target: string;
  kind: string;
  gas: number;
  sload: number;
  sstore: number;
  sstoreGas: number;
  children: Frame[];
}

const CALLS = new Set(["CALL", "STATICCALL", "DELEGATECALL", "CALLCODE"]);

function newFrame(target: string, kind: string): Frame {
  return { target, kind, gas: 0, sload: 0, sstore: 0, sstoreGas: 0, children: [] };
}

/** The call tree of transaction `hash`; `gas` of the root is the execution gas (no intrinsic gas). */
export async function callTree(hash: string): Promise<Frame> {
  const trace = (await hre.network.provider.send("debug_traceTransaction", [
    hash,
    { disableMemory: true, disableStorage: true },
  ])) as { structLogs: StructLog[]; gas: number };
  const logs = trace.structLogs;
  const root = newFrame("tx", "CALL");
  const stack: { frame: Frame; startGas: number }[] = [{ frame: root, startGas: logs[0]?.gas ?? 0 }];
  for (let i = 0; i < logs.length; i++) {
    const log = logs[i];
    const top = stack[stack.length - 1].frame;
    if (log.op === "SLOAD") top.sload++;
    if (log.op === "SSTORE") {
      top.sstore++;
      top.sstoreGas += log.gasCost;
    }
    const next = logs[i + 1];
    if (CALLS.has(log.op) && next && next.depth === log.depth + 1) {
      const s = log.stack ?? [];
      const target = "0x" + (s[s.length - 2] ?? "").replace(/^0x/, "").slice(-40);
      const frame = newFrame(target, log.op);
      top.children.push(frame);
      stack.push({ frame, startGas: log.gas });
    } else if (next && next.depth < log.depth) {
      // The frame returns: its cost is what the caller lost between the call and the step after it.
      const { frame, startGas } = stack.pop()!;
      frame.gas = startGas - next.gas;
    }
  }
  root.gas = trace.gas;
  return root;
}

/** The call tree as indented text, with addresses replaced by `names` (lower-case address → name). */
export async function gasTree(hash: string, names: Map<string, string>): Promise<string> {
  const root = await callTree(hash);
  const lines: string[] = [];
  const walk = (f: Frame, depth: number) => {
    const name = names.get(f.target.toLowerCase()) ?? f.target;
    const storage = `sload ${f.sload} sstore ${f.sstore} (${f.sstoreGas})`;
    lines.push(`${"  ".repeat(depth)}${name} ${f.kind} ${f.gas.toLocaleString("en-US")}  [${storage}]`);
    for (const c of f.children) walk(c, depth + 1);
  };
  walk(root, 0);
  return lines.join("\n");
}

const knownNames = new Map<string, string>();

/** Remembers contract names for `traceIfOver` (e.g. a deployment's `contracts` record). */
export function nameAddresses(contracts: Record<string, string>): void {
  for (const [name, address] of Object.entries(contracts)) knownNames.set(address.toLowerCase(), name);
}

/**
 * With BENCH_TRACE=1, prints to stderr the call tree of a transaction that used `limit` gas or more, so a row over
 * its target shows where its gas went (`BENCH_TRACE=1 npx tsx bench/run.ts <suite>`).
 */
export async function traceIfOver(label: string, hash: string, gasUsed: number, limit = 200_000): Promise<void> {
  if (!process.env.BENCH_TRACE || gasUsed < limit) return;
  process.stderr.write(`--- ${label}: ${gasUsed.toLocaleString("en-US")} gas\n${await gasTree(hash, knownNames)}\n`);
}
