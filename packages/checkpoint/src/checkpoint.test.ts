import { canonicalJson } from '@auditgate/core';
import { CompactMerkleTree, leafHash, toHex } from '@auditgate/merkle';
import { describe, expect, it } from 'vitest';

import { serializeCheckpoint, signCheckpoint, signedMessage, type Checkpoint } from './checkpoint.js';
import { checkFrontier, checkSignature, restoreFrontier } from './check-checkpoint.js';
import { MalformedCheckpointError } from './errors.js';
import { Keyring } from './keys/keyring.js';
import { parseCheckpoint } from './parse-checkpoint.js';
import { BILLING, newSigner } from './test-support/trails.js';

const signer = newSigner();
const keyring = new Keyring([signer.publicKey]);
const tree = new CompactMerkleTree(Array.from({ length: 5 }, (_, i) => leafHash(Uint8Array.of(i))));

function sample(overrides: { prune?: boolean; frontier?: boolean } = {}): Checkpoint {
  return signCheckpoint(
    {
      trail: BILLING,
      treeSize: tree.size,
      root: tree.root(),
      ts: 1_700_000_000.25,
      prune: overrides.prune,
      frontier: overrides.frontier === false ? undefined : tree.frontier().hashes,
    },
    signer,
  );
}

describe('signCheckpoint', () => {
  it('writes the wire fields', () => {
    const checkpoint = sample();

    expect(checkpoint).toMatchObject({ type: 'auditgate.checkpoint', version: 1, trail: BILLING, tree_size: 5, root: toHex(tree.root()), ts: 1_700_000_000.25, key_id: signer.keyId });
    expect(checkpoint.frontier).toEqual(tree.frontier().hashes.map(toHex));
    expect(checkpoint.signature).toMatch(/^[A-Za-z0-9+/]{86}==$/);
    expect('prune' in checkpoint).toBe(false);
  });

  it('signs the canonical JSON of every field but signature and frontier', () => {
    const checkpoint = sample({ prune: true });
    const { signature: _signature, frontier: _frontier, ...signed } = checkpoint;

    expect(Buffer.from(signedMessage(checkpoint)).toString('latin1')).toBe(canonicalJson(signed));
    expect(Buffer.from(signedMessage(checkpoint)).toString('latin1')).toContain('"prune":true');
    expect(checkSignature(checkpoint, keyring)).toBe('valid');
  });

  it('serializes as one line that parses back', () => {
    const checkpoint = sample({ prune: true });
    const line = serializeCheckpoint(checkpoint);

    expect(line).not.toContain('\n');
    expect(parseCheckpoint(JSON.parse(line))).toEqual(checkpoint);
    expect(checkSignature(parseCheckpoint(JSON.parse(line)), keyring)).toBe('valid');
  });
});

describe('checkSignature', () => {
  it.each([
    ['tree_size', { tree_size: 4 }],
    ['root', { root: '00'.repeat(32) }],
    ['ts', { ts: 1_700_000_001 }],
    ['trail', { trail: 'billing:actiongate@user:43' }],
    ['prune', { prune: true as const }],
  ])('fails when %s changes', (_field, change) => {
    expect(checkSignature({ ...sample(), ...change }, keyring)).toBe('bad_signature');
  });

  it('fails when the prune flag is removed', () => {
    const { prune: _prune, ...withoutPrune } = sample({ prune: true });

    expect(checkSignature(withoutPrune, keyring)).toBe('bad_signature');
  });

  it('reports a key id that is not in the keyring', () => {
    expect(checkSignature(sample(), new Keyring())).toBe('unknown_key');
  });

  it('ignores the unsigned frontier', () => {
    expect(checkSignature({ ...sample(), frontier: ['11'.repeat(32)] }, keyring)).toBe('valid');
  });
});

describe('checkFrontier', () => {
  it('accepts a frontier that folds to the root', () => {
    expect(checkFrontier(sample())).toBe('valid');
    expect(restoreFrontier(sample())?.root()).toEqual(tree.root());
  });

  it('reports a missing or changed frontier', () => {
    const frontier = [...(sample().frontier ?? [])];
    frontier[1] = '22'.repeat(32);

    expect(checkFrontier(sample({ frontier: false }))).toBe('absent');
    expect(checkFrontier({ ...sample(), frontier })).toBe('mismatch');
    expect(restoreFrontier({ ...sample(), frontier })).toBeUndefined();
  });
});

describe('parseCheckpoint', () => {
  const valid = sample() as unknown as Record<string, unknown>;

  it.each([
    ['not an object', [], '(checkpoint)'],
    ['an unknown field', { ...valid, comment: 'x' }, 'comment'],
    ['another type', { ...valid, type: 'other' }, 'type'],
    ['another version', { ...valid, version: 2 }, 'version'],
    ['an invalid trail', { ...valid, trail: 'no-colon' }, 'trail'],
    ['a tree size of 0', { ...valid, tree_size: 0 }, 'tree_size'],
    ['a fractional tree size', { ...valid, tree_size: 1.5 }, 'tree_size'],
    ['an uppercase root', { ...valid, root: (valid.root as string).toUpperCase() }, 'root'],
    ['a negative ts', { ...valid, ts: -1 }, 'ts'],
    ['a short key id', { ...valid, key_id: 'abc' }, 'key_id'],
    ['prune false', { ...valid, prune: false }, 'prune'],
    ['a short signature', { ...valid, signature: 'AAAA' }, 'signature'],
    ['a frontier of the wrong length', { ...valid, frontier: ['00'.repeat(32)] }, 'frontier'],
    ['a frontier hash that is not hex', { ...valid, frontier: ['zz', '00'.repeat(32)] }, 'frontier[0]'],
    ['a missing signature', { ...valid, signature: undefined }, 'signature'],
  ])('rejects %s', (_case, value, field) => {
    expect(() => parseCheckpoint(value)).toThrow(MalformedCheckpointError);
    expect(() => parseCheckpoint(value)).toThrow(expect.objectContaining({ field, code: 'CHECKPOINT_MALFORMED' }));
  });
});
