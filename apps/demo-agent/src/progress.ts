/** Draws a progress bar on stderr when it is a terminal, at most ten times a second. */
export function progressBar(total: number, stream: NodeJS.WriteStream = process.stderr): { update(done: number): void; end(): void } {
  if (!stream.isTTY || total === 0) return { update: () => undefined, end: () => undefined };

  let lastDraw = 0;
  const draw = (done: number) => {
    const width = 30;
    const filled = Math.round((done / total) * width);
    stream.write(`\rreplaying [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total} tool calls`);
  };
  return {
    update(done) {
      const now = Date.now();
      if (now - lastDraw < 100 && done < total) return;
      lastDraw = now;
      draw(done);
    },
    end() {
      stream.write('\r\x1b[2K');
    },
  };
}
