/**
 * Compile-only check, run by `tsc --noEmit`: importing this package registers
 * 'budgetgate' in the bus's decision map, so narrowing on gateType yields this Decision.
 */
import type { DecisionEvent, GateType } from '@auditgate/bus';
import { expectTypeOf } from 'vitest';

import type { Decision } from './decision.js';

declare const event: DecisionEvent;

expectTypeOf<'budgetgate'>().toMatchTypeOf<GateType>();

if (event.gateType === 'budgetgate') {
  expectTypeOf(event.decision).toEqualTypeOf<Decision>();
  expectTypeOf(event.decision.requested.toString()).toEqualTypeOf<string>();
}
