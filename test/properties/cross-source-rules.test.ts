/**
 * The cross-source rules index their input (groups by forum and group, each group's distinct
 * participants once, each forum's sources in age order once) instead of scanning it again for
 * every group and source. They must find exactly what the plain rules found: the same checks,
 * in the same order, and the same messages on the same files.
 */
import fc from 'fast-check';
import { VFile } from 'vfile';
import { VFileMessage } from 'vfile-message';
import { describe, expect, it } from 'vitest';
import type { Authority } from '../../schemas/authority.js';
import type { CrossSourceCheck } from '../../schemas/cross-source-check.js';
import type { Evidence } from '../../schemas/evidence.js';
import type { Forum } from '../../schemas/forum.js';
import type { Role } from '../../schemas/ids.js';
import type { Membership } from '../../schemas/membership.js';
import type { CrossSourceInput } from '../../pipeline/check/cross-source/context.js';
import { countDisagreement } from '../../pipeline/check/cross-source/count-disagreement.js';
import { countExplainedByOtherSource } from '../../pipeline/check/cross-source/count-explained-by-other-source.js';
import { participantMissingInSource } from '../../pipeline/check/cross-source/participant-missing-in-source.js';
import type { CountFact } from '../../pipeline/extract/types.js';
import type { ResolvedGroup } from '../../pipeline/resolve/assemble.js';
import { numRuns } from './arbitraries.js';

// ---------------------------------------------------------------------------------------------
// The rules as first written (git c2e447d, pipeline/check/cross-source/), kept as the oracle:
// plain scans over the whole input, with their helpers copied here so that a change to the
// pipeline's helpers cannot change the oracle too.
// ---------------------------------------------------------------------------------------------

const plainCompare = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

function plainDisplayName(input: CrossSourceInput, id: string): string {
  const a = input.authorities.get(id);
  return a?.name.en ?? a?.name.sv ?? id;
}

function plainByAge(input: CrossSourceInput, ids: Iterable<string>): string[] {
  return [...new Set(ids)].sort((a, b) => plainCompare(input.dates.get(a) ?? '', input.dates.get(b) ?? '') || plainCompare(a, b));
}

function plainNewest(input: CrossSourceInput, ids: readonly string[]): string | undefined {
  const dated = ids.filter((id) => input.dates.get(id) !== undefined);
  if (dated.length === 0) return undefined;
  const sorted = plainByAge(input, dated);
  const last = sorted[sorted.length - 1] as string;
  const lastDate = input.dates.get(last);
  return ids.every((id) => id === last || (input.dates.get(id) ?? '') < (lastDate ?? '')) ? last : undefined;
}

function plainReport(input: CrossSourceInput, ruleId: string, reason: string, at: Evidence, other: Evidence | undefined): void {
  const file = input.files.get(at.sourceId);
  if (!file) return;
  const otherFile = other ? input.files.get(other.sourceId) : undefined;
  let cause: VFileMessage | undefined;
  if (other) {
    cause = new VFileMessage(`The other source says so here: “${other.quote}”`, { place: { start: other.start, end: other.end }, ruleId, source: 'samverkan' });
    if (otherFile) cause.file = otherFile.path;
  }
  file.message(reason, { place: { start: at.start, end: at.end }, ruleId, source: 'samverkan', ...(cause ? { cause } : {}) });
}

