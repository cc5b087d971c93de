/**
 * A progress bar on stderr for builds that take longer than about two seconds: only when stderr
 * is a terminal, never in CI or a pipe, and not with --quiet.
 */
export function progressBar(options: { quiet: boolean; stream?: Pick<NodeJS.WriteStream, 'write' | 'isTTY'>; delayMs?: number }): { update(done: number, total: number): void; end(): void } {
  const stream = options.stream ?? process.stderr;
  const enabled = !options.quiet && stream.isTTY === true && !process.env.CI;
  const started = Date.now();
  const delay = options.delayMs ?? 2000;
  let last = 0;
  let shown = false;
  const label = 'reading pages';
  const draw = (done: number, total: number) => {
    const width = 30;
    const filled = total > 0 ? Math.round((done / total) * width) : 0;
    stream.write(`\r${label} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total}\u001b[K`);
    shown = true;
  };
  return {
    update(done, total) {
      if (!enabled) return;
      const now = Date.now();
      if (now - started < delay || now - last < 100) return;
      last = now;
      draw(done, total);
    },
    end() {
      if (enabled && shown) stream.write('\r\u001b[K');
    },
  };
}
