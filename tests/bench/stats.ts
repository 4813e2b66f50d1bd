export interface Stat {
  name: string;
  n: number;
  p50: number;
  p99: number;
  mean: number;
  max: number;
}

/** Nearest-rank percentiles of a set of timings in milliseconds. */
export function stat(name: string, samples: readonly number[]): Stat {
  const ms = [...samples].sort((a, b) => a - b);
  const at = (q: number) => ms[Math.max(0, Math.min(ms.length - 1, Math.ceil(q * ms.length) - 1))] ?? NaN;
  return {
    name,
    n: ms.length,
    p50: at(0.5),
    p99: at(0.99),
    mean: ms.reduce((s, x) => s + x, 0) / ms.length,
    max: ms.at(-1) ?? NaN,
  };
}
