#!/usr/bin/env node
import { main } from './main.js';

// A reader that stops early, such as `auditgate hash log.jsonl | head`, closes the pipe; that
// ends the command quietly instead of with a stack trace.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code !== 'EPIPE') throw error;
  process.exit();
});

// Setting exitCode instead of calling process.exit lets stdout finish writing a large output.
void main(process.argv.slice(2)).then((status) => {
  process.exitCode = status;
});