function plainCountDisagreement(input: CrossSourceInput): CrossSourceCheck[] {
  const ruleId = 'count-disagreement';
  const checks: CrossSourceCheck[] = [];
  const keys = new Set(input.groups.map((g) => `${g.forumId}\u0000${g.group}`));
  for (const key of [...keys].sort()) {
    const [forumId = '', group = 'members'] = key.split('\u0000');
    const stated = new Map<string, CountFact>();
    for (const g of input.groups.filter((x) => x.forumId === forumId && x.group === group)) {
      for (const c of g.counts) if (!stated.has(g.sourceId)) stated.set(g.sourceId, c);
    }
    const values = new Set([...stated.values()].map((c) => c.value));
    if (stated.size < 2 || values.size < 2) continue;
    const sourceIds = plainByAge(input, stated.keys());
    const newer = plainNewest(input, sourceIds);
    const at = stated.get(newer ?? (sourceIds[sourceIds.length - 1] as string)) as CountFact;
    const other = [...stated.values()].find((c) => c.value !== at.value) as CountFact;
    const what = group === 'network-members' ? 'network members' : 'members';
    const reason = `Unexpected count: this source states ${at.value} ${what} (“${at.text}”), another states ${other.value} (“${other.text}”)${newer ? `; this source is the newest` : ''}`;
    plainReport(input, ruleId, reason, at.evidence, other.evidence);
    checks.push({
      id: `${forumId}--${ruleId}--${group}`,
      forumId,
      rule: 'count-disagreement',
      group: group as CrossSourceCheck['group'] & string,
      authorityIds: [],
      sourceIds,
      ...(newer ? { newerSourceId: newer } : {}),
      message: reason,
      evidence: sourceIds.map((s) => (stated.get(s) as CountFact).evidence),
    });
  }
  return checks;
}

function plainCountExplainedByOtherSource(input: CrossSourceInput): CrossSourceCheck[] {
  const ruleId = 'count-explained-by-other-source';
  const checks: CrossSourceCheck[] = [];
  for (const g of input.groups) {
    const listed = new Set(g.members.map((m) => m.authorityId));
    for (const count of g.counts) {
      if (listed.size === 0 || count.value <= listed.size) continue;
      const others = input.groups.filter((o) => o !== g && o.forumId === g.forumId && o.group === g.group && o.sourceId !== g.sourceId);
      for (const other of others) {
        const missing = [...new Set(other.members.map((m) => m.authorityId))].filter((id) => !listed.has(id)).sort(plainCompare);
        if (missing.length === 0 || listed.size + missing.length > count.value) continue;
        const names = missing.map((id) => plainDisplayName(input, id));
        const sourceIds = plainByAge(input, [g.sourceId, other.sourceId]);
        const newer = plainNewest(input, sourceIds);
        const suggestion = `${g.sourceId} lists ${listed.size} of the ${count.value} stated; ${other.sourceId} also lists ${names.join(', ')}, which would make ${listed.size + missing.length}`;
        const reason = `Unexpected count: “${count.text}” lists ${listed.size}; the other source names ${names.join(', ')} as well`;
        const place = other.members.find((m) => m.authorityId === missing[0])?.mention.evidence;
        plainReport(input, ruleId, reason, count.evidence, place);
        checks.push({
          id: `${g.forumId}--${ruleId}--${g.group}--${g.sourceId}--${other.sourceId}`,
          forumId: g.forumId,
          rule: 'count-explained-by-other-source',
          group: g.group,
          authorityIds: missing,
          sourceIds,
          ...(newer ? { newerSourceId: newer } : {}),
          message: reason,
          suggestion,
          evidence: [count.evidence, ...(place ? [place] : [])],
        });
      }
    }
  }
  return checks;
}

