import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildDataset, prepareRegistry, type BuildResult, type Registry } from '../../pipeline/build.js';
import { computePageResult } from '../../pipeline/compute-page.js';
import { readPage } from '../../pipeline/io/read-pages.js';
import { readRegistry } from '../../pipeline/io/read-registry.js';

export const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

let registry: Promise<Registry> | undefined;
/** The project's real registry (sources/registry), loaded once per test file. */
export function projectRegistry(): Promise<Registry> {
  registry ??= readRegistry(path.join(projectRoot, 'sources')).then(prepareRegistry);
  return registry;
}

/** Run the whole pipeline on pages under `<dir>/pages/…` given relative to `dir`. */
export async function buildPages(dir: string, relPaths: readonly string[]): Promise<BuildResult> {
  const pages = [];
  for (const relPath of relPaths) pages.push({ ...(await readPage(dir, relPath)), relPath });
  return buildDataset(pages, await projectRegistry(), undefined, undefined, computePageResult);
}

/** The dataset built from the project's own sources/ and its publication settings. */
export async function projectDataset(): Promise<{ dataset: import('../../pipeline/build.js').Dataset; config: import('../../pipeline/publish/config.js').PublicationConfig }> {
  const { loadSources } = await import('../../pipeline/io/load-sources.js');
  const { readPublicationConfig } = await import('../../pipeline/io/read-registry.js');
  const sources = path.join(projectRoot, 'sources');
  const { pages } = await loadSources(sources);
  const result = buildDataset(pages, await projectRegistry(), undefined, undefined, computePageResult);
  return { dataset: result.dataset, config: await readPublicationConfig(sources) };
}
