// writeRelease and recoverRelease: a release is replaced whole or not at all, whatever stops the
// build (a failed write, another build, a kill at any moment).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import * as fsPromises from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { LockTimeoutError, processAlive } from '../../pipeline/io/lock.js';
import { MARKER, recoverRelease, ReleaseWriteError, writeRelease, type ReleaseFs } from '../../pipeline/io/write-dataset.js';
import { projectRoot } from '../helpers/pipeline.js';

const work = mkdtempSync(path.join(tmpdir(), 'samverkan-write-release-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

let parent: string;
let out: string;
let counter = 0;
beforeEach(() => {
  parent = path.join(work, `case-${++counter}`);
  mkdirSync(parent);
  out = path.join(parent, 'dist');
});

/** The files of one build, each naming the build, so a mixed release shows. */
function releaseFiles(build: string, count = 8): Map<string, string> {
  const files = new Map<string, string>();
  for (let i = 0; i < count; i++) files.set(i % 2 === 0 ? `data/part-${i}.json` : `part-${i}.txt`, `${JSON.stringify({ build, part: i })}\n`);
  return files;
}

/** Every file under `dir` (hidden ones too) with its text, by relative path. */
function tree(dir: string): Map<string, string> {
  const found = new Map<string, string>();
  const walk = (rel: string) => {
    for (const entry of readdirSync(path.join(dir, rel), { withFileTypes: true })) {
      const child = rel === '' ? entry.name : `${rel}/${entry.name}`;
      if (entry.isDirectory()) walk(child);
      else found.set(child, readFileSync(path.join(dir, child), 'utf8'));
    }
  };
  walk('');
  return new Map([...found].sort(([a], [b]) => (a < b ? -1 : 1)));
}

/** What a complete release of `files` holds: the files and the marker. */
function complete(files: Map<string, string>): Map<string, string> {
  const expected = tree(out); // only for the marker's text
  const marker = expected.get(MARKER);
  expect(marker, `${out} has no ${MARKER}`).toMatch(/samverkan/u);
  const entries: [string, string][] = [...files, [MARKER, marker ?? '']];
  return new Map(entries.sort(([a], [b]) => (a < b ? -1 : 1)));
}

/** Which build every file of the release came from. */
function buildsIn(dir: string): Set<string> {
  const builds = new Set<string>();
  for (const [rel, text] of tree(dir)) if (rel !== MARKER) builds.add((JSON.parse(text) as { build: string }).build);
  return builds;
}

/** Entries beside the release other than the release itself: staging folders, retired releases, locks. */
const leftovers = () => readdirSync(parent).filter((n) => n !== 'dist');

const enospc = () => Object.assign(new Error('no space left on device'), { code: 'ENOSPC' });
const isLock = (file: unknown) => path.basename(String(file)).startsWith('.dist.lock');
/** A pid that certainly belonged to a process that has ended. */
function deadPid(): number {
  const pid = spawnSync(process.execPath, ['-e', '']).pid;
  expect(processAlive(pid)).toBe(false);
  return pid;
}

describe('writeRelease', () => {
  it('writes the files and the marker, replaces a release whole, and leaves nothing beside it', async () => {
    const a = releaseFiles('a');
    await writeRelease(out, a);
    expect(tree(out)).toEqual(complete(a));
    const b = releaseFiles('b', 3);
    await writeRelease(out, b);
    expect(tree(out)).toEqual(complete(b));
    expect(leftovers()).toEqual([]);
  });

  it('writes a file given as pieces whole, piece after piece', async () => {
    const pieces = ['{"build":"a",', '"part":"ö😀",', '"rest":"', 'x'.repeat(100_000), '"}\n'].map((text) => new TextEncoder().encode(text));
    await writeRelease(out, async (put) => {
      await put('data/pieces.json', pieces.values());
      await put('part-1.txt', '{"build":"a","part":1}\n');
    });
    expect(tree(out)).toEqual(complete(new Map([['data/pieces.json', `{"build":"a","part":"ö😀","rest":"${'x'.repeat(100_000)}"}\n`], ['part-1.txt', '{"build":"a","part":1}\n']])));
    expect(leftovers()).toEqual([]);
  });

  it('keeps the previous release when the pieces of a file stop half-way with an error', async () => {
    const a = releaseFiles('a');
    await writeRelease(out, a);
    function* failing(): Generator<Uint8Array> {
      yield new TextEncoder().encode('{"build":"b",');
      throw new Error('a writer failed half-way');
    }
    await expect(
      writeRelease(out, async (put) => {
        await put('part-1.txt', '{"build":"b","part":1}\n');
        await put('data/part-2.json', failing());
      }),
    ).rejects.toThrow('a writer failed half-way');
    expect(tree(out)).toEqual(complete(a));
    expect(buildsIn(out)).toEqual(new Set(['a']));
    expect(leftovers()).toEqual([]);
  });

  it('refuses to replace a folder that is not a release, and takes no lock for long', async () => {
    mkdirSync(out);
    writeFileSync(path.join(out, 'thesis.tex'), 'years of work');
    await expect(writeRelease(out, releaseFiles('a'))).rejects.toThrow(/is not a samverkan release.*--force/u);
    expect(tree(out)).toEqual(new Map([['thesis.tex', 'years of work']]));
    expect(leftovers()).toEqual([]);
  });
});

describe('recovery from every state a killed build can leave', () => {
  /** A release of build `a` in place, then the folders a killed build `b` left beside it. */
  async function killedState(state: { staging?: boolean; moveAside?: boolean; newInPlace?: boolean }): Promise<void> {
    await writeRelease(out, releaseFiles('a'));
    const aside = path.join(parent, '.dist.old-0123456789ab');
    const staging = path.join(parent, '.dist.new-0123456789ab');
    if (state.staging) {
      mkdirSync(path.join(staging, 'data'), { recursive: true });
      writeFileSync(path.join(staging, 'data/part-0.json'), '{"build":"b","pa'); // half written
    }
    if (state.moveAside) await fsPromises.rename(out, aside);
    if (state.newInPlace) {
      await fsPromises.rename(out, aside);
      mkdirSync(out);
      for (const [rel, text] of releaseFiles('b')) {
        mkdirSync(path.dirname(path.join(out, rel)), { recursive: true });
        writeFileSync(path.join(out, rel), text);
      }
      writeFileSync(path.join(out, MARKER), 'samverkan release\n');
    }
    // The killed build's lock: its pid is dead.
    writeFileSync(path.join(parent, '.dist.lock'), JSON.stringify({ pid: deadPid(), host: hostname(), started: '2000-01-01T00:00:00.000Z', token: 'killed' }));
  }

  it('staging folder only (killed while writing): removes it, the release stays', async () => {
    await killedState({ staging: true });
    const messages: string[] = [];
    await recoverRelease(out, { report: (m) => messages.push(m) });
    expect(tree(out)).toEqual(complete(releaseFiles('a')));
    expect(leftovers()).toEqual([]);
    expect(messages).toEqual([]);
  });

  it('release moved aside only (killed between the two renames): moves it back', async () => {
    await killedState({ moveAside: true });
    expect(existsSync(out)).toBe(false);
    const messages: string[] = [];
    await recoverRelease(out, { report: (m) => messages.push(m) });
    expect(tree(out)).toEqual(complete(releaseFiles('a')));
    expect(leftovers()).toEqual([]);
    expect(messages.join('\n')).toMatch(/restored the previous release from .*\.dist\.old-0123456789ab/u);
  });

  it('both, moved aside and staging (killed after the first rename): moves the release back, removes the staging folder', async () => {
    await killedState({ moveAside: true, staging: true });
    await recoverRelease(out);
    expect(tree(out)).toEqual(complete(releaseFiles('a')));
    expect(leftovers()).toEqual([]);
  });

  it('new release in place, old one still aside (killed before the tidy-up): keeps the new one', async () => {
    await killedState({ newInPlace: true });
    await recoverRelease(out);
    expect(buildsIn(out)).toEqual(new Set(['b']));
    expect(leftovers()).toEqual([]);
  });

  it('the next writeRelease recovers first, then replaces the restored release', async () => {
    await killedState({ moveAside: true, staging: true });
    const c = releaseFiles('c', 5);
    await writeRelease(out, c);
    expect(tree(out)).toEqual(complete(c));
    expect(leftovers()).toEqual([]);
  });

  it('does nothing, and takes no lock, when all is in order; other folders of the user are left alone', async () => {
    await writeRelease(out, releaseFiles('a'));
    mkdirSync(path.join(parent, '.dist.old-mine'));
    const opened: string[] = [];
    await recoverRelease(out, { fs: { ...fsPromises, open: (file, flags, mode) => (opened.push(String(file)), fsPromises.open(file, flags, mode)) } });
    expect(opened).toEqual([]);
    expect(leftovers()).toEqual(['.dist.old-mine']);
    await recoverRelease(path.join(work, 'never-written', 'dist')); // no parent folder: nothing to do, no error
    expect(existsSync(path.join(work, 'never-written'))).toBe(false);
  });
});

describe('the lock', () => {
  it('makes a second writeRelease wait until the first has swapped its release in; they never interleave', async () => {
    const log: string[] = [];
    const messages: string[] = [];
    let seenByB: Set<string> | undefined;
    let aStarted!: () => void;
    const aHoldsLock = new Promise<void>((resolve) => (aStarted = resolve));
    const logged = (build: string, delayMs: number): ReleaseFs => ({
      ...fsPromises,
      open: async (file, flags, mode) => {
        if (!isLock(file) && flags === 'wx') {
          if (build === 'a') aStarted();
          if (build === 'b' && seenByB === undefined) seenByB = buildsIn(out);
          log.push(`${build} write ${path.relative(parent, String(file))}`);
          await new Promise((resolve) => setTimeout(resolve, delayMs)); // a slow disk, so b surely comes while a writes
        }
        return fsPromises.open(file, flags, mode);
      },
      rename: async (from, to) => {
        log.push(`${build} rename ${path.relative(parent, String(from))} -> ${path.relative(parent, String(to))}`);
        return fsPromises.rename(from, to);
      },
    });
    const a = releaseFiles('a', 12);
    const b = releaseFiles('b', 7);
    const first = writeRelease(out, a, { fs: logged('a', 15), lockPollMs: 10 });
    await aHoldsLock;
    const second = writeRelease(out, b, { fs: logged('b', 0), lockPollMs: 10, report: (m) => messages.push(m) });
    await Promise.all([first, second]);

    expect(messages.join('\n')).toContain(`waiting for another build (pid ${process.pid})`);
    const lastA = log.map((line) => line.startsWith('a ')).lastIndexOf(true);
    const firstB = log.findIndex((line) => line.startsWith('b '));
    expect(lastA).toBeLessThan(firstB);
    expect(log.filter((line) => line.startsWith('a ')).at(-1)).toMatch(/^a rename \.dist\.new-[0-9a-f]{12} -> dist$/u);
    expect(seenByB, 'when b started writing, the release was all of a').toEqual(new Set(['a']));
    expect(tree(out)).toEqual(complete(b));
    expect(leftovers()).toEqual([]);
  });

  it('takes over the lock of a build that died (its pid is gone)', async () => {
    const lockFile = path.join(parent, '.dist.lock');
    writeFileSync(lockFile, JSON.stringify({ pid: deadPid(), host: hostname(), started: '2000-01-01T00:00:00.000Z', token: 'dead' }));
    const started = Date.now();
    await writeRelease(out, releaseFiles('a'), { lockTimeoutMs: 5_000 });
    expect(Date.now() - started).toBeLessThan(4_000);
    expect(buildsIn(out)).toEqual(new Set(['a']));
    expect(leftovers()).toEqual([]);
  });

  it('takes over a lock with our own pid but another token (left by an earlier process with the same pid)', async () => {
    writeFileSync(path.join(parent, '.dist.lock'), JSON.stringify({ pid: process.pid, host: hostname(), started: '2000-01-01T00:00:00.000Z', token: 'earlier' }));
    await writeRelease(out, releaseFiles('a'), { lockTimeoutMs: 2_000 });
    expect(buildsIn(out)).toEqual(new Set(['a']));
    expect(leftovers()).toEqual([]);
  });

  it('lets exactly one of several waiters take over a dead lock at a time', async () => {
    writeFileSync(path.join(parent, '.dist.lock'), JSON.stringify({ pid: deadPid(), host: hostname(), started: '2000-01-01T00:00:00.000Z', token: 'dead' }));
    const inside: string[] = [];
    let concurrent = 0;
    let most = 0;
    const tracked = (build: string): ReleaseFs => ({
      ...fsPromises,
      open: async (file, flags, mode) => {
        if (!isLock(file) && flags === 'wx' && !inside.includes(build)) {
          inside.push(build);
          most = Math.max(most, ++concurrent);
        }
        return fsPromises.open(file, flags, mode);
      },
      rename: async (from, to) => {
        await fsPromises.rename(from, to);
        if (String(to) === out) concurrent--;
      },
    });
    await Promise.all(['a', 'b', 'c'].map((build) => writeRelease(out, releaseFiles(build, 6), { fs: tracked(build), lockPollMs: 5 })));
    expect([...inside].sort()).toEqual(['a', 'b', 'c']);
    expect(most).toBe(1);
    expect(buildsIn(out)).toEqual(new Set([inside.at(-1)]));
    expect(leftovers()).toEqual([]);
  });

  it('takes over an empty lock file only once it is old (its owner died before writing its pid)', async () => {
    await writeRelease(out, releaseFiles('a'));
    const lockFile = path.join(parent, '.dist.lock');
    writeFileSync(lockFile, '');
    const refused = await writeRelease(out, releaseFiles('b'), { lockTimeoutMs: 300, lockPollMs: 20 }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(LockTimeoutError);
    expect((refused as Error).message).toContain(lockFile);
    expect((refused as Error).message).toContain('has not written its pid yet');
    expect(buildsIn(out)).toEqual(new Set(['a']));
    const past = new Date(Date.now() - 60_000);
    utimesSync(lockFile, past, past);
    await writeRelease(out, releaseFiles('c'), { lockTimeoutMs: 2_000 });
    expect(buildsIn(out)).toEqual(new Set(['c']));
    expect(leftovers()).toEqual([]);
  });

  it('refuses after the timeout while a live process holds the lock, naming the lock and the pid', async () => {
    await writeRelease(out, releaseFiles('a'));
    const holder = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });
    try {
      const pid = holder.pid ?? -1;
      const lockFile = path.join(parent, '.dist.lock');
      const lockText = JSON.stringify({ pid, host: hostname(), started: '2030-01-01T00:00:00.000Z', token: 'live' });
      writeFileSync(lockFile, lockText);
      const started = Date.now();
      const error = await writeRelease(out, releaseFiles('b'), { lockTimeoutMs: 400, lockPollMs: 20 }).catch((e: unknown) => e);
      expect(Date.now() - started).toBeGreaterThanOrEqual(400);
      expect(error).toBeInstanceOf(LockTimeoutError);
      expect((error as Error).message).toContain(lockFile);
      expect((error as Error).message).toContain(`pid ${pid}`);
      expect(readFileSync(lockFile, 'utf8')).toBe(lockText); // the live owner's lock stays
      expect(tree(out)).toEqual(complete(releaseFiles('a')));
      // A reader's recovery waits for the same lock, and gives up the same way.
      await expect(recoverRelease(out, { lockTimeoutMs: 200, lockPollMs: 20 })).rejects.toThrow(`pid ${pid}`);
    } finally {
      holder.kill('SIGKILL');
    }
  });
});

describe('write errors', () => {
  /** Real file-system calls, but the writes of release files after the first `n` fail as on a full disk, half-written. */
  function diskFullAfter(n: number): ReleaseFs {
    let files = 0;
    return {
      ...fsPromises,
      open: async (file, flags, mode) => {
        const handle = await fsPromises.open(file, flags, mode);
        if (isLock(file) || flags !== 'wx' || ++files <= n) return handle;
        const writeFile = handle.writeFile.bind(handle);
        return Object.assign(handle, {
          writeFile: async (data: string | Uint8Array) => {
            await writeFile(data.slice(0, Math.floor(data.length / 2)));
            throw enospc();
          },
        });
      },
    };
  }

  /** Real calls, but `rename` fails with `code` from its `nth` call on (1: moving the old release aside, 2: moving the new one in). */
  function renameFailsFrom(nth: number, code: string): ReleaseFs {
    let calls = 0;
    return {
      ...fsPromises,
      rename: async (from, to) => {
        if (++calls >= nth) throw Object.assign(new Error(`${code}: refused, rename`), { code });
        return fsPromises.rename(from, to);
      },
    };
  }

  it('disk full after 3 files: names the file and ENOSPC, removes the staging folder, keeps the previous release', async () => {
    const a = releaseFiles('a');
    await writeRelease(out, a);
    const error = await writeRelease(out, releaseFiles('b'), { fs: diskFullAfter(3) }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ReleaseWriteError);
    const fourth = [...releaseFiles('b').keys()][3] ?? '';
    expect((error as ReleaseWriteError).code).toBe('ENOSPC');
    expect((error as Error).message).toContain(`cannot write ${fourth}`);
    expect((error as Error).message).toMatch(/ENOSPC, no space left on device; nothing was replaced/u);
    expect((error as ReleaseWriteError).file).toMatch(/\/\.dist\.new-[0-9a-f]{12}\//u);
    expect((error as ReleaseWriteError).file.endsWith(`/${fourth}`)).toBe(true);
    expect(tree(out)).toEqual(complete(a));
    expect(leftovers()).toEqual([]);
  });

  it('takes the files one by one from a producer, and writes each before the next is made', async () => {
    const a = releaseFiles('a');
    const seenOnDisk: boolean[] = [];
    await writeRelease(out, async (put) => {
      for (const [rel, text] of a) {
        await put(rel, text);
        const staging = readdirSync(parent).find((n) => n.startsWith('.dist.new-'));
        seenOnDisk.push(staging !== undefined && readFileSync(path.join(parent, staging, rel), 'utf8') === text);
      }
    });
    expect(seenOnDisk).toEqual([...a].map(() => true));
    expect(tree(out)).toEqual(complete(a));
    expect(leftovers()).toEqual([]);
  });

  it('a producer that fails half-way (a writer finding a bad record) keeps the previous release and leaves nothing beside it', async () => {
    const a = releaseFiles('a');
    await writeRelease(out, a);
    const error = await writeRelease(out, async (put) => {
      await put('data/part-0.json', '{"build":"b"}\n');
      throw new Error('membership x/y names an unknown forum');
    }).catch((e: unknown) => e);
    expect((error as Error).message).toBe('membership x/y names an unknown forum');
    expect(tree(out)).toEqual(complete(a));
    expect(leftovers()).toEqual([]);
  });

  it('disk full on the very first file of the first release: nothing is left at all', async () => {
    const error = await writeRelease(out, releaseFiles('a'), { fs: diskFullAfter(0) }).catch((e: unknown) => e);
    expect((error as ReleaseWriteError).code).toBe('ENOSPC');
    expect(existsSync(out)).toBe(false);
    expect(leftovers()).toEqual([]);
  });

  it('a failing fsync (EIO) fails the write the same way', async () => {
    await writeRelease(out, releaseFiles('a'));
    let syncs = 0;
    const fs: ReleaseFs = {
      ...fsPromises,
      open: async (file, flags, mode) => {
        const handle = await fsPromises.open(file, flags, mode);
        if (flags !== 'wx' || isLock(file) || ++syncs !== 2) return handle;
        return Object.assign(handle, { sync: () => Promise.reject(Object.assign(new Error('i/o error'), { code: 'EIO' })) });
      },
    };
    await expect(writeRelease(out, releaseFiles('b'), { fs })).rejects.toThrow(/cannot write .*EIO, input\/output error/u);
    expect(tree(out)).toEqual(complete(releaseFiles('a')));
    expect(leftovers()).toEqual([]);
  });

  it('moving the old release aside refused (EROFS): the previous release stays in place', async () => {
    await writeRelease(out, releaseFiles('a'));
    const error = await writeRelease(out, releaseFiles('b'), { fs: renameFailsFrom(1, 'EROFS') }).catch((e: unknown) => e);
    expect((error as Error).message).toMatch(/cannot move the previous release aside .*EROFS, read-only file system; nothing was replaced/u);
    expect(tree(out)).toEqual(complete(releaseFiles('a')));
    expect(leftovers()).toEqual([]);
  });

  it('moving the new release in refused (EACCES): the previous release is moved back', async () => {
    await writeRelease(out, releaseFiles('a'));
    let calls = 0;
    // Only the rename of the staging folder fails; moving the old release back works.
    const fs: ReleaseFs = {
      ...fsPromises,
      rename: async (from, to) => {
        if (path.basename(String(from)).startsWith('.dist.new-') && ++calls) throw Object.assign(new Error('permission denied'), { code: 'EACCES' });
        return fsPromises.rename(from, to);
      },
    };
    const error = await writeRelease(out, releaseFiles('b'), { fs }).catch((e: unknown) => e);
    expect((error as ReleaseWriteError).code).toBe('EACCES');
    expect((error as Error).message).toMatch(/cannot move the new release into place .*EACCES, permission denied; nothing was replaced/u);
    expect(calls).toBe(1);
    expect(tree(out)).toEqual(complete(releaseFiles('a')));
    expect(leftovers()).toEqual([]);
  });

  it('every rename after the first refused: says where the previous release is, and the next recovery moves it back', async () => {
    await writeRelease(out, releaseFiles('a'));
    const error = await writeRelease(out, releaseFiles('b'), { fs: renameFailsFrom(2, 'EIO') }).catch((e: unknown) => e);
    expect((error as Error).message).toMatch(/the previous release is in .*\.dist\.old-[0-9a-f]{12}; the next build/u);
    expect(existsSync(out)).toBe(false);
    expect(leftovers()).toEqual([expect.stringMatching(/^\.dist\.old-[0-9a-f]{12}$/u)]);
    await recoverRelease(out);
    expect(tree(out)).toEqual(complete(releaseFiles('a')));
    expect(leftovers()).toEqual([]);
  });

  it('the CLI exits 2 with the message, no stack trace', async () => {
    writeFileSync(path.join(parent, 'file'), '');
    const cli = path.join(projectRoot, 'build/bundle/cli/main.js');
    const run = spawnSync(process.execPath, [cli, 'build', '--sources', path.join(projectRoot, 'sources'), '--out', path.join(parent, 'file', 'dist'), '--quiet'], { encoding: 'utf8' });
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/^samverkan: .*file[/\\]dist: cannot create the folder \(.*file\): (EEXIST|ENOTDIR), .*; nothing was replaced\n$/u);
  });

  it('a real OS error (a file where the folder should be) is worded the same way', async () => {
    writeFileSync(path.join(parent, 'file'), '');
    const error = await writeRelease(path.join(parent, 'file', 'dist'), releaseFiles('a')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ReleaseWriteError);
    expect((error as Error).message).toMatch(/cannot create the folder .*file\): (EEXIST|ENOTDIR), /u);
  });
});

