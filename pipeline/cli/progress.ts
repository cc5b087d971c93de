/**
 * A progress bar on stderr for builds that take longer than about two seconds: only when stderr
 * is a terminal, never in CI or a pipe, and not with --quiet. `update` draws the bar of a stage
 * that goes page by page (loading the pages, then reading them), `status` a line for a step
 * without a count (the release file being written); `end` clears the line, and may be called
 * again after more is drawn.
 */
export function progressBar(options: { quiet: boolean; stream?: Pick<NodeJS.WriteStream, 'write' | 'isTTY'>; delayMs?: number }): { update(done: number, total: number, label?: string): void; status(text: string): void; end(): void } {
  const stream = options.stream ?? process.stderr;
  const enabled = !options.quiet && stream.isTTY === true && !process.env.CI;
  const started = Date.now();
  const delay = options.delayMs ?? 2000;
  let last = 0;
  let shown = false;
  const due = (): boolean => {
    if (!enabled) return false;
    const now = Date.now();
    if (now - started < delay || now - last < 100) return false;
    last = now;
    return true;
  };
  const draw = (line: string) => {
    stream.write(`\r${line}\u001b[K`);
    shown = true;
  };
  return {
    update(done, total, label = 'reading pages') {
      if (!due()) return;
      const width = 30;
      const filled = total > 0 ? Math.round((done / total) * width) : 0;
      draw(`${label} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total}`);
    },
    status(text) {
      if (due()) draw(text);
    },
    end() {
      if (enabled && shown) stream.write('\r\u001b[K');
      shown = false;
    },
  };
}
