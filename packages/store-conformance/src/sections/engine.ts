import { describe, expect } from 'vitest';
import type { ConformanceContext } from '../context.js';
import { expectTrailHoldsRecorded, input, newEngine } from './engine-helpers.js';

const TRAIL = 'billing:actiongate@user:42';

/** Concurrent writers through core's Engine: one contiguous, verifiable chain per trail. */
export function describeEngineConcurrency(context: ConformanceContext): void {
  const test = context.test.bind(context, 'engine concurrency');

  describe('engine concurrency', () => {
    test('concurrent records form one chain', async () => {
      const engine = newEngine(context.store);

      const decisions = await Promise.all(Array.from({ length: 200 }, (_, n) => engine.record(input(TRAIL, { n }))));

      expect(decisions.every((decision) => decision.status === 'RECORDED')).toBe(true);
      expect(decisions.map((decision) => decision.entry!.sequence).sort((a, b) => a - b)).toEqual(Array.from({ length: 200 }, (_, i) => i));
      await expectTrailHoldsRecorded(context.store, TRAIL, decisions);
    });

    test('two engines on one trail: no gaps or forks', async () => {
      // Small batches make the two writers interleave and collide often.
      const left = newEngine(context.store, {}, 4);
      const right = newEngine(context.store, {}, 4);

      const pending = [];
      for (let n = 0; n < 80; n++) {
        pending.push(left.record(input(TRAIL, { writer: 'left', n })));
        pending.push(right.record(input(TRAIL, { writer: 'right', n })));
      }
      const decisions = await Promise.all(pending);

      expect(decisions.every((decision) => decision.status === 'RECORDED')).toBe(true);
      await expectTrailHoldsRecorded(context.store, TRAIL, decisions);
      const stored = await context.store.query({ trail: TRAIL });
      const written = new Set(stored.map((entry) => `${String(entry.detail.writer)}:${String(entry.detail.n)}`));
      expect(written.size).toBe(160);
    });

    test('two engines, sequential turns, one chain', async () => {
      const left = newEngine(context.store);
      const right = newEngine(context.store);

      // Each engine remembers the tail it last wrote, which the other one has moved since.
      const decisions = [];
      for (let n = 0; n < 6; n++) {
        decisions.push(await left.record(input(TRAIL, { n })));
        decisions.push(await right.record(input(TRAIL, { n })));
      }

      expect(decisions.map((decision) => decision.entry?.sequence)).toEqual(Array.from({ length: 12 }, (_, i) => i));
      await expectTrailHoldsRecorded(context.store, TRAIL, decisions);
    });

    test('concurrent records on many trails', async () => {
      const engine = newEngine(context.store);
      const trails = Array.from({ length: 8 }, (_, i) => `tenant${i}:actiongate@user:${i}`);

      const decisions = await Promise.all(
        Array.from({ length: 160 }, (_, n) => engine.record(input(trails[n % trails.length]!, { n }))),
      );

      for (const trail of trails) {
        const mine = decisions.filter((decision) => decision.trail.toString() === trail);
        expect(mine).toHaveLength(20);
        await expectTrailHoldsRecorded(context.store, trail, mine);
      }
      expect((await context.store.trails()).sort()).toEqual([...trails].sort());
    });
  });
}
