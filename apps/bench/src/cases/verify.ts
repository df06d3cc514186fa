import { Engine, parseLosslessJson, serializeEntry, verifyEntries } from '@auditgate/core';
import { MemoryStore } from '@auditgate/store-memory';
import type { BenchCase } from '../harness.js';

/** Verifies a 1,000-entry CHAIN trail kept as parsed wire entries, the way a verifier keeps a file it has read. */
function verifyChain(): BenchCase {
  let wire: unknown[] = [];
  return {
    name: 'verify.chain_1000',
    iterations: 2_000,
    async setup() {
      const engine = new Engine({ store: new MemoryStore(), defaultPolicy: { integrity: 'CHAIN' } });
      for (let i = 0; i < 1000; i++) {
        await engine.record({ trail: 'bench:actiongate@user:1', verdict: 'ALLOW', gateType: 'actiongate', gateIdentity: 'bench:search@user:1', detail: { i } });
      }
      wire = (await engine.query()).map((entry) => parseLosslessJson(serializeEntry(entry)));
    },
    run() {
      const report = verifyEntries(wire);
      if (!report.valid) throw new Error('the benchmark chain does not verify');
    },
  };
}

export const verifyCases: BenchCase[] = [verifyChain()];
