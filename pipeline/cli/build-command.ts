import { readFile } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { readPublicationConfig } from '../io/read-registry.js';
import { recoverRelease, writeRelease, type RecoverOptions } from '../io/write-dataset.js';
import type { PublicationConfig } from '../publish/config.js';
import type { MadeFile } from '../publish/context.js';
import { cacheFromEnvironment, pruneCache, type Cache } from '../io/cache.js';
import { currentRelease, releaseKey, rememberRelease } from '../io/current-release.js';
import { pipelineFingerprint } from '../io/fingerprint.js';
import { withPrebuiltTypes } from '../io/prebuilt-types.js';
import { runPipelineUnlessUnchanged, workerThresholdFromEnvironment, type PipelineResult, type RunOptions, type UnchangedResult } from './pipeline-run.js';
import { progressBar } from './progress.js';
import type { TableHelper } from '../io/table-helper.js';
import { counts } from './report.js';

export interface BuildOptions {
  sources: string;
  out: string;
  strict: boolean;
  force: boolean;
  quiet: boolean;
  /** pages larger than this many bytes are skipped unread (default 20 MB) */
  maxBytes?: number;
  /** How long to wait for another build writing the same release (default 60 s). */
  lockTimeoutMs?: number;
  /** worker threads for parsing and extraction when many pages changed (default: the cores) */
  workers?: number;
}

/** One line per skipped file: where, which rule, why. */
export function skippedLines(skipped: readonly { path: string; ruleId: string; reason: string }[]): string[] {
  return skipped.map((s) => `  skipped: ${s.path}  ${s.ruleId}  ${s.reason}`);
}

/**
 * What a build says of the release it wrote: remembered with the release, so that a build that
 * finds its inputs unchanged says the same without assembling anything.
 */
const BuildSummary = z.object({
  /** the sources folder as it was given: the skipped files' paths begin with it */
  sources: z.string(),
  pages: z.number().int().nonnegative(),
  forums: z.number().int().nonnegative(),
  participants: z.number().int().nonnegative(),
  memberships: z.number().int().nonnegative(),
  countChecks: z.number().int().nonnegative(),
  /** each failed count check as "forum (group): message" */
  failed: z.array(z.string()),
  warnings: z.number().int().nonnegative(),
  skipped: z.array(z.object({ path: z.string(), ruleId: z.string(), reason: z.string() })),
});
type BuildSummary = z.infer<typeof BuildSummary>;

export async function runBuild(options: BuildOptions): Promise<number> {
  const report = options.quiet ? undefined : (message: string) => process.stderr.write(`samverkan: ${message}\n`);
  const releaseOptions = { ...(report ? { report } : {}), ...(options.lockTimeoutMs === undefined ? {} : { lockTimeoutMs: options.lockTimeoutMs }) };
  // First put right what a build killed earlier left, so that a build failing below still leaves a release in place.
  await recoverRelease(options.out, releaseOptions);
  // The cache lives outside the release, is keyed by every input and verified on read; SAMVERKAN_CACHE
  // moves it, SAMVERKAN_CACHE=off turns it off.
  const cached = cacheFromEnvironment();
  const cache = cached?.cache;
  const workers = options.workers ?? availableParallelism();
  const threshold = workerThresholdFromEnvironment();
  const bar = progressBar({ quiet: options.quiet });
  // Once the pages are read: when the release on disk was written from the same inputs (every
  // file verified) and what its build said is remembered, nothing is assembled or written.
  // The settings are read once, and the release on disk (every file hashed) is looked at once:
  // a build that goes on to write uses what was found here.
  let settingsRead: Promise<ReleaseSettings> | undefined;
  const settings = () => (settingsRead ??= readSettings(options.sources));
  let said: BuildSummary | undefined;
  let checked: CheckedRelease | undefined;
  const unchanged = async (inputsKey: string): Promise<boolean> => {
    if (!cache) return false;
    const { version, config } = await settings();
    const key = releaseKey(await pipelineFingerprint(), version, config, inputsKey);
    checked = { key, current: await currentRelease(options.out, key, cache) };
    const summary = BuildSummary.safeParse(checked.current?.summary);
    if (!summary.success || summary.data.sources !== options.sources) return false;
    said = summary.data;
    return true;
  };
  // A build that computes many pages on this thread alone starts the table thread (see
  // TableHelper) before it computes them: the thread loads on the core this one leaves half idle.
  let early: Promise<TableHelper> | undefined;
  const computing = (pages: number, inWorkers: boolean) => {
    if (workers > 1 && !inWorkers && pages >= tableThreadPages()) early ??= import('../io/table-helper.js').then((m) => m.startTableHelper());
  };
  try {
    const built = await runForRelease(options.sources, { ...(options.maxBytes === undefined ? {} : { maxBytes: options.maxBytes }), ...(cache ? { cache, unchanged } : {}), workers, ...threshold, loading: (done, total) => bar.update(done, total, 'loading pages'), progress: bar.update, deferCacheWrites: true, computing });
    // Entries no build has used for two weeks go (at most one look a day); this build's pages stay.
    const prune = () => (cached ? pruneCache(cached.dir, built.cacheKeys ?? []).catch(() => undefined) : undefined);
    if ('unchanged' in built) {
      bar.end();
      const summary = said as BuildSummary;
      await prune();
      return refusal(options, summary) ?? finish(options, summary, true);
    }
    // The page results computed last go into the cache while the release is made; a build waits for them before it ends.
    let code: number;
    try {
      code = await publishBuild(options, built, { cache, settings, checked, tableThread: workers > 1, started: early }, bar, releaseOptions);
    } catch (error) {
      await built.cacheWritten?.catch(() => undefined); // the build's own failure is the one to report
      throw error;
    }
    await built.cacheWritten;
    await prune();
    return code;
  } finally {
    await (await early)?.close();
  }
}

