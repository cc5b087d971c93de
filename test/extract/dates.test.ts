// Dates inside one sentence belong to the verb next to them (formerly test/known-bugs.md, 1).
import { describe, expect, it } from 'vitest';
import { tokenize } from '../../pipeline/resolve/normalise.js';
import { projectRegistry } from '../helpers/pipeline.js';
import { buildMarkdown, membershipLines } from './helpers.js';

const page = (heading: string, text: string) => `# Our cooperation\n\n## ${heading}\n\n${text}\n`;

describe('dates in one sentence', () => {
  it('gives the start to the start verb and the joining year to the participant', async () => {
    const r = await buildMarkdown(page('Dock Group', 'As of 2013, the Swedish Customs has taken part in the Dock Group, which started in 2009 and is led by the Swedish Police Authority.'));
    expect(r.dataset.forums[0]?.startYear).toBe(2009);
    expect(membershipLines(r, 'dock-group')).toEqual(['polismyndigheten lead', 'tullverket member since 2013']);
  });

  it('reads a start and an end joined by "and"', async () => {
    for (const text of ['The group started in 2016 and was wound up in 2020. It was led by the Swedish Customs together with the Swedish Coast Guard.', 'The council was set up in 2010 and closed in 2018. It was led by the Swedish Customs together with the Swedish Coast Guard.']) {
      const r = await buildMarkdown(page('Coast Council', text));
      const f = r.dataset.forums[0];
      expect([f?.startYear, f?.endYear]).toEqual(text.includes('2016') ? [2016, 2020] : [2010, 2018]);
    }
  });
});

describe('names', () => {
  it('reads an abbreviation with a possessive (formerly known bug 2)', async () => {
    const { index } = await projectRegistry();
    for (const text of ["MSB's role", 'MSB’s role']) {
      const [match] = index.findAll(tokenize(text));
      expect([match?.candidate.entryId, match?.candidate.via]).toEqual(['myndigheten-for-civilt-forsvar', 'abbreviation']);
    }
  });
});
