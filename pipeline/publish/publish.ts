import type { Dataset } from '../build.js';
import type { PublicationConfig } from './config.js';
import { madeFile, type MadeFile, type Writer } from './context.js';
import { csvWriter } from './csv.js';
import { datapackageWriter } from './datapackage.js';
import { dcatWriter } from './dcat.js';
import { jsonFiles, validateDataset } from './json.js';
import { jsonldWriter } from './jsonld.js';
import { landingPageWriter } from './landing-page.js';
import { buildSchemaFiles, type TypesCache } from './schemas.js';

/** Where each file goes as soon as a writer has made it: the release being staged, or a map. */
export type PutFile = (path: string, bytes: Uint8Array) => Promise<void>;

/**
 * Every file of a release, in the order the writers need: data first, then the files that
 * describe it (each lists and sizes the files made before it), the landing page last.
 * - dataset.jsonld lists the data, schema, type and Data Package files;
 * - catalog.rdf lists those and dataset.jsonld;
 * - index.html lists every file but itself.
 * Each file goes to `put` when made and is not kept: at most one writer's files are in memory
 * at a time. Returns every file's size and hash.
 */
export async function streamRelease(dataset: Dataset, config: PublicationConfig, version: string, put: PutFile, cache?: TypesCache): Promise<Map<string, MadeFile>> {
  validateDataset(dataset);
  const made = new Map<string, MadeFile>();
  const add = async (files: Map<string, Uint8Array>) => {
    for (const [path, bytes] of files) {
      if (made.has(path)) throw new Error(`two writers made ${path}`);
      made.set(path, madeFile(bytes));
      await put(path, bytes);
    }
  };
  const run = (writer: Writer) => add(writer({ dataset, config, version, files: made }));
  await add(jsonFiles(dataset));
  await run(csvWriter);
  await add(await buildSchemaFiles(cache));
  await run(datapackageWriter);
  await run(jsonldWriter);
  await run(dcatWriter);
  await run(landingPageWriter);
  return made;
}

/** The whole release in memory, files in code-unit order of path (for tests and `diff`). */
export async function publishRelease(dataset: Dataset, config: PublicationConfig, version: string, cache?: TypesCache): Promise<Map<string, Uint8Array>> {
  const files = new Map<string, Uint8Array>();
  await streamRelease(dataset, config, version, async (path, bytes) => void files.set(path, bytes), cache);
  return new Map([...files].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}
