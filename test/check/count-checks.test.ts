// buildCountChecks and the rules on hand-made groups: no page, no extractor.
import { VFile } from 'vfile';
import type { VFileMessage } from 'vfile-message';
import { describe, expect, it } from 'vitest';
import type { Evidence } from '../../schemas/evidence.js';
import { buildCountChecks } from '../../pipeline/check/count-checks.js';
import { countMismatch } from '../../pipeline/check/count-mismatch.js';
import { countUnverifiable } from '../../pipeline/check/count-unverifiable.js';
import { duplicateParticipant } from '../../pipeline/check/duplicate-participant.js';
import { runCountChecks } from '../../pipeline/check/index.js';
import type { CountFact, Mention } from '../../pipeline/extract/types.js';
import type { ResolvedGroup } from '../../pipeline/resolve/assemble.js';

/** Evidence on line 1 of a made-up page, from `offset` for `quote`. */
function evidence(offset: number, quote: string, line = 1): Evidence {
  return { sourceId: 'test/page', start: { line, column: offset + 1, offset }, end: { line, column: offset + 1 + quote.length, offset: offset + quote.length }, quote };
}

function count(value: number, text: string, offset: number, relative = false): CountFact {
  return { value, text, evidence: evidence(offset, text), relative, group: 'members' };
}

function member(authorityId: string, name: string, offset: number): { authorityId: string; mention: Mention } {
  return { authorityId, mention: { name, evidence: evidence(offset, name, 2) } };
}

function group(members: ResolvedGroup['members'], counts: CountFact[], extra: Partial<ResolvedGroup> = {}): ResolvedGroup {
  return {
    forumId: 'harbour-group',
    group: 'members',
    members,
    listEvidence: members.length > 0 ? [evidence(0, 'the list', 2)] : [],
    counts,
    file: new VFile({ path: 'test/page.md', value: '' }),
    sourceId: 'test/page',
    ...extra,
  };
}

const three = [member('tullverket', 'Swedish Customs', 0), member('kustbevakningen', 'Swedish Coast Guard', 20), member('polismyndigheten', 'Swedish Police Authority', 45)];

describe('buildCountChecks', () => {
  it('marks a count equal to the distinct participants, none twice, as consistent', () => {
    const [c, ...more] = buildCountChecks([group(three, [count(3, 'Three authorities', 0)])]);
    expect(more).toEqual([]);
    expect(c?.check).toEqual({
      id: 'harbour-group--members--3',
      forumId: 'harbour-group',
      sourceId: 'test/page',
      group: 'members',
      statedCount: 3,
      statedText: 'Three authorities',
      listedCount: 3,
      distinctCount: 3,
      duplicates: [],
      status: 'consistent',
      message: 'States 3 members and lists 3',
      evidence: [evidence(0, 'Three authorities')],
      listEvidence: [evidence(0, 'the list', 2)],
    });
  });

  it('marks a different count as a mismatch, with the stated words in the message', () => {
    const [c] = buildCountChecks([group(three, [count(4, 'four authorities', 10)])]);
    expect(c?.check).toMatchObject({ status: 'mismatch', statedCount: 4, listedCount: 3, distinctCount: 3, duplicates: [] });
    expect(c?.check.message).toBe('Expected 4 members as stated (“four authorities”), found 3 distinct');
  });

  it('marks a count with nothing listed as unverifiable', () => {
    const [c] = buildCountChecks([group([], [count(15, 'fifteen authorities', 0)])]);
    expect(c?.check).toMatchObject({ status: 'unverifiable', listedCount: 0, distinctCount: 0, listEvidence: [] });
    expect(c?.check.message).toBe('States 15 members (“fifteen authorities”) but lists none to compare with');
  });

  it('counts a participant listed twice once, names it among the duplicates and fails the check even when the distinct count matches', () => {
    const members = [...three, member('tullverket', 'Tullverket', 80)];
    const [c] = buildCountChecks([group(members, [count(3, 'three authorities', 0)])]);
    expect(c?.check).toMatchObject({ status: 'mismatch', listedCount: 4, distinctCount: 3, duplicates: ['tullverket'] });
    expect(c?.check.message).toBe('Expected 3 members as stated (“three authorities”), found 3 distinct in 4 listed (listed more than once: tullverket)');
  });

  it('sorts the duplicates by id', () => {
    const members = [...three, member('polismyndigheten', 'the police', 90), member('kustbevakningen', 'Swedish Coastguard', 100)];
    const [c] = buildCountChecks([group(members, [count(5, 'five authorities', 0)])]);
    expect(c?.check.duplicates).toEqual(['kustbevakningen', 'polismyndigheten']);
  });

  it('makes one check of the same number stated twice, with both statements as evidence in page order', () => {
    const checks = buildCountChecks([group(three, [count(3, 'the three authorities', 60), count(3, 'Three authorities', 0)])]);
    expect(checks).toHaveLength(1);
    expect(checks[0]?.check.statedText).toBe('Three authorities');
    expect(checks[0]?.check.evidence.map((e) => e.quote)).toEqual(['Three authorities', 'the three authorities']);
    expect(checks[0]?.counts).toHaveLength(2);
  });

  it('makes a check of each different number, ordered by id', () => {
    const checks = buildCountChecks([group(three, [count(4, 'four authorities', 60), count(3, 'Three authorities', 0)])]);
    expect(checks.map((c) => [c.check.id, c.check.status])).toEqual([
      ['harbour-group--members--3', 'consistent'],
      ['harbour-group--members--4', 'mismatch'],
    ]);
  });

  it('keeps network members apart from members, and names them in the message', () => {
    const checks = buildCountChecks([group(three, [count(2, 'two authorities', 0)], { group: 'network-members' })]);
    expect(checks[0]?.check.id).toBe('harbour-group--network-members--2');
    expect(checks[0]?.check.message).toBe('Expected 2 network members as stated (“two authorities”), found 3 distinct');
  });

  it('keeps the same claim from two groups apart by a numbered id', () => {
    const checks = buildCountChecks([group(three, [count(3, 'Three authorities', 0)]), group(three.slice(0, 2), [count(3, 'three agencies', 0)])]);
    expect(checks.map((c) => [c.check.id, c.check.status])).toEqual([
      ['harbour-group--members--3', 'consistent'],
      ['harbour-group--members--3--2', 'mismatch'],
    ]);
  });

  it('makes no check for a group without counts', () => {
    expect(buildCountChecks([group(three, [])])).toEqual([]);
  });
});

