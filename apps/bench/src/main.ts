import { parseArgs } from 'node:util';
import { busCases } from './cases/bus.js';
import { gateCases } from './cases/gates.js';
import { guardCases } from './cases/guard.js';
import { queryCases } from './cases/query.js';
import { recordCases } from './cases/record.js';
import { REDIS_CASE_NAMES, redisCases } from './cases/redis.js';
import { benchRedis } from './redis-server.js';
import { verifyCases } from './cases/verify.js';
import { measure, type BenchCase, type BenchResult } from './harness.js';

const HELP = `Usage: pnpm bench [--json] [--filter TEXT]

Runs auditgate's latency benchmarks and prints p50, p99 and mean in microseconds per operation.

  --json         one JSON object per line: {"name","p50_us","p99_us","mean_us","ops_per_s"}
  --filter TEXT  only the cases whose name contains TEXT
  --help         this text

Example: pnpm bench --json --filter record.`;

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { json: { type: 'boolean' }, filter: { type: 'string' }, help: { type: 'boolean' } },
  });
  if (values.help) {
    console.log(HELP);
    return;
  }

  const wanted = (name: string) => values.filter === undefined || name.includes(values.filter);
  const cases: BenchCase[] = [...recordCases, ...queryCases, ...verifyCases, ...guardCases, ...busCases, ...gateCases].filter((bench) => wanted(bench.name));
  if (!values.json) console.log(`${'case'.padEnd(36)} ${'p50 µs'.padStart(9)} ${'p99 µs'.padStart(9)} ${'mean µs'.padStart(9)} ${'ops/s'.padStart(11)}`);
  for (const bench of cases) print(await measure(bench), values.json === true);

  // The Redis cases run only where a server can be had: REDIS_URL, or redis-server on PATH.
  if (!REDIS_CASE_NAMES.some(wanted)) return;
  const redis = await benchRedis();
  if (redis === null) {
    console.error('redis cases skipped: set REDIS_URL or put redis-server on PATH');
    return;
  }
  try {
    for (const bench of redisCases(redis.url).filter((bench) => wanted(bench.name))) print(await measure(bench), values.json === true);
  } finally {
    await redis.stop();
  }
}

function print(result: BenchResult, json: boolean): void {
  if (json) {
    console.log(JSON.stringify(result));
    return;
  }
  const cell = (value: number) => value.toFixed(3).padStart(9);
  console.log(`${result.name.padEnd(36)} ${cell(result.p50_us)} ${cell(result.p99_us)} ${cell(result.mean_us)} ${String(result.ops_per_s).padStart(11)}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