/** With --strict a skipped page, and always a build that can use no page, writes nothing: exit 2. */
function refusal(options: BuildOptions, summary: BuildSummary): number | undefined {
  const { skipped } = summary;
  if (options.strict && skipped.length > 0) {
    // --strict: a skipped page means the release would be missing data, so none is written.
    const lines = [`samverkan: ${skipped.length} file(s) under pages/ cannot be used; with --strict nothing is written (exit 2)`, ...skippedLines(skipped)];
    process.stderr.write(`${lines.join('\n')}\n`);
    return 2;
  }
  if (summary.pages === 0 && skipped.length > 0) {
    // Every page was skipped: an empty release would replace the last good one for nothing.
    const lines = [`samverkan: none of the ${skipped.length} file(s) under pages/ can be used; nothing is written (exit 2)`, ...skippedLines(skipped)];
    process.stderr.write(`${lines.join('\n')}\n`);
    return 2;
  }
  return undefined;
}

/** What the build says on stderr (unless --quiet), and its exit code. */
function finish(options: BuildOptions, s: BuildSummary, current: boolean): number {
  if (!options.quiet) {
    const lines = [
      `samverkan: ${current ? `${options.out}/ is up to date, as built` : `wrote ${options.out}/`} from ${s.pages} page(s): ${s.forums} forums, ${s.participants} participants, ${s.memberships} memberships, ${s.countChecks} count checks (${s.failed.length} failed), ${s.warnings} warnings`,
      ...s.failed.map((f) => `  failed: ${f}`),
    ];
    if (s.skipped.length > 0) lines.push(`  ${s.skipped.length} file(s) under pages/ skipped, not in the dataset:`, ...skippedLines(s.skipped));
    if (s.failed.length > 0 || s.warnings > 0 || s.skipped.length > 0) lines.push('  run `samverkan check` for every finding with its position');
    process.stderr.write(`${lines.join('\n')}\n`);
  }
  if (options.strict && s.failed.length > 0) return 1;
  return 0;
}

interface ReleaseSettings {
  version: string;
  config: PublicationConfig;
}

const readSettings = async (sources: string): Promise<ReleaseSettings> => ({ version: await packageVersion(), config: await readPublicationConfig(sources) });

/** The key of the release the inputs make, and what the cache remembers of the release on disk when it is that one. */
interface CheckedRelease {
  key: string;
  current: Awaited<ReturnType<typeof currentRelease>>;
}

/**
 * Records from which a build with more than one thread that did not start the table thread
 * early (see TABLE_THREAD_PAGES: a rebuild) starts it once the dataset is assembled: about 2,000
 * pages. Measured on 2 cores, cache off, with the thread (started then) and without, in turns:
 * at 10,000 pages (about 100,000 records) 41.8 and 40.1 s against 49.8 and 45.1 s; at 5,000
 * faster in 3 of 5 pairs; at 2,000 and 1,000 pages (and in rebuilds of 1,000) no faster, for
 * 0.5 s more CPU: started then, the thread loads zod, the schemas and csv-stringify while this
 * thread writes, on a core its garbage collection already half uses.
 * SAMVERKAN_TABLE_THREAD_RECORDS sets another number (for tests).
 */
const TABLE_THREAD_RECORDS = 20_000;

