import { describe, expect, it } from 'vitest';
import type { Authority } from '../../schemas/authority.js';
import type { CountCheck } from '../../schemas/count-check.js';
import type { CrossSourceCheck } from '../../schemas/cross-source-check.js';
import type { Evidence } from '../../schemas/evidence.js';
import type { Forum } from '../../schemas/forum.js';
import type { Membership } from '../../schemas/membership.js';
import type { Source } from '../../schemas/source.js';
import type { Dataset } from '../../pipeline/build.js';
import { diffReleases, formatDiffText, hasChanges, type ReleaseDiff } from '../../pipeline/diff/diff.js';

// Hand-made releases: small enough to state the whole expected diff.
const evidence = (quote: string): Evidence[] => [{ sourceId: 'example.org/page.en', start: { line: 1, column: 1, offset: 0 }, end: { line: 1, column: 1 + quote.length, offset: quote.length }, quote }];

const authority = (id: string, sv: string, en: string, orgNumber: string, extra: Partial<Authority> = {}): Authority => ({
  id,
  name: { sv, en },
  otherNames: [],
  formerNames: [],
  namesInSources: [en],
  orgNumber,
  kind: 'state-agency',
  resolved: true,
  ...extra,
});
const forum = (id: string, en: string): Forum => ({ id, name: { en }, sourceIds: ['example.org/page.en'], evidence: evidence(en) });
const member = (forumId: string, authorityId: string, role: Membership['role']): Membership => ({ forumId, authorityId, role, evidence: evidence(authorityId), claims: [{ sourceId: 'example.org/page.en', role }] });
const check = (forumId: string, stated: number, listed: number, distinct: number, status: CountCheck['status']): CountCheck => ({
  id: `${forumId}--members--${stated}`,
  forumId,
  sourceId: 'example.org/page.en',
  group: 'members',
  statedCount: stated,
  statedText: `${stated} authorities`,
  listedCount: listed,
  distinctCount: distinct,
  duplicates: [],
  status,
  message: `States ${stated} members and lists ${distinct}`,
  evidence: evidence(`${stated} authorities`),
  listEvidence: [],
});
const source = (id: string, sha: string): Source => ({ id, path: `pages/${id}.md`, format: 'md', language: 'en', languageFrom: 'metadata', sha256: sha.repeat(64) });

const police = authority('polismyndigheten', 'Polismyndigheten', 'Swedish Police Authority', '202100-0076');
const customs = authority('tullverket', 'Tullverket', 'Swedish Customs', '202100-0969');
const tax = authority('skatteverket', 'Skatteverket', 'Swedish Tax Agency', '202100-5448', { formerNames: ['Riksskatteverket'] });

const older: Dataset = {
  authorities: [police, customs, tax],
  forums: [forum('harbour-group', 'Harbour Group'), forum('border-council', 'Border Council')],
  memberships: [
    member('harbour-group', 'polismyndigheten', 'member'),
    member('harbour-group', 'tullverket', 'member'),
    member('harbour-group', 'skatteverket', 'member'),
    member('border-council', 'tullverket', 'lead'),
    member('border-council', 'skatteverket', 'member'),
  ],
  countChecks: [check('harbour-group', 3, 3, 3, 'consistent'), check('border-council', 2, 2, 2, 'consistent')],
  crossSourceChecks: [],
  sources: [source('example.org/page.en', 'a')],
};

const newer: Dataset = {
  // the Tax Agency's org number changes (a registry correction); the order of records is shuffled on purpose
  authorities: [{ ...tax, orgNumber: '202100-5455' }, customs, police],
  forums: [forum('river-network', 'River Network'), forum('border-council', 'Border Council'), forum('harbour-group', 'Harbour Group')],
  memberships: [
    member('river-network', 'tullverket', 'member'),
    member('border-council', 'skatteverket', 'member'),
    member('border-council', 'tullverket', 'lead'),
    member('harbour-group', 'tullverket', 'member'),
    member('harbour-group', 'polismyndigheten', 'lead'),
  ],
  countChecks: [check('border-council', 2, 2, 2, 'consistent'), check('harbour-group', 3, 2, 2, 'mismatch')],
  crossSourceChecks: [],
  sources: [source('example.org/page.en', 'b'), source('example.org/river.en', 'c')],
};