function plainParticipantMissingInSource(input: CrossSourceInput): CrossSourceCheck[] {
  const ruleId = 'participant-missing-in-source';
  const SHOWN = 5;
  const kindOf = (role: string) => (role === 'network-member' ? 'network' : 'members');
  const checks: CrossSourceCheck[] = [];
  const byForum = new Map<string, Membership[]>();
  for (const m of input.memberships) if (m.role !== 'partner') byForum.set(m.forumId, [...(byForum.get(m.forumId) ?? []), m]);
  for (const forum of input.forums) {
    if (forum.sourceIds.length < 2) continue;
    const memberships = byForum.get(forum.id) ?? [];
    const kindsBySource = new Map<string, Set<string>>();
    for (const m of memberships) for (const c of m.claims) kindsBySource.set(c.sourceId, (kindsBySource.get(c.sourceId) ?? new Set()).add(kindOf(c.role)));
    for (const silent of forum.sourceIds) {
      const listed = kindsBySource.get(silent);
      const heading = forum.evidence.find((e) => e.sourceId === silent);
      if (!listed || !heading) continue;
      const missing = memberships.filter((m) => !m.claims.some((c) => c.sourceId === silent) && listed.has(kindOf(m.claims[m.claims.length - 1]?.role ?? m.role)));
      if (missing.length === 0) continue;
      const said = missing.map((m) => m.evidence.find((e) => e.sourceId !== silent)).filter((e): e is Evidence => e !== undefined);
      const naming = plainByAge(input, missing.flatMap((m) => m.claims.map((c) => c.sourceId)));
      const sourceIds = plainByAge(input, [...naming, silent]);
      const newer = plainNewest(input, sourceIds);
      const names = missing.slice(0, SHOWN).map((m) => plainDisplayName(input, m.authorityId));
      const more = missing.length > SHOWN ? ` and ${missing.length - SHOWN} more` : '';
      const others = naming.length === 1 ? naming[0] : `${naming.length} other sources`;
      const reason = `Unexpected absence of ${names.join(', ')}${more} from this source's account of the forum, expected ${missing.length === 1 ? 'it' : 'them'} as ${others} list${naming.length === 1 ? 's' : ''} ${missing.length === 1 ? 'it' : 'them'}${newer ? ` (the newest source is ${newer})` : ''}`;
      plainReport(input, ruleId, reason, heading, said[0]);
      checks.push({
        id: `${forum.id}--${ruleId}--${silent}`,
        forumId: forum.id,
        rule: 'participant-missing-in-source',
        authorityIds: missing.map((m) => m.authorityId).sort(),
        sourceIds,
        ...(newer ? { newerSourceId: newer } : {}),
        message: reason,
        evidence: [heading, ...said.slice(0, SHOWN)],
      });
    }
  }
  return checks;
}

// ---------------------------------------------------------------------------------------------
// Random inputs over small alphabets, so that sources of one forum often disagree.
// ---------------------------------------------------------------------------------------------

// six for most scenarios; up to 70 where a forum has more sources than a word of bits holds
const SOURCES: readonly string[] = Array.from({ length: 70 }, (_, i) => `s${i + 1}`);
const FORUMS = ['f1', 'f2', 'f3', 'f4'] as const;
const AUTHORITIES = ['a1', 'a2', 'a3', 'a4', 'a5', 'a6', 'a7', 'a8'] as const;
const ROLES: readonly Role[] = ['lead', 'coordinator', 'initiator', 'member', 'network-member', 'network-member', 'partner'];
// equal dates make "strictly newest" fail; undefined ones sort first and are never the newest
const DATES = ['2023-01-01', '2024-05-13', '2024-05-13', '2025-02-28', undefined, undefined] as const;
const QUOTES = ['Nine authorities', 'the Council', 'Tullverket', 'Members', 'fem myndigheter', 'Rådet'] as const;

/** What the generator draws besides the records: which sources have a file, built afresh per run of a rule. */
interface Scenario {
  input: Omit<CrossSourceInput, 'files'>;
  withFile: readonly string[];
}

function evidenceArbitrary(sources: readonly string[]): fc.Arbitrary<Evidence> {
  return fc
    .record({ sourceId: fc.constantFrom(...sources), line: fc.integer({ min: 1, max: 40 }), column: fc.integer({ min: 1, max: 60 }), offset: fc.nat({ max: 2000 }), quote: fc.constantFrom(...QUOTES) })
    .map(({ sourceId, line, column, offset, quote }) => ({
      sourceId,
      start: { line, column, offset },
      end: { line, column: column + quote.length, offset: offset + quote.length },
      quote,
    }));
}

/** Evidence on a given source (the places the records say a source names something). */
const evidenceOn = (sourceId: string, sources: readonly string[]) => evidenceArbitrary(sources).map((e) => ({ ...e, sourceId }));