/**
 * Pages to compute from which a build with more than one thread, computing them on this thread
 * alone (fewer than the page workers' threshold), starts the table thread before computing them,
 * whatever the number of records it will make: it loads while this thread parses, and the
 * records are checked and the CSV files made on it. Measured at 1,000 pages (about 10,000
 * records, cold, 2 cores, in turns): faster in 9 of 13 pairs, about 3% on average, for 3% more
 * CPU and 50 MB more peak RSS. With page workers computing on both cores it would compete with
 * them (2,000 pages: no faster in 4 pairs); it starts once the dataset is assembled instead (see
 * TABLE_THREAD_RECORDS). A rebuild that computes a few pages does not start it early: it would
 * load at the busiest time, while the dataset is assembled and written (rebuilds of 1,000 pages
 * with it started at once took about 7% longer).
 * SAMVERKAN_TABLE_THREAD_PAGES sets another number (for tests).
 */
const TABLE_THREAD_PAGES = 500;

/** A number the environment sets instead of the default (for tests). */
function fromEnvironment(name: string, otherwise: number): number {
  const set = process.env[name];
  return set === undefined ? otherwise : Number(set);
}

const tableThreadPages = () => fromEnvironment('SAMVERKAN_TABLE_THREAD_PAGES', TABLE_THREAD_PAGES);
const tableThreadRecords = () => fromEnvironment('SAMVERKAN_TABLE_THREAD_RECORDS', TABLE_THREAD_RECORDS);

/**
 * Write the release, unless the one on disk is current (`checked`: found so when the pages were
 * read; with a cache, the pipeline always asks). Without a cache there is no key: it is written.
 */
async function publishBuild(options: BuildOptions, { dataset, skipped, warnings }: Omit<PipelineResult, 'files'> & { warnings: number }, { cache, settings, checked, tableThread, started }: { cache: Cache | undefined; settings: () => Promise<ReleaseSettings>; checked: CheckedRelease | undefined; tableThread: boolean; started: Promise<TableHelper> | undefined }, bar: ReturnType<typeof progressBar>, releaseOptions: RecoverOptions): Promise<number> {
  bar.end();
  const summary: BuildSummary = {
    sources: options.sources,
    pages: dataset.sources.length,
    forums: dataset.forums.length,
    participants: dataset.authorities.length,
    memberships: dataset.memberships.length,
    countChecks: dataset.countChecks.length,
    failed: dataset.countChecks.filter((c) => c.status === 'mismatch').map((c) => `${c.forumId} (${c.group}): ${c.message}`),
    warnings,
    skipped: skipped.map(({ path, ruleId, reason }) => ({ path, ruleId, reason })),
  };
  const refused = refusal(options, summary);
  if (refused !== undefined) return refused;
  const { config, version } = await settings();
  // A release already written from the same inputs (verified file by file) is left as it is.
  const key = checked?.key;
  const current = checked?.current;
  if (!current) {
    // A large dataset's records are checked and its CSV files made on a second thread, while this one writes the rest.
    const records = Object.values(dataset).reduce((sum: number, table: readonly unknown[]) => sum + table.length, 0);
    // (one started early is closed by runBuild, once the cache is written too)
    const helper = (await started) ?? (tableThread && records >= tableThreadRecords() ? (await import('../io/table-helper.js')).startTableHelper() : undefined);
    const { streamRelease } = await import('../publish/publish.js');
    let made: Map<string, MadeFile> | undefined;
    // Each file goes into the staging folder as soon as it is made; a writer that fails leaves the last release as it was.
    try {
      await writeRelease(
        options.out,
        async (put) => {
          made = await streamRelease(dataset, config, version, (file, pieces) => (bar.status(`writing ${options.out}/${file}`), put(file, pieces)), withPrebuiltTypes(cache), helper);
        },
        { ...releaseOptions, force: options.force, protect: [options.sources] },
      );
    } finally {
      bar.end();
      if (!started) await helper?.close();
    }
    if (cache && key && made) await rememberRelease(options.out, key, made, cache, summary);
  } else if (cache && key && JSON.stringify(current.summary) !== JSON.stringify(summary)) {
    // current, but remembered by a build that kept no summary (or named the sources folder otherwise): kept now
    await rememberRelease(options.out, key, current.files, cache, summary);
  }
  return finish(options, summary, current !== undefined);
}

/**
 * The pipeline's dataset and skipped files, and how many warnings it found: its VFiles (every
 * page's text and messages, tens of megabytes at 10,000 pages) are let go before the release is written.
 */
async function runForRelease(sources: string, options: RunOptions): Promise<(Omit<PipelineResult, 'files'> & { warnings: number }) | UnchangedResult> {
  const built = await runPipelineUnlessUnchanged(sources, options);
  if ('unchanged' in built) return built;
  const { files, ...result } = built;
  return { ...result, warnings: counts(files).warnings };
}

async function packageVersion(): Promise<string> {
  const pkg = JSON.parse(await readFile(path.join(path.dirname(fileURLToPath(import.meta.url)), '../../../package.json'), 'utf8')) as { version: string };
  return pkg.version;
}
