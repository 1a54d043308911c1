import { readdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { ErrorFragment, EventFragment, FunctionFragment, Interface, type InterfaceAbi, type Result } from "ethers";

/**
 * ABIs by Solidity contract name, for decoding calldata, events and custom errors. Every contract the
 * project compiles is known through its Hardhat artifact (so protocol contracts of later domains are known as
 * soon as they compile), plus the Safe contracts from @safe-global/safe-smart-account. Artifacts are indexed
 * once and read on demand: importing every typechain factory would cost the console a second at start-up.
 */

const require = createRequire(import.meta.url);
const SAFE_ARTIFACTS = "@safe-global/safe-smart-account/build/artifacts/contracts";

/** Safe contracts whose calldata the SDK decodes, by name → artifact path. */
const SAFE_ABIS: Record<string, string> = {
  Safe: "SafeL2.sol/SafeL2.json",
  MultiSend: "libraries/MultiSend.sol/MultiSend.json",
  MultiSendCallOnly: "libraries/MultiSendCallOnly.sol/MultiSendCallOnly.json",
};

const ARTIFACTS_DIR = fileURLToPath(new URL("../artifacts", import.meta.url));
let artifactIndex: Map<string, string> | undefined;

/** Contract name → artifact file, for every artifact Hardhat wrote (project contracts win over packages). */
function artifacts(): Map<string, string> {
  if (artifactIndex) return artifactIndex;
  const found = new Map<string, string>();
  const walk = (dir: string) => {
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      return; // not compiled yet
    }
    for (const e of entries) {
      if (e.isDirectory()) {
        if (e.name !== "build-info") walk(join(dir, e.name));
      } else if (e.name.endsWith(".json") && !e.name.endsWith(".dbg.json") && dir.endsWith(".sol")) {
        const name = e.name.slice(0, -5);
        const path = join(dir, e.name);
        if (!found.has(name) || path.includes(`${ARTIFACTS_DIR}/contracts/`)) found.set(name, path);
      }
    }
  };
  walk(ARTIFACTS_DIR);
  artifactIndex = found;
  return found;
}

function compiledAbi(name: string): InterfaceAbi | undefined {
  const path = artifacts().get(name);
  return path ? (JSON.parse(readFileSync(path, "utf8")) as { abi: InterfaceAbi }).abi : undefined;
}

const cache = new Map<string, Interface | null>();

/** The ABI of a compiled contract (or a Safe contract) by name, or undefined. */
export function contractAbi(name: string): InterfaceAbi | undefined {
  const compiled = compiledAbi(name);
  if (compiled) return compiled;
  const safePath = SAFE_ABIS[name];
  return safePath ? (require(`${SAFE_ARTIFACTS}/${safePath}`) as { abi: InterfaceAbi }).abi : undefined;
}

/** An ethers Interface for a contract name, cached; undefined when the name is unknown. */
export function contractInterface(name: string): Interface | undefined {
  if (!cache.has(name)) {
    const abi = contractAbi(name);
    cache.set(name, abi ? new Interface(abi) : null);
  }
  return cache.get(name) ?? undefined;
}

const selectorMaps = new Map<string, Map<string, FunctionFragment>>();
const signatureCache = new Map<string, { fragment: FunctionFragment; selector: string } | null>();

/**
 * The function of contract `name` with 4-byte `selector`, from a per-contract map built once (ethers computes
 * selectors with a keccak on every lookup, which dominates decoding time otherwise).
 */
export function functionBySelector(name: string, selector: string): FunctionFragment | undefined {
  let map = selectorMaps.get(name);
  if (!map) {
    map = new Map();
    contractInterface(name)?.forEachFunction((f) => map!.set(f.selector, f));
    selectorMaps.set(name, map);
  }
  return map.get(selector.toLowerCase());
}