describe('the rules on hand-made groups', () => {
  const messagesOf = (file: VFile) =>
    file.messages.map((m: VFileMessage) => [m.ruleId, `${m.line}:${m.column}`, m.fatal, (m.cause as VFileMessage | undefined)?.line ?? null]);

  it('count-mismatch reports at the first statement of the count, with the list as cause', () => {
    const g = group(three, [count(4, 'four authorities', 10)]);
    for (const c of buildCountChecks([g])) countMismatch(c);
    expect(messagesOf(g.file)).toEqual([['count-mismatch', '1:11', true, 2]]);
  });

  it('count-mismatch leaves a consistent or unverifiable check alone', () => {
    const g = group(three, [count(3, 'three authorities', 0)]);
    const empty = group([], [count(3, 'three authorities', 0)]);
    for (const c of buildCountChecks([g, empty])) countMismatch(c);
    expect(g.file.messages).toEqual([]);
    expect(empty.file.messages).toEqual([]);
  });

  it('duplicate-participant reports every repeat after the first listing', () => {
    const g = group([...three, member('tullverket', 'Tullverket', 80), member('tullverket', 'the Customs', 95)], [count(3, 'three authorities', 0)]);
    for (const c of buildCountChecks([g])) duplicateParticipant(c);
    expect(g.file.messages.map((m) => [m.line, m.column, m.reason, (m.cause as VFileMessage).reason])).toEqual([
      [2, 81, 'Unexpected second listing of `Tullverket` in the members counted as 3, expected each participant once', 'First listed here as `Swedish Customs`'],
      [2, 96, 'Unexpected second listing of `the Customs` in the members counted as 3, expected each participant once', 'First listed here as `Swedish Customs`'],
    ]);
  });

  it('duplicate-participant: two participants listed more than once, interleaved, each repeat against its own first listing', () => {
    const g = group(
      [member('polismyndigheten', 'Police', 0), member('tullverket', 'Customs', 10), member('polismyndigheten', 'the Police', 20), member('tullverket', 'Tullverket', 30), member('polismyndigheten', 'Polisen', 40)],
      [count(2, 'two authorities', 0), count(5, 'five authorities', 50)],
    );
    const checks = buildCountChecks([g]);
    // the same list, stated as two numbers: both checks name the same duplicates
    expect(checks.map((c) => c.check.duplicates)).toEqual([
      ['polismyndigheten', 'tullverket'],
      ['polismyndigheten', 'tullverket'],
    ]);
    duplicateParticipant(checks[0] as (typeof checks)[number]);
    expect(g.file.messages.map((m) => [m.column, (m.cause as VFileMessage).reason])).toEqual([
      [21, 'First listed here as `Police`'],
      [41, 'First listed here as `Police`'],
      [31, 'First listed here as `Customs`'],
    ]);
  });

  it('count-unverifiable warns only about an unverifiable check', () => {
    const g = group([], [count(15, 'fifteen authorities', 5)]);
    const listed = group(three, [count(4, 'four authorities', 0)]);
    for (const c of buildCountChecks([g, listed])) countUnverifiable(c);
    expect(messagesOf(g.file)).toEqual([['count-unverifiable', '1:6', false, null]]);
    expect(listed.file.messages).toEqual([]);
  });

  it('runCountChecks runs every rule and returns the checks', () => {
    const g = group([...three, member('tullverket', 'Tullverket', 80)], [count(4, 'four authorities', 0)]);
    const checks = runCountChecks([g]);
    expect(checks.map((c) => [c.id, c.status])).toEqual([['harbour-group--members--4', 'mismatch']]);
    // four stated, three distinct, one of them twice: both rules speak
    expect(g.file.messages.map((m) => m.ruleId)).toEqual(['count-mismatch', 'duplicate-participant']);
  });
});
