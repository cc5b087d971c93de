import type { Dataset } from '../build.js';
import type { PublicationConfig } from './config.js';

/**
 * What every output writer gets. Writers are pure: they return the files they make, as
 * release-relative paths (`data/forums.csv`) and bytes; the build writes them all at once.
 */
export interface PublishContext {
  dataset: Dataset;
  config: PublicationConfig;
  /** the pipeline's version (package.json), published as the dataset's version */
  version: string;
  /** files made by the writers that ran before this one: for hashes, sizes and download lists */
  files: ReadonlyMap<string, Uint8Array>;
}

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
