// The extractor against pages the project wrote itself (test/fixtures/pages), each with a
// hand-written expectation: forums, participants with roles and dates, and count checks.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { BuildResult } from '../../pipeline/build.js';
import { buildPages, projectRoot } from '../helpers/pipeline.js';

interface ExpectedParticipant {
  stated: string;
  sv?: string;
  role: string;
  since?: number;
  kind?: string;
  resolved?: boolean;
}
interface ExpectedCount {
  group: string;
  stated: number;
  text: string;
  listed: number;
  distinct: number;
  status: string;
  duplicates?: string[];
}
interface ExpectedForum {
  name: string;
  acronym?: string;
  startYear?: number;
  startDate?: string;
  endYear?: number;
  participants: ExpectedParticipant[];
  counts: ExpectedCount[];
}
interface Expected {
  forums: ExpectedForum[];
  notForums?: string[];
}

const fixtures = path.join(projectRoot, 'test/fixtures');
const pages = readdirSync(path.join(fixtures, 'pages')).filter((f) => /\.(txt|md|html)$/u.test(f) && f !== 'README.md');

const lower = (s: string) => s.toLowerCase().replace(/^the\s+/u, '');

/** Every difference between what the pipeline built and what the page's expectation says. */
export function differences(result: BuildResult, expected: Expected): string[] {
  const { forums, memberships, authorities, countChecks } = result.dataset;
  const problems: string[] = [];
  const byId = new Map(authorities.map((a) => [a.id, a]));
  for (const want of expected.forums) {
    const forum = forums.find((f) => lower(f.name.en ?? f.name.sv ?? '') === lower(want.name));
    if (!forum) {
      problems.push(`missing forum "${want.name}" (found: ${forums.map((f) => f.name.en ?? f.name.sv).join('; ')})`);
      continue;
    }
    const at = `forum "${want.name}"`;
    if (forum.acronym !== want.acronym) problems.push(`${at}: acronym ${forum.acronym} ≠ ${want.acronym}`);
    if (forum.startYear !== want.startYear) problems.push(`${at}: startYear ${forum.startYear} ≠ ${want.startYear}`);
    if (want.startDate !== undefined && forum.startDate !== want.startDate) problems.push(`${at}: startDate ${forum.startDate} ≠ ${want.startDate}`);
    if (forum.endYear !== want.endYear) problems.push(`${at}: endYear ${forum.endYear} ≠ ${want.endYear}`);
    const ms = memberships.filter((m) => m.forumId === forum.id);
    const matched = new Set<string>();
    for (const p of want.participants) {
      const m = ms.find((m) => {
        const a = byId.get(m.authorityId);
        if (!a) return false;
        if (p.sv) return a.name.sv === p.sv;
        return a.namesInSources.some((n) => lower(n) === lower(p.stated)) || lower(a.name.en ?? '') === lower(p.stated);
      });
      if (!m) {
        problems.push(`${at}: missing participant "${p.stated}" (${p.role})`);
        continue;
      }
      matched.add(m.authorityId);
      const a = byId.get(m.authorityId);
      if (m.role !== p.role) problems.push(`${at}: "${p.stated}" has role ${m.role}, expected ${p.role}`);
      if (m.since !== p.since) problems.push(`${at}: "${p.stated}" since ${m.since}, expected ${p.since}`);
      if ((a?.kind ?? 'state-agency') !== (p.kind ?? (p.sv?.startsWith('Länsstyrelsen') ? 'county-board' : a?.resolved === false && p.resolved === false ? a.kind : 'state-agency'))) {
        problems.push(`${at}: "${p.stated}" is of kind ${a?.kind}, expected ${p.kind ?? 'state-agency'}`);
      }
      if (p.resolved === false && a?.resolved !== false) problems.push(`${at}: "${p.stated}" resolved to ${a?.id}, expected unresolved`);
      for (const e of m.evidence) expect(e.quote.length).toBeGreaterThan(0);
    }
    for (const m of ms) if (!matched.has(m.authorityId)) problems.push(`${at}: unexpected participant ${m.authorityId} (${m.role}) from "${m.evidence[0]?.quote}"`);
    const checks = countChecks.filter((c) => c.forumId === forum.id);
    for (const c of want.counts) {
      const check = checks.find((k) => k.group === c.group && k.statedCount === c.stated);
      if (!check) {
        problems.push(`${at}: missing count check ${c.group} = ${c.stated} (found ${checks.map((k) => `${k.group}=${k.statedCount}`).join(', ') || 'none'})`);
        continue;
      }
      const got = `${check.listedCount}/${check.distinctCount}/${check.status}`;
      const wanted = `${c.listed}/${c.distinct}/${c.status}`;
      if (got !== wanted) problems.push(`${at}: count ${c.group}=${c.stated} listed/distinct/status ${got}, expected ${wanted}`);
      if (!check.evidence.some((e) => e.quote.toLowerCase().includes(c.text.toLowerCase()) || c.text.toLowerCase().includes(e.quote.toLowerCase()))) {
        problems.push(`${at}: count ${c.group}=${c.stated} stated as "${check.evidence.map((e) => e.quote).join('", "')}", expected "${c.text}"`);
      }
    }
    if (checks.length !== want.counts.length) problems.push(`${at}: ${checks.length} count checks (${checks.map((k) => `${k.group}=${k.statedCount}`).join(', ')}), expected ${want.counts.length}`);
  }
  for (const f of forums) {
    const name = f.name.en ?? f.name.sv ?? '';
    if (!expected.forums.some((w) => lower(w.name) === lower(name))) problems.push(`unexpected forum "${name}"`);
  }
  for (const heading of expected.notForums ?? []) {
    if (forums.some((f) => lower(f.name.en ?? f.name.sv ?? '') === lower(heading))) problems.push(`"${heading}" must not be a forum`);
  }
  return problems;
}

describe('fixture pages', () => {
  it('has pages to test', () => {
    expect(pages.length).toBeGreaterThanOrEqual(4);
  });
  for (const page of pages) {
    it(`extracts ${page} as its expectation says`, async () => {
      const expected = parse(readFileSync(path.join(fixtures, 'pages', page.replace(/\.(txt|md|html)$/u, '.expected.yaml')), 'utf8')) as Expected;
      const result = await buildPages(fixtures, [`pages/${page}`]);
      expect(differences(result, expected)).toEqual([]);
      // Every quote is the page's own text at its place: for HTML, the place in the HTML file.
      const text = readFileSync(path.join(fixtures, 'pages', page), 'utf8');
      const { forums, memberships, countChecks } = result.dataset;
      const evidence = [...forums.flatMap((f) => f.evidence), ...memberships.flatMap((m) => [...m.evidence, ...(m.sinceEvidence ?? [])]), ...countChecks.flatMap((c) => [...c.evidence, ...c.listEvidence])];
      expect(evidence.length).toBeGreaterThan(0);
      for (const e of evidence) expect(text.slice(e.start.offset, e.end.offset)).toBe(e.quote);
    });
  }
});
