import type { VFile } from 'vfile';
import type { Authority } from '../schemas/authority.js';
import type { CountCheck } from '../schemas/count-check.js';
import type { CrossSourceCheck } from '../schemas/cross-source-check.js';
import type { Forum } from '../schemas/forum.js';
import type { Membership } from '../schemas/membership.js';
import type { Source } from '../schemas/source.js';
import { runCrossSourceChecks } from './check/cross-source/index.js';
import { runCountChecks } from './check/index.js';
import type { LoadedRegistry } from './io/read-registry.js';
import type { SkipRuleId } from './io/inspect-bytes.js';
import { isSkipped, type ReadPage, type SkippedPage } from './io/read-pages.js';
import { isStackOverflow, PageUnusableError } from './parse/page-unusable.js';
import { assemble, type PageForums } from './resolve/assemble.js';
import { ForumRegistry } from './resolve/match-forum.js';
import { NameIndex } from './resolve/name-index.js';
import { participantKinds } from './resolve/participant-kinds.js';
import { compareCodeUnits } from './util/compare.js';
import { type PageResult, replayMessages } from './page-result.js';
import { messageOn } from './util/message.js';

export interface Dataset {
  authorities: Authority[];
  forums: Forum[];
  memberships: Membership[];
  countChecks: CountCheck[];
  crossSourceChecks: CrossSourceCheck[];
  sources: Source[];
}

export interface BuildResult {
  dataset: Dataset;
  /** every page's VFile (and sidecar VFiles) with the messages found, skipped pages' included */
  files: VFile[];
  /** files under pages/ that could not be used: the path as the user gave it, the rule (a `SkipRuleId`, or the parser's) and the reason */
  skipped: { path: string; ruleId: SkipRuleId | PageUnusableError['ruleId']; reason: string }[];
}

/** The address a page was saved from, as versions share it: host without www, path without a final slash. */
function versionKey(url: string): string {
  const u = new URL(url);
  return `${u.hostname.replace(/^www\./u, '')}${u.pathname.replace(/\/+$/u, '')}${u.search}`;
}

/**
 * Several saved versions of one page (the same URL): the newest (by retrieved date, else last
 * update, else file name) is the current claim; the others get `supersededBy`.
 */
function markSupersededVersions(sources: Source[]): void {
  const byKey = new Map<string, Source[]>();
  for (const s of sources) if (s.url) byKey.set(versionKey(s.url), [...(byKey.get(versionKey(s.url)) ?? []), s]);
  for (const versions of byKey.values()) {
    if (versions.length < 2) continue;
    const date = (s: Source) => s.retrieved ?? s.lastUpdated ?? '';
    const ordered = [...versions].sort((a, b) => compareCodeUnits(date(a), date(b)) || compareCodeUnits(a.id, b.id));
    const current = ordered[ordered.length - 1] as Source;
    for (const s of ordered) if (s !== current) s.supersededBy = current.id;
  }
}

export { sourceIdOf } from './source-id.js';

export interface Registry {
  index: NameIndex;
  kinds: ReturnType<typeof participantKinds>;
  forums: ForumRegistry;
}

export function prepareRegistry(loaded: LoadedRegistry): Registry {
  return { index: new NameIndex(loaded.registry.authorities, loaded.aliases), kinds: participantKinds(loaded.kinds), forums: new ForumRegistry(loaded.forums) };
}

/** The parse stage's verdict on a page it cannot use; a stack overflow anywhere in reading a page counts as too deep a nesting. */
function asPageUnusable(error: unknown): PageUnusableError | undefined {
  if (error instanceof PageUnusableError) return error;
  if (isStackOverflow(error)) return new PageUnusableError('page-nesting-too-deep', `Unexpected page nested too deep to read (${(error as Error).message}), expected less nesting`);
  return undefined;
}

/** Page results found in the cache (by key) and a place for the ones this build computes. */
export interface PageResultCache {
  keyOf(page: ReadPage & { relPath: string }): string;
  cached: ReadonlyMap<string, PageResult>;
  fresh: Map<string, PageResult>;
}

