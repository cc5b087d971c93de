/**
 * Tokens and normalised forms shared by name resolution and extraction.
 * A token keeps its offsets in the string it came from, so a match can be turned into evidence.
 */
export interface Token {
  /** the token as written */
  text: string;
  /** lower-case, NFC, possessive and apostrophes removed; '' for punctuation */
  norm: string;
  kind: 'word' | 'punct';
  start: number;
  end: number;
}

// Letters and digits, with apostrophes inside a word ("Sweden's"). Hyphens split words so that
// "Counter-Terrorism" and "counter terrorism" normalise alike.
const TOKEN = /[\p{L}\p{N}]+(?:['’][\p{L}]+)*|[^\s\p{L}\p{N}]/gu;

export function normaliseWord(word: string): string {
  return word
    .normalize('NFC')
    .toLowerCase()
    .replace(/['’]s$/u, '')
    .replace(/['’]/gu, '');
}

export function tokenize(text: string, base = 0): Token[] {
  const tokens: Token[] = [];
  for (const m of text.matchAll(TOKEN)) {
    const t = m[0];
    const start = base + (m.index ?? 0);
    const isWord = /[\p{L}\p{N}]/u.test(t);
    tokens.push({ text: t, norm: isWord ? normaliseWord(t) : t === '&' ? 'and' : '', kind: isWord || t === '&' ? 'word' : 'punct', start, end: start + t.length });
  }
  // A hyphen inside a word joins parts of one name or phrase ("Counter-Terrorism", "co-ordinated"):
  // drop it so that it neither breaks a match nor counts as a separator.
  return tokens.filter((t, i) => {
    if (t.text !== '-' && t.text !== '\u2011') return true;
    const prev = tokens[i - 1];
    const next = tokens[i + 1];
    // "Havs- och vattenmyndigheten": a hyphen that ends a word before a conjunction is part of it.
    return !(prev && next && prev.kind === 'word' && next.kind === 'word' && prev.end === t.start && (next.start === t.end || /^(och|and|eller|or)$/iu.test(next.text)));
  });
}

/** Leading words that never belong to a name ("the Swedish Customs", "den"). */
export const LEADING_ARTICLES = new Set(['the', 'den', 'det']);

/** The key a name is indexed and looked up by: normalised words, without a leading article. */
export function nameKey(name: string): string {
  const words = tokenize(name.replace(/\([^)]*\)/gu, ' '))
    .filter((t) => t.kind === 'word')
    .map((t) => t.norm);
  while (words.length > 1 && LEADING_ARTICLES.has(words[0] ?? '')) words.shift();
  return words.join(' ');
}

/** A slug for ids: ASCII lower-case, Swedish letters folded, other characters as single hyphens. */
// Letters that Unicode does not decompose into a base letter and a mark.
const FOLD: Record<string, string> = { ø: 'o', æ: 'ae', œ: 'oe', ß: 'ss', ł: 'l', đ: 'd', ð: 'd', þ: 'th', ı: 'i' };

export function slugify(text: string): string {
  return text
    .toLowerCase()
    .replace(/[øæœßłđðþı]/gu, (c) => FOLD[c] ?? c)
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/gu, '-')
    .replace(/^-+|-+$/gu, '');
}
