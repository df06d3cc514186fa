import { Policy } from '@auditgate/actiongate';
import { Budget } from '@auditgate/budgetgate';
import type { ToolCall } from './tool-call.js';

/** The namespace of every gate and trail in the demo. */
export const NAMESPACE = 'airline';

/**
 * Rate limits per tool and customer. Searches are cheap but can loop; changes, cancellations and
 * transfers to a human agent are the calls a runaway agent must not repeat.
 */
export const ACTION_POLICIES: Readonly<Record<string, Policy>> = {
  search_direct_flight: new Policy({ maxCalls: 10, window: 600 }),
  search_onestop_flight: new Policy({ maxCalls: 10, window: 600 }),
  update_reservation_flights: new Policy({ maxCalls: 3, window: 3600 }),
  update_reservation_baggages: new Policy({ maxCalls: 2, window: 3600 }),
  update_reservation_passengers: new Policy({ maxCalls: 2, window: 3600 }),
  cancel_reservation: new Policy({ maxCalls: 2, window: 86_400 }),
  book_reservation: new Policy({ maxCalls: 3, window: 86_400 }),
  send_certificate: new Policy({ maxCalls: 1, window: 86_400 }),
  transfer_to_human_agents: new Policy({ maxCalls: 2, window: 86_400, cooldown: 1800 }),
};

/** Daily spending limit per customer, across bookings, certificates and fees. */
export const DAILY_BUDGET = new Budget({ maxSpend: '2500.00', window: 86_400, scale: 2 });

/** The fee per checked bag that is not free. */
const BAG_FEE = 50;

/** Held for a flight change before its price is known; the commit takes the actual price. */
export const FLIGHT_CHANGE_ESTIMATE = '2000.00';

/** The money a tool call moves, as the budget counts it. */
export type Cost =
  | { readonly kind: 'none' }
  | { readonly kind: 'fixed'; readonly amount: string }
  | { readonly kind: 'metered'; readonly estimate: string; readonly actual: string };

/** Reads the money a call moves from its arguments, or for a flight change, from its result. */
export function costOf(call: ToolCall): Cost {
  switch (call.tool) {
    case 'book_reservation':
      return fixed(sumPayments(call.args.payment_methods));
    case 'send_certificate':
      return fixed(toNumber(call.args.amount));
    case 'update_reservation_baggages':
      return fixed(toNumber(call.args.nonfree_baggages) * BAG_FEE);
    case 'update_reservation_flights':
      return { kind: 'metered', estimate: FLIGHT_CHANGE_ESTIMATE, actual: money(Math.min(changePrice(call.result), 2000)) };
    default:
      return { kind: 'none' };
  }
}

function fixed(amount: number): Cost {
  return amount > 0 ? { kind: 'fixed', amount: money(amount) } : { kind: 'none' };
}

// Amounts in the trajectories are dollars with at most cents; two decimals keep them exact.
function money(amount: number): string {
  return amount.toFixed(2);
}

function toNumber(value: unknown): number {
  return typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : 0;
}

function sumPayments(methods: unknown): number {
  if (!Array.isArray(methods)) return 0;
  return methods.reduce((sum: number, method: { amount?: unknown }) => sum + toNumber(method?.amount), 0);
}

// A flight change's result is the updated reservation. When the change added a payment, that last
// payment is the price difference the customer paid; a refund, being negative, moves no budget.
function changePrice(result: string | null): number {
  if (result === null) return 0;
  try {
    const reservation = JSON.parse(result) as { payment_history?: Array<{ amount?: unknown }> };
    const payments = reservation.payment_history ?? [];
    // A single payment is the original booking, so the change itself cost nothing.
    return payments.length >= 2 ? toNumber(payments.at(-1)?.amount) : 0;
  } catch {
    return 0;
  }
}
