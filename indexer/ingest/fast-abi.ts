/**
 * A compiled event decoder for the common ABI shapes (elementary types, `string`, `bytes`, and arrays of static
 * elementary types), about two orders of magnitude faster than ethers' generic AbiCoder, which dominated the
 * ingest profile. Events with other shapes (tuples, nested or dynamic arrays, indexed dynamic values) fall back
 * to ethers. Results read like ethers `Result`s (by index and by name), but are plain arrays with named
 * properties (building a Result proxy cost more than decoding); addresses come back lower-case (handlers store
 * addresses lower-case anyway).
 */
import { Result, type EventFragment, type ParamType } from "ethers";

export type EventDecoder = (topics: readonly string[], data: string) => Result;

type Reader = (hex: string, offset: number) => unknown;

const WORD = 64; // hex chars per 32-byte word

function word(hex: string, offset: number): string {
  if (offset + WORD > hex.length) throw new Error("event data too short");
  return hex.slice(offset, offset + WORD);
}

/** A reader of one static value at a word offset (in hex chars, after "0x"); undefined when not supported. */
function staticReader(type: ParamType): Reader | undefined {
  const t = type.type;
  if (t === "address") return (hex, o) => "0x" + word(hex, o).slice(24);
  if (t === "bool") return (hex, o) => BigInt("0x" + word(hex, o)) !== 0n;
  let m = /^uint(\d*)$/.exec(t);
  if (m) return (hex, o) => BigInt("0x" + word(hex, o));
  m = /^int(\d*)$/.exec(t);
  if (m) {
    const bits = BigInt(m[1] || "256");
    return (hex, o) => BigInt.asIntN(Number(bits), BigInt("0x" + word(hex, o)));
  }
  m = /^bytes(\d+)$/.exec(t);
  if (m) {
    const n = Number(m[1]);
    return (hex, o) => "0x" + word(hex, o).slice(0, n * 2);
  }
  return undefined;
}

const utf8 = new TextDecoder("utf-8", { fatal: true });

/** A reader of a value in the data section (head word at `o`, tails relative to `base`). */
function dataReader(type: ParamType): Reader | undefined {
  const simple = staticReader(type);
  if (simple) return simple;
  const dynamicBytes = (hex: string, start: number) => {
    const length = Number(BigInt("0x" + word(hex, start)));
    const from = start + WORD;
    if (from + length * 2 > hex.length) throw new Error("event data too short");
    return hex.slice(from, from + length * 2);
  };
  if (type.type === "string") {
    return (hex, o) => utf8.decode(Buffer.from(dynamicBytes(hex, Number(BigInt("0x" + word(hex, o))) * 2), "hex"));
  }
  if (type.type === "bytes") return (hex, o) => "0x" + dynamicBytes(hex, Number(BigInt("0x" + word(hex, o))) * 2);
  if (type.isArray() && type.arrayLength === -1) {
    const element = staticReader(type.arrayChildren!);
    if (!element) return undefined;
    return (hex, o) => {
      const start = Number(BigInt("0x" + word(hex, o))) * 2;
      const length = Number(BigInt("0x" + word(hex, start)));
      const out: unknown[] = [];
      for (let i = 0; i < length; i++) out.push(element(hex, start + WORD * (i + 1)));
      return out;
    };
  }
  return undefined;
}

/** A fast decoder for `fragment`, or undefined when its shape needs the generic decoder. */
export function compileEventDecoder(fragment: EventFragment): EventDecoder | undefined {
  if (fragment.anonymous) return undefined;
  const readers: { indexed: boolean; read: Reader }[] = [];
  for (const input of fragment.inputs) {
    const read = input.indexed ? staticReader(input) : dataReader(input);
    if (!read) return undefined;
    readers.push({ indexed: input.indexed === true, read });
  }
  const names = fragment.inputs.map((i) => i.name);
  // A name an array already has (length, map ...) cannot be a property: let ethers build a Result then.
  const plain = names.every((n) => !(n in Array.prototype) && !/^\d+$/.test(n));
  const topicCount = readers.filter((r) => r.indexed).length + 1;
  return (topics, data) => {
    if (topics.length !== topicCount) throw new Error(`${fragment.name}: expected ${topicCount} topics`);
    const hex = data.slice(2).toLowerCase();
    const values: unknown[] = [];
    let topic = 1;
    let head = 0;
    for (const r of readers) {
      if (r.indexed) values.push(r.read(topics[topic++].slice(2).toLowerCase(), 0));
      else {
        values.push(r.read(hex, head));
        head += WORD;
      }
    }
    if (!plain)
      return Result.fromItems(
        values,
        names.map((n) => n || null),
      );
    const out = values as unknown[] & Record<string, unknown>;
    names.forEach((n, i) => {
      if (n) out[n] = values[i];
    });
    return out as unknown as Result;
  };
}
