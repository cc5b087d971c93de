import { buildDataset, prepareRegistry, type BuildResult } from '../build.js';
import { loadSources } from '../io/load-sources.js';

/** Load a sources folder and run the pipeline on it (the I/O edge shared by build and check). */
export async function runPipeline(sourcesDir: string): Promise<BuildResult> {
  const { pages, registry } = await loadSources(sourcesDir);
  return buildDataset(pages, prepareRegistry(registry));
}
