// Incremental builds: each page's result is cached by the hash of every input, so a rebuild after
// one page changed reuses the rest; its output is byte-identical to a cold build, and a corrupt
// cache entry is rebuilt, never trusted.
import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runPipeline, runPipelineUnlessUnchanged } from '../../pipeline/cli/pipeline-run.js';
import { type Cache, directoryCache } from '../../pipeline/io/cache.js';
import { readPublicationConfig } from '../../pipeline/io/read-registry.js';
import { publishRelease } from '../../pipeline/publish/publish.js';
import { writeCorpus } from '../../scripts/bench/corpus.js';
import { projectRoot } from '../helpers/pipeline.js';

let work: string;
let sources: string;
beforeAll(async () => {
  work = await mkdtemp(path.join(os.tmpdir(), 'samverkan-incremental-'));
  sources = path.join(work, 'sources');
  await writeCorpus(projectRoot, sources, 24);
});
afterAll(() => rm(work, { recursive: true, force: true }));

async function release(cacheDir?: string): Promise<{ files: Map<string, Uint8Array>; messages: string[] }> {
  const cache = cacheDir ? directoryCache(cacheDir) : undefined;
  const result = await runPipeline(sources, cache ? { cache } : {});
  const files = await publishRelease(result.dataset, await readPublicationConfig(sources), '0.0.0-test');
  const messages = result.files.flatMap((f) => f.messages.map((m) => `${m.file}:${m.line}:${m.column} ${m.ruleId} ${m.reason}`)).sort();
  return { files, messages };
}

const same = (a: Map<string, Uint8Array>, b: Map<string, Uint8Array>) => [...new Set([...a.keys(), ...b.keys()])].filter((k) => !Buffer.from(a.get(k) ?? []).equals(Buffer.from(b.get(k) ?? [])));

describe('incremental builds', () => {
  it('reuses cached pages and gives the same release and messages as a cold build', async () => {
    const cacheDir = path.join(work, 'cache');
    const cold = await release(cacheDir);
    const entries = await readdir(cacheDir);
    expect(entries.length).toBe(24);

    // Change one page: it now describes one more forum.
    const pages = (await readdir(path.join(sources, 'pages'), { recursive: true })).filter((f) => f.endsWith('.txt') && !f.includes('meta'));
    const changed = path.join(sources, 'pages', pages[0] as string);
    const text = await readFile(changed, 'utf8');
    await writeFile(changed, `${text}\n\nHarbour Watch Group\n\nThe Harbour Watch Group is led by the Swedish Police Authority together with the Swedish Customs and the Swedish Coast Guard.\n`);
    const warm = await release(cacheDir);
    expect((await readdir(cacheDir)).length).toBe(25); // one new entry, the other 23 reused
    const coldAfterChange = await release();
    expect(same(warm.files, coldAfterChange.files)).toEqual([]);
    expect(warm.messages).toEqual(coldAfterChange.messages);
    expect(same(warm.files, cold.files).length).toBeGreaterThan(0); // the change is in the release
  });

  it('tells, before computing, how many pages the cache does not answer', async () => {
    const cacheDir = path.join(work, 'cache-counted');
    const told: number[] = [];
    const computing = (pages: number, inWorkers: boolean) => void told.push(inWorkers ? -pages : pages);
    await runPipeline(sources, { cache: directoryCache(cacheDir), computing });
    await runPipeline(sources, { cache: directoryCache(cacheDir), computing });
    const page = path.join(sources, 'pages', (await readdir(path.join(sources, 'pages'), { recursive: true })).filter((f) => f.endsWith('.md'))[0] as string);
    await writeFile(page, `${await readFile(page, 'utf8')}\n\nThe Dockside Group is led by the Swedish Customs.\n`);
    await runPipeline(sources, { cache: directoryCache(cacheDir), computing });
    await runPipeline(sources, { computing }); // no cache: every page
    // with workers from 10 pages on: all pages in the workers too, then none (a rebuild), then all on this thread as workers were turned off
    await runPipeline(sources, { cache: directoryCache(path.join(work, 'cache-counted-2')), computing, workers: 2, workerThreshold: 10 });
    await runPipeline(sources, { cache: directoryCache(path.join(work, 'cache-counted-2')), computing, workers: 2, workerThreshold: 10 });
    const pages = (await runPipeline(sources)).dataset.sources.length;
    expect(told).toEqual([pages, 0, 1, pages, -pages, 0]);
  });

  it('rebuilds a corrupt or cut-off cache entry instead of trusting it', async () => {
    const cacheDir = path.join(work, 'cache-corrupt');
    const reference = await release(cacheDir);
    const entries = (await readdir(cacheDir)).sort();
    // Flip a byte in one entry, cut another short, and replace a third with valid-looking JSON.
    const [a, b, c] = entries.map((e) => path.join(cacheDir, e));
    const bytes = await readFile(a as string);
    bytes[bytes.length - 10] = (bytes[bytes.length - 10] ?? 0) ^ 0x20;
    await writeFile(a as string, bytes);
    const cut = await readFile(b as string, 'utf8');
    await writeFile(b as string, cut.slice(0, cut.length / 2));
    const header = (await readFile(c as string, 'utf8')).split('\n')[0];
    await writeFile(c as string, `${header}\n{"source":{},"forums":[],"pageMessages":[],"metaMessages":[],"extractMessages":[]}`);
    const again = await release(cacheDir);
    expect(same(again.files, reference.files)).toEqual([]);
    expect(again.messages).toEqual(reference.messages);
  });
});

