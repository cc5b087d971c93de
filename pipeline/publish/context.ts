import { createHash } from 'node:crypto';
import type { Dataset } from '../build.js';
import type { PublicationConfig } from './config.js';

/**
 * What every output writer gets. Writers are pure: they return the files they make, as
 * release-relative paths (`data/forums.csv`) and bytes; the build writes each file into the
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

export const madeFile = (bytes: Uint8Array): MadeFile => ({ byteLength: bytes.byteLength, sha256: createHash('sha256').update(bytes).digest('hex') });

/** Files in memory as writers that come after them see them. */
export const madeFiles = (files: ReadonlyMap<string, Uint8Array>): Map<string, MadeFile> => new Map([...files].map(([path, bytes]) => [path, madeFile(bytes)]));

export type Writer = (context: PublishContext) => Map<string, Uint8Array>;

export const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);

/** The newest date the sources give (retrieved or last updated), not the build time. */
export function newestSourceDate(dataset: Dataset): string | undefined {
  const dates = dataset.sources.flatMap((s) => [s.retrieved, s.lastUpdated]).filter((d): d is string => d !== undefined);
  return dates.sort().at(-1);
}

export function oldestSourceDate(dataset: Dataset): string | undefined {
  const dates = dataset.sources.flatMap((s) => [s.retrieved, s.lastUpdated]).filter((d): d is string => d !== undefined);
  return dates.sort()[0];
}
