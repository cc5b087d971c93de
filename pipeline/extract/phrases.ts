import type { Token } from '../resolve/normalise.js';
import { tokenize } from '../resolve/normalise.js';
import type { Lexicon } from './lexicon/index.js';

/** Normalise a lexicon phrase the way text is tokenised, so both compare word for word. */
export function phraseWords(phrase: readonly string[]): string[] {
  return tokenize(phrase.join(' '))
    .filter((t) => t.kind === 'word')
    .map((t) => t.norm);
}

/** Phrases indexed by their first word, longest first: a look-up per token, not a scan per phrase. */
const cache = new WeakMap<readonly (readonly string[])[], Map<string, string[][]>>();
function byFirstWord(phrases: readonly (readonly string[])[]): Map<string, string[][]> {
  let index = cache.get(phrases);
  if (!index) {
    index = new Map();
    for (const words of phrases.map(phraseWords).sort((a, b) => b.length - a.length)) {
      const first = words[0];
      if (first === undefined) continue;
      index.set(first, [...(index.get(first) ?? []), words]);
    }
    cache.set(phrases, index);
  }
  return index;
}

/** Length in tokens of the longest phrase that starts at token i, or 0. */
export function phraseAt(tokens: readonly Token[], i: number, phrases: readonly (readonly string[])[]): number {
  const head = tokens[i];
  if (!head || head.kind !== 'word') return 0;
  return lengthAt(tokens, i, byFirstWord(phrases));
}

function lengthAt(tokens: readonly Token[], i: number, index: Map<string, string[][]>): number {
  const head = tokens[i];
  if (!head || head.kind !== 'word') return 0;
  const candidates = index.get(head.norm);
  if (!candidates) return 0;
  for (const words of candidates) {
    let ok = true;
    for (let k = 1; k < words.length && ok; k++) {
      const t = tokens[i + k];
      ok = t !== undefined && t.kind === 'word' && t.norm === words[k];
    }
    if (ok) return words.length;
  }
  return 0;
}

/** Every occurrence of any phrase: [start token, end token). */
export function findPhrases(tokens: readonly Token[], phrases: readonly (readonly string[])[], from = 0, to = tokens.length): [number, number][] {
  const found: [number, number][] = [];
  const index = byFirstWord(phrases);
  for (let i = from; i < to; i++) {
    const n = lengthAt(tokens, i, index);
    if (n > 0) {
      found.push([i, i + n]);
      i += n - 1;
    }
  }
  return found;
}

/** The lexicon's lists of phrases (its fields that hold lists of words). */
export type PhraseList = { [K in keyof Lexicon]: Lexicon[K] extends string[][] ? K : never }[keyof Lexicon];

const PHRASE_LISTS: readonly PhraseList[] = [
  'copulas', 'conjunctions', 'leadBefore', 'coordinatorBefore', 'initiatorBefore', 'memberBefore', 'betweenBefore', 'leadAfter', 'coordinatorAfter',
  'initiatorAfter', 'memberAfter', 'commissionBefore', 'listVerbs', 'approximators', 'endPrepositions', 'endVerbs', 'startVerbs', 'yearPrepositions',
];
const LIST_NUMBER = new Map(PHRASE_LISTS.map((list, k) => [list, k]));

/** Every phrase of every list of a lexicon by its first word, with the number of its list. */
type PhraseBook = Map<string, { list: number; words: string[] }[]>;
const books = new WeakMap<Lexicon, PhraseBook>();
function phraseBook(lex: Lexicon): PhraseBook {
  let book = books.get(lex);
  if (!book) {
    book = new Map();
    for (const [list, key] of PHRASE_LISTS.entries()) {
      for (const [first, phrases] of byFirstWord(lex[key])) {
        const entries = book.get(first) ?? [];
        for (const words of phrases) entries.push({ list, words });
        book.set(first, entries);
      }
    }
    books.set(lex, book);
  }
  return book;
}

const NONE: readonly (readonly [number, number])[] = Object.freeze([]);

/**
 * Where the phrases of each of a lexicon's lists start in a run of tokens, and how long they are:
 * found in one pass over the tokens, then read by every reader of the sentence. `at` and `find`
 * answer as `phraseAt` and `findPhrases` would for the list.
 */
export class PhraseTable {
  /** per list, the length of the phrase at each token; none for a list with no phrase in the tokens */
  private readonly lengths: (number[] | undefined)[] = new Array<undefined>(PHRASE_LISTS.length).fill(undefined);
  private readonly size: number;

  constructor(lex: Lexicon, tokens: readonly Token[]) {
    const size = tokens.length;
    this.size = size;
    const book = phraseBook(lex);
    for (let i = 0; i < size; i++) {
      const head = tokens[i] as Token;
      if (head.kind !== 'word') continue;
      const entries = book.get(head.norm);
      if (!entries) continue;
      for (const { list, words } of entries) {
        const lengths = this.lengths[list];
        if (lengths && (lengths[i] as number) >= words.length) continue;
        let ok = true;
        for (let k = 1; k < words.length && ok; k++) {
          const t = tokens[i + k];
          ok = t !== undefined && t.kind === 'word' && t.norm === words[k];
        }
        if (ok) (lengths ?? (this.lengths[list] = new Array<number>(size).fill(0)))[i] = words.length;
      }
    }
  }

  /** Whether any phrase of the list occurs in the tokens. */
  has(list: PhraseList): boolean {
    return this.lengths[LIST_NUMBER.get(list) as number] !== undefined;
  }

  /** Length in tokens of the longest phrase of the list that starts at token i, or 0. */
  at(list: PhraseList, i: number): number {
    const lengths = this.lengths[LIST_NUMBER.get(list) as number];
    return lengths === undefined || i < 0 || i >= this.size ? 0 : (lengths[i] as number);
  }

  /** Every occurrence of a phrase of the list, not overlapping: [start token, end token). */
  find(list: PhraseList, from = 0, to = this.size): readonly (readonly [number, number])[] {
    const lengths = this.lengths[LIST_NUMBER.get(list) as number];
    if (lengths === undefined) return NONE;
    const found: [number, number][] = [];
    for (let i = Math.max(0, from); i < Math.min(to, this.size); i++) {
      const n = lengths[i] as number;
      if (n > 0) {
        found.push([i, i + n]);
        i += n - 1;
      }
    }
    return found;
  }
}

const CAPITALISED = /^[\p{Lu}\p{N}]/u;

export function isCapitalised(word: string): boolean {
  // ASCII answers without the Unicode test; it is most of what pages write.
  const c = word.charCodeAt(0);
  if (c < 0x80) return (c >= 0x41 && c <= 0x5a) || (c >= 0x30 && c <= 0x39);
  return CAPITALISED.test(word);
}
