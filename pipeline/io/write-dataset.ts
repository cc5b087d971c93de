import { randomBytes } from 'node:crypto';
import { existsSync, renameSync, rmSync } from 'node:fs';
import * as fsPromises from 'node:fs/promises';
import path from 'node:path';
import { InputError } from '../util/errors.js';
import { acquireLock, errorCode, type Lock, type LockFs, type LockHolder } from './lock.js';

/** The file that marks a folder as a samverkan release, so a build never replaces anything else. */
export const MARKER = '.samverkan-release';
export const MARKER_TEXT = 'This folder is a dataset release written by samverkan; a build replaces it whole.\n';

/** The file-system calls a release write makes (default node:fs/promises); tests pass failing ones. */
export type ReleaseFs = LockFs & Pick<typeof fsPromises, 'mkdir' | 'open' | 'rename' | 'rm' | 'readdir' | 'lstat'>;

export interface RecoverOptions {
  fs?: ReleaseFs;
  /** How long to wait for another build holding the lock, default 60 s. */
  lockTimeoutMs?: number;
  lockPollMs?: number;
  /** Things worth telling the user: waiting for another build, a release restored after a crash. */
  report?: (message: string) => void;
}

export interface WriteReleaseOptions extends RecoverOptions {
  /** Replace an output folder that is not a samverkan release. */
  force?: boolean;
  /** Folders the release must neither replace nor lie inside (the sources). */
  protect?: readonly string[];
}

/** The OS refused a file operation (disk full, no permission, read-only …): exit code 2, with the file and the reason. */
export class ReleaseWriteError extends InputError {
  override name = 'ReleaseWriteError';
  constructor(
    message: string,
    readonly code: string | undefined,
    readonly file: string,
  ) {
    super(message);
  }
}

/** Words for the codes a release write meets; others keep the OS message. */
const REASONS: Readonly<Record<string, string>> = {
  ENOSPC: 'no space left on device',
  EDQUOT: 'disk quota exceeded',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EROFS: 'read-only file system',
  EIO: 'input/output error',
  ENOTDIR: 'a part of the path is a file, not a folder',
  EISDIR: 'it is a folder',
  EEXIST: 'a file of that name exists already',
  ENOENT: 'no such file or folder',
  EMFILE: 'too many open files',
  ENAMETOOLONG: 'file name too long',
  EBUSY: 'resource busy',
  ENOTEMPTY: 'folder not empty',
};

/** An OS failure of one step, before it is worded for the user. */
class StepFailure extends Error {
  constructor(
    readonly step: string,
    readonly file: string,
    readonly error: unknown,
  ) {
    super(`${step}: ${String(error)}`);
  }
}

async function step<T>(what: string, file: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (errorCode(error) === undefined) throw error;
    throw new StepFailure(what, file, error);
  }
}

function wordFailure(failure: StepFailure, outDir: string, outcome: string): ReleaseWriteError {
  const code = errorCode(failure.error);
  const reason = (code && REASONS[code]) ?? (failure.error as Error).message;
  return new ReleaseWriteError(`${outDir}: cannot ${failure.step} (${failure.file}): ${code ?? 'error'}, ${reason}; ${outcome}`, code, failure.file);
}

interface ReleasePaths {
  target: string;
  parent: string;
  base: string;
  lock: string;
}

function releasePaths(outDir: string): ReleasePaths {
  const target = path.resolve(outDir);
  const parent = path.dirname(target);
  const base = path.basename(target);
  return { target, parent, base, lock: path.join(parent, `.${base}.lock`) };
}

/** `.<base>.new-<tag>` (a build's staging folder) or `.<base>.old-<tag>` (a release moved aside). */
function siblingKind(name: string, base: string): 'new' | 'old' | undefined {
  const prefix = `.${base}.`;
  if (!name.startsWith(prefix)) return undefined;
  const match = /^(new|old)-[0-9a-f]{12}$/u.exec(name.slice(prefix.length));
  return match?.[1] === 'new' ? 'new' : match?.[1] === 'old' ? 'old' : undefined;
}

