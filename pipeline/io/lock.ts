// An exclusive lock file beside a release folder, so that two builds never swap releases at once.
// The lock is a file created with open(…, 'wx') holding its owner's pid, host, start time and a
// random token. A lock whose owner died (SIGKILL, power cut) is taken over; a live owner is
// waited for, up to a timeout.
import { createHash, randomBytes } from 'node:crypto';
import { readFileSync, unlinkSync } from 'node:fs';
import * as fsPromises from 'node:fs/promises';
import { hostname } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { z } from 'zod';
import { InputError } from '../util/errors.js';

/** The file-system calls the lock makes; tests pass their own to simulate failures. */
export type LockFs = Pick<typeof fsPromises, 'open' | 'unlink' | 'readdir'>;

export const DEFAULT_LOCK_TIMEOUT_MS = 60_000;
const DEFAULT_POLL_MS = 100;
/** An owner writes its lock file right after creating it: an unreadable one older than this was left by a process that died in between. */
const UNREADABLE_GRACE_MS = 10_000;

const LockHolderSchema = z.object({ pid: z.number().int().positive(), host: z.string(), started: z.string(), token: z.string() });
export type LockHolder = z.infer<typeof LockHolderSchema>;

export interface LockOptions {
  /** How long to wait for a live owner before giving up, default 60 s. */
  timeoutMs?: number;
  pollMs?: number;
  fs?: LockFs;
  /** Called once, when another live process holds the lock and we start waiting for it. */
  onWait?: (holder: LockHolder | undefined) => void;
  /** Synchronous cleanup run when SIGINT or SIGTERM arrives while the lock is held, before the lock is released. */
  onSignal?: () => void;
}

export interface Lock {
  readonly path: string;
  readonly holder: LockHolder;
  /** Remove the lock file if it is still ours. Never throws: a lock left behind is stale once this process ends. */
  release(): Promise<void>;
}

/** The lock stayed held by a live process for the whole timeout. */
export class LockTimeoutError extends InputError {
  override name = 'LockTimeoutError';
  constructor(
    readonly lockPath: string,
    readonly holder: LockHolder | undefined,
    waitedMs: number,
  ) {
    const owner = holder ? `pid ${holder.pid}${holder.host === hostname() ? '' : ` on ${holder.host}`}, started ${holder.started}` : 'an owner that has not written its pid yet';
    super(
      `${lockPath}: another samverkan build (${owner}) holds the lock on this release; waited ${Math.round(waitedMs / 1000)} s for it. ` +
        `Try again when it has finished${holder ? `, or delete the lock file if pid ${holder.pid} is no samverkan build` : ''}.`,
    );
  }
}

/** Tokens of the locks this process holds: a lock file with our pid but another token was left by an earlier process with the same pid. */
const heldHere = new Set<string>();

interface SeenFile {
  text: string;
  /** Identifies this very file version (inode, modification time, content), so a takeover removes exactly the stale file it judged. */
  id: string;
  mtimeMs: number;
}

/** Take the lock at `lockPath`, waiting while another live process holds it. */
export async function acquireLock(lockPath: string, options: LockOptions = {}): Promise<Lock> {
  const fs = options.fs ?? fsPromises;
  const holder: LockHolder = { pid: process.pid, host: hostname(), started: new Date().toISOString(), token: randomBytes(8).toString('hex') };
  // Known before the file exists: another waiter in this process must never judge our fresh lock stale.
  heldHere.add(holder.token);
  try {
    await createWhenFree(fs, lockPath, holder, options);
  } catch (error) {
    heldHere.delete(holder.token);
    throw error;
  }

  const signals = ['SIGINT', 'SIGTERM'] as const;
  const onSignal = (signal: NodeJS.Signals) => {
    try {
      options.onSignal?.();
    } catch {
      // Best effort only: whatever is left is put right by the next build's recovery.
    }
    releaseSync(lockPath, holder.token);
    unlisten();
    // Die of the signal as if we had not listened, unless someone else listens and decides.
    if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
  };
  const unlisten = () => {
    for (const signal of signals) process.removeListener(signal, onSignal);
  };
  for (const signal of signals) process.on(signal, onSignal); // at once: no await since the lock file was created
  await removeDeadClaims(fs, lockPath);

  return {
    path: lockPath,
    holder,
    async release() {
      unlisten();
      heldHere.delete(holder.token);
      const seen = await readSmallFile(fs, lockPath).catch(() => undefined);
      if (seen !== undefined && parseHolder(seen.text)?.token === holder.token) await fs.unlink(lockPath).catch(() => undefined);
    },
  };
}

