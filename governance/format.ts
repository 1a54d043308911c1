import { formatUnits } from "ethers";
import type { Unit } from "./catalog/types.js";

/** Human form of a duration in seconds: "2 d", "3 h", "90 s", "1 d 2 h". */
export function formatDuration(seconds: bigint | number): string {
  let s = BigInt(seconds);
  if (s === 0n) return "0 s";
  const parts: string[] = [];
  for (const [unit, size] of [
    ["d", 86_400n],
    ["h", 3_600n],
    ["min", 60n],
    ["s", 1n],
  ] as const) {
    if (s >= size) {
      parts.push(`${s / size} ${unit}`);
      s %= size;
    }
    if (parts.length === 2) break;
  }
  return parts.join(" ");
}

/** Human form of a value of the given catalog unit. Raw integers stay exact in --json output. */
export function formatUnitValue(unit: Unit | "Address", value: bigint | string): string {
  if (unit === "Address") return String(value);
  const v = BigInt(value);
  switch (unit) {
    case "Seconds":
      return formatDuration(v);
    case "TokenWei":
      return trimZeros(formatUnits(v, 18));
    case "Wad":
      return trimZeros(formatUnits(v, 18));
    case "Bps":
      return `${trimZeros(formatUnits(v, 2))}%`;
    case "Percent":
      return `${v}%`;
    case "Usd8":
      return `$${trimZeros(formatUnits(v, 8))}`;
    case "Flops":
      return `${v.toString()} FLOPs`;
    default:
      return v.toString();
  }
}

function trimZeros(s: string): string {
  const [int, frac = ""] = s.split(".");
  const f = frac.replace(/0+$/, "");
  const grouped = int.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  return f ? `${grouped}.${f}` : grouped;
}

/**
 * Parse a human value of a catalog unit back to its on-chain integer: "2d", "48h", "12.5%", "0.06",
 * "1000000" ... Throws a one-line Error naming the expected form.
 */
export function parseUnitValue(unit: Unit, input: string): bigint {
  const text = input.trim().replace(/_/g, "").replace(/,/g, "");
  const fail = (form: string): never => {
    throw new Error(`"${input}" is not ${form}`);
  };
  const decimal = (s: string, decimals: number): bigint => {
    if (!/^\d+(\.\d+)?$/.test(s)) fail("a non-negative number");
    const [int, frac = ""] = s.split(".");
    if (frac.length > decimals) fail(`a number with at most ${decimals} decimals`);
    return BigInt(int) * 10n ** BigInt(decimals) + BigInt((frac + "0".repeat(decimals)).slice(0, decimals) || "0");
  };
  switch (unit) {
    case "Seconds": {
      const m = /^(\d+)\s*(s|sec|m|min|h|d|w)?$/.exec(text);
      if (!m) return fail('a duration like "90s", "30m", "12h", "2d" or a number of seconds');
      const mult = { s: 1n, sec: 1n, m: 60n, min: 60n, h: 3_600n, d: 86_400n, w: 604_800n }[m[2] ?? "s"]!;
      return BigInt(m[1]) * mult;
    }
    case "Bps":
      return text.endsWith("%") ? decimal(text.slice(0, -1), 2) : decimal(text, 0);
    case "Percent":
      return decimal(text.replace(/%$/, ""), 0);
    case "Wad":
    case "TokenWei":
      return decimal(text, 18);
    case "Usd8":
      return decimal(text.replace(/^\$/, ""), 8);
    default:
      return decimal(text, 0);
  }
}

/** JSON.stringify replacer that writes bigints as decimal strings. */
export function bigintReplacer(_key: string, value: unknown): unknown {
  return typeof value === "bigint" ? value.toString() : value;
}
