// The compiled CLI as a user runs it: `make test` compiles first (in a loop: `npx tsc -p .`).
import { existsSync } from 'node:fs';
import { cp, mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli, main, noStackTrace } from '../helpers/cli.js';
import { projectRoot } from '../helpers/pipeline.js';

const seedPage = 'sources/pages/migrationsverket.se/collaboration-against-crime.en.txt';
const TIMEOUT = 60_000;

let tmp: string;
beforeAll(async () => {
  if (!existsSync(main)) throw new Error(`${main} is missing: compile first (make compile, or npx tsc -p .)`);
  tmp = await mkdtemp(path.join(os.tmpdir(), 'samverkan-cli-'));
});
afterAll(async () => {
  if (tmp) await rm(tmp, { recursive: true, force: true });
});

/** A copy of the project's sources/ in the temporary folder, to build from or to break. */
async function sourcesCopy(name: string): Promise<string> {
  const dir = path.join(tmp, name);
  await cp(path.join(projectRoot, 'sources'), dir, { recursive: true });
  return dir;
}

describe('usage', () => {
  it('--help prints the usage and exits 0', async () => {
    const run = await cli('--help');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^Usage:$/mu);
    expect(run.stdout).toContain('samverkan build [--sources DIR] [--out DIR]');
    expect(run.stdout).toContain('samverkan check [--sources DIR] [--format');
    expect(run.stderr).toBe('');
  }, TIMEOUT);

  it('--version prints the version of package.json and exits 0', async () => {
    const pkg = JSON.parse(await readFile(path.join(projectRoot, 'package.json'), 'utf8')) as { version: string };
    const run = await cli('--version');
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(`${pkg.version}\n`);
  }, TIMEOUT);

  it('an unknown command exits 2 naming it, with the usage', async () => {
    const run = await cli('frobnicate');
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('unknown command `frobnicate`');
    expect(run.stderr).toContain('Usage:');
    expect(run.stdout).toBe('');
  }, TIMEOUT);

  it('a missing command exits 2 with the usage', async () => {
    const run = await cli();
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('a command is missing');
    expect(run.stderr).toContain('Usage:');
  }, TIMEOUT);

  it('an unknown option exits 2 naming it', async () => {
    const run = await cli('check', '--no-such-option');
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--no-such-option');
  }, TIMEOUT);

  it('an unknown --format exits 2 naming it', async () => {
    const run = await cli('check', '--format', 'xml');
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('unknown --format xml');
  }, TIMEOUT);
});

