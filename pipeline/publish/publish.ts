import type { Dataset } from '../build.js';
import type { PublicationConfig } from './config.js';
import { joinPieces, measured, type FileContent, type MadeFile, type Writer } from './context.js';
import { csvPaths, csvWriter } from './csv.js';
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
  const add = async (files: Map<string, FileContent>, pace?: () => Promise<void>) => {
    for (const [path, content] of files) {
      if (made.has(path)) throw new Error(`two writers made ${path}`);
      const file = measured(content);
      await put(path, pace ? paced(file.pieces, pace) : file.pieces);
      made.set(path, file.made());
    }
  };
  // A writer's files may be made only as they are written: they see the files made before the writer, not those beside them.
  const run = (writer: Writer) => add(writer({ dataset, config, version, files: new Map(made) }));
  // The helper's CSV files are written as their pieces come, beside the JSON files (none is kept whole in memory).
  const helped = helper && helpedWrites(helper, put);
  await add(jsonFiles(dataset, helper?.listener), helper && (() => helper.room()));
  // A helper that could not start leaves the work to this thread (it sent nothing, so no CSV file was begun).
  if (helper && helped && (await helper.ready())) await addHelped(helper, helped, made);
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

/** Pieces, each next one made once `pace` allows. */
async function* paced(pieces: Iterable<Uint8Array>, pace: () => Promise<void>): AsyncGenerator<Uint8Array> {
  for (const piece of pieces) {
    yield piece;
    await pace();
  }
}

/** The paths of the CSV files, in the order `csvWriter` makes them. */
const allCsvPaths = (): string[] => TABLES.flatMap((table) => Object.values(csvPaths(table)));

/** Each CSV file the helper makes, written from its first piece on: its size and hash once written. */
function helpedWrites(helper: TableHelper, put: PutFile): Map<string, Promise<MadeFile>> {
  const writes = new Map<string, Promise<MadeFile>>();
  for (const path of allCsvPaths()) {
    const file = helper.file(path);
    const written = file.started.then(() => put(path, file.pieces)).then(() => file.made);
    written.catch(() => undefined); // awaited in addHelped, or left when the helper could not start
    writes.set(path, written);
  }
  return writes;
}

/**
 * Both CSV files of every table, as the helper makes them, entered in `csvWriter`'s order once
 * written. Returns once the helper has checked every record.
 */
async function addHelped(helper: TableHelper, writes: Map<string, Promise<MadeFile>>, made: Map<string, MadeFile>): Promise<void> {
  try {
    for (const [path, written] of writes) made.set(path, await written);
    await helper.checked();
  } catch (error) {
    // every file's writing has ended (the helper's failure ends those waiting) before the release is let go
    await Promise.allSettled(writes.values());
    const invalid = helper.invalid();
    if (invalid !== undefined) throw new InvalidRecordError(invalid);
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