/** The function of contract `name` by signature or unambiguous name, with its selector, cached. */
export function functionBySignature(
  name: string,
  signature: string,
): { fragment: FunctionFragment; selector: string } | undefined {
  const key = `${name}|${signature}`;
  if (!signatureCache.has(key)) {
    let fragment: FunctionFragment | null = null;
    try {
      fragment = contractInterface(name)?.getFunction(signature) ?? null;
    } catch {
      fragment = null; // ambiguous name
    }
    signatureCache.set(key, fragment ? { fragment, selector: fragment.selector } : null);
  }
  return signatureCache.get(key) ?? undefined;
}

/** Every contract name with a known ABI (compiled contracts and the Safe set). */
export function knownContractNames(): string[] {
  return [...artifacts().keys(), ...Object.keys(SAFE_ABIS)];
}

/** The interface of a deployment contract by name, if known (any compiled or Safe contract). */
export function interfaceOf(contractName: string): Interface | undefined {
  return contractInterface(contractName);
}

const topicMaps = new WeakMap<Interface, Map<string, { fragment: EventFragment; fast: EventFragment }>>();

/** A log parsed by an Interface, as ethers' parseLog returns it. */
export interface ParsedLog {
  name: string;
  signature: string;
  fragment: EventFragment;
  args: Result;
}

/**
 * Parse a log with `iface`, or null when no event of it matches. Like Interface.parseLog, but with the
 * topic → event map built once per interface (ethers hashes every event signature on every lookup).
 */
export function parseLogWith(iface: Interface, log: { topics: readonly string[]; data: string }): ParsedLog | null {
  let map = topicMaps.get(iface);
  if (!map) {
    map = new Map();
    iface.forEachEvent((e) => {
      // The same fragment with its topic hash computed once (decodeEventLog re-hashes it on every log).
      const fast = Object.create(e, { topicHash: { value: e.topicHash } }) as EventFragment;
      map!.set(e.topicHash, { fragment: e, fast });
    });
    topicMaps.set(iface, map);
  }
  const entry = log.topics[0] ? map.get(log.topics[0]) : undefined;
  if (!entry) return null;
  try {
    const args = iface.decodeEventLog(entry.fast, log.data, log.topics);
    const fragment = entry.fragment;
    return { name: fragment.name, signature: fragment.format(), fragment, args };
  } catch {
    return null;
  }
}

/** Whether `fragment` changes state (not view/pure). */
export function isStateChanging(fragment: FunctionFragment): boolean {
  return fragment.stateMutability !== "view" && fragment.stateMutability !== "pure";
}

/** State-changing functions of a contract by name, as sighash signatures ("setParameter(bytes32,uint256)"). */
export function stateChangingFunctions(name: string): FunctionFragment[] {
  const iface = contractInterface(name);
  if (!iface) return [];
  return iface.fragments.filter(
    (f): f is FunctionFragment => f.type === "function" && isStateChanging(f as FunctionFragment),
  );
}

// ------------------------------------------------------------------------------------------------ errors

/** A revert decoded by name and arguments; `name` is undefined when the data matches no known error. */
export interface DecodedError {
  name?: string;
  signature?: string;
  args: unknown[];
  /** Named arguments, where the ABI names them. */
  namedArgs: Record<string, unknown>;
  /** The raw revert data. */
  data: string;
  /** One line: `ParameterOutOfBounds(key=guardian.maxPauseDuration, value=…)` or the raw hex. */
  text: string;
}

const PANIC_REASONS: Record<number, string> = {
  0x01: "assert failed",
  0x11: "arithmetic overflow or underflow",
  0x12: "division by zero",
  0x21: "invalid enum value",
  0x31: "pop from an empty array",
  0x32: "array index out of bounds",
  0x41: "out of memory",
  0x51: "call to an uninitialised function",
};

let errorInterface: Interface | undefined;

