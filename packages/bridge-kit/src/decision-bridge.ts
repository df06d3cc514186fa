import { AuditError, Trail, type Engine, type JsonObject, type RecordInput, type Severity, type Verdict } from '@auditgate/core';
import { VetoError, type GateBus, type GateType } from '@auditgate/bus';

/** The parts of a gate decision that every gate shares. */
export interface GateDecisionLike {
  readonly status: 'ALLOW' | 'BLOCK';
  readonly reason: string | null;
}

interface AnyDecisionEvent {
  readonly gateType: string;
  readonly identity: string;
  readonly decision: unknown;
  readonly wire: Readonly<Record<string, unknown>>;
}

/** Severity per verdict, used when a bridge is given no `severity` function. */
export const DEFAULT_SEVERITIES: Readonly<Record<Verdict, Severity>> = Object.freeze({
  ALLOW: 'INFO',
  BLOCK: 'WARN',
  ERROR: 'ERROR',
  OVERRIDE: 'WARN',
});

/** Options of a bridge: the engine and bus, and the mapping from decisions to entries. */
export interface BridgeOptions<D extends GateDecisionLike> {
  readonly engine: Engine;
  readonly bus: GateBus;
  /** Picks the trail for a decision. */
  readonly route?: (decision: D, identity: string) => Trail | string;
  /** Picks the severity for a decision; the default goes by verdict, see {@link DEFAULT_SEVERITIES}. */
  readonly severity?: (decision: D, verdict: Verdict) => Severity;
  /** Written into each entry's `recorded_by`; defaults to the engine's. */
  readonly recordedBy?: string;
}

/**
 * Verdict for a gate decision: the gate's status, except that a decision made because the
 * gate's own store failed becomes ERROR, whichever way the gate then let the call go.
 */
export function verdictOf(decision: GateDecisionLike): Verdict {
  if (decision.reason === 'STORE_ERROR') return 'ERROR';
  return decision.status;
}

/**
 * Subscribes to one gate type's decisions on a bus and records each into an audit trail, with
 * the decision's wire form as the entry's detail.
 *
 * When the trail's policy is FAIL_CLOSED and the entry could not be recorded, for any reason,
 * the listener rejects with a `VetoError`, so the gate's `guard` does not run the action. An
 * action therefore never runs before its gate decisions are on record. A trail that cannot be determined
 * takes the engine's default policy. Under FAIL_OPEN a failed record is counted in
 * {@link failures} and the action may run.
 */
export class DecisionBridge<K extends GateType, D extends GateDecisionLike> {
  readonly #engine: Engine;
  readonly #bus: GateBus;
  readonly #unsubscribe: () => void;
  #failures = 0;

  constructor(
    readonly gateType: K,
    defaultRoute: (decision: D, identity: string) => Trail | string,
    options: BridgeOptions<D>,
  ) {
    this.#engine = options.engine;
    this.#bus = options.bus;
    const route = options.route ?? defaultRoute;
    const severity = options.severity ?? ((_decision: D, verdict: Verdict) => DEFAULT_SEVERITIES[verdict]);

    // This package registers no gate in the bus's decision map, so events are read structurally.
    this.#unsubscribe = options.bus.on('decision', (event: AnyDecisionEvent) => {
      if (event.gateType !== gateType) return undefined;
      return this.#record(() => {
        const decision = event.decision as D;
        const verdict = verdictOf(decision);
        return {
          trail: route(decision, event.identity),
          verdict,
          severity: severity(decision, verdict),
          gateType,
          gateIdentity: event.identity,
          reason: decision.reason,
          detail: event.wire as JsonObject,
          ...(options.recordedBy === undefined ? {} : { recordedBy: options.recordedBy }),
        };
      });
    });
  }

  /** How many decisions could not be recorded. */
  get failures(): number {
    return this.#failures;
  }

  /** Resolves once every decision emitted so far has been recorded or has failed. */
  async flush(): Promise<void> {
    await this.#bus.drain();
    await this.#engine.flush();
  }

  /** Stops recording decisions; decisions already received are still recorded. */
  close(): void {
    this.#unsubscribe();
  }

  // Whatever keeps a decision off the record (a store failure, a closed engine, a route or
  // severity callback that throws, a detail the engine rejects) vetoes the action under
  // FAIL_CLOSED, because the action must not run unrecorded.
  async #record(buildInput: () => RecordInput): Promise<void> {
    let input: RecordInput | undefined;
    let failure: unknown;
    try {
      input = buildInput();
      const decision = await this.#engine.record(input);
      if (decision.reason !== 'STORE_ERROR') return;
      failure = decision.error;
    } catch (error) {
      failure = error instanceof AuditError ? error.decision.error : error;
    }

    this.#failures++;
    const trail = this.#trailOf(input);
    const policy = trail === null ? this.#engine.defaultPolicy : this.#engine.policyOf(trail);
    if (policy.onStoreError === 'FAIL_CLOSED') {
      const where = trail === null ? 'its trail could not be determined' : `trail ${trail.toString()} is FAIL_CLOSED`;
      throw new VetoError(`the decision could not be recorded and ${where}: ${describe(failure)}`, { cause: failure });
    }
  }

  #trailOf(input: RecordInput | undefined): Trail | null {
    if (input === undefined) return null;
    try {
      return Trail.from(input.trail);
    } catch {
      return null;
    }
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Builds the default trail of a gate: the gate's namespace and principal, with the gate type as source. */
export function gateTrail(namespace: string, gateType: string, principal: string): Trail {
  return new Trail(namespace, gateType, principal);
}
