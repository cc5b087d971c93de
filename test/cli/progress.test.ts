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

  it('names the stage, shows the step without a count, and clears its line again after more is drawn', async () => {
    delete process.env.CI;
    try {
      const s = stream(true);
      const bar = progressBar({ quiet: false, stream: s as never, delayMs: 0 });
      bar.update(3, 4, 'loading pages');
      bar.end();
      await new Promise((resolve) => setTimeout(resolve, 110)); // at most ten drawings a second
      bar.status('writing dist/index.html');
      bar.status('writing dist/catalog.rdf'); // too soon after the last: not drawn
      bar.end();
      bar.end(); // nothing more drawn: nothing to clear
      expect(s.written).toEqual(['\rloading pages [#######################.......] 3/4\u001b[K', '\r\u001b[K', '\rwriting dist/index.html\u001b[K', '\r\u001b[K']);
    } finally {
      if (ci !== undefined) process.env.CI = ci;
    }
  });

  it('stays silent in a pipe, with --quiet, in CI and before the delay', () => {
    const pipe = stream(false);
    progressBar({ quiet: false, stream: pipe as never, delayMs: 0 }).update(1, 2);
    progressBar({ quiet: false, stream: pipe as never, delayMs: 0 }).status('writing');
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
