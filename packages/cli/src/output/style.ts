import type { CliIo, TextSink } from '../io.js';

/** Wraps text in ANSI colours when they are enabled, and returns it unchanged otherwise. */
export interface Style {
  readonly enabled: boolean;
  red(text: string): string;
  green(text: string): string;
  yellow(text: string): string;
  bold(text: string): string;
  dim(text: string): string;
}

/**
 * Returns the style for one output stream: colour only on a terminal, and never when the
 * NO_COLOR environment variable is set to anything but the empty string (see no-color.org).
 */
export function styleFor(sink: TextSink, io: Pick<CliIo, 'env'>): Style {
  const noColor = io.env.NO_COLOR;
  const enabled = sink.isTTY === true && (noColor === undefined || noColor === '') && io.env.TERM !== 'dumb';
  const wrap = (open: number, close: number) => (text: string) => (enabled ? `\u001b[${open}m${text}\u001b[${close}m` : text);
  return {
    enabled,
    red: wrap(31, 39),
    green: wrap(32, 39),
    yellow: wrap(33, 39),
    bold: wrap(1, 22),
    dim: wrap(2, 22),
  };
}
