import { describe, expect, it } from 'vitest';
import { callOutcomeFromReply } from './action-script.js';
import { settleOutcomeFromReply, spendOutcomeFromReply } from './budget-replies.js';
import { RedisStoreError } from './errors.js';
import { CommitExceedsHoldError, LedgerScaleError } from './gate-errors.js';

const LEDGER = 'openai:gpt-4o@team:eng';

describe('callOutcomeFromReply', () => {
  it('reads an allowed first call', () => {
    expect(callOutcomeFromReply(['', 1, ''])).toEqual({ allowed: true, reason: null, callsInWindow: 1, timeSinceLast: null });
  });

  it('converts microseconds to seconds', () => {
    expect(callOutcomeFromReply(['COOLDOWN', 2, '1500000'])).toEqual({ allowed: false, reason: 'COOLDOWN', callsInWindow: 2, timeSinceLast: 1.5 });
  });

  it.each([[['OTHER', 1, '']], [[1, '']], ['OK'], [['', '1', '']]])('rejects the reply %j', (reply) => {
    expect(() => callOutcomeFromReply(reply)).toThrow(RedisStoreError);
  });
});

describe('spendOutcomeFromReply', () => {
  it('reads a held reservation', () => {
    expect(spendOutcomeFromReply(LEDGER, 6, ['ALLOW', '18446744073709551617', '17-3'])).toEqual({
      allowed: true,
      spentInWindow: 18_446_744_073_709_551_617n,
      reservationId: '17-3',
    });
  });

  it('reads a block', () => {
    expect(spendOutcomeFromReply(LEDGER, 6, ['BLOCK', '10', ''])).toEqual({ allowed: false, spentInWindow: 10n, reservationId: null });
  });

  it('throws LedgerScaleError on a scale mismatch', () => {
    const error = (() => {
      try {
        return spendOutcomeFromReply(LEDGER, 2, ['SCALE_MISMATCH', '6']);
      } catch (caught) {
        return caught;
      }
    })();
    expect(error).toBeInstanceOf(LedgerScaleError);
    expect((error as LedgerScaleError).message).toContain('scale 6');
  });

  it.each([[['ALLOW', '-1', '']], [['ALLOW', 10, '']], [['MAYBE', '1', '']], [null]])('rejects the reply %j', (reply) => {
    expect(() => spendOutcomeFromReply(LEDGER, 6, reply)).toThrow(RedisStoreError);
  });
});

describe('settleOutcomeFromReply', () => {
  it('reads settled and expired', () => {
    expect(settleOutcomeFromReply('commit', '1-1', 5n, ['SETTLED'])).toEqual({ expired: false });
    expect(settleOutcomeFromReply('release', '1-1', 0n, ['EXPIRED'])).toEqual({ expired: true });
  });

  it('throws CommitExceedsHoldError for a commit above the hold', () => {
    expect(() => settleOutcomeFromReply('commit', '1-1', 6n, ['EXCEEDS', '5'])).toThrow(CommitExceedsHoldError);
  });

  it('rejects EXCEEDS from a release', () => {
    expect(() => settleOutcomeFromReply('release', '1-1', 0n, ['EXCEEDS', '5'])).toThrow(RedisStoreError);
  });
});
