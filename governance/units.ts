import { formatUnits, parseUnits } from "ethers";
import type { Unit } from "./catalog/types.js";
import { InputError } from "./errors.js";

/**
 * Amounts in the units of the catalog, both ways. Input is unambiguous: a plain integer is always the raw
 * on-chain value; anything else carries its unit:
 *
 * | unit     | human input                     | raw          |
 * |----------|---------------------------------|--------------|
 * | Seconds  | `90s` `30m` `12h` `7d` `2w`     | seconds      |
 * | Bps      | `2.5%` or `250 bps`             | basis points |
 * | Percent  | `4%`                            | whole percent|
 * | Wad      | `0.25 wad` or `0.25x`           | 1e18 = 1.0   |
 * | TokenWei | `100000 rSTB`, `1.5 tokens`     | 18 decimals  |
 * | Usd8     | `$0.06`, `0.06 USD`             | 8 decimals   |
 * | Flops    | `1e15`, `1e15 FLOPs`            | FLOPs        |
 * | Count, None | integers only                |              |
 * | ChainId  | integers only (a setting's display unit: printed without thousands separators) | |
 */
export type AmountInput = string | number | bigint;

const DURATIONS: Record<string, bigint> = { s: 1n, m: 60n, h: 3_600n, d: 86_400n, w: 604_800n };

function decimal(text: string, decimals: number, what: string): bigint {
  try {
    return parseUnits(text, decimals);
  } catch (cause) {
    throw new InputError(`"${text}" is not a ${what} with at most ${decimals} decimals`, { cause });
  }
}

/** Parse an amount given in `unit` (see the table above) to its raw on-chain integer. */
export function parseAmount(unit: Unit | "ChainId", input: AmountInput): bigint {
  if (typeof input === "bigint") {
    if (input < 0n) throw new InputError(`${input} is negative`);
    return input;
  }
  if (typeof input === "number") {
    if (!Number.isSafeInteger(input) || input < 0) {
      throw new InputError(`${input} is not a non-negative integer: write decimals as a string with a unit`);
    }
    return BigInt(input);
  }
  const text = input.trim().replace(/_/g, "");
  // Every on-chain value is a uint256 (at most 78 digits): longer input is a mistake, not a number to expand.
  if (text.length > 100) throw new InputError(`"${input.slice(0, 20)}…" is too long to be an amount`);
  if (/^\d+$/.test(text)) return BigInt(text);
  const sci = /^(\d+(?:\.\d+)?)e(\d+)(?:\s*flops)?$/i.exec(text);
  if (sci) {
    if (Number(sci[2]) > 77) throw new InputError(`"${input}" is larger than any on-chain value (2^256)`);
    const scaled = decimal(sci[1], 18, "number") * 10n ** BigInt(sci[2]);
    if (scaled % 10n ** 18n !== 0n) throw new InputError(`"${input}" is not an integer`);
    return scaled / 10n ** 18n;
  }
  switch (unit) {
    case "Seconds": {
      const m = /^(\d+(?:\.\d+)?)\s*([smhdw])$/.exec(text);
      if (!m) break;
      const value = decimal(m[1], 6, "duration") * DURATIONS[m[2]];
      if (value % 1_000_000n !== 0n) throw new InputError(`"${input}" is not a whole number of seconds`);
      return value / 1_000_000n;
    }
    case "Bps": {
      const pct = /^(\d+(?:\.\d+)?)\s*%$/.exec(text);
      if (pct) return decimal(pct[1], 2, "percentage");
      const bps = /^(\d+)\s*bps$/i.exec(text);
      if (bps) return BigInt(bps[1]);
      break;
    }
    case "Percent": {
      const pct = /^(\d+)\s*%$/.exec(text);
      if (pct) return BigInt(pct[1]);
      break;
    }
    case "Wad": {
      const m = /^(\d+(?:\.\d+)?)\s*(wad|x)$/i.exec(text);
      if (m) return decimal(m[1], 18, "number");
      break;
    }
    case "TokenWei": {
      const m = /^(\d+(?:\.\d+)?)\s*(rstb|sstb|tokens?)$/i.exec(text);
      if (m) return decimal(m[1], 18, "token amount");
      break;
    }
    case "Usd8": {
      const m = /^\$\s*(\d+(?:\.\d+)?)$/.exec(text) ?? /^(\d+(?:\.\d+)?)\s*usd$/i.exec(text);
      if (m) return decimal(m[1], 8, "USD amount");
      break;
    }
    default:
      break;
  }
  throw new InputError(`"${input}" is not a valid ${unit} amount (${HINTS[unit]})`);
}

const HINTS: Record<Unit | "ChainId", string> = {
  None: "an integer",
  ChainId: "an integer chain id",
  Count: "an integer",
  Seconds: "an integer of seconds, or e.g. 7d, 12h, 30m",
  Bps: "an integer of basis points, or e.g. 2.5%",
  Percent: "an integer, or e.g. 4%",
  Wad: 'a raw 18-decimal integer, or e.g. "0.25 wad"',
  TokenWei: 'a raw integer of wei, or e.g. "100000 rSTB"',
  Usd8: 'a raw 8-decimal integer, or e.g. "$0.06"',
  Flops: "an integer, or e.g. 1e15",
};

function trimDecimals(text: string): string {
  return text.includes(".") ? text.replace(/\.?0+$/, "") : text;
}

function groupThousands(text: string): string {
  const [int, frac] = text.split(".");
  const grouped = int.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  return frac ? `${grouped}.${frac}` : grouped;
}

/** A duration in seconds for people: "2 d", "1 d 12 h", "90 s". */
export function formatDuration(seconds: bigint): string {
  if (seconds === 0n) return "0 s";
  const parts: string[] = [];
  let rest = seconds;
  for (const [suffix, size] of [
    ["d", 86_400n],
    ["h", 3_600n],
    ["m", 60n],
    ["s", 1n],
  ] as const) {
    if (rest >= size) {
      parts.push(`${rest / size} ${suffix}`);
      rest %= size;
    }
  }
  return parts.join(" ");
}

/** An amount in `unit` for people (the inverse of parseAmount, with units spelled out). */
export function formatAmount(unit: Unit | "Address" | "ChainId", value: bigint | string): string {
  if (unit === "Address" || typeof value === "string") return String(value);
  switch (unit) {
    case "Seconds":
      return formatDuration(value);
    case "Bps":
      return `${trimDecimals(formatUnits(value, 2))}% (${value} bps)`;
    case "Percent":
      return `${value}%`;
    case "ChainId":
      return value.toString(); // an identifier: 31338, never "31,338"
    case "Wad":
      return `${trimDecimals(formatUnits(value, 18))} (wad)`;
    case "TokenWei":
      return `${groupThousands(trimDecimals(formatUnits(value, 18)))} tokens`;
    case "Usd8":
      return `$${trimDecimals(formatUnits(value, 8))}`;
    case "Flops": {
      const digits = value.toString();
      const zeros = digits.length - digits.replace(/0+$/, "").length;
      return zeros >= 3 ? `${digits.slice(0, digits.length - zeros)}e${zeros} FLOPs` : `${digits} FLOPs`;
    }
    default:
      return groupThousands(value.toString());
  }
}
