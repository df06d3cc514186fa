import { Decimal } from '@auditgate/budgetgate';
import type { ToolCall } from './tool-call.js';

/** Counts what a replay saw and decided; the summary is built from it. */
export class Tally {
  toolCalls = 0;
  allowed = 0;
  blocked = 0;
  moved = Decimal.ZERO;
  /** Decisions per gate type, then per reason (`ALLOW` for an allowed call). */
  readonly byGate: Record<string, Record<string, number>> = {};
  /** Blocked calls per tool. */
  readonly blockedByTool: Record<string, number> = {};

  see(): void {
    this.toolCalls++;
  }

  decision(gateType: string, reason: string): void {
    const counts = (this.byGate[gateType] ??= {});
    counts[reason] = (counts[reason] ?? 0) + 1;
  }

  outcome(call: ToolCall, allowed: boolean): void {
    if (allowed) {
      this.allowed++;
      return;
    }
    this.blocked++;
    this.blockedByTool[call.tool] = (this.blockedByTool[call.tool] ?? 0) + 1;
  }

  spend(amount: string): void {
    this.moved = this.moved.add(Decimal.from(amount));
  }
}