function scenarioArbitrary(sourceCount = { min: 3, max: 6 }, claimsPerMembership = 3): fc.Arbitrary<Scenario> {
  return fc
    .record({ nSources: fc.integer(sourceCount), nForums: fc.integer({ min: 2, max: 4 }), nAuthorities: fc.integer({ min: 4, max: 8 }) })
    .chain(({ nSources, nForums, nAuthorities }) => {
      const sources = SOURCES.slice(0, nSources);
      const forumIds = FORUMS.slice(0, nForums);
      const authorityIds = AUTHORITIES.slice(0, nAuthorities);
      const source = fc.constantFrom(...sources);
      const evidence = evidenceArbitrary(sources);

      // headings on some of the forum's sources (a source without one is never reported), some on other sources, sometimes two on one
      const forum = (id: string): fc.Arbitrary<Forum> =>
        fc.uniqueArray(source, { minLength: 1, maxLength: nSources }).chain((sourceIds) =>
          fc
            .tuple(fc.subarray(sourceIds), fc.array(evidence, { maxLength: 2 }))
            .chain(([headed, extra]) => fc.tuple(fc.tuple(...headed.map((s) => evidenceOn(s, sources))), fc.constant(extra), evidence))
            .map(([headings, extra, fallback]): Forum => ({
              id,
              name: { en: `Forum ${id}` },
              sourceIds,
              evidence: [...headings, ...extra].length > 0 ? [...headings, ...extra] : [fallback],
            })),
        );

      // each forum's participants in any order (the order names are reported in), once each as after assembly
      const claim = fc.record({ sourceId: source, role: fc.constantFrom(...ROLES) });
      const membershipsOf = (forumId: string): fc.Arbitrary<Membership[]> =>
        // sometimes every authority, so that a source can miss more than the five a message names
        fc.oneof(fc.shuffledSubarray([...authorityIds]), fc.shuffledSubarray([...authorityIds], { minLength: authorityIds.length })).chain((ids) =>
          fc.tuple(
            ...ids.map((authorityId) =>
              fc
                .record({ role: fc.constantFrom(...ROLES), claims: fc.array(claim, { minLength: 1, maxLength: claimsPerMembership }), evidence: fc.array(evidence, { minLength: 1, maxLength: 3 }) })
                .map((m): Membership => ({ forumId, authorityId, ...m })),
            ),
          ),
        );

      const countFact = (group: ResolvedGroup['group']): fc.Arbitrary<CountFact> =>
        fc.record({ value: fc.integer({ min: 0, max: 8 }), evidence, relative: fc.boolean(), wording: fc.constantFrom('authorities', 'myndigheter', 'additional authorities') }).map(({ value, evidence: e, relative, wording }) => ({
          value,
          text: `${value} ${wording}`,
          evidence: e,
          relative,
          group,
        }));

      const group: fc.Arbitrary<ResolvedGroup> = fc
        .record({ forumId: fc.constantFrom(...forumIds), group: fc.constantFrom<ResolvedGroup['group']>('members', 'network-members'), sourceId: source, date: fc.option(fc.constantFrom(...DATES.filter((d) => d !== undefined)), { nil: undefined }) })
        .chain((g) =>
          fc
            .record({
              members: fc.array(fc.record({ authorityId: fc.constantFrom(...authorityIds), evidence: evidenceOn(g.sourceId, sources) }), { maxLength: 6 }),
              counts: fc.array(countFact(g.group), { maxLength: 2 }),
            })
            .map(({ members, counts }): ResolvedGroup => ({
              forumId: g.forumId,
              group: g.group,
              sourceId: g.sourceId,
              members: members.map(({ authorityId, evidence: e }) => ({ authorityId, mention: { name: authorityId, evidence: e } })),
              listEvidence: [],
              counts,
              file: new VFile({ path: `${g.sourceId}.md` }),
              ...(g.date ? { date: g.date } : {}),
            })),
        );

      // some authorities unknown (the id is shown), some with an English name, some Swedish only
      const authority = fc.constantFrom<'none' | 'en' | 'sv'>('none', 'en', 'en', 'sv');
      const authoritiesArbitrary = fc.tuple(...authorityIds.map(() => authority)).map((kinds) => {
        const map = new Map<string, Authority>();
        kinds.forEach((kind, i) => {
          const id = authorityIds[i] as string;
          if (kind === 'none') return;
          map.set(id, {
            id,
            name: kind === 'en' ? { sv: `Myndighet ${id}`, en: `Authority ${id}` } : { sv: `Myndighet ${id}` },
            otherNames: [],
            formerNames: [],
            namesInSources: [],
            kind: 'state-agency',
            resolved: true,
          });
        });
        return map;
      });

      return fc.record({
        forums: fc.tuple(...forumIds.map((id) => forum(id))).chain((all) => fc.subarray(all, { minLength: 1 })),
        memberships: fc.tuple(...forumIds.map((id) => membershipsOf(id))).map((perForum) => perForum.flat()),
        authorities: authoritiesArbitrary,
        groups: fc.array(group, { maxLength: 10 }),
        // most sources have a file; a message about a source without one is dropped, a cause without one has no file
        withFile: fc.subarray(sources, { minLength: Math.max(1, nSources - 2) }),
        dates: fc.tuple(...sources.map(() => fc.constantFrom(...DATES, 'absent' as const))).map((drawn) => {
          const dates = new Map<string, string | undefined>();
          drawn.forEach((d, i) => {
            if (d !== 'absent') dates.set(sources[i] as string, d);
          });
          return dates;
        }),
      });
    })
    .map(({ withFile, ...input }) => ({ input, withFile }));
}

