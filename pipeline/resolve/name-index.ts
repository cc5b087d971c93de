import type { RegistryEntry } from './registry-schema.js';
import { compareCodeUnits } from '../util/compare.js';
import { LEADING_ARTICLES, type Token, nameKey, tokenize } from './normalise.js';

/** How a name reached its registry entry; aliases are curated, the rest come from the registry. */
export type MatchVia = 'alias' | 'name' | 'other-name' | 'former-name' | 'abbreviation';

export interface NameCandidate {
  entryId: string;
  via: MatchVia;
  /** the indexed spelling that matched */
  spelling: string;
}

export interface NameMatch {
  /** index of the first and one past the last token of the match (leading article excluded) */
  startToken: number;
  endToken: number;
  candidate: NameCandidate;
  /** other entries the same words could mean (an ambiguity to report) */
  alternatives: NameCandidate[];
}

interface TrieNode {
  /** each child under its word, and again under its word with a genitive "s" ("polismyndighetens"): one look-up per token */
  next: Map<string, Step>;
  candidates: NameCandidate[];
}

interface Step {
  word?: TrieNode;
  genitive?: TrieNode;
}

/** Most words are longer than any leading article, and need no look-up. */
const LONGEST_ARTICLE = Math.max(...[...LEADING_ARTICLES].map((a) => a.length));

const VIA_RANK: Record<MatchVia, number> = { alias: 0, name: 1, 'other-name': 2, abbreviation: 3, 'former-name': 4 };

/**
 * An index of every known name, as a trie over normalised words: finding the names in a text is
 * one pass over its tokens, whatever the size of the registry.
 */
export class NameIndex {
  private readonly root: TrieNode = { next: new Map(), candidates: [] };
  private readonly abbreviations = new Map<string, NameCandidate[]>();
  private readonly entries = new Map<string, RegistryEntry>();
  private readonly rankedCache = new WeakMap<readonly NameCandidate[], Ranked | null>();

  constructor(entries: readonly RegistryEntry[], aliases: readonly { name: string; authority: string }[] = []) {
    for (const entry of entries) {
      this.entries.set(entry.id, entry);
      this.add(entry.name.sv, { entryId: entry.id, via: 'name', spelling: entry.name.sv });
      if (entry.name.en) this.add(entry.name.en, { entryId: entry.id, via: 'name', spelling: entry.name.en });
      for (const n of entry.otherNames) this.add(n, { entryId: entry.id, via: 'other-name', spelling: n });
      for (const n of entry.formerNames) this.add(n, { entryId: entry.id, via: 'former-name', spelling: n });
      for (const a of entry.abbreviations) this.addAbbreviation(a, { entryId: entry.id, via: 'abbreviation', spelling: a });
    }
    for (const alias of aliases) this.add(alias.name, { entryId: alias.authority, via: 'alias', spelling: alias.name });
  }

  entry(id: string): RegistryEntry | undefined {
    return this.entries.get(id);
  }

  private add(name: string, candidate: NameCandidate): void {
    const key = nameKey(name);
    if (key === '') return;
    let node = this.root;
    for (const word of key.split(' ')) {
      let child = node.next.get(word)?.word;
      if (!child) {
        child = { next: new Map(), candidates: [] };
        stepTo(node, word).word = child;
        stepTo(node, `${word}s`).genitive = child;
      }
      node = child;
    }
    if (!node.candidates.some((c) => c.entryId === candidate.entryId && c.via === candidate.via)) node.candidates.push(candidate);
  }

  private addAbbreviation(abbreviation: string, candidate: NameCandidate): void {
    const list = this.abbreviations.get(abbreviation) ?? [];
    if (!list.some((c) => c.entryId === candidate.entryId)) list.push(candidate);
    this.abbreviations.set(abbreviation, list);
  }

