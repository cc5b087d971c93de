import type { Dataset } from '../build.js';
import type { PublicationConfig } from './config.js';
import { joinPieces, measured, type FileContent, type MadeFile, type Writer } from './context.js';
import { csvWriter } from './csv.js';
import { datapackageWriter } from './datapackage.js';
import { dcatWriter } from './dcat.js';
import type { TableHelper } from '../io/table-helper.js';
import { InvalidRecordError, jsonFiles, validateDataset } from './json.js';
import { jsonldWriter } from './jsonld.js';
import { landingPageWriter } from './landing-page.js';
import { buildSchemaFiles, type TypesCache } from './schemas.js';
import { TABLES } from './tables.js';

/**
 * Where each file goes as soon as a writer has made it: the release being staged, or a map. The
 * file comes as UTF-8 pieces made while they are read: `put` reads them all, once, in order.
 */
export type PutFile = (path: string, pieces: Iterable<Uint8Array> | AsyncIterable<Uint8Array>) => Promise<void>;

/**
 * Every file of a release, in the order the writers need: data first, then the files that
 * describe it (each lists and sizes the files made before it), the landing page last.
 * - dataset.jsonld lists the data, schema, type and Data Package files;
 * - catalog.rdf lists those and dataset.jsonld;
 * - index.html lists every file but itself.
 * Each file goes to `put` while it is made, piece by piece, and is not kept: at most one file's
 * piece and what its writer needs to make the rest are in memory at a time. Returns every
 * file's size and hash.
 */
export async function streamRelease(dataset: Dataset, config: PublicationConfig, version: string, put: PutFile, cache?: TypesCache, helper?: TableHelper): Promise<Map<string, MadeFile>> {
  // With a helper the records are checked on its thread, from the JSON files' text, while they are written.
  if (!helper) validateDataset(dataset);
  const made = new Map<string, MadeFile>();
  const add = async (files: Map<string, FileContent>) => {
    for (const [path, content] of files) {
      if (made.has(path)) throw new Error(`two writers made ${path}`);
      const file = measured(content);
      await put(path, file.pieces);
      made.set(path, file.made());
    }
  };
  // A writer's files may be made only as they are written: they see the files made before the writer, not those beside them.
  const run = (writer: Writer) => add(writer({ dataset, config, version, files: new Map(made) }));
  await add(jsonFiles(dataset, helper?.listener));
  // A helper that could not start (or stopped before its first file) leaves the work to this thread.
  if (helper && (await helper.ready()) && helper.failure() === undefined) await addHelped(helper, put, made);
  else {
    if (helper) validateDataset(dataset);
    await run(csvWriter);
  }
  await add(await buildSchemaFiles(cache));
  await run(datapackageWriter);
  await run(jsonldWriter);
  await run(dcatWriter);
  await run(landingPageWriter);
  return made;
}

/**
 * Both CSV files of every table, as the helper makes them (`csvWriter`'s files, in its order):
 * each written as its pieces come. Returns once the helper has checked every record.
 */
async function addHelped(helper: TableHelper, put: PutFile, made: Map<string, MadeFile>): Promise<void> {
  try {
    for (const table of TABLES) {
      for (const path of [`data/${table.file}.csv`, `data/excel/${table.file}.csv`]) {
        const file = helper.file(path);
        await put(path, file.pieces);
        made.set(path, await file.made);
      }
    }
    await helper.checked();
  } catch (error) {
    if (helper.invalid() !== undefined) throw new InvalidRecordError(helper.invalid());
    throw error;
  }
}

/** The whole release in memory, files in code-unit order of path (for tests and `diff`). */
export async function publishRelease(dataset: Dataset, config: PublicationConfig, version: string, cache?: TypesCache, helper?: TableHelper): Promise<Map<string, Uint8Array>> {
  const files = new Map<string, Uint8Array>();
  const join = async (pieces: Iterable<Uint8Array> | AsyncIterable<Uint8Array>) => {
    if (!(Symbol.asyncIterator in pieces)) return joinPieces(pieces);
    const all: Uint8Array[] = [];
    for await (const piece of pieces) all.push(piece);
    return joinPieces(all);
  };
  await streamRelease(dataset, config, version, async (path, pieces) => void files.set(path, await join(pieces)), cache, helper);
  return new Map([...files].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}
