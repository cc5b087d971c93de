import { realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import { compareCodeUnits } from '../util/compare.js';
import { InputError } from '../util/errors.js';
import { readPage, scanPages, skippedPage, type ReadPage, type ReadPageOptions, type SkippedPage } from './read-pages.js';
import { readRegistry, type LoadedRegistry } from './read-registry.js';

export interface LoadedSources {
  /** every file under pages/ in path order: the pages read, and those skipped with the reason on their VFile */
  pages: ((ReadPage | SkippedPage) & { relPath: string })[];
  registry: LoadedRegistry;
}

export type LoadOptions = ReadPageOptions & {
  /** told how many pages have been read, page by page */
  loading?: (done: number, total: number) => void;
};

/**
 * Read everything a build needs from a sources folder. An unusable folder or registry is an
 * InputError (the whole run stops); a bad page is only skipped, so the others still build.
 */
export async function loadSources(sourcesDir: string, options: LoadOptions = {}): Promise<LoadedSources> {
  const info = await stat(sourcesDir).catch(() => undefined);
  if (!info?.isDirectory()) throw new InputError(`${sourcesDir}: the sources folder does not exist (expected pages/ and registry/ in it)`);
  const pagesDir = path.join(sourcesDir, 'pages');
  if (!(await stat(pagesDir).catch(() => undefined))?.isDirectory()) throw new InputError(`${pagesDir}: the pages folder does not exist`);
  const [root, pagesReal] = await Promise.all([realpath(sourcesDir), realpath(pagesDir)]);
  if (!pagesReal.startsWith(root + path.sep)) throw new InputError(`${pagesDir}: leads to ${pagesReal}, outside the sources folder; refusing to read pages there`);
  const registry = await readRegistry(sourcesDir);
  const scan = await scanPages(sourcesDir);
  const pages: LoadedSources['pages'] = [];
  // one page after another: reading a page makes synchronous calls (see readInside in read-pages.ts)
  const readOptions = { ...(options.maxBytes === undefined ? {} : { maxBytes: options.maxBytes }), realRoot: root };
  for (const relPath of scan.pages) {
    options.loading?.(pages.length, scan.pages.length);
    pages.push({ ...(await readPage(sourcesDir, relPath, readOptions)), relPath });
  }
  for (const problem of scan.problems) pages.push({ ...skippedPage(sourcesDir, problem.relPath, problem), relPath: problem.relPath });
  pages.sort((a, b) => compareCodeUnits(a.relPath, b.relPath));
  return { pages, registry };
}
