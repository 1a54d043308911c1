/** One benchmark measurement. `baseline` is the same quantity for the reference, measured in the same run. */
export interface BenchRow {
  name: string;
  unit: string;
  value: number;
  baseline?: number;
  /** The target, for the printed table (e.g. "< 200000"). */
  target?: string;
}

/** A group of measurements; suites run in order, each on a fresh in-process chain where they need one. */
export interface BenchSuite {
  readonly name: string;
  run(): Promise<BenchRow[]>;
}

/** Median of numbers. */
export function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

/** The p-th percentile (0..100) by nearest rank. */
export function percentile(values: number[], p: number): number {
  const s = [...values].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * s.length));
  return s[rank - 1];
}

/**
 * Whether a row meets its target: "met", "MISSED", or "" when the target is descriptive only (e.g. "vs node -e 0").
 * Understands "< N", "≤ N", "> N", "≥ N" and "within P% of baseline".
 */
export function verdict(row: BenchRow): string {
  const target = row.target?.trim();
  if (!target) return "";
  const bound = /^(<|≤|>|≥)\s*([\d.]+)$/.exec(target);
  if (bound) {
    const limit = Number(bound[2]);
    const ok = { "<": row.value < limit, "≤": row.value <= limit, ">": row.value > limit, "≥": row.value >= limit }[
      bound[1] as "<" | "≤" | ">" | "≥"
    ];
    return ok ? "met" : "MISSED";
  }
  const within = /^within\s+([\d.]+)%\s+of baseline$/.exec(target);
  if (within && row.baseline !== undefined) {
    return Math.abs(row.value - row.baseline) <= (row.baseline * Number(within[1])) / 100 ? "met" : "MISSED";
  }
  return "";
}
