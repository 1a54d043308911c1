/**
 * Seeded randomness for the property tests. Set STAB3L_SEED to replay a run; every failure prints its seed.
 */

/** mulberry32: a small, fast, seedable 32-bit PRNG. */
export class Prng {
  private state: number;

  constructor(readonly seed: number) {
    this.state = seed >>> 0;
  }

  /** Uniform in [0, 1). */
  next(): number {
    let t = (this.state = (this.state + 0x6d2b79f5) >>> 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  }

  /** Integer in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  /** bigint in [min, max] (resolution: 1/2^32 of the range, plenty here). */
  big(min: bigint, max: bigint): bigint {
    const span = max - min;
    return min + (span * BigInt(Math.floor(this.next() * 4_294_967_296))) / 4_294_967_296n;
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)];
  }

  chance(p: number): boolean {
    return this.next() < p;
  }
}

/** The base seed of this process: STAB3L_SEED or a fresh one. */
export const BASE_SEED = process.env.STAB3L_SEED
  ? Number(process.env.STAB3L_SEED)
  : Math.floor(Math.random() * 2 ** 31);

/**
 * Run `body` for `runs` seeds derived from BASE_SEED; on failure rethrow with the seed that reproduces it
 * (`STAB3L_SEED=<seed> RUNS=1`).
 */
export async function forAllSeeds(runs: number, body: (rng: Prng, run: number) => Promise<void>): Promise<void> {
  const total = process.env.RUNS ? Number(process.env.RUNS) : runs;
  for (let run = 0; run < total; run++) {
    const seed = (BASE_SEED + run) >>> 0;
    try {
      await body(new Prng(seed), run);
    } catch (err) {
      const message = `property failed with seed ${seed} (replay: STAB3L_SEED=${seed} RUNS=1)`;
      console.error(message);
      throw new Error(`${message}: ${(err as Error).message}`, { cause: err });
    }
  }
}