describe('signals', () => {
  const compiled = pathToFileURL(path.join(projectRoot, 'build/pipeline/io/write-dataset.js')).href;

  /** Run writeRelease of build b's files in a child process whose file system hangs where `hang` says, until it is signalled. */
  async function hangingChild(hang: string, signal: NodeJS.Signals): Promise<NodeJS.Signals | null> {
    const script = `
      import * as fsp from 'node:fs/promises';
      import { writeRelease } from ${JSON.stringify(compiled)};
      let n = 0;
      const stuck = () => { process.stdout.write('stuck\\n'); return new Promise(() => {}); };
      const fs = { ...fsp,
        open: async (file, flags, mode) => (${JSON.stringify(hang)} === 'third file' && flags === 'wx' && !file.includes('.dist.lock') && ++n === 3 ? stuck() : fsp.open(file, flags, mode)),
        rename: async (from, to) => (${JSON.stringify(hang)} === 'second rename' && from.includes('.dist.new-') ? stuck() : fsp.rename(from, to)),
      };
      setInterval(() => {}, 1000);
      await writeRelease(${JSON.stringify(out)}, new Map(${JSON.stringify([...releaseFiles('b')])}), { fs });
    `;
    const child = spawn(process.execPath, ['--input-type=module', '-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (chunk: Buffer) => chunk.toString().includes('stuck') && resolve());
      child.on('exit', () => reject(new Error('the child ended before it got stuck')));
    });
    const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_code, sig) => resolve(sig)));
    const before = leftovers().map((n) => n.replace(/-[0-9a-f]{12}$/u, '-*')).sort();
    child.kill(signal);
    const got = await exited;
    stateAtSignal = before;
    return got;
  }
  let stateAtSignal: string[] = [];

  it('SIGKILL between the two renames leaves no release folder; recovery puts the previous one back', async () => {
    expect(existsSync(new URL(compiled)), 'compile first: npx tsc -p .').toBe(true);
    await writeRelease(out, releaseFiles('a'));
    expect(await hangingChild('second rename', 'SIGKILL')).toBe('SIGKILL');
    expect(stateAtSignal).toEqual(['.dist.lock', '.dist.new-*', '.dist.old-*']);
    expect(existsSync(out)).toBe(false);
    await recoverRelease(out, { lockTimeoutMs: 2_000 });
    expect(tree(out)).toEqual(complete(releaseFiles('a')));
    expect(leftovers()).toEqual([]);
  });

  it('SIGTERM while writing removes the staging folder and the lock and keeps the previous release', async () => {
    await writeRelease(out, releaseFiles('a'));
    expect(await hangingChild('third file', 'SIGTERM')).toBe('SIGTERM');
    expect(stateAtSignal).toEqual(['.dist.lock', '.dist.new-*']);
    expect(leftovers()).toEqual([]); // the handler tidied up: no recovery needed
    expect(tree(out)).toEqual(complete(releaseFiles('a')));
  });
});