async function exists(fs: ReleaseFs, file: string): Promise<boolean> {
  try {
    await fs.lstat(file);
    return true;
  } catch (error) {
    const code = errorCode(error);
    if (code === 'ENOENT' || code === 'ENOTDIR') return false;
    throw error;
  }
}

function lockFor(where: ReleasePaths, outDir: string, options: RecoverOptions, onSignal?: () => void): Promise<Lock> {
  const report = options.report;
  return step('create the lock file', where.lock, () =>
    acquireLock(where.lock, {
      fs: options.fs ?? fsPromises,
      ...(options.lockTimeoutMs === undefined ? {} : { timeoutMs: options.lockTimeoutMs }),
      ...(options.lockPollMs === undefined ? {} : { pollMs: options.lockPollMs }),
      ...(report ? { onWait: (holder: LockHolder | undefined) => report(`${outDir}: waiting for another build${holder ? ` (pid ${holder.pid})` : ''} to finish writing this release (${where.lock})`) } : {}),
      ...(onSignal ? { onSignal } : {}),
    }),
  );
}

/**
 * Put right what a build killed at any moment left beside `outDir`: a release moved aside but
 * not replaced is moved back, unfinished staging folders and retired releases are removed, a
 * dead build's lock is taken over. Call it before reading or building a release; it waits for a
 * live build that is writing the release, and does nothing (takes no lock) when all is in order.
 */
export async function recoverRelease(outDir: string, options: RecoverOptions = {}): Promise<void> {
  const fs = options.fs ?? fsPromises;
  const where = releasePaths(outDir);
  let names: string[];
  try {
    names = await fs.readdir(where.parent);
  } catch (error) {
    const code = errorCode(error);
    if (code === 'ENOENT' || code === 'ENOTDIR') return; // no parent folder: nothing was ever written
    throw wordFailure(new StepFailure('list the folder', where.parent, error), outDir, 'nothing was changed');
  }
  const lockName = path.basename(where.lock);
  if (!names.some((name) => siblingKind(name, where.base) !== undefined || name === lockName || name.startsWith(`${lockName}.`))) return;
  let lock: Lock | undefined;
  try {
    lock = await lockFor(where, outDir, options);
    await recoverLocked(fs, where, outDir, options.report);
  } catch (error) {
    if (error instanceof StepFailure) throw wordFailure(error, outDir, 'the release folder was left as it was');
    throw error;
  } finally {
    await lock?.release();
  }
}

/** Recovery proper; the caller holds the lock, so every staging folder belongs to a dead build. */
async function recoverLocked(fs: ReleaseFs, where: ReleasePaths, outDir: string, report: ((message: string) => void) | undefined): Promise<void> {
  const names = await step('list the folder', where.parent, () => fs.readdir(where.parent));
  const olds = names.filter((n) => siblingKind(n, where.base) === 'old').sort();
  const stagings = names.filter((n) => siblingKind(n, where.base) === 'new').sort();
  let restored: string | undefined;
  if (olds.length > 0 && !(await exists(fs, where.target))) {
    // Prefer a marked release; an unmarked one is a folder replaced with --force, still better than none.
    const marked: string[] = [];
    for (const old of olds) if (await exists(fs, path.join(where.parent, old, MARKER))) marked.push(old);
    restored = marked[0] ?? olds[0];
    if (restored !== undefined) {
      const from = path.join(where.parent, restored);
      await step('move the previous release back', from, () => fs.rename(from, where.target));
      report?.(`${outDir}: restored the previous release from ${from} (a build was stopped while swapping releases)`);
    }
  }
  for (const name of [...olds.filter((n) => n !== restored), ...stagings]) {
    const leftover = path.join(where.parent, name);
    await step('remove the leftover folder of a stopped build', leftover, () => fs.rm(leftover, { recursive: true, force: true }));
  }
}

/**
 * A file's content: text, bytes, or pieces of bytes made while they are written (read once, in
 * order), so that a large file need not be in memory whole.
 */
export type ReleaseFile = string | Uint8Array | Iterable<Uint8Array> | AsyncIterable<Uint8Array>;

/**
 * A release's files: all of them in memory, or a function that makes them one by one and hands
 * each to `put` (which writes it into the staging folder at once, so none is kept in memory).
 */
