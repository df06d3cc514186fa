import { AuditgateError } from '@auditgate/core';

/** Another FileStore, in this process or another one, holds the directory's writer lock. */
export class FileStoreLockedError extends AuditgateError {
  readonly directory: string;
  readonly lockFile: string;

  constructor(directory: string, lockFile: string, holder: string) {
    super(
      'STORE_LOCKED',
      `${directory} is locked for writing by ${holder}; close that store first, open this one with readOnly: true, ` +
        `or delete ${lockFile} if you are sure no process uses the directory`,
    );
    this.directory = directory;
    this.lockFile = lockFile;
  }
}

/** A trail or meta file contains something this store did not write, or lost part of what it wrote. */
export class FileStoreCorruptError extends AuditgateError {
  readonly file: string;
  /** 1-based line number of the first bad line. */
  readonly line: number;

  constructor(file: string, line: number, problem: string, options?: { cause?: unknown }) {
    super(
      'STORE_CORRUPT',
      `${file}, line ${line}: ${problem}; check the file with \`auditgate verify\` and repair or move it before opening the store again`,
      options,
    );
    this.file = file;
    this.line = line;
  }
}