const policeName = { sv: 'Polismyndigheten', en: 'Swedish Police Authority' };
const taxName = { sv: 'Skatteverket', en: 'Swedish Tax Agency' };

const expected: ReleaseDiff = {
  forums: { added: [{ id: 'river-network', name: { en: 'River Network' } }], removed: [] },
  participants: [
    {
      forumId: 'harbour-group',
      name: { en: 'Harbour Group' },
      added: [],
      removed: [{ authorityId: 'skatteverket', name: taxName, role: 'member' }],
      roleChanged: [{ authorityId: 'polismyndigheten', name: policeName, before: 'member', after: 'lead' }],
      sourcesChanged: [],
    },
  ],
  authorities: {
    added: [],
    removed: [],
    changed: [{ id: 'skatteverket', name: taxName, changes: [{ field: 'orgNumber', before: '202100-5448', after: '202100-5455' }] }],
  },
  countChecks: {
    added: [],
    removed: [],
    changed: [
      {
        id: 'harbour-group--members--3',
        forumId: 'harbour-group',
        group: 'members',
        before: { status: 'consistent', statedCount: 3, listedCount: 3, distinctCount: 3 },
        after: { status: 'mismatch', statedCount: 3, listedCount: 2, distinctCount: 2 },
      },
    ],
  },
  crossSourceChecks: { added: [], removed: [] },
  sources: {
    added: [{ id: 'example.org/river.en', path: 'pages/example.org/river.en.md', sha256: 'c'.repeat(64) }],
    removed: [],
    changed: [{ id: 'example.org/page.en', path: 'pages/example.org/page.en.md', before: 'a'.repeat(64), after: 'b'.repeat(64) }],
    superseded: [],
  },
};

const expectedText = `Forums added (1):
  + river-network (River Network)
Forums with changed participants (1):
  harbour-group (Harbour Group)
    - member: skatteverket (Skatteverket / Swedish Tax Agency)
    ~ polismyndigheten (Polismyndigheten / Swedish Police Authority): member → lead
Authorities changed (1):
  ~ skatteverket (Skatteverket / Swedish Tax Agency)
      orgNumber: "202100-5448" → "202100-5455"
Count checks changed (1):
  ~ harbour-group--members--3: consistent (stated 3, listed 3, distinct 3) → mismatch (stated 3, listed 2, distinct 2)
Sources added (1):
  + example.org/river.en (pages/example.org/river.en.md) sha256 cccccccccccc
Sources changed (1):
  ~ example.org/page.en (pages/example.org/page.en.md) sha256 aaaaaaaaaaaa → bbbbbbbbbbbb
`;

