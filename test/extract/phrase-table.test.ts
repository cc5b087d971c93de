// A sentence's phrase table answers, for every list of the lexicon, what `phraseAt` and
// `findPhrases` answer for that list: the readers share one pass over the tokens.
import { describe, expect, it } from 'vitest';
import { lexicons } from '../../pipeline/extract/lexicon/index.js';
import { findPhrases, phraseAt, type PhraseList, PhraseTable } from '../../pipeline/extract/phrases.js';
import { tokenize } from '../../pipeline/resolve/normalise.js';

const LISTS: PhraseList[] = [
  'copulas', 'conjunctions', 'leadBefore', 'coordinatorBefore', 'initiatorBefore', 'memberBefore', 'betweenBefore', 'leadAfter', 'coordinatorAfter',
  'initiatorAfter', 'memberAfter', 'commissionBefore', 'listVerbs', 'approximators', 'endPrepositions', 'endVerbs', 'startVerbs', 'yearPrepositions',
];

const SENTENCES = {
  en: [
    'The council is led by the Swedish Police Authority and coordinated by Swedish Customs, in cooperation with the Tax Agency.',
    'It was set up in 2015, has been running since then and ended in 2021; more than 40 authorities took part, as well as municipalities.',
    'The participating authorities are, as follows: A, B and C, which has led the work on the instructions of the government.',
    'Up to 12 agencies, until 2020, were involved together with the county, and it is one of the councils that brings together partners.',
  ],
  sv: [
    'Rådet leds av Polismyndigheten och samordnas av Tullverket i samverkan med Skatteverket.',
    'Samverkan startade 2015, pågår fortfarande och avslutades till och med 2021; fler än 40 myndigheter deltar samt kommuner.',
    'De deltagande myndigheterna är följande: A, B och C, på uppdrag av regeringen, sedan 2019 och fr o m 2020.',
  ],
} as const;

describe('PhraseTable', () => {
  for (const language of ['en', 'sv'] as const) {
    it(`agrees with phraseAt and findPhrases for every list of the ${language} lexicon`, () => {
      const lex = lexicons[language];
      let found = 0;
      for (const sentence of SENTENCES[language]) {
        const tokens = tokenize(sentence);
        const table = new PhraseTable(lex, tokens);
        for (const list of LISTS) {
          for (let i = -3; i < tokens.length + 3; i++) expect(table.at(list, i)).toBe(phraseAt(tokens, i, lex[list]));
          expect(table.find(list)).toEqual(findPhrases(tokens, lex[list]));
          expect(table.find(list, 2, tokens.length - 2)).toEqual(findPhrases(tokens, lex[list], 2, tokens.length - 2));
          expect(table.has(list)).toBe(findPhrases(tokens, lex[list]).length > 0);
          found += findPhrases(tokens, lex[list]).length;
        }
      }
      // the sentences hold phrases of many lists, so the comparison is not between empty answers
      expect(found).toBeGreaterThan(15);
    });
  }

  it('finds the longest phrase at a token, and a phrase of words hyphenated in the lexicon', () => {
    const tokens = tokenize('The work is co-ordinated by the agency and as well as the county.');
    const table = new PhraseTable(lexicons.en, tokens);
    const at = (word: string) => tokens.findIndex((t) => t.text === word);
    expect(table.find('coordinatorBefore')).toEqual([[at('co'), at('co') + 3]]);
    expect(table.at('conjunctions', at('as'))).toBe(3);
    expect(table.at('conjunctions', at('and'))).toBe(1);
    expect(table.at('leadBefore', at('co'))).toBe(0);
  });
});
