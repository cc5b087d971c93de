import type { Token } from '../resolve/normalise.js';
import { tokenize } from '../resolve/normalise.js';

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
  const candidates = byFirstWord(phrases).get(head.norm);
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
  for (let i = from; i < to; i++) {
    const n = phraseAt(tokens, i, phrases);
    if (n > 0) {
      found.push([i, i + n]);
      i += n - 1;
    }
  }
  return found;
}

export function isCapitalised(word: string): boolean {
  return /^[\p{Lu}\p{N}]/u.test(word);
}
