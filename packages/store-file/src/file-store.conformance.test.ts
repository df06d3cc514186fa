import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describeStoreConformance } from '@auditgate/store-conformance';
import { FileStore } from './file-store.js';
import type { FileStoreOptions } from './file-store-options.js';

function fileStoreIn(options: FileStoreOptions) {
  return async () => {
    const directory = await mkdtemp(join(tmpdir(), 'auditgate-file-store-'));
    return {
      store: await FileStore.open(directory, options),
      reopen: () => FileStore.open(directory, options),
      cleanup: () => rm(directory, { recursive: true, force: true }),
    };
  };
}

describeStoreConformance('FileStore (fsync)', fileStoreIn({}));
describeStoreConformance('FileStore (durability none)', fileStoreIn({ durability: 'none' }));
