// The compiled CLI killed (SIGKILL) at random moments of a build: the release folder must always
// come back whole, as a complete build writes it. `make test` compiles first (npx tsc -p .).
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { type FSWatcher, cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, watch } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readRelease } from '../../pipeline/io/read-release.js';
import { MARKER, recoverRelease } from '../../pipeline/io/write-dataset.js';
import { projectRoot } from '../helpers/pipeline.js';

const cli = path.join(projectRoot, 'build/bundle/cli/main.js');
const work = mkdtempSync(path.join(tmpdir(), 'samverkan-kill-'));
const sources = path.join(work, 'sources');
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** At most this many kills, and no more time than this for them, so the file stays under a minute. */
const MAX_KILLS = 25;
const KILL_BUDGET_MS = 32_000;

/**
 * When to kill: anywhere (a delay drawn from a whole build's duration); while writing, after the
 * k-th of the files and folders a build creates (k drawn at random; the writing phase lasts tens
 * of milliseconds, which delays drawn from the whole build would rarely hit); and swapping, at
 * once when the old release is moved aside (between the two renames or just after them).
 */
type Moment = 'anywhere' | 'writing' | 'swapping';
const MOMENTS: readonly Moment[] = ['anywhere', 'writing', 'anywhere', 'swapping'];

interface Run {
  code: number | null;
  signal: NodeJS.Signals | null;
  stderr: string;
  ms: number;
}

/** Start a build; `onStart` gets the child, e.g. to kill it. */
function build(out: string, onStart: (kill: () => void) => void = () => {}): Promise<Run> {
  const started = performance.now();
  // Without the cache: with it, a build after a complete one finds the release up to date and
  // writes nothing, so there would be no write or swap to kill (and every build takes as long as buildMs).
  const child = spawn(process.execPath, [cli, 'build', '--sources', sources, '--out', out], { stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, SAMVERKAN_CACHE: 'off' } });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  onStart(() => child.kill('SIGKILL'));
  return new Promise((resolve) => child.on('close', (code, signal) => resolve({ code, signal, stderr, ms: performance.now() - started })));
}

/** Every file of a release folder with its bytes, by relative path (hidden files too). */
function files(dir: string): Map<string, Buffer> {
  const found = new Map<string, Buffer>();
  const walk = (rel: string) => {
    for (const entry of readdirSync(path.join(dir, rel), { withFileTypes: true })) {
      const child = rel === '' ? entry.name : `${rel}/${entry.name}`;
      if (entry.isDirectory()) walk(child);
      else found.set(child, readFileSync(path.join(dir, child)));
    }
  };
  walk('');
  return found;
}

let reference: Map<string, Buffer>;
/** A complete build's duration, and how many files and folders it creates inside its staging folder. */
let buildMs: number;
let writes: number;

/** A file or folder created (or removed) inside a folder beside the release, except the removal of a release moved aside. */
const isWrite = (name: string) => name.includes(path.sep) && !name.startsWith('.dist.old-');
/**
 * `fs.watch(dir, { recursive: true })` as far as these tests need it: every name created or
 * removed in `dir` and in the folders created in it after the call, relative to `dir`, as
 * `rename` events (folders that were there before, such as the previous release, are not
 * watched). Node's own recursive watcher on Linux lists each new folder as it appears and throws
 * an uncaught ENOENT when the folder is gone by then (a build removes its staging folder
 * quickly); here a folder that is gone is passed over. A new folder's entries are reported when it
 * is first watched, as they may have come before.
 */
function watchTree(dir: string, listener: (event: 'rename', name: string) => void): { close(): void } {
  const watchers: FSWatcher[] = [];
  let closed = false;
  const follow = (rel: string) => {
    if (closed) return;
    const abs = path.join(dir, rel);
    try {
      const watcher = watch(abs, (event, name) => {
        if (closed || event !== 'rename' || name === null) return;
        const child = rel === '' ? name : path.join(rel, name);
        listener('rename', child);
        if (statSync(path.join(dir, child), { throwIfNoEntry: false })?.isDirectory()) follow(child);
      });
      watcher.on('error', () => undefined); // the folder went away
      watchers.push(watcher);
      if (rel === '') return;
      for (const entry of readdirSync(abs, { withFileTypes: true })) {
        const child = path.join(rel, entry.name);
        listener('rename', child);
        if (entry.isDirectory()) follow(child);
      }
    } catch {
      // gone before it could be watched or listed: nothing more will happen in it
    }
  };
  follow('');
  return {
    close() {
      closed = true;
      for (const watcher of watchers) watcher.close();
    },
  };
}

/** The path inside the release: a renamed folder's files may be reported under both names. */
const inRelease = (name: string) => name.slice(name.indexOf(path.sep) + 1);

/** The release is whole and valid by its own description, and is exactly what a complete build writes. */
async function expectValidRelease(dir: string): Promise<void> {
  expect(existsSync(path.join(dir, MARKER)), `${dir} has no ${MARKER}`).toBe(true);
  const pkg = JSON.parse(readFileSync(path.join(dir, 'datapackage.json'), 'utf8')) as { resources: { path: unknown; bytes?: number; hash?: string }[] };
  const listed = pkg.resources.filter((r): r is { path: string; bytes: number; hash: string } => typeof r.path === 'string' && !/^[a-z]+:/u.test(r.path));
  expect(listed.length).toBeGreaterThan(4);
  for (const resource of listed) {
    const bytes = readFileSync(path.join(dir, resource.path));
    expect(bytes.length, resource.path).toBe(resource.bytes);
    expect(`sha256:${createHash('sha256').update(bytes).digest('hex')}`, resource.path).toBe(resource.hash);
  }
  const dataset = await readRelease(dir); // data/*.json parse and pass the zod schemas
  expect(dataset.forums.length).toBeGreaterThan(0);
  const got = files(dir);
  expect([...got.keys()].sort()).toEqual([...reference.keys()].sort());
  const differing = [...reference].filter(([rel, bytes]) => !got.get(rel)?.equals(bytes)).map(([rel]) => rel);
  expect(differing, 'files that differ from a complete build').toEqual([]);
}

