import { bridgeActionGate } from '@auditgate/bridge-actiongate';
import { bridgeBudgetGate } from '@auditgate/bridge-budgetgate';
import { GateBus } from '@auditgate/bus';
import { Engine, verifyEntries, type VerifyReport } from '@auditgate/core';
import { openWritableStore } from './open-store.js';
import { REPLAY_START, replay } from './replay.js';
import { buildSummary, type Summary } from './summary.js';
import type { Session } from './tool-call.js';
import { dumpTrails, readBack } from './trail-export.js';

export interface DemoOptions {
  readonly session: Session;
  /** Names the input in the summary. */
  readonly input: string;
  readonly storeUrl: string;
  readonly onProgress?: (done: number) => void;
}

/** The output of one demo run. */
export interface DemoRun {
  readonly summary: Summary;
  readonly report: VerifyReport;
  /** Every trail's entries as serialized wire lines, trails in name order. */
  readonly lines: readonly string[];
}

/**
 * Replays a session through both gates, records every decision into CHAIN trails through the
 * bus and the bridges, then reads the trails back from the store and verifies them.
 */
export async function runDemo(options: DemoOptions): Promise<DemoRun> {
  const store = await openWritableStore(options.storeUrl);

  // Entries take their ts from the replay's simulated clock, so reruns write identical trails.
  let now = REPLAY_START;
  const engine = new Engine({ store, clock: () => now, recordedBy: 'demo-agent', defaultPolicy: { integrity: 'CHAIN' } });
  const bus = new GateBus();
  const bridges = [bridgeActionGate({ engine, bus }), bridgeBudgetGate({ engine, bus })];

  try {
    const tally = await replay(options.session.calls, {
      bus,
      onTime: (seconds) => {
        now = seconds;
      },
      ...(options.onProgress === undefined ? {} : { onProgress: options.onProgress }),
    });
    for (const bridge of bridges) await bridge.flush();

    const dump = await dumpTrails(store);
    const report = verifyEntries(readBack(dump.lines));
    const summary = buildSummary(options.input, options.storeUrl, options.session.conversations, tally, dump.entriesPerTrail, report);
    return { summary, report, lines: dump.lines };
  } finally {
    await engine.close();
  }
}
