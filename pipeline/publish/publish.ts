import type { Dataset } from '../build.js';
import type { PublicationConfig } from './config.js';
import type { PublishContext, Writer } from './context.js';
import { csvWriter } from './csv.js';
import { datapackageWriter } from './datapackage.js';
import { dcatWriter } from './dcat.js';
import { jsonFiles, validateDataset } from './json.js';
import { jsonldWriter } from './jsonld.js';
import { landingPageWriter } from './landing-page.js';
import { buildSchemaFiles, type TypesCache } from './schemas.js';

/**
 * Every file of a release, in memory, in the order the writers need: data first, then the
 * files that describe it (each lists and sizes the files made before it), the landing page last.
 * - dataset.jsonld lists the data, schema, type and Data Package files;
 * - catalog.rdf lists those and dataset.jsonld;
 * - index.html lists every file but itself.
 */
export async function publishRelease(dataset: Dataset, config: PublicationConfig, version: string, cache?: TypesCache): Promise<Map<string, Uint8Array>> {
  validateDataset(dataset);
  const files = new Map<string, Uint8Array>();
  const add = (made: Map<string, Uint8Array>) => {
    for (const [path, bytes] of made) {
      if (files.has(path)) throw new Error(`two writers made ${path}`);
      files.set(path, bytes);
    }
  };
  const run = (writer: Writer) => {
    const context: PublishContext = { dataset, config, version, files };
    add(writer(context));
  };
  add(jsonFiles(dataset));
  run(csvWriter);
  add(await buildSchemaFiles(cache));
  run(datapackageWriter);
  run(jsonldWriter);
  run(dcatWriter);
  run(landingPageWriter);
  return new Map([...files].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}
