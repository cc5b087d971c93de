// The seed page (the Migration Agency's "Collaboration against crime") end to end: a golden file
// of every record, and the facts the dataset must state about it, asserted one by one.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Dataset } from '../../pipeline/build.js';
import { projectDataset, projectRoot } from '../helpers/pipeline.js';

const golden = path.join(projectRoot, 'test/golden/seed.expected.json');
let dataset: Dataset;

beforeAll(async () => {
  dataset = (await projectDataset()).dataset;
});

const forum = (id: string) => {
  const f = dataset.forums.find((x) => x.id === id);
  if (!f) throw new Error(`no forum ${id}`);
  return f;
};
const members = (forumId: string) => dataset.memberships.filter((m) => m.forumId === forumId);
const roleOf = (forumId: string, authorityId: string) => members(forumId).find((m) => m.authorityId === authorityId)?.role;

describe('the seed page', () => {
  it('matches the golden records (UPDATE=1 rewrites them on purpose)', () => {
    const actual = `${JSON.stringify(dataset, null, 2)}\n`;
    if (process.env.UPDATE === '1' || !existsSync(golden)) writeFileSync(golden, actual);
    expect(actual).toBe(readFileSync(golden, 'utf8'));
  });

  it('finds the six forums and no forum in the introduction', () => {
    expect(dataset.forums.map((f) => f.id)).toEqual([
      'collaboration-for-better-detection-of-violence',
      'cooperation-to-detect-war-crimes',
      'counter-terrorism-cooperation-council',
      'joint-operations-by-authorities-in-sweden-to-combat-organised-crime',
      'mur-initiative',
      'national-method-support-against-prostitution-and-human-trafficking',
    ]);
  });

  it('reads roles, dates and commissions', () => {
    expect(roleOf('counter-terrorism-cooperation-council', 'sakerhetspolisen')).toBe('lead');
    expect(members('counter-terrorism-cooperation-council')).toHaveLength(15);
    expect(roleOf('joint-operations-by-authorities-in-sweden-to-combat-organised-crime', 'polismyndigheten')).toBe('lead');
    expect(members('joint-operations-by-authorities-in-sweden-to-combat-organised-crime').filter((m) => m.role === 'network-member')).toHaveLength(8);
    expect(roleOf('national-method-support-against-prostitution-and-human-trafficking', 'jamstalldhetsmyndigheten')).toBe('coordinator');
    expect(roleOf('national-method-support-against-prostitution-and-human-trafficking', 'municipal-social-services')).toBe('member');
    expect(roleOf('mur-initiative', 'forsakringskassan')).toBe('initiator');
    expect(roleOf('collaboration-for-better-detection-of-violence', 'jamstalldhetsmyndigheten')).toBe('partner');
    expect(members('collaboration-for-better-detection-of-violence').filter((m) => m.role === 'member')).toHaveLength(4);
    const joint = forum('joint-operations-by-authorities-in-sweden-to-combat-organised-crime');
    expect([joint.startYear, joint.commissionedBy]).toEqual([2009, 'Swedish government']);
    expect(members(joint.id).find((m) => m.authorityId === 'migrationsverket')?.since).toBe(2013);
    expect(forum('counter-terrorism-cooperation-council').startYear).toBe(2005);
    expect(forum('mur-initiative')).toMatchObject({ acronym: 'MUR', startYear: 2019, startDate: '2019-12' });
    expect(forum('collaboration-for-better-detection-of-violence')).toMatchObject({ startYear: 2019, endYear: 2021 });
    expect(forum('national-method-support-against-prostitution-and-human-trafficking').acronym).toBe('NMT');
  });

  it('checks the four stated counts', () => {
    const byId = Object.fromEntries(dataset.countChecks.map((c) => [c.id, [c.status, c.statedCount, c.listedCount, c.distinctCount, c.duplicates]]));
    expect(byId).toEqual({
      'counter-terrorism-cooperation-council--members--15': ['consistent', 15, 15, 15, []],
      'joint-operations-by-authorities-in-sweden-to-combat-organised-crime--network-members--9': ['mismatch', 9, 8, 8, []],
      'mur-initiative--members--18': ['mismatch', 18, 18, 17, ['forsakringskassan']],
      'collaboration-for-better-detection-of-violence--members--4': ['consistent', 4, 4, 4, []],
    });
  });

  it('resolves renamed and differently named authorities to the registry', () => {
    const a = (id: string) => dataset.authorities.find((x) => x.id === id);
    expect(a('myndigheten-for-civilt-forsvar')).toMatchObject({ orgNumber: '202100-5984', resolved: true });
    expect(a('myndigheten-for-civilt-forsvar')?.namesInSources).toContain('Swedish Civil Contingencies Agency');
    expect(a('forsakringskassan')?.namesInSources).toEqual(expect.arrayContaining(["Sweden's social insurance agency Försäkringskassan", 'Swedish Social Insurance Agency']));
    expect(a('municipal-social-services')).toMatchObject({ kind: 'municipal', resolved: false });
    expect(dataset.authorities.filter((x) => !x.resolved).map((x) => x.id)).toEqual(['municipal-social-services']);
  });

  it('gives every fact evidence whose quote is the text at its place in the page', () => {
    const page = readFileSync(path.join(projectRoot, 'sources/pages/migrationsverket.se/collaboration-against-crime.en.txt'), 'utf8');
    const evidence = [
      ...dataset.forums.flatMap((f) => [...f.evidence, ...(f.startEvidence ?? []), ...(f.endEvidence ?? []), ...(f.commissionedByEvidence ?? [])]),
      ...dataset.memberships.flatMap((m) => [...m.evidence, ...(m.sinceEvidence ?? [])]),
      ...dataset.countChecks.flatMap((c) => [...c.evidence, ...c.listEvidence]),
    ];
    expect(evidence.length).toBeGreaterThan(80);
    const lines = page.split('\n');
    for (const e of evidence) {
      expect(page.slice(e.start.offset, e.end.offset)).toBe(e.quote);
      expect(lines[e.start.line - 1]?.slice(e.start.column - 1).startsWith(e.quote.split('\n')[0] ?? '')).toBe(true);
    }
  });
});
