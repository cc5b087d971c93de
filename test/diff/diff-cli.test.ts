// End to end: build two releases from two versions of one page with the compiled CLI, then diff them.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ReleaseDiff } from '../../pipeline/diff/diff.js';
import { projectRoot } from '../helpers/pipeline.js';

const cli = path.join(projectRoot, 'build/bundle/cli/main.js');

// A fictional page written for this test; no authority published it.
const page = (participants: string): string => `---
url: https://example.org/forum
title: Working together on port crime
language: en
publisher: Polismyndigheten
---

# Working together on port crime

## Port Crime Council

The Port Crime Council was set up in 2015 to make it harder to smuggle goods through Swedish ports.

The cooperation is led by the Swedish Police Authority. The other participating authorities are ${participants}.

The four authorities share information about suspicious cargo and plan joint inspections.
`;
const pageA = page('the Swedish Customs, the Swedish Tax Agency and the Swedish Coast Guard');
const pageB = page('the Swedish Customs, the Swedish Enforcement Authority and the Swedish Coast Guard');
const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');

let tmp: string;

function samverkan(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8', env: { ...process.env, TZ: 'Pacific/Chatham', LC_ALL: 'sv_SE.UTF-8' } });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

function buildRelease(text: string, out: string): void {
  writeFileSync(path.join(tmp, 'sources/pages/example.org/forum.en.md'), text);
  const result = samverkan('build', '--sources', path.join(tmp, 'sources'), '--out', out, '--quiet');
  if (result.status !== 0) throw new Error(`build failed (${result.status}): ${result.stderr}`);
}

beforeAll(() => {
  if (!existsSync(cli)) throw new Error(`${cli} is missing: compile first (npx tsc -p . or make compile); make test does it`);
  tmp = mkdtempSync(path.join(tmpdir(), 'samverkan-diff-'));
  mkdirSync(path.join(tmp, 'sources/pages/example.org'), { recursive: true });
  cpSync(path.join(projectRoot, 'sources/registry'), path.join(tmp, 'sources/registry'), { recursive: true });
  cpSync(path.join(projectRoot, 'sources/publication.yaml'), path.join(tmp, 'sources/publication.yaml'));
  buildRelease(pageA, path.join(tmp, 'a'));
  buildRelease(pageB, path.join(tmp, 'b'));
}, 120_000);

afterAll(() => {
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

const taxAgency = { authorityId: 'skatteverket', name: { sv: 'Skatteverket', en: 'Swedish Tax Agency' }, role: 'member' };
const enforcement = { authorityId: 'kronofogdemyndigheten', name: { sv: 'Kronofogdemyndigheten', en: 'Swedish Enforcement Authority' }, role: 'member' };

// Each case starts node a few times; leave room on a busy CI machine.
describe('samverkan diff', { timeout: 60_000 }, () => {
  it('prints what changed as text, and exits 0', () => {
    const result = samverkan('diff', path.join(tmp, 'a'), path.join(tmp, 'b'));
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout).toBe(`Forums with changed participants (1):
  port-crime-council (Port Crime Council)
    + member: kronofogdemyndigheten (Kronofogdemyndigheten / Swedish Enforcement Authority)
    - member: skatteverket (Skatteverket / Swedish Tax Agency)
Authorities added (1):
  + kronofogdemyndigheten (Kronofogdemyndigheten / Swedish Enforcement Authority)
Authorities removed (1):
  - skatteverket (Skatteverket / Swedish Tax Agency)
Sources changed (1):
  ~ example.org/forum.en (pages/example.org/forum.en.md) sha256 ${sha256(pageA).slice(0, 12)} → ${sha256(pageB).slice(0, 12)}
`);
  });

  it('prints the ReleaseDiff as JSON with --format json; the count check (still four) is unchanged', () => {
    const result = samverkan('diff', path.join(tmp, 'a'), path.join(tmp, 'b'), '--format', 'json');
    expect(result.status).toBe(0);
    const diff = JSON.parse(result.stdout) as ReleaseDiff;
    expect(diff.forums).toEqual({ added: [], removed: [] });
    expect(diff.participants).toEqual([{ forumId: 'port-crime-council', name: { en: 'Port Crime Council' }, added: [enforcement], removed: [taxAgency], roleChanged: [], sourcesChanged: [] }]);
    expect(diff.authorities.added.map((a) => a.id)).toEqual(['kronofogdemyndigheten']);
    expect(diff.authorities.removed.map((a) => a.id)).toEqual(['skatteverket']);
    expect(diff.authorities.changed).toEqual([]);
    expect(diff.countChecks).toEqual({ added: [], removed: [], changed: [] });
    expect(diff.sources.changed).toEqual([{ id: 'example.org/forum.en', path: 'pages/example.org/forum.en.md', before: sha256(pageA), after: sha256(pageB) }]);
  });

  it('reports the count check when the new version states a different count', () => {
    const out = path.join(tmp, 'c');
    buildRelease(pageB.replace('The four authorities', 'The five authorities'), out);
    const diff = JSON.parse(samverkan('diff', path.join(tmp, 'b'), out, '--format', 'json').stdout) as ReleaseDiff;
    expect(diff.countChecks).toEqual({
      added: [{ id: 'port-crime-council--members--5', forumId: 'port-crime-council', group: 'members', status: 'mismatch', statedCount: 5, listedCount: 4, distinctCount: 4 }],
      removed: [{ id: 'port-crime-council--members--4', forumId: 'port-crime-council', group: 'members', status: 'consistent', statedCount: 4, listedCount: 4, distinctCount: 4 }],
      changed: [],
    });
    expect(diff.participants).toEqual([]);
  });

  it('says "No changes." for a release and itself', () => {
    const result = samverkan('diff', path.join(tmp, 'a'), path.join(tmp, 'a'));
    expect(result.status).toBe(0);
    expect(result.stdout).toBe('No changes.\n');
  });

  it('exits 2 with a usage error without two folders, or with an unknown format', () => {
    const one = samverkan('diff', path.join(tmp, 'a'));
    expect(one.status).toBe(2);
    expect(one.stderr).toContain('diff needs two release folders, OLD and NEW (got 1)');
    expect(one.stdout).toBe('');
    const format = samverkan('diff', path.join(tmp, 'a'), path.join(tmp, 'b'), '--format', 'sarif');
    expect(format.status).toBe(2);
    expect(format.stderr).toContain('unknown --format sarif for diff');
  });

  it('exits 2 naming the folder when a release does not exist', () => {
    const missing = path.join(tmp, 'no-such-release');
    const result = samverkan('diff', path.join(tmp, 'a'), missing);
    expect(result.status).toBe(2);
    expect(result.stderr).toBe(`samverkan: ${missing}: the release folder does not exist (expected data/*.json in it)\n`);
  });

  it('lists diff in --help', () => {
    expect(samverkan('--help').stdout).toContain('samverkan diff OLD NEW [--format text|json]');
  });
});
