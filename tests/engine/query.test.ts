import { Engine, ValidationError } from '@auditgate/core';
import { MemoryStore } from '@auditgate/store-memory';
import { beforeAll, describe, expect, it } from 'vitest';
import { allow } from './helpers.js';

const TRAIL = 'billing:actiongate@user:42';
const OTHER = 'billing:budgetgate@user:42';
let engine: Engine;

beforeAll(async () => {
  let now = 100;
  engine = new Engine({ store: new MemoryStore(), clock: () => now });
  for (let i = 0; i < 10; i++) {
    now = 100 + i;
    await engine.record({ ...allow(TRAIL, { i }), verdict: i % 3 === 0 ? 'BLOCK' : 'ALLOW', severity: i % 2 ? 'WARN' : 'INFO' });
    await engine.record({ ...allow(OTHER, { i }), gateType: 'budgetgate' });
  }
});

describe('engine.query', () => {
  it('filters one trail by time, verdict and severity, in sequence order', async () => {
    const entries = await engine.query({ trail: TRAIL, after: 102, before: 108, verdict: 'ALLOW', minSeverity: 'WARN' });
    expect(entries.map((entry) => entry.sequence)).toEqual([5, 7]);
  });

  it('applies offset and limit after the filters', async () => {
    const entries = await engine.query({ trail: TRAIL, verdict: ['ALLOW'], offset: 2, limit: 3 });
    expect(entries.map((entry) => entry.sequence)).toEqual([4, 5, 7]);
    expect(await engine.count({ trail: TRAIL, verdict: ['ALLOW'], offset: 2, limit: 3 })).toBe(6);
  });

  it('starts at fromSequence', async () => {
    const entries = await engine.query({ trail: TRAIL, fromSequence: 8 });
    expect(entries.map((entry) => entry.sequence)).toEqual([8, 9]);
  });

  it('orders entries of several trails by ts, then trail', async () => {
    const entries = await engine.query({ after: 104, before: 106 });
    expect(entries.map((entry) => `${entry.trail}#${entry.sequence}`)).toEqual([
      `${TRAIL}#4`,
      `${OTHER}#4`,
      `${TRAIL}#5`,
      `${OTHER}#5`,
    ]);
  });

  it('filters by gate type across trails', async () => {
    expect(await engine.count({ gateType: 'budgetgate' })).toBe(10);
  });

  it.each([
    { limit: -1 },
    { offset: 1.5 },
    { after: 'yesterday' },
    { verdict: 'MAYBE' },
    { minSeverity: 'LOUD' },
    { trial: TRAIL },
    { trail: 'nocolon' },
  ])(
    'rejects the filter %j',
    async (filter) => {
      await expect(engine.query(filter as never)).rejects.toBeInstanceOf(ValidationError);
    },
  );
});
