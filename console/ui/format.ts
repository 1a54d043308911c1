import { formatUnits } from "ethers";

/** "1.2M", "400k", "12" for rSTB amounts in wei. */
export function compactTokens(wei: bigint): string {
  const n = Number(formatUnits(wei, 18));
  if (n >= 1e6) return `${(n / 1e6).toFixed(n >= 1e7 ? 0 : 1)}M`;
  if (n >= 1e3) return `${(n / 1e3).toFixed(n >= 1e4 ? 0 : 1)}k`;
  return n.toFixed(n >= 10 ? 0 : 2).replace(/\.00$/, "");
}

/** "in 2d 3h", "3h ago" relative to `now` (unix seconds). */
export function relative(t: bigint, now: bigint): string {
  const d = Number(t - now);
  const abs = Math.abs(d);
  const text =
    abs >= 86_400
      ? `${Math.floor(abs / 86_400)}d ${Math.floor((abs % 86_400) / 3_600)}h`
      : abs >= 3_600
        ? `${Math.floor(abs / 3_600)}h ${Math.floor((abs % 3_600) / 60)}m`
        : `${Math.floor(abs / 60)}m`;
  return d >= 0 ? `in ${text}` : `${text} ago`;
}
