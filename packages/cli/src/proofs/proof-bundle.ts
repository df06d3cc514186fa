import type { Checkpoint, CheckpointConsistencyProof, EntryInclusionProof } from '@auditgate/checkpoint';
import { JsonSyntaxError, LosslessNumber, canonicalJson, parseLosslessJson, type JsonObject, type JsonValue } from '@auditgate/core';
import { InputError } from '../errors.js';

/** Value of `type` in a saved inclusion proof. */
export const INCLUSION_PROOF_TYPE = 'auditgate.inclusion_proof';

/** Value of `type` in a saved consistency proof. */
export const CONSISTENCY_PROOF_TYPE = 'auditgate.consistency_proof';

/**
 * Saved form of an inclusion proof, as `prove --sequence --json` prints it: the proof, the
 * signed checkpoint it leads to, and the entry it is about. With the public key, anyone can
 * check it without the log.
 */
export interface InclusionBundle {
  readonly type: typeof INCLUSION_PROOF_TYPE;
  readonly proof: EntryInclusionProof;
  readonly checkpoint: Checkpoint;
  /** The wire entry, as read with `parseLosslessJson`, so that number spellings survive. */
  readonly entry: JsonObject;
}

/** Saved form of a consistency proof, as `prove --consistency --json` prints it: the proof and both signed checkpoints. */
export interface ConsistencyBundle {
  readonly type: typeof CONSISTENCY_PROOF_TYPE;
  readonly proof: CheckpointConsistencyProof;
  readonly older: Checkpoint;
  readonly newer: Checkpoint;
}

export type ProofBundle = InclusionBundle | ConsistencyBundle;

/** Parts of a bundle before their own parsers check them: the checkpoint and proof parsers of `@auditgate/checkpoint`. */
export type UncheckedBundle =
  | { readonly type: typeof INCLUSION_PROOF_TYPE; readonly proof: unknown; readonly checkpoint: unknown; readonly entry: JsonObject }
  | { readonly type: typeof CONSISTENCY_PROOF_TYPE; readonly proof: unknown; readonly older: unknown; readonly newer: unknown };

/** Serializes a bundle as one line of canonical JSON (ASCII, sorted keys), without the line break. */
export function serializeBundle(bundle: ProofBundle): string {
  return canonicalJson(bundle, 'proof');
}

/**
 * Reads a saved proof bundle. It checks the outer form only. The proof and checkpoint parsers
 * of `@auditgate/checkpoint` check the parts when the proof is verified.
 *
 * @param name the file name for messages.
 * @throws {InputError} when the text is not JSON, or not an object with exactly the fields of
 *   one bundle type.
 */
export function parseBundle(text: string, name: string): UncheckedBundle {
  let value: JsonValue;
  try {
    value = parseLosslessJson(text.replace(/^\ufeff/, ''));
  } catch (error) {
    if (!(error instanceof JsonSyntaxError)) throw error;
    throw new InputError(`${name}: not valid JSON: ${error.message}`, { cause: error });
  }

  const record = asObject(value);
  if (record === null) throw new InputError(`${name}: expected a proof object as printed by 'auditgate prove --json'`);
  if (record.type === INCLUSION_PROOF_TYPE) {
    expectFields(record, ['type', 'proof', 'checkpoint', 'entry'], name);
    const entry = asObject(record.entry);
    if (entry === null) throw new InputError(`${name}: field entry must be the entry object that the proof is about`);
    return { type: INCLUSION_PROOF_TYPE, proof: plain(record.proof), checkpoint: plain(record.checkpoint), entry };
  }
  if (record.type === CONSISTENCY_PROOF_TYPE) {
    expectFields(record, ['type', 'proof', 'older', 'newer'], name);
    return { type: CONSISTENCY_PROOF_TYPE, proof: plain(record.proof), older: plain(record.older), newer: plain(record.newer) };
  }
  throw new InputError(`${name}: field type must be "${INCLUSION_PROOF_TYPE}" or "${CONSISTENCY_PROOF_TYPE}", got ${describeType(record.type)}`);
}

function expectFields(record: JsonObject, fields: readonly string[], name: string): void {
  for (const field of fields) {
    if (!(field in record)) throw new InputError(`${name}: field ${field} is missing from the ${String(record.type)} object`);
  }
  for (const key of Object.keys(record)) {
    if (!fields.includes(key)) throw new InputError(`${name}: unknown field ${JSON.stringify(key)}; a ${String(record.type)} has only ${fields.join(', ')}`);
  }
}

// The proof and checkpoint parsers expect what JSON.parse returns. Going through canonical JSON
// turns each LosslessNumber into a plain number and keeps everything else as it was.
function plain(value: JsonValue | undefined): unknown {
  return value === undefined ? undefined : (JSON.parse(canonicalJson(value)) as unknown);
}

function asObject(value: JsonValue | undefined): JsonObject | null {
  if (typeof value !== 'object' || value === null || Array.isArray(value) || value instanceof LosslessNumber) return null;
  return value;
}

function describeType(value: JsonValue | undefined): string {
  return value === undefined ? 'nothing (the field is missing)' : canonicalJson(value);
}