describe('check on the project’s sources', () => {
  it('prints the two failed count checks as linter lines and exits 1', async () => {
    const run = await cli('check');
    expect(run.code).toBe(1);
    const lines = run.stdout.split('\n');
    const mismatches = lines.filter((l) => /^sources\/pages\/.+:\d+:\d+ {2}count-mismatch {2}/u.test(l));
    expect(mismatches).toHaveLength(2);
    // the network authorities: "Nine additional authorities" opens line 13
    expect(mismatches[0]).toMatch(new RegExp(`^${seedPage.replace(/\./gu, '\\.')}:13:1  count-mismatch  Unexpected count: Expected 9 network members`, 'u'));
    // the MUR Initiative: 18 stated, 17 distinct (one authority listed twice)
    expect(mismatches[1]).toMatch(/:\d+:\d+ {2}count-mismatch {2}Unexpected count: Expected 18 members as stated \(“18 different authorities”\), found 17 distinct/u);
    // each failure is followed by the place of its list, indented
    const listLine = lines[lines.indexOf(mismatches[0] as string) + 1];
    expect(listLine).toMatch(new RegExp(`^ {4}${seedPage.replace(/\./gu, '\\.')}:13:\\d+  The network members are listed here \\(8 distinct\\)$`, 'u'));
    expect(lines.filter((l) => l !== '').at(-1)).toMatch(/ 2 failed; /u);
  }, TIMEOUT);

  it('--format json prints the files and messages as vfile-reporter-json does', async () => {
    const run = await cli('check', '--format', 'json');
    expect(run.code).toBe(1);
    const files = JSON.parse(run.stdout) as { path: string; messages: { ruleId: string; line: number; column: number; fatal: boolean; reason: string }[] }[];
    expect(Array.isArray(files)).toBe(true);
    const page = files.find((f) => f.path === seedPage);
    expect(page).toBeDefined();
    const mismatches = page?.messages.filter((m) => m.ruleId === 'count-mismatch') ?? [];
    expect(mismatches.map((m) => [m.line, m.column, m.fatal])).toEqual([
      [13, 1, true],
      [expect.any(Number), expect.any(Number), true],
    ]);
    expect(mismatches[1]?.reason).toContain('Expected 18 members');
  }, TIMEOUT);

  it('--format sarif prints a SARIF 2.1.0 log with a result per message', async () => {
    const run = await cli('check', '--format', 'sarif');
    expect(run.code).toBe(1);
    const log = JSON.parse(run.stdout) as {
      $schema: string;
      version: string;
      runs: {
        tool: { driver: { name: string } };
        results: {
          ruleId: string;
          level: string;
          message: { text: string };
          locations: { physicalLocation: { artifactLocation: { uri: string }; region?: { startLine: number; startColumn: number; endLine?: number; endColumn?: number } } }[];
        }[];
      }[];
    };
    expect(log.version).toBe('2.1.0');
    expect(log.$schema).toMatch(/sarif-2\.1\.0/u);
    expect(log.runs).toHaveLength(1);
    const [sarifRun] = log.runs;
    expect(sarifRun?.tool.driver.name).toBe('samverkan');
    const mismatches = sarifRun?.results.filter((r) => r.ruleId === 'count-mismatch') ?? [];
    expect(mismatches).toHaveLength(2);
    for (const r of sarifRun?.results ?? []) {
      expect(['error', 'warning', 'note']).toContain(r.level);
      expect(r.message.text.length).toBeGreaterThan(0);
      expect(r.locations).toHaveLength(1);
    }
    const first = mismatches[0];
    expect(first?.level).toBe('error');
    expect(first?.locations[0]?.physicalLocation.artifactLocation.uri).toBe(seedPage);
    expect(first?.locations[0]?.physicalLocation.region).toEqual({ startLine: 13, startColumn: 1, endLine: 13, endColumn: 28 });
  }, TIMEOUT);
});

describe('build', () => {
  it('writes data/*.json and the release marker from a copy of the sources, and exits 0', async () => {
    const sources = await sourcesCopy('build-sources');
    const out = path.join(tmp, 'release', 'dist');
    const run = await cli('build', '--sources', sources, '--out', out);
    expect(run.code).toBe(0);
    expect(run.stderr).toContain(`wrote ${out}/ from 1 page(s)`);
    expect(run.stderr).toMatch(/\(2 failed\)/u);
    expect(existsSync(path.join(out, '.samverkan-release'))).toBe(true);
    const data = (await readdir(path.join(out, 'data'))).filter((f) => f.endsWith('.json')).sort();
    expect(data).toEqual(expect.arrayContaining(['authorities.json', 'count-checks.json', 'forums.json', 'memberships.json', 'sources.json']));
    for (const f of data) expect(Array.isArray(JSON.parse(await readFile(path.join(out, 'data', f), 'utf8')))).toBe(true);
    const forums = JSON.parse(await readFile(path.join(out, 'data', 'forums.json'), 'utf8')) as { id: string }[];
    expect(forums.map((f) => f.id)).toContain('mur-initiative');
    const checks = JSON.parse(await readFile(path.join(out, 'data', 'count-checks.json'), 'utf8')) as { status: string }[];
    expect(checks.filter((c) => c.status === 'mismatch')).toHaveLength(2);

    // a second build replaces its own release without --force
    const again = await cli('build', '--sources', sources, '--out', out, '--quiet');
    expect(again.code).toBe(0);
    expect(again.stderr).toBe('');
    expect(existsSync(path.join(out, 'data', 'forums.json'))).toBe(true);
  }, TIMEOUT);

  it('--strict exits 1 when a count check failed', async () => {
    const sources = await sourcesCopy('strict-sources');
    const run = await cli('build', '--sources', sources, '--out', path.join(tmp, 'strict-dist'), '--strict', '--quiet');
    expect(run.code).toBe(1);
  }, TIMEOUT);

  it('refuses to replace a non-empty folder that is not a release, unless --force', async () => {
    const sources = await sourcesCopy('refuse-sources');
    const out = path.join(tmp, 'precious');
    await mkdir(out, { recursive: true });
    await writeFile(path.join(out, 'notes.txt'), 'keep me\n');

    const refused = await cli('build', '--sources', sources, '--out', out);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain(out);
    expect(refused.stderr).toContain('not a samverkan release');
    noStackTrace(refused.stderr);
    expect(await readFile(path.join(out, 'notes.txt'), 'utf8')).toBe('keep me\n');
    expect(existsSync(path.join(out, 'data'))).toBe(false);

    const forced = await cli('build', '--sources', sources, '--out', out, '--force', '--quiet');
    expect(forced.code).toBe(0);
    expect(existsSync(path.join(out, '.samverkan-release'))).toBe(true);
    expect(existsSync(path.join(out, 'data', 'forums.json'))).toBe(true);
  }, TIMEOUT);
});