/** One Interface holding every custom error of every known contract (deduplicated by signature). */
export function allErrorsInterface(): Interface {
  if (errorInterface) return errorInterface;
  const bySignature = new Map<string, ErrorFragment>();
  for (const name of knownContractNames()) {
    const iface = contractInterface(name);
    iface?.forEachError((e) => {
      const sig = e.format("sighash");
      if (!bySignature.has(sig)) bySignature.set(sig, e);
    });
  }
  errorInterface = new Interface([
    "error Error(string)",
    "error Panic(uint256)",
    ...[...bySignature.values()].filter((e) => !["Error(string)", "Panic(uint256)"].includes(e.format("sighash"))),
  ]);
  return errorInterface;
}

/** Show a decoded value for people: bigint as decimal, bytes32 as text when it is printable ASCII. */
export function displayValue(value: unknown, type?: string): string {
  if (typeof value === "bigint") return value.toString();
  if (typeof value === "string" && type === "bytes32") {
    const text = bytes32Text(value);
    return text ?? value;
  }
  if (Array.isArray(value)) return `[${value.map((v) => displayValue(v)).join(", ")}]`;
  if (value && typeof value === "object" && "toArray" in value) {
    return displayValue((value as Result).toArray(), type);
  }
  return String(value);
}

/** A bytes32 as its ASCII name when it is a packed short string ("guardian.maxPauseDuration"). */
export function bytes32Text(value: string): string | undefined {
  if (!/^0x[0-9a-fA-F]{64}$/.test(value)) return undefined;
  const bytes = Buffer.from(value.slice(2), "hex");
  let end = bytes.length;
  while (end > 0 && bytes[end - 1] === 0) end--;
  if (end === 0 || end > 31) return undefined;
  const text = bytes.subarray(0, end).toString("latin1");
  return /^[\x20-\x7e]+$/.test(text) ? text : undefined;
}

/**
 * Decode revert data by name over every known ABI (custom errors, Error(string), Panic(uint256)).
 * Unknown data is returned raw, never thrown.
 */
export function decodeError(data: string | undefined | null): DecodedError {
  const raw = data && data !== "0x" ? data : "0x";
  if (raw === "0x") return { args: [], namedArgs: {}, data: raw, text: "reverted without data" };
  let parsed: ReturnType<Interface["parseError"]> = null;
  try {
    parsed = allErrorsInterface().parseError(raw);
  } catch {
    parsed = null;
  }
  if (!parsed) return { args: [], namedArgs: {}, data: raw, text: `unknown error ${raw}` };
  const inputs = parsed.fragment.inputs;
  const args = parsed.args.toArray();
  const namedArgs: Record<string, unknown> = {};
  inputs.forEach((input, i) => {
    if (input.name) namedArgs[input.name] = args[i];
  });
  let text: string;
  if (parsed.name === "Panic") {
    const code = Number(args[0]);
    text = `Panic(0x${code.toString(16)}: ${PANIC_REASONS[code] ?? "unknown panic"})`;
  } else if (parsed.name === "Error") {
    text = `Error("${String(args[0])}")`;
  } else {
    const shown = inputs.map((input, i) => `${input.name || `arg${i}`}=${displayValue(args[i], input.type)}`);
    text = `${parsed.name}(${shown.join(", ")})`;
  }
  return { name: parsed.name, signature: parsed.signature, args, namedArgs, data: raw, text };
}

/**
 * Dig the revert data out of whatever a provider threw (ethers CallExceptionError, Hardhat's in-process
 * errors, a JSON-RPC error object), or undefined when there is none.
 */
export function revertDataOf(err: unknown): string | undefined {
  const seen = new Set<unknown>();
  const visit = (e: unknown): string | undefined => {
    if (!e || typeof e !== "object" || seen.has(e)) return undefined;
    seen.add(e);
    const o = e as Record<string, unknown>;
    if (typeof o.data === "string" && /^0x[0-9a-fA-F]*$/.test(o.data) && o.data.length >= 10) return o.data;
    if (o.data && typeof o.data === "object") {
      const inner = visit(o.data);
      if (inner) return inner;
    }
    for (const key of ["error", "info", "cause", "revert"]) {
      const inner = visit(o[key]);
      if (inner) return inner;
    }
    return undefined;
  };
  return visit(err);
}