/**
 * Many pages of one forum list the same participants (a forum described by hundreds of pages):
 * copies of drawn groups on other sources, their lists reordered or with a name repeated.
 */
function repeatedListsArbitrary(): fc.Arbitrary<Scenario> {
  return scenarioArbitrary().chain((scenario) => {
    const { groups } = scenario.input;
    if (groups.length === 0) return fc.constant(scenario);
    const copy = fc.record({ from: fc.nat({ max: groups.length - 1 }), sourceId: fc.constantFrom(...SOURCES.slice(0, 6)), reorder: fc.constantFrom('same', 'reversed', 'repeated'), value: fc.option(fc.integer({ min: 0, max: 9 }), { nil: undefined }) });
    return fc.array(copy, { minLength: 1, maxLength: 12 }).map((copies) => {
      const copied = copies.map(({ from, sourceId, reorder, value }): ResolvedGroup => {
        const g = groups[from] as ResolvedGroup;
        const members = reorder === 'reversed' ? [...g.members].reverse() : reorder === 'repeated' ? [...g.members, ...g.members.slice(0, 1)] : [...g.members];
        const counts = value === undefined ? g.counts : g.counts.map((c) => ({ ...c, value, text: `${value} authorities` }));
        return { ...g, sourceId, members, counts, file: new VFile({ path: `${sourceId}.md` }) };
      });
      return { ...scenario, input: { ...scenario.input, groups: [...groups, ...copied] } };
    });
  });
}

// ---------------------------------------------------------------------------------------------

type Rule = (input: CrossSourceInput) => CrossSourceCheck[];

/** Run a rule on its own fresh files; return its checks and the messages it left, file by file. */
function run(rule: Rule, scenario: Scenario) {
  const files = new Map(scenario.withFile.map((id) => [id, new VFile({ path: `pages/${id}.md` })]));
  const checks = rule({ ...scenario.input, files });
  const messages = [...files].map(([id, file]) => ({
    id,
    messages: file.messages.map((m) => ({
      reason: m.reason,
      ruleId: m.ruleId,
      source: m.source,
      place: m.place,
      file: m.file,
      fatal: m.fatal,
      cause: m.cause instanceof VFileMessage ? { reason: m.cause.reason, ruleId: m.cause.ruleId, source: m.cause.source, place: m.cause.place, file: m.cause.file } : m.cause,
    })),
  }));
  return { checks, messages };
}