describe('the key of what a release is made from (inputsKey)', () => {
  const keyOf = async (dir: string, cacheDir: string) => (await runPipeline(dir, { cache: directoryCache(cacheDir) })).inputsKey;

  it('stays the same for the same inputs and changes with a page, a forum in the registry or a skipped file', async () => {
    const dir = path.join(work, 'inputs');
    await writeCorpus(projectRoot, dir, 6);
    const cacheDir = path.join(work, 'cache-inputs');
    const first = await keyOf(dir, cacheDir);
    expect(first).toMatch(/^[0-9a-f]{64}$/u);
    expect(await keyOf(dir, cacheDir)).toBe(first); // from the cache this time
    expect(await keyOf(dir, path.join(work, 'cache-inputs-2'))).toBe(first); // and from another cache

    const keys = new Set([first]);
    const page = path.join(dir, 'pages', (await readdir(path.join(dir, 'pages'), { recursive: true })).find((f) => f.endsWith('.md')) as string);
    await writeFile(page, `${await readFile(page, 'utf8')}\nOne more sentence that names nobody.\n`);
    keys.add(await keyOf(dir, cacheDir));
    // Forums are matched when the pages are assembled, not in a page's own (cached) result.
    const forums = path.join(dir, 'registry/forums.yaml');
    await writeFile(forums, `${await readFile(forums, 'utf8')}\n- id: harbour-watch\n  names:\n    en: [Harbour Watch]\n`);
    keys.add(await keyOf(dir, cacheDir));
    await writeFile(path.join(dir, 'pages/notes.docx'), 'not a page');
    keys.add(await keyOf(dir, cacheDir));
    expect(keys.size).toBe(4);
  });

  it('is not made without a cache (nothing would keep it)', async () => {
    expect((await runPipeline(sources)).inputsKey).toBeUndefined();
  });
});

describe('a build asked whether its inputs are unchanged (runPipelineUnlessUnchanged)', () => {
  /** A cache that counts what is asked of it. */
  const counting = (dir: string) => {
    const inner = directoryCache(dir);
    const asked: string[] = [];
    const cache: Cache = { ...inner, get: (key) => (asked.push(key), inner.get(key)) };
    return { cache, asked };
  };

  it('is asked with the inputs key once the pages are read, and when it answers yes reads no cached page and assembles nothing', async () => {
    const dir = path.join(work, 'unchanged');
    await writeCorpus(projectRoot, dir, 5);
    const cacheDir = path.join(work, 'cache-unchanged');
    const full = await runPipeline(dir, { cache: directoryCache(cacheDir) });
    const told: string[] = [];
    const { cache, asked } = counting(cacheDir);
    const answer = await runPipelineUnlessUnchanged(dir, { cache, unchanged: async (key) => (told.push(key), true) });
    expect(answer).toEqual({ unchanged: true, inputsKey: full.inputsKey, cacheKeys: full.cacheKeys });
    expect(full.cacheKeys).toHaveLength(5);
    expect(new Set(full.cacheKeys).size).toBe(5);
    expect(told).toEqual([full.inputsKey]);
    expect(asked).toEqual([]);
  });

  it('builds as ever when the answer is no, with the key it was asked with', async () => {
    const dir = path.join(work, 'unchanged');
    const cacheDir = path.join(work, 'cache-unchanged');
    const told: string[] = [];
    const { cache, asked } = counting(cacheDir);
    const answer = await runPipelineUnlessUnchanged(dir, { cache, unchanged: async (key) => (told.push(key), false) });
    if ('unchanged' in answer) throw new Error('built nothing');
    expect(answer.dataset.sources).toHaveLength(5);
    expect(told).toEqual([answer.inputsKey]);
    expect(asked).toHaveLength(5); // every page's result from the cache
  });

  it('is not asked without a cache (no key is made)', async () => {
    let askedOnce = false;
    const answer = await runPipelineUnlessUnchanged(path.join(work, 'unchanged'), { unchanged: async () => (askedOnce = true) });
    expect(askedOnce).toBe(false);
    expect('dataset' in answer && answer.dataset.sources).toHaveLength(5);
  });
});