export type ReleaseContent = ReadonlyMap<string, ReleaseFile> | ((put: (path: string, content: ReleaseFile) => Promise<void>) => Promise<void>);

/**
 * Write a release: every file (flushed to disk) into a staging folder beside the target, then
 * swap it in with two renames, under a lock so that two builds never swap at once. A build that
 * fails leaves the previous release as it was; one killed at any moment leaves it either in
 * place or moved aside, and the next build (or `recoverRelease`) moves it back.
 */
export async function writeRelease(outDir: string, files: ReleaseContent, options: WriteReleaseOptions = {}): Promise<void> {
  const fs = options.fs ?? fsPromises;
  const where = releasePaths(outDir);
  // Not even --force replaces the working folder, one of its parents, or the sources.
  const inside = (child: string, folder: string) => child === folder || child.startsWith(folder + path.sep);
  if (inside(process.cwd(), where.target) || (options.protect ?? []).some((p) => inside(path.resolve(p), where.target) || inside(where.target, path.resolve(p)))) {
    throw new InputError(`${outDir}: refusing to write a release over the working folder, a parent of it, or the sources`);
  }
  const tag = randomBytes(6).toString('hex');
  const staging = path.join(where.parent, `.${where.base}.new-${tag}`);
  const retired = path.join(where.parent, `.${where.base}.old-${tag}`);
  // While a rename of the swap runs on libuv's thread pool, a signal handler must not touch the folders.
  let swapping = false;
  let lock: Lock | undefined;
  try {
    await step('create the folder', where.parent, () => fs.mkdir(where.parent, { recursive: true }));
    lock = await lockFor(where, outDir, options, () => {
      if (!swapping) undoSync(where.target, staging, retired);
    });
    await recoverLocked(fs, where, outDir, options.report);
    await refuseForeignFolder(fs, outDir, where.target, options.force ?? false);
  } catch (error) {
    await lock?.release();
    if (error instanceof StepFailure) throw wordFailure(error, outDir, 'nothing was replaced');
    throw error;
  }
  try {
    await stage(fs, staging, files);
    swapping = true;
    if (await step('look for the previous release', where.target, () => exists(fs, where.target))) await step('move the previous release aside', where.target, () => fs.rename(where.target, retired));
    await step('move the new release into place', where.target, () => fs.rename(staging, where.target));
    swapping = false;
  } catch (error) {
    swapping = false;
    const outcome = await undo(fs, where.target, staging, retired);
    await lock.release();
    if (error instanceof StepFailure) throw wordFailure(error, outDir, outcome);
    throw error;
  }
  // The new release is in place: what follows only tidies up, so it warns instead of failing the build.
  try {
    await step('flush the folder', where.parent, () => syncFolder(fs, where.parent));
    await step('remove the previous release', retired, () => fs.rm(retired, { recursive: true, force: true }));
  } catch (error) {
    if (!(error instanceof StepFailure)) throw error;
    options.report?.(wordFailure(error, outDir, 'the new release is in place; the next build tidies up').message);
  } finally {
    await lock.release();
  }
}

async function refuseForeignFolder(fs: ReleaseFs, outDir: string, target: string, force: boolean): Promise<void> {
  if (force || !(await exists(fs, target))) return;
  if (await exists(fs, path.join(target, MARKER))) return;
  const empty = (await fs.readdir(target).catch(() => ['?'])).length === 0;
  if (!empty) throw new InputError(`${outDir}: exists and is not a samverkan release (no ${MARKER}); refusing to replace it (use --force)`);
}

