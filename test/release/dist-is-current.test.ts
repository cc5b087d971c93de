// dist/ is committed so people can download it: it must be exactly what `make` builds from
// sources/, and the build must not depend on the time, the time zone, the locale or file order.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { projectRoot } from '../helpers/pipeline.js';

const cli = path.join(projectRoot, 'build/bundle/cli/main.js');
const work = mkdtempSync(path.join(tmpdir(), 'samverkan-release-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function listFiles(dir: string, prefix = ''): string[] {
  return readdirSync(path.join(dir, prefix), { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? listFiles(dir, path.join(prefix, e.name)) : [path.join(prefix, e.name)]))
    .sort();
}

function build(out: string, env: Record<string, string>): void {
  execFileSync(process.execPath, [cli, 'build', '--sources', path.join(projectRoot, 'sources'), '--out', out, '--quiet'], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
}

/** Files that differ between two release folders, by relative path. */
function differingFiles(a: string, b: string): string[] {
  const names = [...new Set([...listFiles(a), ...listFiles(b)])].sort();
  return names.filter((n) => !existsSync(path.join(a, n)) || !existsSync(path.join(b, n)) || !readFileSync(path.join(a, n)).equals(readFileSync(path.join(b, n))));
}

describe('the release', () => {
  it('is built by the compiled CLI', () => {
    expect(existsSync(cli), 'build/ is missing: run `make` (make test compiles first)').toBe(true);
  });

  it('is byte-identical under different time zones and locales', () => {
    build(path.join(work, 'a'), { TZ: 'Pacific/Kiritimati', LC_ALL: 'sv_SE.UTF-8', LANG: 'sv_SE.UTF-8' });
    build(path.join(work, 'b'), { TZ: 'America/Adak', LC_ALL: 'C', LANG: 'C' });
    expect(listFiles(path.join(work, 'a')).length).toBeGreaterThan(5);
    expect(differingFiles(path.join(work, 'a'), path.join(work, 'b'))).toEqual([]);
  });

  it('is what dist/ holds (rebuild with `make` and commit dist/ when this fails)', () => {
    const fresh = path.join(work, 'a');
    if (!existsSync(fresh)) build(fresh, {});
    const differing = differingFiles(path.join(projectRoot, 'dist'), fresh);
    expect(differing, `dist/ differs from a fresh build in: ${differing.join(', ')}`).toEqual([]);
  });
});
