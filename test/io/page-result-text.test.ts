// The text a page result is cached and sent between threads as: each mention written once.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { prepareRegistry } from '../../pipeline/build.js';
import { computePageResult } from '../../pipeline/compute-page.js';
import { loadSources } from '../../pipeline/io/load-sources.js';
import { isSkipped } from '../../pipeline/io/read-pages.js';
import { type PageResult, pageResultOf, pageResultText } from '../../pipeline/page-result.js';
import { writeCorpus } from '../../scripts/bench/corpus.js';
import { projectRoot } from '../helpers/pipeline.js';

let work: string;
let results: PageResult[];
beforeAll(async () => {
  work = await mkdtemp(path.join(os.tmpdir(), 'samverkan-page-result-'));
  await writeCorpus(projectRoot, work, 30);
  const { pages, registry } = await loadSources(work);
  const prepared = prepareRegistry(registry);
  results = pages.flatMap((page) => (isSkipped(page) ? [] : [computePageResult(page, prepared)]));
});
afterAll(() => rm(work, { recursive: true, force: true }));

describe('pageResultText and pageResultOf', () => {
  it('give back the result as it was, for pages in every format and language', () => {
    expect(results.filter((r) => r.forums.length > 0).length).toBeGreaterThan(20);
    expect(new Set(results.map((r) => r.source.format))).toEqual(new Set(['txt', 'md', 'html']));
    for (const result of results) {
      const back = pageResultOf(pageResultText(result));
      // as JSON text the result reads the same: every mention in every place, with its evidence
      expect(JSON.stringify(back)).toBe(JSON.stringify(result));
    }
  });

  it('write each mention once, and read it back as one object wherever the result names it', () => {
    let listed = 0;
    for (const result of results) {
      const text = pageResultText(result);
      expect(text.length).toBeLessThan(JSON.stringify(result).length + 1);
      for (const forum of pageResultOf(text).forums) {
        const participants = new Set(forum.participants.map((p) => p.mention));
        for (const group of forum.groups) {
          for (const item of group.items) {
            expect(participants.has(item)).toBe(true);
            listed++;
          }
        }
      }
    }
    expect(listed).toBeGreaterThan(100);
    const all = (texts: string[]) => texts.reduce((sum, t) => sum + t.length, 0);
    // listed names were half of every result
    expect(all(results.map(pageResultText))).toBeLessThan(0.7 * all(results.map((r) => JSON.stringify(r))));
  });

  it('refuse text that is not a page result, so that the cache rebuilds it', () => {
    const withForum = results.find((r) => r.forums.length > 0) as PageResult;
    const text = pageResultText(withForum);
    expect(() => pageResultOf(text.replace(/"mention":0/u, '"mention":9999'))).toThrow(/no mention 9999/u);
    expect(() => pageResultOf('{"source":{}}')).toThrow(/no forums/u);
    expect(() => pageResultOf(text.slice(0, text.length / 2))).toThrow(SyntaxError);
  });
});
