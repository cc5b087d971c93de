// Two pages about the same two forums, saved at different dates, disagreeing on purpose
// (test/fixtures/multi-source/README.md): one forum record each, every source's claim kept,
// and the disagreements reported with places in both pages.
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { BuildResult } from '../../pipeline/build.js';
import { buildPages, projectRoot } from '../helpers/pipeline.js';

const dir = path.join(projectRoot, 'test/fixtures/multi-source');
const A = 'a.example/organised-crime.en';
const B = 'b.example/samverkan.sv';
const JOINT = 'joint-operations-by-authorities-in-sweden-to-combat-organised-crime';
const CTCC = 'counter-terrorism-cooperation-council';
let result: BuildResult;

beforeAll(async () => {
  result = await buildPages(dir, ['pages/a.example/organised-crime.en.txt', 'pages/b.example/samverkan.sv.md']);
});

describe('one forum, two sources', () => {
  it('merges the English and the Swedish page into one record per forum, named in both languages', () => {
    expect(result.dataset.forums.map((f) => [f.id, f.name.en, f.name.sv, f.sourceIds])).toEqual([
      [CTCC, 'Counter-Terrorism Cooperation Council', 'Samverkansrådet mot terrorism', [A, B]],
      [JOINT, 'Joint operations by authorities in Sweden to combat organised crime', 'Myndighetsgemensamma satsningen mot organiserad brottslighet', [A, B]],
    ]);
  });

  it("keeps each source's claim, oldest first, with the source's date", () => {
    const m = (forumId: string, authorityId: string) => result.dataset.memberships.find((x) => x.forumId === forumId && x.authorityId === authorityId);
    expect(m(JOINT, 'transportstyrelsen')?.claims).toEqual([{ sourceId: B, role: 'network-member', date: '2024-02-01' }]);
    expect(m(JOINT, 'polismyndigheten')?.claims.map((c) => [c.sourceId, c.role, c.date])).toEqual([
      [A, 'lead', '2021-05-10'],
      [B, 'lead', '2024-02-01'],
    ]);
    expect(m(JOINT, 'polismyndigheten')?.evidence.map((e) => [e.sourceId, e.quote])).toEqual([
      [A, 'Swedish Police Authority'],
      [A, 'Swedish Police Authority'],
      [B, 'Polismyndigheten'],
    ]);
    expect(m(CTCC, 'stralsakerhetsmyndigheten')?.claims.map((c) => c.sourceId)).toEqual([A]);
  });

  it("checks each source's counts on their own", () => {
    expect(result.dataset.countChecks.map((c) => [c.forumId, c.sourceId, c.group, c.statedCount, c.distinctCount, c.status])).toEqual([
      [CTCC, B, 'members', 14, 14, 'consistent'],
      [CTCC, A, 'members', 15, 15, 'consistent'],
      [JOINT, A, 'network-members', 9, 8, 'mismatch'],
      [JOINT, B, 'network-members', 9, 9, 'consistent'],
    ]);
  });

  it('reports where the sources disagree, naming the newer one and the missing participant', () => {
    const checks = result.dataset.crossSourceChecks.map((c) => [c.rule, c.forumId, c.authorityIds, c.sourceIds, c.newerSourceId]);
    expect(checks).toEqual([
      ['count-disagreement', CTCC, [], [A, B], B],
      ['participant-missing-in-source', CTCC, ['stralsakerhetsmyndigheten'], [A, B], B],
      ['count-explained-by-other-source', JOINT, ['transportstyrelsen'], [A, B], B],
      ['participant-missing-in-source', JOINT, ['transportstyrelsen'], [A, B], B],
    ]);
    const explained = result.dataset.crossSourceChecks.find((c) => c.rule === 'count-explained-by-other-source');
    expect(explained?.suggestion).toBe(`${A} lists 8 of the 9 stated; ${B} also lists Swedish Transport Agency, which would make 9`);
    expect(explained?.evidence.map((e) => [e.sourceId, e.quote])).toEqual([
      [A, 'Nine additional authorities'],
      [B, 'Transportstyrelsen'],
    ]);
  });

  it("prints each disagreement at its place in one page with the other page's place as the cause", () => {
    const messages = result.files.flatMap((f) => f.messages.map((m) => ({ file: path.basename(f.path), rule: m.ruleId, line: m.line, cause: (m.cause as { file?: string; line?: number } | undefined) })));
    const explained = messages.find((m) => m.rule === 'count-explained-by-other-source');
    expect(explained).toMatchObject({ file: 'organised-crime.en.txt', line: 11 });
    expect(path.basename(explained?.cause?.file ?? '')).toBe('samverkan.sv.md');
    expect(explained?.cause?.line).toBe(18);
    const disagreement = messages.find((m) => m.rule === 'count-disagreement');
    expect(disagreement).toMatchObject({ file: 'samverkan.sv.md', line: 22 });
  });
});
