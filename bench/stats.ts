// Timing helpers and the row type of the benchmark table.

export interface BenchRow {
  name: string;
  runs: number;
  median: number;
  p95: number;
  /** The DESIGN.md §7 bar in ms, or null where there is none. */
  bar: number | null;
  /** What the bar is compared with when not the median (e.g. the longest frame of a scroll). */
  judged?: number;
}

export function stats(samples: number[]): { median: number; p95: number } {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
  return { median: at(0.5), p95: at(0.95) };
}

export async function measure(runs: number, fn: () => unknown): Promise<number[]> {
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await fn();
    samples.push(performance.now() - start);
  }
  return samples;
}
