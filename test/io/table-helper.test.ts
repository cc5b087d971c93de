import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Dataset } from '../../pipeline/build.js';
import { startTableHelper, type TableHelper } from '../../pipeline/io/table-helper.js';
import type { PublicationConfig } from '../../pipeline/publish/config.js';
import { InvalidRecordError, validateDataset } from '../../pipeline/publish/json.js';
import { publishRelease, streamRelease } from '../../pipeline/publish/publish.js';
import { writeRelease } from '../../pipeline/io/write-dataset.js';
import { projectDataset } from '../helpers/pipeline.js';

// The worker runs compiled code (make test compiles before vitest runs).
const script = new URL('../../build/pipeline/io/table-worker.js', import.meta.url);

let project: { dataset: Dataset; config: PublicationConfig };
beforeAll(async () => {
  project = await projectDataset();
});

const helpers: TableHelper[] = [];
const helper = (at = script) => {
  const started = startTableHelper(at);
  helpers.push(started);
  return started;
};
afterEach(async () => {
  await Promise.all(helpers.splice(0).map((h) => h.close()));
});

/**
 * The project's dataset grown to many messages' worth (the helper sends a few hundred kB at a
 * time) and given cells CSV has to quote, escape or neutralise: delimiters, quotes, line
 * breaks, formula starters, list separators, spaces at the edges, non-Latin-1 text.
 */
function awkward(dataset: Dataset, copies: number): Dataset {
  const odd = ['a;b', 'say "yes"', 'two\nlines', '=1+1', '-5', '@home', ' edge ', 'back\\slash', 'Ærø – 東京', 'x,y', '\tTab'];
  // each copy of a forum and its memberships under an id of its own: every record keeps its own IRI
  const copy = (id: string, n: number) => (n === 0 ? id : `${id}-copy-${n}`);
  const forums = Array.from({ length: copies }, (_, n) => dataset.forums.map((f) => ({ ...f, id: copy(f.id, n) }))).flat();
  const memberships = Array.from({ length: copies }, (_, n) =>
    dataset.memberships.map((m, i) => ({
      ...m,
      forumId: copy(m.forumId, n),
      evidence: m.evidence.map((e, k) => ({ ...e, quote: `${odd[(n + i + k) % odd.length]}${e.quote}` })),
    })),
  ).flat();
  const authorities = dataset.authorities.map((a, i) => ({ ...a, otherNames: [...a.otherNames, odd[i % odd.length] as string] }));
  return { ...dataset, forums, memberships, authorities };
}

const text = (files: Map<string, Uint8Array>) => new Map([...files].map(([path, bytes]) => [path, new TextDecoder().decode(bytes)]));

describe('the table thread', () => {
  it('makes the same release, byte for byte, as one thread', async () => {
    const dataset = awkward(project.dataset, 40);
    expect(dataset.memberships.length).toBeGreaterThan(1000);
    const alone = await publishRelease(dataset, project.config, '0.0.0-test');
    const helped = await publishRelease(dataset, project.config, '0.0.0-test', undefined, helper());
    expect([...helped.keys()]).toEqual([...alone.keys()]);
    expect(text(helped)).toEqual(text(alone));
    // the awkward cells did reach the CSV files
    const csv = new TextDecoder().decode(helped.get('data/excel/memberships.csv'));
    expect(csv).toContain(`'=1+1`);
    expect(csv).toContain('"two\nlines');
    expect(csv).toContain('Ærø – 東京');
  });

  it('writes the header of an empty table', async () => {
    const dataset = { ...project.dataset, crossSourceChecks: [], countChecks: [] };
    const alone = await publishRelease(dataset, project.config, '0.0.0-test');
    const helped = await publishRelease(dataset, project.config, '0.0.0-test', undefined, helper());
    expect(text(helped)).toEqual(text(alone));
    expect(new TextDecoder().decode(helped.get('data/cross-source-checks.csv'))).toMatch(/^id,[^\n]*\r\n$/u);
  });

  it('stops the release at a record that fails its schema, saying what one thread says', async () => {
    const dataset = awkward(project.dataset, 5);
    const bad = dataset.memberships.length - 3;
    dataset.memberships[bad] = { ...(dataset.memberships[bad] as Dataset['memberships'][number]), role: 'chair' as never };
    const expected = (() => {
      try {
        validateDataset(dataset);
      } catch (error) {
        return (error as Error).message;
      }
      throw new Error('the record was expected to fail');
    })();
    expect(expected).toContain(`memberships[${bad}].role`);
    const failed = publishRelease(dataset, project.config, '0.0.0-test', undefined, helper());
    await expect(failed).rejects.toThrow(InvalidRecordError);
    await expect(failed).rejects.toThrow(expected);
  });

  it('leaves the release on disk as it was when a record fails, with no CSV file half written beside it', async () => {
    const work = await mkdtemp(path.join(os.tmpdir(), 'samverkan-table-thread-'));
    try {
      const out = path.join(work, 'dist');
      const write = (dataset: Dataset, withHelper: boolean) =>
        writeRelease(out, async (put) => {
          await streamRelease(dataset, project.config, '0.0.0-test', put, undefined, withHelper ? helper() : undefined);
        });
      const good = awkward(project.dataset, 5);
      await write(good, true);
      const before = await readFile(path.join(out, 'data/memberships.csv'));
      const bad = awkward(project.dataset, 6);
      // late in the largest table: the CSV files of the tables before it are being written when it is found
      const at = bad.memberships.length - 1;
      bad.memberships[at] = { ...(bad.memberships[at] as Dataset['memberships'][number]), authorityId: 'Not A Slug' };
      await expect(write(bad, true)).rejects.toThrow(new RegExp(`memberships\\[${at}\\]\\.authorityId`, 'u'));
      expect(Buffer.compare(await readFile(path.join(out, 'data/memberships.csv')), before)).toBe(0);
      expect((await readdir(work)).sort()).toEqual(['dist']);
    } finally {
      await rm(work, { recursive: true, force: true });
    }
  });

  it('leaves the work to this thread when its thread cannot start', async () => {
    const dataset = awkward(project.dataset, 3);
    const broken = helper(new URL('./no-such-table-worker.js', script));
    expect(await broken.ready()).toBe(false);
    const helped = await publishRelease(dataset, project.config, '0.0.0-test', undefined, broken);
    expect(text(helped)).toEqual(text(await publishRelease(dataset, project.config, '0.0.0-test')));
  });
});
