/**
 * Whatever text a page holds, parsing and extraction never throw, and every piece of evidence
 * they produce lies inside its source: the quote is exactly the source between its offsets, and
 * its lines and columns agree with those offsets.
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { VFile } from 'vfile';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Authority, CountCheck, CrossSourceCheck, Forum, Membership, Source } from '../../schemas/index.js';
import { createContext } from '../../pipeline/extract/context.js';
import { extractForums } from '../../pipeline/extract/extract.js';
import { lexicons } from '../../pipeline/extract/lexicon/index.js';
import { parsePage, type ParseFormat } from '../../pipeline/parse/parse-page.js';
import { buildPages, projectRegistry } from '../helpers/pipeline.js';
import { anyTextArbitrary, evidenceIn, expectEvidenceInSource, numRuns, pageArbitrary } from './arbitraries.js';

const formats: readonly ParseFormat[] = ['txt', 'md', 'html'];
const format = fc.constantFrom(...formats);

describe('parsing and extracting any text', () => {
  it('never throws, and every evidence quotes its source exactly', async () => {
    const { index, kinds } = await projectRegistry();
    let withEvidence = 0;
    let runs = 0;
    fc.assert(
      fc.property(format.chain((f) => fc.tuple(fc.constant(f), anyTextArbitrary(f), fc.constantFrom<'en' | 'sv'>('en', 'en', 'en', 'sv'))), ([f, raw, language]) => {
        // readPage takes a byte order mark off every page; parsePage refuses Markdown that still has one.
        const text = raw.replace(/^\uFEFF/u, '');
        const file = new VFile({ path: `page.${f}`, value: text });
        const tree = parsePage(file, f);
        const ctx = createContext({ file, sourceId: 'test/page', lexicon: lexicons[language], index, kinds });
        const evidence = evidenceIn(extractForums(ctx, tree, file.data.htmlTitle));
        for (const e of evidence) expectEvidenceInSource(e, text, 'test/page');
        runs++;
        if (evidence.length > 0) withEvidence++;
      }),
      { numRuns: numRuns(300) },
    );
    // The arbitraries are built to reach the extractor: many runs must produce evidence to check.
    expect(withEvidence / runs).toBeGreaterThan(0.2);
  }, Math.max(60_000, numRuns(300) * 20));
});

describe('the whole build on generated pages', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'samverkan-properties-'));
    await mkdir(path.join(dir, 'pages', 'test'), { recursive: true });
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('never throws, publishes valid records, and every evidence quotes its page exactly', async () => {
    let withEvidence = 0;
    let runs = 0;
    await fc.assert(
      fc.asyncProperty(format.chain((f) => fc.tuple(fc.constant(f), pageArbitrary(f))), async ([f, text]) => {
        const relPath = `pages/test/page.en.${f}`;
        await writeFile(path.join(dir, relPath), text);
        const result = await buildPages(dir, [relPath]);
        const source = String(result.files[0]?.value ?? '');
        const { dataset } = result;
        for (const a of dataset.authorities) Authority.parse(a);
        for (const r of dataset.forums) Forum.parse(r);
        for (const m of dataset.memberships) Membership.parse(m);
        for (const c of dataset.countChecks) CountCheck.parse(c);
        for (const c of dataset.crossSourceChecks) CrossSourceCheck.parse(c);
        for (const s of dataset.sources) Source.parse(s);
        const evidence = evidenceIn(dataset);
        for (const e of evidence) expectEvidenceInSource(e, source, 'test/page.en');
        runs++;
        if (evidence.length > 0) withEvidence++;
      }),
      { numRuns: numRuns(150) },
    );
    expect(withEvidence / runs).toBeGreaterThan(0.4);
  }, Math.max(60_000, numRuns(150) * 50));
});
