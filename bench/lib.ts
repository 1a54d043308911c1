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
