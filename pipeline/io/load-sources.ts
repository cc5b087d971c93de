import { stat } from 'node:fs/promises';
import path from 'node:path';
import { InputError } from '../util/errors.js';
import { listPageFiles, readPage, type ReadPage } from './read-pages.js';
import { readRegistry, type LoadedRegistry } from './read-registry.js';

export interface LoadedSources {
  pages: (ReadPage & { relPath: string })[];
  registry: LoadedRegistry;
}

/** Read everything a build needs from a sources folder; an unusable folder is an InputError. */
export async function loadSources(sourcesDir: string): Promise<LoadedSources> {
  const info = await stat(sourcesDir).catch(() => undefined);
  if (!info?.isDirectory()) throw new InputError(`${sourcesDir}: the sources folder does not exist (expected pages/ and registry/ in it)`);
  const pagesDir = path.join(sourcesDir, 'pages');
  if (!(await stat(pagesDir).catch(() => undefined))?.isDirectory()) throw new InputError(`${pagesDir}: the pages folder does not exist`);
  const registry = await readRegistry(sourcesDir);
  const pages: LoadedSources['pages'] = [];
  for (const relPath of await listPageFiles(sourcesDir)) {
    try {
      pages.push({ ...(await readPage(sourcesDir, relPath)), relPath });
    } catch (error) {
      throw new InputError(`${path.join(sourcesDir, relPath)}: cannot read the page (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
    }
  }
  return { pages, registry };
}
