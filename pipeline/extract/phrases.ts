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

/** Every phrase of every list of a lexicon as a trie over its words: a node says which lists have a phrase ending there. */
interface PhraseNode {
  next: Map<string, PhraseNode>;
  /** the numbers of the lists with a phrase that ends at this node */
  ends: number[];
}
const tries = new WeakMap<Lexicon, PhraseNode>();
function phraseTrie(lex: Lexicon): PhraseNode {
  let root = tries.get(lex);
  if (!root) {
    root = { next: new Map(), ends: [] };
    for (const [list, key] of PHRASE_LISTS.entries()) {
      for (const phrase of lex[key]) {
        const words = phraseWords(phrase);
        if (words.length === 0) continue;
        let node = root;
        for (const word of words) {
          let child = node.next.get(word);
          if (!child) node.next.set(word, (child = { next: new Map(), ends: [] }));
          node = child;
        }
        if (!node.ends.includes(list)) node.ends.push(list);
      }
    }
    tries.set(lex, root);
  }
  return root;
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
    const root = phraseTrie(lex);
    for (let i = 0; i < size; i++) {
      // walk the trie along the words from token i: each node that ends phrases ends them one word longer
      let node: PhraseNode | undefined = root;
      for (let k = i; k < size && node; k++) {
        const t = tokens[k] as Token;
        if (t.kind !== 'word') break;
        node = node.next.get(t.norm);
        if (!node) break;
        for (const list of node.ends) (this.lengths[list] ?? (this.lengths[list] = new Array<number>(size).fill(0)))[i] = k - i + 1;
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
