import { describe, expect, it } from 'vitest';
import { en } from '../../pipeline/extract/lexicon/en.js';
import { splitSentences } from '../../pipeline/extract/sentences.js';

const sentences = (text: string) => splitSentences(text, en.abbreviations).map((r) => text.slice(r.start, r.end));

describe('splitSentences', () => {
  it('splits at a full stop, question mark or exclamation mark before a capital or a digit', () => {
    expect(sentences('It started in 2019. 18 authorities joined! Why? Because it works.')).toEqual([
      'It started in 2019.',
      '18 authorities joined!',
      'Why?',
      'Because it works.',
    ]);
  });

  it('does not split after a known abbreviation such as "e.g." or "i.e."', () => {
    expect(sentences('Several agencies take part, e.g. Swedish Customs and the Swedish Coast Guard. The council meets twice a year.')).toEqual([
      'Several agencies take part, e.g. Swedish Customs and the Swedish Coast Guard.',
      'The council meets twice a year.',
    ]);
    expect(sentences('One group, i.e. The Harbour Group, reports to the council.')).toEqual(['One group, i.e. The Harbour Group, reports to the council.']);
    expect(sentences('Approx. 40 people work there.')).toEqual(['Approx. 40 people work there.']);
  });

  it('does not split after an initial', () => {
    expect(sentences('The report by A. Berg was published. It is short.')).toEqual(['The report by A. Berg was published.', 'It is short.']);
  });

  it('does not split before a lower-case word', () => {
    expect(sentences('The council meets approx. every month. Next meeting soon.')).toEqual(['The council meets approx. every month.', 'Next meeting soon.']);
    expect(sentences('See section 2.1 below. Then act.')).toEqual(['See section 2.1 below.', 'Then act.']);
  });

  it('keeps a last sentence without a full stop, and leaves out surrounding white space', () => {
    const text = '  The first one.   And a last one without a stop  ';
    const ranges = splitSentences(text, en.abbreviations);
    expect(ranges).toEqual([
      { start: 2, end: 16 },
      { start: 19, end: 48 },
    ]);
  });

  it('returns nothing for white space', () => {
    expect(splitSentences('   ', en.abbreviations)).toEqual([]);
  });
});
