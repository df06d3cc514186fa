import { Engine, type Integrity, type RecordInput } from '@auditgate/core';
import { MemoryStore } from '@auditgate/store-memory';
import type { BenchCase } from '../harness.js';

const TRAIL = 'bench:actiongate@user:1';

function recordCase(name: string, integrity: Integrity, detail: RecordInput['detail']): BenchCase {
  let engine: Engine;
  const input: RecordInput = { trail: TRAIL, verdict: 'ALLOW', gateType: 'actiongate', gateIdentity: 'bench:search@user:1', detail };
  return {
    name,
    iterations: 100_000,
    setup() {
      engine = new Engine({ store: new MemoryStore() });
      engine.register(TRAIL, { integrity });
    },
    run: () => engine.record(input),
  };
}

const SIX_FIELDS = { tool: 'book_reservation', amount: 250.5, currency: 'USD', user: 'mia_li_3668', cabin: 'economy', passengers: 1 };

/** One awaited record at a time into a memory trail, under each integrity mode. */
export const recordCases: BenchCase[] = [
  recordCase('record.none', 'NONE', {}),
  recordCase('record.hash', 'HASH', {}),
  recordCase('record.chain', 'CHAIN', {}),
  recordCase('record.hash_detail', 'HASH', SIX_FIELDS),
];