describe('diffReleases', () => {
  it('reports a forum added, a member removed, a role change, an org number change and a check turning into a mismatch', () => {
    const diff = diffReleases(older, newer);
    expect(diff).toEqual(expected);
    expect(hasChanges(diff)).toBe(true);
    // JSON output is the object itself: no undefined values that JSON would drop
    expect(JSON.parse(JSON.stringify(diff))).toEqual(expected);
  });

  it('is the mirror image the other way round', () => {
    const diff = diffReleases(newer, older);
    expect(diff.forums).toEqual({ added: [], removed: [{ id: 'river-network', name: { en: 'River Network' } }] });
    expect(diff.participants).toEqual([
      {
        forumId: 'harbour-group',
        name: { en: 'Harbour Group' },
        added: [{ authorityId: 'skatteverket', name: taxName, role: 'member' }],
        removed: [],
        roleChanged: [{ authorityId: 'polismyndigheten', name: policeName, before: 'lead', after: 'member' }],
        sourcesChanged: [],
      },
    ]);
    expect(diff.authorities.changed[0]?.changes).toEqual([{ field: 'orgNumber', before: '202100-5455', after: '202100-5448' }]);
    expect(diff.countChecks.changed[0]?.after.status).toBe('consistent');
    expect(diff.sources.removed.map((s) => s.id)).toEqual(['example.org/river.en']);
  });

  it('does not depend on the order of the records', () => {
    const reversed = (d: Dataset): Dataset => ({
      authorities: [...d.authorities].reverse(),
      forums: [...d.forums].reverse(),
      memberships: [...d.memberships].reverse(),
      countChecks: [...d.countChecks].reverse(),
      crossSourceChecks: [...d.crossSourceChecks].reverse(),
      sources: [...d.sources].reverse(),
    });
    expect(diffReleases(reversed(older), reversed(newer))).toEqual(expected);
  });

  it('finds nothing between a release and itself, and ignores evidence and messages', () => {
    const moved: Dataset = {
      ...older,
      memberships: older.memberships.map((m) => ({ ...m, evidence: evidence(`${m.authorityId} elsewhere`) })),
      countChecks: older.countChecks.map((c) => ({ ...c, message: 'other wording' })),
    };
    const diff = diffReleases(older, moved);
    expect(hasChanges(diff)).toBe(false);
    expect(formatDiffText(diff)).toBe('No changes.\n');
  });

  it('reports every compared authority fact in a fixed order, absent facts as null', () => {
    const before = authority('x-myndigheten', 'X-myndigheten', 'X Agency', '202100-5448', { wikidata: 'Q1', website: 'https://x.example.org/' });
    const after: Authority = {
      id: 'x-myndigheten',
      name: { sv: 'Y-myndigheten' },
      otherNames: ['changed but not compared'],
      formerNames: ['X-myndigheten'],
      namesInSources: [],
      kind: 'other',
      resolved: false,
      website: 'https://y.example.org/',
    };
    const base: Dataset = { authorities: [before], forums: [], memberships: [], countChecks: [], crossSourceChecks: [], sources: [] };
    const diff = diffReleases(base, { ...base, authorities: [after] });
    expect(diff.authorities.changed).toEqual([
      {
        id: 'x-myndigheten',
        name: { sv: 'Y-myndigheten' },
        changes: [
          { field: 'name.sv', before: 'X-myndigheten', after: 'Y-myndigheten' },
          { field: 'name.en', before: 'X Agency', after: null },
          { field: 'orgNumber', before: '202100-5448', after: null },
          { field: 'wikidata', before: 'Q1', after: null },
          { field: 'website', before: 'https://x.example.org/', after: 'https://y.example.org/' },
          { field: 'kind', before: 'state-agency', after: 'other' },
          { field: 'resolved', before: true, after: false },
          { field: 'formerNames', before: [], after: ['X-myndigheten'] },
        ],
      },
    ]);
    expect(formatDiffText(diff)).toBe(`Authorities changed (1):
  ~ x-myndigheten (Y-myndigheten)
      name.sv: "X-myndigheten" → "Y-myndigheten"
      name.en: "X Agency" → (none)
      orgNumber: "202100-5448" → (none)
      wikidata: "Q1" → (none)
      website: "https://x.example.org/" → "https://y.example.org/"
      kind: "state-agency" → "other"
      resolved: true → false
      formerNames: [] → ["X-myndigheten"]
`);
  });

  it('lists participants of a kept forum by role, then id, and names an authority without a record by its id', () => {
    const base: Dataset = { authorities: [], forums: [forum('f', 'F')], memberships: [], countChecks: [], crossSourceChecks: [], sources: [] };
    const next: Dataset = {
      ...base,
      memberships: [member('f', 'b-body', 'member'), member('f', 'a-body', 'network-member'), member('f', 'c-body', 'lead'), member('f', 'a2-body', 'member')],
    };
    const diff = diffReleases(base, next);
    expect(diff.participants[0]?.added).toEqual([
      { authorityId: 'c-body', role: 'lead' },
      { authorityId: 'a2-body', role: 'member' },
      { authorityId: 'b-body', role: 'member' },
      { authorityId: 'a-body', role: 'network-member' },
    ]);
    expect(formatDiffText(diff)).toBe(`Forums with changed participants (1):
  f (F)
    + lead: c-body
    + member: a2-body
    + member: b-body
    + network-member: a-body
`);
  });

  it('reports count checks added and removed (a changed stated count changes the check id)', () => {
    const base: Dataset = { authorities: [], forums: [], memberships: [], countChecks: [check('f', 4, 4, 4, 'consistent')], crossSourceChecks: [], sources: [] };
    const diff = diffReleases(base, { ...base, countChecks: [check('f', 5, 4, 4, 'mismatch')] });
    expect(diff.countChecks).toEqual({
      added: [{ id: 'f--members--5', forumId: 'f', group: 'members', status: 'mismatch', statedCount: 5, listedCount: 4, distinctCount: 4 }],
      removed: [{ id: 'f--members--4', forumId: 'f', group: 'members', status: 'consistent', statedCount: 4, listedCount: 4, distinctCount: 4 }],
      changed: [],
    });
    expect(formatDiffText(diff)).toBe(`Count checks added (1):
  + f--members--5: mismatch (stated 5, listed 4, distinct 4)
Count checks removed (1):
  - f--members--4: consistent (stated 4, listed 4, distinct 4)
`);
  });
});

