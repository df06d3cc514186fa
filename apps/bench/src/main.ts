import { parseArgs } from 'node:util';
import { busCases } from './cases/bus.js';
import { gateCases } from './cases/gates.js';
import { guardCases } from './cases/guard.js';
import { queryCases } from './cases/query.js';
import { recordCases } from './cases/record.js';
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

  const cases: BenchCase[] = [...recordCases, ...queryCases, ...verifyCases, ...guardCases, ...busCases, ...gateCases];
  const selected = cases.filter((bench) => values.filter === undefined || bench.name.includes(values.filter));
  if (!values.json) console.log(`${'case'.padEnd(36)} ${'p50 µs'.padStart(9)} ${'p99 µs'.padStart(9)} ${'mean µs'.padStart(9)} ${'ops/s'.padStart(11)}`);
  for (const bench of selected) print(await measure(bench), values.json === true);
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