const RULES: readonly { name: string; fast: Rule; plain: Rule }[] = [
  { name: 'count-disagreement', fast: countDisagreement, plain: plainCountDisagreement },
  { name: 'count-explained-by-other-source', fast: countExplainedByOtherSource, plain: plainCountExplainedByOtherSource },
  { name: 'participant-missing-in-source', fast: participantMissingInSource, plain: plainParticipantMissingInSource },
];

/** Asserts that a rule finds what its plain version finds on every drawn input; returns how many findings there were. */
function sameAsPlain(fast: Rule, plain: Rule, scenarios: fc.Arbitrary<Scenario>, runs: number): number {
  let findings = 0;
  fc.assert(
    fc.property(scenarios, (scenario) => {
      const expected = run(plain, scenario);
      const actual = run(fast, scenario);
      expect(actual.checks).toEqual(expected.checks);
      expect(actual.messages).toEqual(expected.messages);
      findings += expected.checks.length;
    }),
    { numRuns: numRuns(runs) },
  );
  return findings;
}

describe('cross-source rules on many pages that repeat the same lists', () => {
  for (const { name, fast, plain } of RULES) {
    it(`${name}: the same checks and the same messages on the same files`, () => {
      expect(sameAsPlain(fast, plain, repeatedListsArbitrary(), 300)).toBeGreaterThan(0);
    });
  }
});

describe('cross-source rules with indexes find what the plain rules found', () => {
  for (const { name, fast, plain } of RULES) {
    it(`${name}: the same checks and the same messages on the same files`, () => {
      let runs = 0;
      let withFindings = 0;
      let findings = 0;
      let messagesLeft = 0;
      let causesWithoutFile = 0;
      let withoutCause = 0;
      let withNewest = 0;
      let longLists = 0;
      fc.assert(
        fc.property(scenarioArbitrary(), (scenario) => {
          const expected = run(plain, scenario);
          const actual = run(fast, scenario);
          expect(actual.checks).toEqual(expected.checks);
          expect(actual.messages).toEqual(expected.messages);
          runs += 1;
          findings += expected.checks.length;
          if (expected.checks.length > 0) withFindings += 1;
          withNewest += expected.checks.filter((c) => c.newerSourceId !== undefined).length;
          longLists += expected.checks.filter((c) => c.authorityIds.length > 5).length;
          for (const f of expected.messages) {
            messagesLeft += f.messages.length;
            causesWithoutFile += f.messages.filter((m) => m.cause !== undefined && (m.cause as { file: string }).file === '').length;
            withoutCause += f.messages.filter((m) => m.cause === undefined).length;
          }
        }),
        { numRuns: numRuns(400) },
      );
      // the generator is not vacuous: the rule found something, often, and said so on the files
      console.log(`${name}: ${findings} findings (${withNewest} naming the newest source, ${longLists} about more than five participants) in ${withFindings} of ${runs} inputs, ${messagesLeft} messages (${causesWithoutFile} with a cause on a source without a file, ${withoutCause} without a cause)`);
      expect(findings).toBeGreaterThan(0);
      expect(withFindings).toBeGreaterThanOrEqual(runs / 10);
      expect(withNewest).toBeGreaterThan(0);
      expect(messagesLeft).toBeGreaterThan(0);
      expect(causesWithoutFile).toBeGreaterThan(0);
    });
  }
});

describe('participant-missing-in-source on forums of many sources', () => {
  // its sources are kept as bits, 32 to a word: forums of 33 to 70 sources span two or three words
  it('the same checks and the same messages as the plain rule', () => {
    expect(sameAsPlain(participantMissingInSource, plainParticipantMissingInSource, scenarioArbitrary({ min: 33, max: 70 }, 12), 100)).toBeGreaterThan(0);
  });
});