// Cross-source checks, per-source claims and page versions: two pages about one forum.
const A = 'a.example/forum.en';
const B = 'b.example/forum.sv';
const claimedBy = (forumId: string, authorityId: string, role: Membership['role'], sourceIds: readonly string[], date = '2024-01-01'): Membership => ({
  forumId,
  authorityId,
  role,
  evidence: sourceIds.map((id) => ({ ...(evidence(authorityId)[0] as Evidence), sourceId: id })),
  claims: sourceIds.map((sourceId) => ({ sourceId, role, date })),
});
const crossCheck = (rule: CrossSourceCheck['rule'], authorityIds: string[], extra: Partial<CrossSourceCheck> = {}): CrossSourceCheck => ({
  id: `harbour-group--${rule}${authorityIds.map((id) => `--${id}`).join('')}`,
  forumId: 'harbour-group',
  rule,
  authorityIds,
  sourceIds: [A, B],
  newerSourceId: B,
  message: `${rule} between the two pages`,
  evidence: evidence(rule),
  ...extra,
});
const twoPages = (memberships: Membership[], crossSourceChecks: CrossSourceCheck[] = []): Dataset => ({
  authorities: [police, customs, tax],
  forums: [{ ...forum('harbour-group', 'Harbour Group'), sourceIds: [A, B] }],
  memberships,
  countChecks: [],
  crossSourceChecks,
  sources: [source(A, 'a'), source(B, 'b')],
});
const customsName = { sv: 'Tullverket', en: 'Swedish Customs' };

