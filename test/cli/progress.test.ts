// The progress bar: drawn on a terminal after the delay, never in a pipe, in CI or with --quiet.
import { describe, expect, it } from 'vitest';
import { progressBar } from '../../pipeline/cli/progress.js';

function stream(isTTY: boolean) {
  const written: string[] = [];
  return { written, write: (s: string) => written.push(s) > 0, isTTY };
}

describe('progressBar', () => {
  const ci = process.env.CI;
  it('draws on a terminal once the delay has passed, and clears its line at the end', () => {
    delete process.env.CI;
    try {
      const s = stream(true);
      const bar = progressBar({ quiet: false, stream: s as never, delayMs: 0 });
      bar.update(5, 10);
      bar.end();
      expect(s.written[0]).toContain('[###############...............] 5/10');
      expect(s.written.at(-1)).toBe('\r\u001b[K');
    } finally {
      if (ci !== undefined) process.env.CI = ci;
    }
  });

  it('stays silent in a pipe, with --quiet, in CI and before the delay', () => {
    const pipe = stream(false);
    progressBar({ quiet: false, stream: pipe as never, delayMs: 0 }).update(1, 2);
    const quiet = stream(true);
    progressBar({ quiet: true, stream: quiet as never, delayMs: 0 }).update(1, 2);
    const early = stream(true);
    progressBar({ quiet: false, stream: early as never, delayMs: 60_000 }).update(1, 2);
    process.env.CI = 'true';
    const inCi = stream(true);
    try {
      progressBar({ quiet: false, stream: inCi as never, delayMs: 0 }).update(1, 2);
    } finally {
      if (ci === undefined) delete process.env.CI;
      else process.env.CI = ci;
    }
    expect([pipe.written, quiet.written, early.written, inCi.written]).toEqual([[], [], [], []]);
  });
});
