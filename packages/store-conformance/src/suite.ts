import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConformanceContext, type ConformanceOptions, type StoreFactory } from './context.js';
import { describeAppend } from './sections/append.js';
import { describeEngineConcurrency } from './sections/engine.js';
import { describeFaults } from './sections/faults.js';
import { describePruneAndClear } from './sections/prune-clear.js';
import { describeQuery } from './sections/query.js';
import { describeRestart } from './sections/restart.js';
import { describeRoundTrip } from './sections/round-trip.js';
import { describeTail } from './sections/tail.js';

/**
 * Defines vitest tests that check a store against the Store contract of `@auditgate/core`:
 * appends, tails, queries, counts, pruning, clearing, concurrent engines, injected failures and,
 * when the factory gives `reopen`, restarts. Call it at the top level of a test file. Each test
 * gets a fresh store from `factory` and closes it afterwards.
 *
 * @example
 * describeStoreConformance('MemoryStore', () => ({ store: new MemoryStore() }));
 */
export function describeStoreConformance(name: string, factory: StoreFactory, options: ConformanceOptions = {}): void {
  const context = new ConformanceContext(options);

  describe(`${name} conforms to the Store contract`, () => {
    beforeEach(async () => {
      await context.start(factory);
    });

    afterEach(async () => {
      await context.finish();
    });

    describeAppend(context, 'append');
    describeAppend(context, 'appendSync');
    describeTail(context);
    describeQuery(context);
    describeRoundTrip(context);
    describePruneAndClear(context);
    describeEngineConcurrency(context);
    describeFaults(context);
    describeRestart(context);

    it('knownFailures name existing tests', () => {
      expect(context.unmatchedKnownFailures).toEqual([]);
    });
  });
}