/** Names beside the release folder: what a killed build left. */
function beside(out: string): string[] {
  return readdirSync(path.dirname(out)).filter((n) => n !== path.basename(out));
}

beforeAll(async () => {
  expect(existsSync(cli), `${cli} is missing: compile first (make test does, or npx tsc -p .)`).toBe(true);
  cpSync(path.join(projectRoot, 'sources'), sources, { recursive: true });
  const out = path.join(work, 'reference', 'dist');
  mkdirSync(path.dirname(out));
  const watcher = watchTree(path.dirname(out), (event, name) => {
    if (event === 'rename' && isWrite(name)) writesSeen.add(inRelease(name));
  });
  const writesSeen = new Set<string>();
  const run = await build(out).finally(() => watcher.close());
  expect(run.code, run.stderr).toBe(0);
  reference = files(out);
  buildMs = run.ms;
  writes = writesSeen.size;
  expect(writes, 'files and folders created while writing the release').toBeGreaterThan(reference.size);
}, 60_000);

describe('a build killed at a random moment', () => {
  it('always leaves the previous release, whole and valid, once recovered', async () => {
    const out = path.join(work, 'kills', 'dist');
    cpSync(path.join(work, 'reference'), path.dirname(out), { recursive: true }); // the previous release
    const started = performance.now();
    const kills: { when: Moment; at: string; left: string }[] = [];
    let finishedFirst = 0;
    for (let i = 0; kills.length < MAX_KILLS; i++) {
      const when = MOMENTS[i % MOMENTS.length] ?? 'anywhere';
      const delayMs = when === 'anywhere' ? Math.random() * buildMs : 0;
      const afterWrites = when === 'writing' ? 1 + Math.floor(Math.random() * writes) : 0;
      if (performance.now() - started + (when === 'anywhere' ? delayMs : buildMs) > KILL_BUDGET_MS) break;
      let killed = false;
      let watcher: { close(): void } | undefined;
      const run = await build(out, (kill) => {
        let fired = false;
        const fire = () => {
          if (fired) return;
          fired = true;
          watcher?.close();
          setTimeout(() => ((killed = true), kill()), delayMs);
        };
        if (when === 'anywhere') return void fire();
        const seen = new Set<string>();
        watcher = watchTree(path.dirname(out), (event, name) => {
          if (event !== 'rename') return;
          if (when === 'writing' && isWrite(name)) seen.add(inRelease(name));
          if (when === 'writing' ? seen.size >= afterWrites : name.startsWith('.dist.old-') && !name.includes(path.sep)) fire();
        });
      });
      watcher?.close();
      if (run.signal !== 'SIGKILL' || !killed) {
        expect(run.code, run.stderr).toBe(0); // it finished before the kill
        finishedFirst++;
        await expectValidRelease(out);
        continue;
      }
      const left = [existsSync(out) ? 'release in place' : 'NO RELEASE FOLDER', ...beside(out).map((n) => n.replace(/-[0-9a-f]{12}$/u, '-*')).sort()].join(' + ');
      kills.push({ when, at: when === 'anywhere' ? `+${Math.round(delayMs)} ms` : when === 'writing' ? `after ${afterWrites} of ${writes} writes` : 'at the first rename', left });
      await recoverRelease(out);
      expect(beside(out), 'left after recovery').toEqual([]);
      await expectValidRelease(out);
    }
    // The last kill is recovered by the next build itself, with no recoverRelease call before it.
    const last = await build(out);
    expect(last.code, last.stderr).toBe(0);
    await expectValidRelease(out);
    expect(beside(out)).toEqual([]);

    const states = new Map<string, number>();
    for (const k of kills) states.set(`${k.when}: ${k.left}`, (states.get(`${k.when}: ${k.left}`) ?? 0) + 1);
    console.info(
      [
        `kill test: a complete build took ${Math.round(buildMs)} ms and created ${writes} files and folders`,
        `${kills.length} kills in ${Math.round(performance.now() - started)} ms (${finishedFirst} more builds finished before their kill):`,
        ...kills.map((k) => `  ${k.when} ${k.at} → ${k.left}`),
        'states right after the kill:',
        ...[...states].sort().map(([state, n]) => `  ${n} × ${state}`),
      ].join('\n'),
    );
    expect(kills.length).toBeGreaterThanOrEqual(6);
    expect(kills.filter((k) => k.when === 'writing').length).toBeGreaterThanOrEqual(1);
    expect(kills.filter((k) => k.when === 'swapping').length).toBeGreaterThanOrEqual(1);
  }, 90_000);
});

describe('two builds at once to the same folder', () => {
  it('both succeed, one after the other, and the release is byte-identical to a single build', async () => {
    const out = path.join(work, 'concurrent', 'dist');
    const [a, b] = await Promise.all([build(out), build(out)]);
    expect(a?.code, a?.stderr).toBe(0);
    expect(b?.code, b?.stderr).toBe(0);
    await expectValidRelease(out);
    expect(beside(out)).toEqual([]);
    const waited = [a, b].filter((r) => r?.stderr.includes('waiting for another build')).length;
    console.info(`concurrent builds: ${a?.ms.toFixed(0)} ms and ${b?.ms.toFixed(0)} ms; ${waited} of them waited for the other's lock`);
  }, 60_000);
});
