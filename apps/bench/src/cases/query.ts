import { Engine } from '@auditgate/core';
import { MemoryStore } from '@auditgate/store-memory';
import type { BenchCase } from '../harness.js';

const TRAIL = 'bench:actiongate@user:1';
let engine: Engine | undefined;

// One 10,000-entry trail, shared by the query cases; every third entry is a BLOCK.
async function filledEngine(): Promise<Engine> {
  if (engine !== undefined) return engine;
  engine = new Engine({ store: new MemoryStore() });
  for (let i = 0; i < 10_000; i++) {
    await engine.record({
      trail: TRAIL,
      verdict: i % 3 === 0 ? 'BLOCK' : 'ALLOW',
      severity: i % 2 === 0 ? 'INFO' : 'WARN',
      gateType: 'actiongate',
      gateIdentity: 'bench:search@user:1',
      detail: { i },
    });
  }
  return engine;
}

function queryCase(name: string, filter: Parameters<Engine['query']>[0]): BenchCase {
  let filled: Engine;
  return {
    name,
    iterations: 20_000,
    async setup() {
      filled = await filledEngine();
    },
    run: () => filled.query(filter),
  };
}

export const queryCases: BenchCase[] = [
  queryCase('query.10k_limit100', { trail: TRAIL, limit: 100 }),
  queryCase('query.10k_filtered_limit50', { trail: TRAIL, verdict: 'BLOCK', minSeverity: 'WARN', limit: 50 }),
  queryCase('query.10k_offset5000_limit100', { trail: TRAIL, offset: 5000, limit: 100 }),
];
