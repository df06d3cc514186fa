import { Engine, type GuardInput } from '@auditgate/core';
import { MemoryStore } from '@auditgate/store-memory';
import type { BenchCase } from '../harness.js';

const TRAIL = 'bench:actiongate@user:1';
const INPUT: GuardInput = { verdict: 'ALLOW', gateType: 'actiongate', gateIdentity: 'bench:search@user:1' };
const action = () => 1;

function guardCase(name: string, wrap: (engine: Engine) => () => Promise<unknown>): BenchCase {
  let run: () => Promise<unknown>;
  return {
    name,
    iterations: 100_000,
    setup() {
      run = wrap(new Engine({ store: new MemoryStore() }));
    },
    run: () => run(),
  };
}

/** A guarded no-op action under HASH integrity: the cost of write-ahead recording. */
export const guardCases: BenchCase[] = [
  guardCase('guard.hash', (engine) => {
    const guarded = engine.guard(TRAIL, INPUT);
    return () => guarded(action);
  }),
  guardCase('guard_result.hash', (engine) => {
    const guarded = engine.guardResult(TRAIL, INPUT);
    return () => guarded(action);
  }),
];