  /** The longest known name starting at token `start` (a leading article is skipped). */
  longestMatchAt(tokens: readonly Token[], start: number): NameMatch | undefined {
    let first = start;
    const head = tokens[first];
    if (head && head.kind === 'word' && head.norm.length <= LONGEST_ARTICLE && LEADING_ARTICLES.has(head.norm) && tokens[first + 1]?.kind === 'word') first++;
    const firstToken = tokens[first];
    if (!firstToken || firstToken.kind !== 'word') return undefined;

    let node: TrieNode | undefined = this.root;
    let bestEnd = -1;
    let best: NameCandidate[] | undefined;
    for (let i = first; i < tokens.length; i++) {
      const token = tokens[i];
      if (!token || token.kind !== 'word') break;
      // A Swedish genitive ("Polismyndighetens uppdrag") ends a name with an extra s.
      const step: Step | undefined = node.next.get(token.norm);
      const exact: TrieNode | undefined = step?.word;
      const genitive: TrieNode | undefined = exact ? undefined : step?.genitive;
      node = exact ?? genitive;
      if (!node) break;
      if (node.candidates.length > 0) {
        bestEnd = i + 1;
        best = node.candidates;
      }
      if (genitive) break;
    }
    // Abbreviations count only when written in capitals ("CSN", not the word "csn"); most words
    // have a small letter among their first two, and need no look-up.
    if (!best && !isSmallLetter(firstToken.text.charCodeAt(0)) && !isSmallLetter(firstToken.text.charCodeAt(1))) {
      const bare = withoutPossessive(firstToken.text); // "MSB's role"
      const abbreviation = this.abbreviations.get(bare);
      if (abbreviation && bare === bare.toUpperCase()) {
        bestEnd = first + 1;
        best = abbreviation;
      }
    }
    if (!best) return undefined;
    const ranked = this.ranked(best);
    if (!ranked) return undefined;
    return { startToken: first, endToken: bestEnd, candidate: ranked.candidate, alternatives: ranked.alternatives.slice() };
  }

  /** Every known name in the tokens, left to right, longest first, not overlapping. */
  findAll(tokens: readonly Token[]): NameMatch[] {
    const found: NameMatch[] = [];
    for (let i = 0; i < tokens.length; ) {
      const match = this.longestMatchAt(tokens, i);
      if (match) {
        found.push(match);
        i = match.endToken;
      } else i++;
    }
    return found;
  }

  /** Resolve a whole name: it must match from its first to its last word. */
  resolveExact(name: string): NameMatch | undefined {
    // As names are indexed: words in parentheses dropped, leading articles skipped.
    const tokens = tokenize(name.replace(/\([^)]*\)/gu, ' ')).filter((t) => t.kind === 'word');
    while (tokens.length > 2 && LEADING_ARTICLES.has(tokens[0]?.norm ?? '') && LEADING_ARTICLES.has(tokens[1]?.norm ?? '')) tokens.shift();
    const match = this.longestMatchAt(tokens, 0);
    return match && match.endToken === tokens.length ? match : undefined;
  }

  // Curated aliases first, then current names of active authorities, then former names.
  private rank(candidates: readonly NameCandidate[]): NameCandidate[] {
    const active = (c: NameCandidate) => (this.entries.get(c.entryId)?.active === false ? 1 : 0);
    return [...candidates].sort((a, b) => active(a) - active(b) || VIA_RANK[a.via] - VIA_RANK[b.via] || compareCodeUnits(a.entryId, b.entryId));
  }

  /** The ranked candidates of a trie node or an abbreviation, worked out once: the index never changes after it is built. */
  private ranked(candidates: readonly NameCandidate[]): Ranked | undefined {
    let ranked = this.rankedCache.get(candidates);
    if (ranked === undefined) {
      const [candidate, ...alternatives] = this.rank(candidates);
      ranked = candidate ? { candidate, alternatives: alternatives.filter((a) => a.entryId !== candidate.entryId) } : null;
      this.rankedCache.set(candidates, ranked);
    }
    return ranked ?? undefined;
  }
}

interface Ranked {
  candidate: NameCandidate;
  alternatives: readonly NameCandidate[];
}

function stepTo(node: TrieNode, word: string): Step {
  let step = node.next.get(word);
  if (!step) {
    step = {};
    node.next.set(word, step);
  }
  return step;
}

function isSmallLetter(c: number): boolean {
  return c >= 0x61 && c <= 0x7a;
}

/** The word without a possessive "'s" or "’s", as `replace(/['’]s$/u, '')` would leave it. */
function withoutPossessive(word: string): string {
  const n = word.length;
  if (n < 2 || word.charCodeAt(n - 1) !== 0x73) return word;
  const apostrophe = word.charCodeAt(n - 2);
  return apostrophe === 0x27 || apostrophe === 0x2019 ? word.slice(0, -2) : word;
}
