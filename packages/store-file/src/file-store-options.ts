import { ValidationError } from '@auditgate/core';
import { resolve } from 'node:path';
import type { Durability } from './files.js';

/** Settings of a {@link FileStore}. */
export interface FileStoreOptions {
  /** When writes reach the disk; see {@link Durability}. Default `fsync`. */
  readonly durability?: Durability;
  /** How many of its most recent record ids each trail keeps for idempotent appends. Default 1024. */
  readonly recentIds?: number;
  /** Reads without taking the writer lock; every write throws. Default false. */
  readonly readOnly?: boolean;
}

/** Checked settings of a store, with defaults filled in and the directory made absolute. */
export interface ResolvedOptions {
  readonly directory: string;
  readonly durability: Durability;
  readonly recentIds: number;
  readonly readOnly: boolean;
}

/**
 * Checks a store's directory and options and fills in the defaults.
 *
 * @throws {ValidationError} naming the invalid option.
 */
export function resolveOptions(directory: string, options: FileStoreOptions): ResolvedOptions {
  if (typeof directory !== 'string' || directory === '') {
    throw new ValidationError('directory', `expected a directory path, got ${JSON.stringify(directory)}`);
  }
  const durability = options.durability ?? 'fsync';
  if (durability !== 'fsync' && durability !== 'none') {
    throw new ValidationError('durability', `expected "fsync" or "none", got ${JSON.stringify(durability)}`);
  }
  const recentIds = options.recentIds ?? 1024;
  if (!Number.isSafeInteger(recentIds) || recentIds < 1) {
    throw new ValidationError('recentIds', `expected a whole number >= 1, got ${String(recentIds)}`);
  }
  const readOnly = options.readOnly ?? false;
  if (typeof readOnly !== 'boolean') {
    throw new ValidationError('readOnly', `expected true or false, got ${JSON.stringify(readOnly)}`);
  }

  return { directory: resolve(directory), durability, recentIds, readOnly };
}
