import { parseArgs, type ParseArgsConfig } from 'node:util';
import { UsageError } from './errors.js';

type Options = NonNullable<ParseArgsConfig['options']>;

/** The result of parseArgs for a command's options plus the common ones. */
export type ParsedArgs<T extends Options> = ReturnType<
  typeof parseArgs<{ args: string[]; options: typeof COMMON_OPTIONS & T; allowPositionals: true; strict: true }>
>;

/** Flags that every command accepts. */
export const COMMON_OPTIONS = {
  help: { type: 'boolean', short: 'h' },
  json: { type: 'boolean' },
} as const;

/**
 * Parses one command's arguments with node:util parseArgs, strictly, adding `--help` and
 * `--json`.
 *
 * @throws {UsageError} naming the unknown flag or the flag that lacks its value.
 */
export function parseCommandArgs<T extends Options>(args: readonly string[], options: T, command: string): ParsedArgs<T> {
  try {
    return parseArgs({
      args: [...args],
      options: { ...COMMON_OPTIONS, ...options },
      allowPositionals: true,
      strict: true,
    });
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS')) {
      throw new UsageError((error as Error).message.replace(/\. To specify a positional argument.*$/s, ''), command);
    }
    throw error;
  }
}

/** Returns whether `--json` appears among the arguments, for reporting an error before parsing succeeds. */
export function wantsJson(args: readonly string[]): boolean {
  return args.includes('--json');
}