describe('unusable input', () => {
  it('--sources naming a missing folder exits 2 naming it, without a stack trace', async () => {
    for (const command of ['check', 'build']) {
      const run = await cli(command, '--sources', '/nonexistent', '--out', path.join(tmp, 'never'));
      expect(run.code).toBe(2);
      expect(run.stderr).toContain('/nonexistent');
      expect(run.stderr).not.toContain('unexpected failure');
      noStackTrace(run.stderr);
      expect(existsSync(path.join(tmp, 'never'))).toBe(false);
    }
  }, TIMEOUT);

  it('a malformed registry/aliases.yaml exits 2 naming the file and the line', async () => {
    const sources = await sourcesCopy('bad-aliases');
    const aliases = path.join(sources, 'registry', 'aliases.yaml');
    // line 4: a second mapping on one line
    await writeFile(aliases, '- name: Swedish Migration Agency\n  authority: migrationsverket\n- name: Swedish Police\n  authority: polismyndigheten: extra\n');
    const run = await cli('check', '--sources', sources);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(new RegExp(`${aliases.replace(/[.*+?^${}()|[\]\\]/gu, '\\$&')}:4:\\d+: malformed YAML`, 'u'));
    expect(run.stdout).toBe('');
    noStackTrace(run.stderr);
  }, TIMEOUT);

  it('an alias that points to an unknown authority exits 2 naming the file and the entry', async () => {
    const sources = await sourcesCopy('unknown-alias');
    const aliases = path.join(sources, 'registry', 'aliases.yaml');
    await writeFile(aliases, '- name: Swedish Migration Agency\n  authority: migrationsverket\n- name: Harbour Police\n  authority: no-such-authority\n');
    const run = await cli('check', '--sources', sources);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`${aliases}: entry 2 (\`Harbour Police\`) points to \`no-such-authority\``);
    noStackTrace(run.stderr);
  }, TIMEOUT);
});

describe('formerly known bugs 3 and 4', () => {
  it('refuses an extra argument after build or check with a usage error', async () => {
    for (const command of ['build', 'check']) {
      const r = await cli(command, 'my-sources');
      expect(r.code).toBe(2);
      expect(r.stderr).toContain('unexpected argument `my-sources`');
    }
  }, TIMEOUT);

  it('writes into an existing empty folder, and never over the sources or the working folder', async () => {
    const empty = path.join(tmp, 'empty-out');
    await mkdir(empty, { recursive: true });
    const ok = await cli('build', '--out', empty, '--quiet');
    expect(ok.code).toBe(0);
    expect(await readdir(path.join(empty, 'data'))).toContain('forums.json');
    for (const out of ['.', 'sources', '..']) {
      const refused = await cli('build', '--out', out, '--force', '--quiet');
      expect(refused.code).toBe(2);
      expect(refused.stderr).toContain('refusing to write a release over');
    }
    expect(existsSync(path.join(projectRoot, 'sources/registry/authorities.json'))).toBe(true);
  }, TIMEOUT);
});
