// assemble on hand-made extracted forums: a forum named on many pages, its participants named many ways.
import { VFile } from 'vfile';
import { describe, expect, it } from 'vitest';
import type { Evidence } from '../../schemas/evidence.js';
import type { ExtractedForum, Mention } from '../../pipeline/extract/types.js';
import { assemble, type PageForums } from '../../pipeline/resolve/assemble.js';
import { ForumRegistry } from '../../pipeline/resolve/match-forum.js';
import { smallIndex, smallKinds } from './small-registry.js';

function evidence(sourceId: string, offset: number, quote: string): Evidence {
  return { sourceId, start: { line: 1, column: offset + 1, offset }, end: { line: 1, column: offset + 1 + quote.length, offset: offset + quote.length }, quote };
}

/** A mention the extractor matched to a registry entry by one of its spellings. */
function mention(sourceId: string, offset: number, name: string, entryId: string): Mention {
  return { name, evidence: evidence(sourceId, offset, name), match: { entryId, via: 'name', spelling: name } };
}

function page(sourceId: string, date: string, participants: Mention[]): PageForums {
  const forum: ExtractedForum = {
    sourceId,
    language: 'en',
    name: 'Harbour Council',
    nameEvidence: evidence(sourceId, 0, 'Harbour Council'),
    participants: participants.map((m) => ({ mention: m, role: 'member' })),
    groups: [],
    looseCounts: [],
    since: [],
  };
  return { file: new VFile({ path: `${sourceId}.md` }), sourceId, language: 'en', date, forums: [forum] };
}

describe('assemble', () => {
  const registry = new ForumRegistry([{ id: 'harbour-council', names: { en: ['Harbour Council'], sv: [] }, acronyms: [] }]);

  it('lists each source of a forum named on many pages once, and each name an authority is given once, in the order first written', () => {
    // 30 pages, newest first in the input; each names the police one of 12 ways (some twice on a page) and customs one way
    const pages = Array.from({ length: 30 }, (_, i) => {
      const sourceId = `site/page-${String(29 - i).padStart(2, '0')}`;
      const police = `Police ${(29 - i) % 12}`;
      return page(sourceId, `2024-01-${String(30 - i).padStart(2, '0')}`, [
        mention(sourceId, 20, police, 'polismyndigheten'),
        mention(sourceId, 40, 'Swedish Customs', 'tullverket'),
        mention(sourceId, 60, police, 'polismyndigheten'),
      ]);
    });
    // the same page read twice names the forum once more, not a source more
    pages.push(pages[0] as PageForums);
    const { forums, authorities, memberships } = assemble(pages, smallIndex(), smallKinds, registry);
    expect(forums.map((f) => f.id)).toEqual(['harbour-council']);
    expect(forums[0]?.sourceIds).toEqual(Array.from({ length: 30 }, (_, i) => `site/page-${String(i).padStart(2, '0')}`));
    expect(authorities.find((a) => a.id === 'polismyndigheten')?.namesInSources).toEqual(Array.from({ length: 12 }, (_, i) => `Police ${i}`));
    expect(authorities.find((a) => a.id === 'tullverket')?.namesInSources).toEqual(['Swedish Customs']);
    expect(memberships.map((m) => [m.authorityId, m.claims.length])).toEqual([
      ['polismyndigheten', 30],
      ['tullverket', 30],
    ]);
  });
});