/** Every file and folder of the release in the staging folder, flushed to disk before the swap. */
async function stage(fs: ReleaseFs, staging: string, files: ReleaseContent): Promise<void> {
  await step('create the staging folder', staging, () => fs.mkdir(staging));
  const folders = new Set([staging]);
  // Each file's fsync runs while the next files are made; all are done before the folders are flushed.
  const flushes: Promise<void>[] = [];
  const put = async (rel: string, content: ReleaseFile) => {
    const dest = path.join(staging, rel);
    if (!dest.startsWith(staging + path.sep)) throw new Error(`refusing to write outside the release folder: ${rel}`);
    const dir = path.dirname(dest);
    if (!folders.has(dir)) {
      await step(`create the folder for ${rel}`, dir, () => fs.mkdir(dir, { recursive: true }));
      for (let d = dir; d !== staging && !folders.has(d); d = path.dirname(d)) folders.add(d);
    }
    const flush = await step(`write ${rel}`, dest, () => writeFile(fs, dest, content));
    const flushed = step(`write ${rel}`, dest, flush);
    flushed.catch(() => undefined); // awaited below; not an unhandled rejection meanwhile
    flushes.push(flushed);
  };
  try {
    if (typeof files === 'function') await files(put);
    else for (const [rel, content] of files) await put(rel, content);
    await put(MARKER, MARKER_TEXT);
    for (const flushed of flushes) await flushed;
  } catch (error) {
    // every file is closed before the staging folder is removed
    await Promise.allSettled(flushes);
    throw error;
  }
  // Deepest first, so each folder's entries are on disk before its parent's.
  for (const dir of [...folders].sort((a, b) => b.length - a.length)) await step('flush the folder', dir, () => syncFolder(fs, dir));
}

/**
 * Write a new file, each piece while the next one is made. Returns its flush (fsync, then
 * close), which runs while the next files are made: a crash after the swap cannot leave a file
 * empty, since the swap waits for every flush.
 */
async function writeFile(fs: ReleaseFs, file: string, content: ReleaseFile): Promise<() => Promise<void>> {
  const handle = await fs.open(file, 'wx');
  let writing: Promise<unknown> = Promise.resolve();
  try {
    if (typeof content === 'string' || content instanceof Uint8Array) await handle.writeFile(content);
    else {
      // writeFile on a handle writes from where the last write ended: one piece after another.
      // Pieces made here (sync) or coming from another thread (async) alike: the next is made or waited for while one is written.
      for await (const piece of content) {
        await writing;
        writing = handle.writeFile(piece);
      }
      await writing;
    }
  } catch (error) {
    await writing.catch(() => undefined);
    await handle.close().catch(() => undefined);
    throw error;
  }
  return async () => {
    try {
      await handle.sync();
    } catch (error) {
      await handle.close().catch(() => undefined);
      throw error;
    }
    await handle.close();
  };
}

/** fsync a folder so the entries created or renamed in it survive a crash. */
async function syncFolder(fs: ReleaseFs, dir: string): Promise<void> {
  let handle: fsPromises.FileHandle;
  try {
    handle = await fs.open(dir, 'r');
  } catch (error) {
    // Windows cannot open a folder; there the renames are as durable as the OS makes them.
    if (process.platform === 'win32' && (errorCode(error) === 'EISDIR' || errorCode(error) === 'EPERM')) return;
    throw error;
  }
  try {
    await handle.sync();
  } catch (error) {
    // Some file systems (network, FUSE) do not fsync folders: nothing more can be done there.
    if (errorCode(error) !== 'EINVAL' && errorCode(error) !== 'ENOTSUP') throw error;
  } finally {
    await handle.close();
  }
}

/** After a failed write: remove the staging folder and put the previous release back. Says what was left. */
async function undo(fs: ReleaseFs, target: string, staging: string, retired: string): Promise<string> {
  await fs.rm(staging, { recursive: true, force: true }).catch(() => undefined); // a leftover is removed by the next build
  try {
    if (!(await exists(fs, target)) && (await exists(fs, retired))) await fs.rename(retired, target);
    return 'nothing was replaced: the previous release is as it was';
  } catch {
    return `the previous release is in ${retired}; the next build, or \`samverkan build\` once the cause is fixed, moves it back`;
  }
}

/** `undo` for signal handlers, which must finish before the process dies. */
function undoSync(target: string, staging: string, retired: string): void {
  try {
    if (!existsSync(target) && existsSync(retired)) renameSync(retired, target);
  } catch {
    // The next build's recovery moves it back.
  }
  rmSync(staging, { recursive: true, force: true });
}

export async function readTextIfExists(file: string): Promise<string | undefined> {
  return fsPromises.readFile(file, 'utf8').catch(() => undefined);
}
