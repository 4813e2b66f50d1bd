/**
 * Small seeded random source for the demo store. Same seed, same store: tests and screenshots can rely on it, and
 * a bug report against "demo customer 812" means the same person on every machine.
 */
export class Rng {
  private s: number;

  constructor(seed: number) {
    this.s = seed >>> 0;
  }

  /** A stream for one item (customer i of store seed s), independent of how many items came before it. */
  static for(seed: number, item: number): Rng {
    return new Rng(mix(mix(seed >>> 0) ^ Math.imul(item + 1, 0x9e3779b1)));
  }

  /** mulberry32: uniform in [0, 1). */
  next(): number {
    this.s = (this.s + 0x6d2b79f5) | 0;
    let t = this.s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** Integer in [min, max], both included. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(list: readonly T[]): T {
    return list[Math.floor(this.next() * list.length)]!;
  }

  /** Index into `weights` chosen in proportion to its weight. */
  weighted(weights: readonly number[], total = sum(weights)): number {
    let r = this.next() * total;
    for (let i = 0; i < weights.length; i++) {
      r -= weights[i]!;
      if (r < 0) return i;
    }
    return weights.length - 1;
  }

  /** Geometric-ish count with the given mean, at least `min`. */
  count(mean: number, min = 0): number {
    const p = 1 / (mean - min + 1);
    return min + Math.floor(Math.log(1 - this.next()) / Math.log(1 - p));
  }
}

export function sum(xs: readonly number[]): number {
  let t = 0;
  for (const x of xs) t += x;
  return t;
}

/** A 32-bit integer hash (murmur3 finaliser), used to derive independent seeds. */
export function mix(h: number): number {
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/** Precomputed cumulative weights for hot picks (millions of calls per seed). */
export class WeightedPick<T> {
  private readonly cumulative: number[];
  private readonly total: number;

  constructor(
    private readonly items: readonly T[],
    weights: readonly number[],
  ) {
    let t = 0;
    this.cumulative = weights.map((w) => (t += w));
    this.total = t;
  }

  from(rng: Rng): T {
    const r = rng.next() * this.total;
    const c = this.cumulative;
    let i = 0;
    while (i < c.length - 1 && r >= c[i]!) i++;
    return this.items[i]!;
  }
}
