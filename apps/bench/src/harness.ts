/** One benchmark's summary, in the shape other implementations of the same spec report. */
export interface BenchResult {
  name: string;
  p50_us: number;
  p99_us: number;
  mean_us: number;
  ops_per_s: number;
}

/** A benchmark: `setup` builds state once, then `run` is one timed operation. */
export interface BenchCase {
  name: string;
  /** How many timed operations; the first tenth more run untimed as warm-up. */
  iterations?: number;
  setup?: () => Promise<void> | void;
  run: () => Promise<unknown> | unknown;
  teardown?: () => Promise<void> | void;
  /** Set when `run` does `batch` operations at once; latencies are divided by it. */
  batch?: number;
}

/**
 * Times each operation on its own with the monotonic high-resolution clock, so p50 and p99
 * are per-operation latencies. Timer overhead (about 30-60 ns here) is included.
 */
export async function measure(bench: BenchCase): Promise<BenchResult> {
  const iterations = bench.iterations ?? 20_000;
  const batch = bench.batch ?? 1;
  await bench.setup?.();

  for (let i = 0; i < Math.ceil(iterations / 10); i++) await bench.run();

  const samples = new Float64Array(iterations);
  const started = process.hrtime.bigint();
  for (let i = 0; i < iterations; i++) {
    const before = process.hrtime.bigint();
    const outcome = bench.run();
    if (outcome instanceof Promise) await outcome;
    samples[i] = Number(process.hrtime.bigint() - before) / 1000 / batch;
  }
  const totalSeconds = Number(process.hrtime.bigint() - started) / 1e9;
  await bench.teardown?.();

  samples.sort();
  const mean = samples.reduce((sum, value) => sum + value, 0) / iterations;
  return {
    name: bench.name,
    p50_us: round(samples[Math.floor(iterations * 0.5)]!),
    p99_us: round(samples[Math.floor(iterations * 0.99)]!),
    mean_us: round(mean),
    ops_per_s: Math.round((iterations * batch) / totalSeconds),
  };
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}
