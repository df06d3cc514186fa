import type { Session, ToolCall } from './tool-call.js';

function call(conversation: number, customer: string, tool: string, args: Record<string, unknown> = {}): ToolCall {
  return { conversation, customer, tool, args, result: null };
}

const booking = (amount: number) => ({
  payment_methods: [{ payment_id: 'credit_card_1', amount }],
  nonfree_baggages: 0,
});

/**
 * A small airline support session that runs without the tau-bench file: three customers, with
 * a burst of flight searches, repeated cancellations, a second transfer to a human inside the
 * cooldown, and bookings that run past a customer's budget.
 */
export const BUILTIN_SCENARIO: Session = { conversations: 3, calls: calls() };

function calls(): ToolCall[] {
  return [
  call(0, 'ada_lovelace_1815', 'get_user_details', { user_id: 'ada_lovelace_1815' }),
  ...Array.from({ length: 12 }, () => call(0, 'ada_lovelace_1815', 'search_direct_flight', { origin: 'JFK', destination: 'SEA' })),
  call(0, 'ada_lovelace_1815', 'book_reservation', booking(1200)),
  call(0, 'ada_lovelace_1815', 'send_certificate', { user_id: 'ada_lovelace_1815', amount: 150 }),

  call(1, 'alan_turing_1912', 'get_reservation_details', { reservation_id: 'AB12CD' }),
  call(1, 'alan_turing_1912', 'cancel_reservation', { reservation_id: 'AB12CD' }),
  call(1, 'alan_turing_1912', 'cancel_reservation', { reservation_id: 'EF34GH' }),
  call(1, 'alan_turing_1912', 'cancel_reservation', { reservation_id: 'IJ56KL' }),
  call(1, 'alan_turing_1912', 'transfer_to_human_agents', { summary: 'wants a refund' }),
  call(1, 'alan_turing_1912', 'transfer_to_human_agents', { summary: 'asks again' }),

  call(2, 'grace_hopper_1906', 'book_reservation', booking(3000)),
  call(2, 'grace_hopper_1906', 'update_reservation_baggages', { reservation_id: 'MN78OP', nonfree_baggages: 2 }),
  call(2, 'grace_hopper_1906', 'book_reservation', booking(2500)),
  call(2, 'grace_hopper_1906', 'book_reservation', booking(900)),
  ];
}
