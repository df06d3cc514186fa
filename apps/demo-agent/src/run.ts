import { bridgeActionGate } from '@auditgate/bridge-actiongate';
import { bridgeBudgetGate } from '@auditgate/bridge-budgetgate';
import { GateBus } from '@auditgate/bus';
import { Engine, verifyEntries, type VerifyReport } from '@auditgate/core';
import { openWritableStore } from './open-store.js';
import { REPLAY_START, replay } from './replay.js';
import { buildSummary, type Summary } from './summary.js';
import type { Session } from './tool-call.js';
import { attachCheckpointer, verifyAgainstCheckpoints } from './signing.js';
import { dumpTrails, readBack } from './trail-export.js';
import type { CheckpointReport } from '@auditgate/checkpoint';

export interface DemoOptions {
  readonly session: Session;
  /** Names the input in the summary. */
  readonly input: string;
  readonly storeUrl: string;
  readonly onProgress?: (done: number) => void;
  /** Signs checkpoints with this Ed25519 private key file and writes them to `checkpointsOut`. */
  readonly signing?: { readonly keyFile: string; readonly checkpointsOut: string };
}

/** The output of one demo run. */
export interface DemoRun {
  readonly summary: Summary;
  readonly report: VerifyReport;
  /** Every trail's entries as serialized wire lines, trails in name order. */
  readonly lines: readonly string[];
  /** The verification against signed checkpoints, when the run signed them. */
  readonly checkpoints?: CheckpointReport;
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
  const signing = options.signing === undefined ? null : await attachCheckpointer(engine, options.signing.keyFile, options.signing.checkpointsOut);

  try {
    const tally = await replay(options.session.calls, {
      bus,
      onTime: (seconds) => {
        now = seconds;
      },
      ...(options.onProgress === undefined ? {} : { onProgress: options.onProgress }),
    });
    for (const bridge of bridges) await bridge.flush();

    if (signing !== null) await signing.checkpointer.checkpointAll();

    const dump = await dumpTrails(store);
    const report = verifyEntries(readBack(dump.lines));
    const checkpoints = signing === null ? undefined : await verifyAgainstCheckpoints(dump.lines, signing);
    const signed = checkpoints === undefined || signing === null ? undefined : { report: checkpoints, signed: signing.sink.written };
    const summary = buildSummary(options.input, options.storeUrl, options.session.conversations, tally, dump.entriesPerTrail, report, signed);
    return { summary, report, lines: dump.lines, ...(checkpoints === undefined ? {} : { checkpoints }) };
  } finally {
    await engine.close();
  }
}
