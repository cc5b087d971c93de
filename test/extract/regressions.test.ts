// Cases the property tests found (test/properties/known-failures.md), each fixed with this test.
import { describe, expect, it } from 'vitest';
import { CountCheck } from '../../schemas/count-check.js';
import { projectRegistry } from '../helpers/pipeline.js';
import { buildMarkdown } from './helpers.js';

describe('regressions found by the properties', () => {
  it('leaves a table row without text out of the list (1)', async () => {
    const r = await buildMarkdown('## Example Council\n\nThree authorities take part in the Example Council:\n\n| Authority |\n|---|\n| Swedish Police Authority |\n| Swedish Customs |\n| Swedish Tax Agency |\n| |\n');
    const [check] = r.dataset.countChecks;
    expect(check && CountCheck.safeParse(check).success).toBe(true);
    expect([check?.statedCount, check?.distinctCount, check?.status]).toEqual([3, 3, 'consistent']);
    expect(check?.listEvidence[0]?.quote.startsWith('Swedish Police Authority')).toBe(true);
  });

  it('resolves a name with a double article or words in parentheses as it is indexed (2, 4)', async () => {
    const { index } = await projectRegistry();
    expect(index.resolveExact('Åklagarmyndigheten (Sverige)')?.candidate.entryId).toBe('aklagarmyndigheten');
    const plain = index.resolveExact('Den statliga skoladministrationen')?.candidate.entryId;
    expect(plain).toBeDefined();
    expect(index.resolveExact('the Den statliga skoladministrationen')?.candidate.entryId).toBe(plain);
  });
});

describe('HTML inline elements (known failure 3)', () => {
  it('quotes a name after a <span> exactly, not from the tag on', async () => {
    const { mkdtemp, mkdir, writeFile, rm } = await import('node:fs/promises');
    const os = await import('node:os');
    const path = await import('node:path');
    const { buildPages } = await import('../helpers/pipeline.js');
    const dir = await mkdtemp(path.join(os.tmpdir(), 'samverkan-span-'));
    const html = '<html lang="en"><body><main><h1>Harbour Council</h1><p>The <span>Harbour Council</span> is led by the <b>Swedish Police Authority</b>. The other members are <em>Swedish Customs</em> and the Swedish Coast Guard.</p></main></body></html>';
    await mkdir(path.join(dir, 'pages/x'), { recursive: true });
    await writeFile(path.join(dir, 'pages/x/p.en.html'), html);
    try {
      const r = await buildPages(dir, ['pages/x/p.en.html']);
      const quotes = r.dataset.memberships.flatMap((m) => m.evidence.map((e) => e.quote)).sort();
      expect(quotes).toEqual(['Swedish Coast Guard', 'Swedish Customs', 'Swedish Police Authority']);
      for (const m of r.dataset.memberships) for (const e of m.evidence) expect(html.slice(e.start.offset, e.end.offset)).toBe(e.quote);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('Markdown autolink literals (found by the properties with another seed)', () => {
  it('keeps the place of a name written right before a www. address', async () => {
    const r = await buildMarkdown(
      '## Harbour Council\n\nThe Harbour Council is led by the Swedish Police Authority.\n\nT\\*he council is led by the Swedish Police Authority. The group is led by the Swww.example.orgwedish Police Authority. The Operation Wagtail (OW) is led by the Pensionsmyndigheten.www.example.org\n',
    );
    const evidence = r.dataset.memberships.flatMap((m) => m.evidence);
    expect(evidence.length).toBeGreaterThan(0);
    for (const e of evidence) {
      expect(e.quote.length).toBeGreaterThan(0);
      expect(r.text.slice(e.start.offset, e.end.offset)).toBe(e.quote);
    }
    expect(evidence.map((e) => e.quote)).toContain('Pensionsmyndigheten');
  });
});
