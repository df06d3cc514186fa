import { ActionGate, Gate, Policy } from '@auditgate/actiongate';
import { Engine, type RecordInput } from '@auditgate/core';
import { RedisActionStore, RedisStore } from '@auditgate/store-redis';
import type { BenchCase } from '../harness.js';

const INPUT: RecordInput = { trail: 'bench:actiongate@redis', verdict: 'ALLOW', gateType: 'actiongate', gateIdentity: 'bench:search@redis' };
const IN_FLIGHT = 64;

/** The names of the cases {@link redisCases} returns, known before a server is started. */
export const REDIS_CASE_NAMES = ['redis.record.chain', 'redis.record.chain_concurrent', 'redis.actiongate.check'];

/** Cases against a Redis at `url`; each uses its own key prefix, so runs do not collide. */
export function redisCases(url: string): BenchCase[] {
  const prefix = `auditgate-bench:${process.pid}:${Date.now()}:`;
  let store: RedisStore;
  let engine: Engine;
  let gateStore: RedisActionStore;
  let gates: ActionGate;
  const gate = new Gate('bench', 'search', 'redis');
  const policy = new Policy({ maxCalls: 100_000_000, window: 3600 });

  const openEngine = (name: string) => async () => {
    store = new RedisStore({ url, keyPrefix: `${prefix}${name}:` });
    engine = new Engine({ store, defaultPolicy: { integrity: 'CHAIN' } });
  };
  const closeEngine = async () => {
    await store.clear();
    await engine.close();
  };

  return [
    {
      name: 'redis.record.chain',
      iterations: 5_000,
      setup: openEngine('serial'),
      run: () => engine.record(INPUT),
      teardown: closeEngine,
    },
    {
      name: 'redis.record.chain_concurrent',
      iterations: 500,
      batch: IN_FLIGHT,
      setup: openEngine('concurrent'),
      run: () => Promise.all(Array.from({ length: IN_FLIGHT }, () => engine.record(INPUT))),
      teardown: closeEngine,
    },
    {
      name: 'redis.actiongate.check',
      iterations: 5_000,
      setup() {
        gateStore = new RedisActionStore({ url, keyPrefix: prefix });
        gates = new ActionGate({ store: gateStore });
      },
      run: () => gates.check(gate, policy),
      async teardown() {
        await gateStore.clear(gate.key);
        await gateStore.close();
      },
    },
  ];
}
