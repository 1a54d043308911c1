import { AbiCoder, type FunctionFragment, type Interface, type ParamType, Result } from "ethers";
import { bytes32Text, contractInterface, functionBySelector, knownContractNames } from "../abis.js";
import { addressName, contractNameAt, type SdkContext } from "../context.js";

/** One decoded argument of a call. */
export interface DecodedArg {
  name: string;
  type: string;
  /** The decoded value (bigint, string, boolean, arrays of those). */
  value: unknown;
  /** The value for people: addresses by name, bytes32 keys as text. */
  display: string;
}

/** A call's function, decoded from the target's ABI (or guessed from another ABI by selector), or raw. */
export interface DecodedFunction {
  selector: string;
  /** "setParameter(bytes32,uint256)"; undefined when the selector is unknown. */
  signature?: string;
  name?: string;
  args: DecodedArg[];
  /** The contract whose ABI decoded it. */
  abi?: string;
  /** True when the target is not a known contract and another ABI with this selector decoded it. */
  guessed: boolean;
  /** One line: `setParameter(key=guardian.repauseCooldown, newValue=172800)` or the raw selector. */
  text: string;
}

let selectorIndex: Map<string, { abi: string; fragment: FunctionFragment }> | undefined;

/** Every function selector of every known ABI (first ABI wins), for calls to unknown targets. */
function bySelector(selector: string) {
  if (!selectorIndex) {
    selectorIndex = new Map();
    // Implementations before interfaces (IParameterStore), so guesses name the contract people know.
    const names = knownContractNames().sort((a, b) => Number(/^I[A-Z]/.test(a)) - Number(/^I[A-Z]/.test(b)));
    for (const name of names) {
      contractInterface(name)?.forEachFunction((f) => {
        if (!selectorIndex!.has(f.selector)) selectorIndex!.set(f.selector, { abi: name, fragment: f });
      });
    }
  }
  return selectorIndex.get(selector);
}

/** A decoded value for people. */
export function displayArg(value: unknown, type: ParamType | string, ctx?: SdkContext): string {
  const t = typeof type === "string" ? type : type.type;
  if (value instanceof Result) value = value.toArray();
  if (Array.isArray(value)) {
    const inner =
      typeof type !== "string" && type.arrayChildren
        ? value.map((v) => displayArg(v, type.arrayChildren!, ctx))
        : typeof type !== "string" && type.components
          ? value.map((v, i) => displayArg(v, type.components![i], ctx))
          : value.map((v) => displayArg(v, "", ctx));
    return typeof type !== "string" && type.components ? `(${inner.join(", ")})` : `[${inner.join(", ")}]`;
  }
  if (t === "address" && typeof value === "string") {
    const name = ctx ? addressName(ctx, value) : value;
    return name === value ? value : `${name} (${value})`;
  }
  if (t === "bytes32" && typeof value === "string") return bytes32Text(value) ?? value;
  if (typeof value === "bigint") return value.toString();
  if (typeof value === "string" && t === "bytes" && value.length > 74) {
    return `${value.slice(0, 74)}… (${(value.length - 2) / 2} bytes)`;
  }
  return String(value);
}

function decodeWith(_iface: Interface, fragment: FunctionFragment, data: string, ctx?: SdkContext): DecodedArg[] {
  // The selector was matched already; decoding the parameters directly spares a keccak per call.
  const values = AbiCoder.defaultAbiCoder().decode(fragment.inputs, "0x" + data.slice(10));
  return fragment.inputs.map((input, i) => ({
    name: input.name || `arg${i}`,
    type: input.format("sighash"),
    value: values[i] instanceof Result ? (values[i] as Result).toArray(true) : values[i],
    display: displayArg(values[i], input, ctx),
  }));
}

/**
 * Decode `data` sent to `target`: with the ABI of the deployment contract at `target` when there is one,
 * else with any known ABI that has the selector (marked as guessed). Unknown selectors and malformed data
 * come back raw; this never throws.
 */
export function describeFunctionCall(target: string, data: string, ctx?: SdkContext): DecodedFunction {
  const lower = data.toLowerCase();
  if (lower === "0x" || lower.length < 10) {
    return {
      selector: "0x",
      args: [],
      guessed: false,
      text: lower === "0x" ? "(no calldata: plain transfer)" : `raw ${lower}`,
    };
  }
  const selector = lower.slice(0, 10);
  const contract = ctx ? contractNameAt(ctx, target) : undefined;
  const candidates: { abi: string; guessed: boolean }[] = [];
  if (contract) candidates.push({ abi: contract, guessed: false });
  const any = bySelector(selector);
  if (any && any.abi !== contract) candidates.push({ abi: any.abi, guessed: contract === undefined });
  for (const c of candidates) {
    const iface = contractInterface(c.abi);
    const fragment = functionBySelector(c.abi, selector);
    if (!iface || !fragment) continue;
    try {
      const args = decodeWith(iface, fragment, lower, ctx);
      const text = `${fragment.name}(${args.map((a) => `${a.name}=${a.display}`).join(", ")})`;
      return {
        selector,
        signature: fragment.format("sighash"),
        name: fragment.name,
        args,
        abi: c.abi,
        guessed: c.guessed || (contract !== undefined && c.abi !== contract),
        text,
      };
    } catch {
      continue;
    }
  }
  const argBytes = (lower.length - 10) / 2;
  return {
    selector,
    args: [],
    guessed: false,
    text: `unknown selector ${selector} with ${argBytes} bytes of arguments`,
  };
}
