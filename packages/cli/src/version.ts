// esbuild (through tsup) and vitest both inline a JSON import, so the built command needs no
// package.json beside it at run time.
import packageJson from '../package.json' with { type: 'json' };

/** The version of @auditgate/cli, from its package.json. */
export const CLI_VERSION: string = packageJson.version;