/** Parse and extract one page (pipeline/compute-page.ts, loaded only when a page needs it). */
export type ComputePage = (page: ReadPage & { relPath: string }, registry: Registry) => PageResult;

/**
 * The whole pipeline on pages already read: parse → extract → resolve → check. Pure apart from
 * the messages it adds to the pages' VFiles. Pages the cache does not answer are computed with
 * `compute`, which must be given when any page may miss.
 */
export function buildDataset(pages: readonly ((ReadPage | SkippedPage) & { relPath: string })[], registry: Registry, cache?: PageResultCache, progress?: (done: number, total: number) => void, compute?: ComputePage): BuildResult {
  const files: VFile[] = [];
  const skipped: BuildResult['skipped'] = [];
  const read: { page: ReadPage & { relPath: string }; result: PageResult; source: Source; replayed: boolean }[] = [];
  let done = 0;
  for (const page of pages) {
    progress?.(done++, pages.length);
    files.push(page.file);
    // A skipped page is reported (its VFile holds the reason) and makes no source and no claim.
    if (isSkipped(page)) {
      skipped.push({ path: page.file.path, ruleId: page.skip.ruleId, reason: page.skip.reason });
      continue;
    }
    if (page.metaFile) files.push(page.metaFile);
    const key = cache?.keyOf(page);
    const hit = key === undefined ? undefined : cache?.cached.get(key);
    if (hit) {
      replayMessages(page.file, hit.pageMessages);
      if (page.metaFile) replayMessages(page.metaFile, hit.metaMessages);
      read.push({ page, result: hit, source: { ...hit.source }, replayed: true });
      continue;
    }
    try {
      if (!compute) throw new Error(`${page.relPath}: not in the page cache, and buildDataset was given no function to compute it`);
      const result = compute(page, registry);
      if (key !== undefined) cache?.fresh.set(key, result);
      read.push({ page, result, source: { ...result.source }, replayed: false });
    } catch (error) {
      // A page the parser cannot take is that page's problem, not the build's: skip it, go on.
      const unusable = asPageUnusable(error);
      if (!unusable) throw error;
      messageOn(page.file, unusable.reason, { ...(unusable.place && { place: unusable.place }), ruleId: unusable.ruleId, source: 'samverkan' }).fatal = true;
      skipped.push({ path: page.file.path, ruleId: unusable.ruleId, reason: unusable.reason });
    }
  }
  markSupersededVersions(read.map((r) => r.source));

  const pageForums: PageForums[] = [];
  for (const { page, result, source, replayed } of read) {
    if (source.supersededBy) {
      // An older version of a page is kept as a source but no longer makes claims, nor findings.
      // (extraction's messages are the last ones on the file: nothing was added after them)
      if (!replayed) page.file.messages.splice(page.file.messages.length - result.extractMessages.length);
      continue;
    }
    if (replayed) replayMessages(page.file, result.extractMessages);
    const date = source.retrieved ?? source.lastUpdated;
    pageForums.push({ file: page.file, sourceId: source.id, language: source.language, forums: result.forums, ...(date ? { date } : {}) });
  }
  const sources = read.map((r) => r.source);
  const assembled = assemble(pageForums, registry.index, registry.kinds, registry.forums);
  const countChecks = runCountChecks(assembled.groups);
  const crossSourceChecks = runCrossSourceChecks({
    forums: assembled.forums,
    memberships: assembled.memberships,
    authorities: new Map(assembled.authorities.map((a) => [a.id, a])),
    groups: assembled.groups,
    files: new Map(pageForums.map((p) => [p.sourceId, p.file])),
    dates: new Map(pageForums.map((p) => [p.sourceId, p.date])),
  });
  return {
    dataset: {
      authorities: assembled.authorities,
      forums: assembled.forums,
      memberships: assembled.memberships,
      countChecks,
      crossSourceChecks,
      sources: sources.sort((a, b) => compareCodeUnits(a.id, b.id)),
    },
    files,
    skipped,
  };
}