describe('cross-source checks, claims and page versions', () => {
  it('reports cross-source checks added and removed by id, with rule, sources and participants, and nothing for one kept', () => {
    const kept = crossCheck('count-disagreement', [], { group: 'members' });
    const gone = crossCheck('participant-missing-in-source', ['skatteverket']);
    const added = crossCheck('count-explained-by-other-source', ['tullverket', 'polismyndigheten'], { group: 'members', suggestion: 'A lists 2 of the 3 stated' });
    const before = twoPages([], [kept, gone]);
    // The kept check has new wording, evidence and newer source: none of it is compared.
    const after = twoPages([], [{ ...kept, message: 'reworded', evidence: evidence('elsewhere'), newerSourceId: A }, added]);
    const diff = diffReleases(before, after);
    expect(diff.crossSourceChecks).toEqual({
      added: [
        {
          id: 'harbour-group--count-explained-by-other-source--tullverket--polismyndigheten',
          forumId: 'harbour-group',
          rule: 'count-explained-by-other-source',
          group: 'members',
          authorityIds: ['tullverket', 'polismyndigheten'],
          sourceIds: [A, B],
          newerSourceId: B,
        },
      ],
      removed: [{ id: 'harbour-group--participant-missing-in-source--skatteverket', forumId: 'harbour-group', rule: 'participant-missing-in-source', authorityIds: ['skatteverket'], sourceIds: [A, B], newerSourceId: B }],
    });
    expect(hasChanges(diff)).toBe(true);
    expect(JSON.parse(JSON.stringify(diff))).toEqual(diff);
    expect(formatDiffText(diff)).toBe(`Cross-source checks added (1):
  + harbour-group--count-explained-by-other-source--tullverket--polismyndigheten: count-explained-by-other-source between a.example/forum.en, b.example/forum.sv about tullverket, polismyndigheten
Cross-source checks removed (1):
  - harbour-group--participant-missing-in-source--skatteverket: participant-missing-in-source between a.example/forum.en, b.example/forum.sv about skatteverket
`);
    expect(hasChanges(diffReleases(before, { ...before, crossSourceChecks: [{ ...kept, message: 'reworded' }, gone] }))).toBe(false);
  });

  it('orders cross-source checks by id whatever their order in the release', () => {
    const checks = [crossCheck('participant-missing-in-source', ['tullverket']), crossCheck('count-disagreement', []), crossCheck('participant-missing-in-source', ['skatteverket'])];
    const diff = diffReleases(twoPages([]), twoPages([], checks));
    expect(diff.crossSourceChecks.added.map((c) => c.id)).toEqual([
      'harbour-group--count-disagreement',
      'harbour-group--participant-missing-in-source--skatteverket',
      'harbour-group--participant-missing-in-source--tullverket',
    ]);
    expect(diff.crossSourceChecks.added[0]).not.toHaveProperty('group');
    expect(formatDiffText(diff).split('\n').slice(0, 2)).toEqual(['Cross-source checks added (3):', '  + harbour-group--count-disagreement: count-disagreement between a.example/forum.en, b.example/forum.sv']);
  });

  it('reports, per forum, the participants now named by other sources, beside a role change', () => {
    const before = twoPages([
      claimedBy('harbour-group', 'polismyndigheten', 'member', [A]),
      claimedBy('harbour-group', 'tullverket', 'member', [A, B]),
      claimedBy('harbour-group', 'skatteverket', 'member', [A]),
    ]);
    const after = twoPages([
      claimedBy('harbour-group', 'skatteverket', 'member', [B]),
      claimedBy('harbour-group', 'tullverket', 'member', [B]),
      claimedBy('harbour-group', 'polismyndigheten', 'lead', [A, B]),
    ]);
    const diff = diffReleases(before, after);
    expect(diff.participants).toEqual([
      {
        forumId: 'harbour-group',
        name: { en: 'Harbour Group' },
        added: [],
        removed: [],
        roleChanged: [{ authorityId: 'polismyndigheten', name: policeName, before: 'member', after: 'lead' }],
        sourcesChanged: [
          { authorityId: 'polismyndigheten', name: policeName, added: [B], removed: [] },
          { authorityId: 'skatteverket', name: taxName, added: [B], removed: [A] },
          { authorityId: 'tullverket', name: customsName, added: [], removed: [A] },
        ],
      },
    ]);
    expect(formatDiffText(diff)).toBe(`Forums with changed participants (1):
  harbour-group (Harbour Group)
    ~ polismyndigheten (Polismyndigheten / Swedish Police Authority): member → lead
    ~ polismyndigheten (Polismyndigheten / Swedish Police Authority): now also named by b.example/forum.sv
    ~ skatteverket (Skatteverket / Swedish Tax Agency): now also named by b.example/forum.sv; no longer named by a.example/forum.en
    ~ tullverket (Tullverket / Swedish Customs): no longer named by a.example/forum.en
`);
  });

  it('compares the set of claiming sources only: not their order, dates or duplicates', () => {
    const before = twoPages([claimedBy('harbour-group', 'tullverket', 'member', [A, B], '2021-01-01')]);
    const after = twoPages([{ ...claimedBy('harbour-group', 'tullverket', 'member', [B, A, B], '2024-06-30') }]);
    expect(diffReleases(before, after).participants).toEqual([]);
    expect(hasChanges(diffReleases(before, after))).toBe(false);
  });

  it('reports sources that became, stopped being or changed being an older version, and marks superseded sources added', () => {
    const s = (id: string, supersededBy?: string): Source => ({ ...source(id, id[0] ?? 'f'), ...(supersededBy ? { supersededBy } : {}) });
    const before: Dataset = { authorities: [], forums: [], memberships: [], countChecks: [], crossSourceChecks: [], sources: [s('a.example/new'), s('b.example/old', 'b.example/new'), s('c.example/old', 'c.example/v2'), s('d.example/old', 'd.example/new')] };
    const after: Dataset = {
      ...before,
      sources: [s('a.example/new', 'a.example/newer'), s('a.example/newer'), s('b.example/old'), s('c.example/old', 'c.example/v3'), s('d.example/old', 'd.example/new'), s('e.example/old', 'a.example/newer')].reverse(),
    };
    const diff = diffReleases(before, after);
    expect(diff.sources).toEqual({
      added: [
        { id: 'a.example/newer', path: 'pages/a.example/newer.md', sha256: 'a'.repeat(64) },
        { id: 'e.example/old', path: 'pages/e.example/old.md', sha256: 'e'.repeat(64), supersededBy: 'a.example/newer' },
      ],
      removed: [],
      changed: [],
      superseded: [
        { id: 'a.example/new', path: 'pages/a.example/new.md', before: null, after: 'a.example/newer' },
        { id: 'b.example/old', path: 'pages/b.example/old.md', before: 'b.example/new', after: null },
        { id: 'c.example/old', path: 'pages/c.example/old.md', before: 'c.example/v2', after: 'c.example/v3' },
      ],
    });
    expect(JSON.parse(JSON.stringify(diff))).toEqual(diff);
    expect(formatDiffText(diff)).toBe(`Sources added (2):
  + a.example/newer (pages/a.example/newer.md) sha256 aaaaaaaaaaaa
  + e.example/old (pages/e.example/old.md) sha256 eeeeeeeeeeee, superseded by a.example/newer
Source versions changed (3):
  ~ a.example/new (pages/a.example/new.md): now superseded by a.example/newer
  ~ b.example/old (pages/b.example/old.md): no longer superseded (was by b.example/new)
  ~ c.example/old (pages/c.example/old.md): superseded by c.example/v3, was by c.example/v2
`);
  });
});

describe('formatDiffText', () => {
  it('prints the sections in a fixed order, empty ones left out', () => {
    expect(formatDiffText(diffReleases(older, newer))).toBe(expectedText);
  });

  it('puts cross-source checks after count checks and source versions after source hashes', () => {
    const before: Dataset = { ...older, crossSourceChecks: [crossCheck('count-disagreement', [])], sources: [source('example.org/page.en', 'a'), source('example.org/page.en.old', 'd')] };
    const after: Dataset = { ...newer, sources: [...newer.sources, { ...source('example.org/page.en.old', 'd'), supersededBy: 'example.org/page.en' }] };
    const headings = formatDiffText(diffReleases(before, after))
      .split('\n')
      .filter((line) => /^\S/u.test(line));
    expect(headings).toEqual([
      'Forums added (1):',
      'Forums with changed participants (1):',
      'Authorities changed (1):',
      'Count checks changed (1):',
      'Cross-source checks removed (1):',
      'Sources added (1):',
      'Sources changed (1):',
      'Source versions changed (1):',
    ]);
  });
});