/** Create the lock file once it is free or stale; LockTimeoutError when a live owner keeps it past the timeout. */
async function createWhenFree(fs: LockFs, lockPath: string, holder: LockHolder, options: LockOptions): Promise<void> {
  const timeoutMs = options.timeoutMs ?? DEFAULT_LOCK_TIMEOUT_MS;
  const waitStart = Date.now();
  let told = false;
  for (;;) {
    if (await createExclusive(fs, lockPath, `${JSON.stringify(holder)}\n`)) return;
    const seen = await readSmallFile(fs, lockPath);
    if (seen === undefined) continue; // released between our attempt and the read: try again at once
    const owner = parseHolder(seen.text);
    // A takeover that lost to a live claimer falls through to waiting, so the loop never spins.
    if (isStale(owner, seen) && (await takeOver(fs, lockPath, seen))) continue;
    const waited = Date.now() - waitStart;
    if (waited >= timeoutMs) throw new LockTimeoutError(lockPath, owner, waited);
    if (!told) options.onWait?.(owner);
    told = true;
    await sleep(Math.min(options.pollMs ?? DEFAULT_POLL_MS, Math.max(1, timeoutMs - waited)));
  }
}

/** Create `file` only if it does not exist, with `text` in it. False when it exists. */
async function createExclusive(fs: LockFs, file: string, text: string): Promise<boolean> {
  let handle: fsPromises.FileHandle;
  try {
    handle = await fs.open(file, 'wx');
  } catch (error) {
    if (errorCode(error) === 'EEXIST') return false;
    throw error;
  }
  try {
    await handle.writeFile(text);
  } catch (error) {
    await handle.close().catch(() => undefined);
    await fs.unlink(file).catch(() => undefined);
    throw error;
  }
  await handle.close();
  return true;
}

/** Content and identity of a small file, or undefined when it does not exist. */
async function readSmallFile(fs: LockFs, file: string): Promise<SeenFile | undefined> {
  let handle: fsPromises.FileHandle;
  try {
    handle = await fs.open(file, 'r');
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return undefined;
    throw error;
  }
  try {
    const info = await handle.stat();
    const text = await handle.readFile('utf8');
    const id = createHash('sha256').update(`${info.dev}:${info.ino}:${info.mtimeMs}:${text}`).digest('hex').slice(0, 16);
    return { text, id, mtimeMs: info.mtimeMs };
  } finally {
    await handle.close();
  }
}

function parseHolder(text: string): LockHolder | undefined {
  try {
    const parsed = LockHolderSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

/** Whether process `pid` on this machine is alive: signal 0 checks without sending anything. */
export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return errorCode(error) !== 'ESRCH'; // EPERM: alive, owned by another user
  }
}

function isStale(owner: LockHolder | undefined, seen: SeenFile): boolean {
  if (owner === undefined) return Date.now() - seen.mtimeMs > UNREADABLE_GRACE_MS;
  if (owner.host !== hostname()) return false; // another machine's pids cannot be checked from here
  if (owner.pid === process.pid) return !heldHere.has(owner.token);
  return !processAlive(owner.pid);
}

/**
 * Remove a stale lock file. Several waiters may judge the same file stale at once; a claim file
 * named after that very file version lets exactly one of them remove it, and the winner checks
 * under the claim that the lock is still that version, so no one removes a lock taken meanwhile.
 */
async function takeOver(fs: LockFs, lockPath: string, stale: SeenFile): Promise<boolean> {
  const claim = `${lockPath}.takeover-${stale.id}`;
  if (!(await createExclusive(fs, claim, `${process.pid}\n`))) return removeClaimIfDead(fs, claim);
  try {
    const now = await readSmallFile(fs, lockPath);
    if (now?.id === stale.id) await fs.unlink(lockPath);
  } catch (error) {
    if (errorCode(error) !== 'ENOENT') throw error;
  } finally {
    await fs.unlink(claim).catch(() => undefined);
  }
  return true;
}

/** A claimer killed between creating its claim and removing it would block that takeover for ever. True when it was removed. */
async function removeClaimIfDead(fs: LockFs, claim: string): Promise<boolean> {
  const seen = await readSmallFile(fs, claim).catch(() => undefined);
  if (seen === undefined) return false;
  const pid = Number(seen.text.trim());
  const dead = Number.isInteger(pid) && pid > 0 ? pid !== process.pid && !processAlive(pid) : Date.now() - seen.mtimeMs > UNREADABLE_GRACE_MS;
  if (dead) await fs.unlink(claim).catch(() => undefined);
  return dead;
}

/** Sweep claims of dead claimers once we hold the lock, so none pile up beside the release. */
async function removeDeadClaims(fs: LockFs, lockPath: string): Promise<void> {
  const prefix = `${path.basename(lockPath)}.takeover-`;
  const names = await fs.readdir(path.dirname(lockPath)).catch(() => [] as string[]);
  for (const name of names) if (name.startsWith(prefix)) await removeClaimIfDead(fs, path.join(path.dirname(lockPath), name));
}

/** For signal handlers, which must finish before the process dies. */
function releaseSync(lockPath: string, token: string): void {
  heldHere.delete(token);
  try {
    if (parseHolder(readFileSync(lockPath, 'utf8'))?.token === token) unlinkSync(lockPath);
  } catch {
    // Gone already, or unreadable: a lock we cannot remove is stale once this process has died.
  }
}

export function errorCode(error: unknown): string | undefined {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  return typeof code === 'string' ? code : undefined;
}
