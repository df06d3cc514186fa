/**
 * @auditgate/cli: the `auditgate` command. `main` runs it in-process, which is how the tests
 * and other tools call it; the store registry lets a build add store URL schemes.
 *
 * @module
 */
export { main } from './main.js';
export type { CliIo, TextSink } from './io.js';
export { ExitCode, UsageError, InputError, CheckFailedError } from './errors.js';
export { StoreRegistry, defaultStoreRegistry, openStore, type StoreOpener } from './stores/registry.js';
export type { Command } from './commands/command.js';
