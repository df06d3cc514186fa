import { describe, expect, it } from 'vitest';
import type { AuditEntry } from './entry.js';
import { ValidationError } from './errors.js';
import { hashEntry, hashWireEntry } from './hash.js';
import { parseLosslessJson } from './json/parse.js';
import { entryFromWire, entryToWire, serializeEntry } from './wire.js';

const base = {
  trail: 'test:action@global',
  ts: 1000,
  verdict: 'ALLOW',
  severity: 'INFO',
  gateType: 'actiongate',
  gateIdentity: 'test:action@global',
  reason: null,
  detail: { amount: 5, note: 'café' },
  sequence: 0,
  prevHash: null,
} as const;
const entry: AuditEntry = {
  ...base,
  schemaVersion: '0.1.1',
  wallTs: '1970-01-01T00:16:40.000Z',
  recordedBy: 'svc',
  entryHash: hashEntry(base),
};

describe('wire form', () => {
  it('uses exactly the snake_case keys of the contract', () => {
    expect(Object.keys(entryToWire(entry)).sort()).toEqual(
      [
        'schema_version',
        'trail',
        'ts',
        'wall_ts',
        'verdict',
        'severity',
        'gate_type',
        'gate_identity',
        'recorded_by',
        'reason',
        'detail',
        'entry_hash',
        'prev_hash',
        'sequence',
      ].sort(),
    );
  });

  it('serializes ASCII lines that re-hash identically', () => {
    const line = serializeEntry(entry);
    expect(line).toMatch(/^[\x20-\x7e]+$/);
    expect(line).toContain('"ts":1000.0');
    const wire = parseLosslessJson(line) as Record<string, never>;
    expect(hashWireEntry(wire)).toBe(entry.entryHash);
  });

  it('reads back what it wrote', () => {
    expect(entryFromWire(parseLosslessJson(serializeEntry(entry)))).toEqual(entry);
  });

  it('tolerates a missing schema_version', () => {
    const wire = parseLosslessJson(serializeEntry(entry)) as Record<string, unknown>;
    delete wire.schema_version;
    expect(entryFromWire(wire).schemaVersion).toBe('0.1.1');
  });

  it.each([
    ['trail', 42, 'trail'],
    ['verdict', 'MAYBE', 'verdict'],
    ['severity', undefined, 'severity'],
    ['detail', [], 'detail'],
    ['entry_hash', 'ABC', 'entry_hash'],
    ['prev_hash', undefined, 'prev_hash'],
    ['sequence', -1, 'sequence'],
    ['sequence', 1.5, 'sequence'],
    ['ts', 'soon', 'ts'],
  ])('rejects %s = %j', (key, value, field) => {
    const wire = parseLosslessJson(serializeEntry(entry)) as Record<string, unknown>;
    if (value === undefined) delete wire[key];
    else wire[key] = value;
    try {
      entryFromWire(wire);
      expect.unreachable('accepted a malformed entry');
    } catch (error) {
      expect(error).toBeInstanceOf(ValidationError);
      expect((error as ValidationError).field).toBe(field);
      expect((error as ValidationError).code).toBe('MALFORMED_ENTRY');
    }
  });
});

describe('entryFromWire trail strings', () => {
  it.each(['', 'nocolon', 'a:b', 'a:b@', 'a:b@\u001b[8m', 'a:b@c\nd'])('rejects %j', (trail) => {
    const wire = parseLosslessJson(serializeEntry(entry)) as Record<string, unknown>;
    wire.trail = trail;
    expect(() => entryFromWire(wire)).toThrow(/trail/);
  });

  it('accepts a namespace with an @, as Python writes it', () => {
    const wire = parseLosslessJson(serializeEntry(entry)) as Record<string, unknown>;
    wire.trail = 'team@x:src@p';
    expect(entryFromWire(wire).trail).toBe('team@x:src@p');
  });
});
