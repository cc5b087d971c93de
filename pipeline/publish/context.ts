import { createHash } from 'node:crypto';
import type { Dataset } from '../build.js';
import type { PublicationConfig } from './config.js';

/**
 * What every output writer gets. Writers are pure: they return the files they make, as
 * release-relative paths (`data/forums.csv`) and contents; the build writes each file into the
 * release being staged as soon as it is made, so later writers see its size and hash only.
 */
export interface PublishContext {
  dataset: Dataset;
  config: PublicationConfig;
  /** the pipeline's version (package.json), published as the dataset's version */
  version: string;
  /** files made by the writers that ran before this one: for hashes, sizes and download lists */
  files: ReadonlyMap<string, MadeFile>;
}

/** What later writers know of a file made before them: not its bytes, which are already on their way to disk. */
export interface MadeFile {
  byteLength: number;
  /** hex */
  sha256: string;
}

/**
 * A file as a writer makes it: its bytes, or its text in parts that are made one after another
 * while the file is written, so that a large file (tens of megabytes at 10,000 pages) is never
 * one string, nor one buffer, in memory. Made with `textParts`, the parts can be read again.
 */
export type FileContent = Uint8Array | Iterable<string>;

export type Writer = (context: PublishContext) => Map<string, FileContent>;

export const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);

/** Text in parts, made afresh each time it is read (a generator object can be read once only). */
export const textParts = (make: () => Iterable<string>): Iterable<string> => ({ [Symbol.iterator]: () => make()[Symbol.iterator]() });

/**
 * Characters joined before they are encoded: few enough that the joined text stays below V8's
 * large-object size (128 kB, at two bytes a character), so that it dies young instead of piling
 * up in the old generation until the next full collection.
 */
const TEXT_CHUNK = 1 << 15;

/** Bytes a piece holds: a file is written in a few writes a megabyte, yet never in one buffer. */
const PIECE_BYTES = 1 << 20;

/**
 * The content as UTF-8, in pieces of up to a megabyte (a part too long for that makes a piece
 * of its own, with the text joined just before it). A part is never split, so no surrogate pair
 * is cut in two.
 */
export function* encodedPieces(content: FileContent): Generator<Uint8Array> {
  if (content instanceof Uint8Array) {
    yield content;
    return;
  }
  const encoder = new TextEncoder();
  let piece = new Uint8Array(PIECE_BYTES);
  let used = 0;
  let text = '';
  const parts = content[Symbol.iterator]();
  for (let next = parts.next(); ; next = parts.next()) {
    if (!next.done) text += next.value;
    if (text.length < TEXT_CHUNK && !next.done) continue;
    // UTF-8 takes at most three bytes for a UTF-16 code unit
    if (used > 0 && used + text.length * 3 > piece.length) {
      yield piece.subarray(0, used);
      [piece, used] = [new Uint8Array(PIECE_BYTES), 0];
    }
    if (text.length * 3 > piece.length) yield encoder.encode(text);
    else used += encoder.encodeInto(text, piece.subarray(used)).written;
    text = '';
    if (next.done) break;
  }
  // a copy, so that a small file does not keep a megabyte
  if (used > 0) yield piece.slice(0, used);
}

/** The content's pieces, measured as they go by: `made()` gives the size and hash once all have gone by. */
export function measured(content: FileContent): { pieces: Iterable<Uint8Array>; made: () => MadeFile } {
  const hash = createHash('sha256');
  let byteLength = 0;
  let done = false;
  return {
    pieces: (function* () {
      for (const piece of encodedPieces(content)) {
        hash.update(piece);
        byteLength += piece.byteLength;
        yield piece;
      }
      done = true;
    })(),
    made: () => {
      if (!done) throw new Error('a file was measured before all of it had gone by (a bug in samverkan)');
      return { byteLength, sha256: hash.digest('hex') };
    },
  };
}

/** Pieces as one array of bytes: for tests and releases kept in memory. */
export function joinPieces(pieces: Iterable<Uint8Array>): Uint8Array {
  const all = [...pieces];
  if (all.length === 1) return all[0] as Uint8Array;
  const joined = new Uint8Array(all.reduce((sum, piece) => sum + piece.byteLength, 0));
  let at = 0;
  for (const piece of all) {
    joined.set(piece, at);
    at += piece.byteLength;
  }
  return joined;
}


export function madeFile(content: FileContent): MadeFile {
  const { pieces, made } = measured(content);
  for (const _piece of pieces); // read through, to be measured
  return made();
}

/** Files in memory as writers that come after them see them. */
export const madeFiles = (files: ReadonlyMap<string, FileContent>): Map<string, MadeFile> => new Map([...files].map(([path, content]) => [path, madeFile(content)]));

/** The newest date the sources give (retrieved or last updated), not the build time. */
export function newestSourceDate(dataset: Dataset): string | undefined {
  const dates = dataset.sources.flatMap((s) => [s.retrieved, s.lastUpdated]).filter((d): d is string => d !== undefined);
  return dates.sort().at(-1);
}

export function oldestSourceDate(dataset: Dataset): string | undefined {
  const dates = dataset.sources.flatMap((s) => [s.retrieved, s.lastUpdated]).filter((d): d is string => d !== undefined);
  return dates.sort()[0];
}
