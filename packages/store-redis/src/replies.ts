import { StoreConflictError, type TrailTail } from '@auditgate/core';
import { RedisStoreError } from './errors.js';

/**
 * Reads a tail or anchor hash (fields seq, hash, ts as returned by HMGET); null when the hash
 * does not exist. An empty hash field stands for a null entry hash.
 */
export function positionFromHash(fields: readonly (string | null)[]): TrailTail | null {
  const [sequence, hash, ts] = fields;
  if (sequence === null || sequence === undefined || ts === null || ts === undefined) return null;
  return { sequence: Number(sequence), entryHash: hash === '' || hash === null || hash === undefined ? null : hash, ts: Number(ts) };
}

/**
 * Turns the append script's reply into null for success or the conflict it reports.
 *
 * @throws {RedisStoreError} with code REDIS_UNEXPECTED_REPLY when the reply has neither form.
 */
export function conflictFromReply(trail: string, reply: unknown): StoreConflictError | null {
  if (!Array.isArray(reply)) throw unexpected(reply);
  const [status, field, sent, stored] = reply as unknown[];
  if (status === 'OK') return null;
  if (status !== 'CONFLICT' || typeof sent !== 'string' || typeof stored !== 'string') throw unexpected(reply);

  switch (field) {
    case 'sequence': {
      const next = stored === '' ? 0 : Number(stored) + 1;
      return new StoreConflictError(trail, `sequence ${sent}`, `next sequence ${next}`);
    }
    case 'prev_hash':
      return new StoreConflictError(trail, `prev_hash ${sent}`, `previous entry hash ${stored === '' ? 'null' : stored}`);
    case 'ts':
      return new StoreConflictError(trail, `ts ${sent}`, `previous entry ts ${stored}, which is later`);
    default:
      throw unexpected(reply);
  }
}

function unexpected(reply: unknown): RedisStoreError {
  return new RedisStoreError('REDIS_UNEXPECTED_REPLY', `the append script returned ${JSON.stringify(reply)}; expected ['OK', n] or ['CONFLICT', field, sent, stored]`);
}
