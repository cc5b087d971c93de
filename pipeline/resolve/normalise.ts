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

// A token is a run of letters and digits, with apostrophes inside a word ("Sweden's"), or one
// character that is neither a letter, a digit nor white space:
//   /[\p{L}\p{N}]+(?:['’][\p{L}]+)*|[^\s\p{L}\p{N}]/gu
// Hyphens split words so that "Counter-Terrorism" and "counter terrorism" normalise alike.
// `tokenize` reads that pattern by hand, character by character: it runs on every sentence of
// every page, and a regular expression with Unicode classes costs several times as much.

// Pages repeat the same words over and over: normalise each spelling once. The bound keeps a
// long-running process from holding every word it has ever seen.
const normalised = new Map<string, string>();
const NORMALISED_LIMIT = 100_000;

export function normaliseWord(word: string): string {
  let norm = normalised.get(word);
  if (norm === undefined) {
    norm = word
      .normalize('NFC')
      .toLowerCase()
      .replace(/['’]s$/u, '')
      .replace(/['’]/gu, '');
    if (normalised.size >= NORMALISED_LIMIT) normalised.clear();
    normalised.set(word, norm);
  }
  return norm;
}

const LETTER = 1;
const NUMBER = 2;
const SPACE = 3;
const OTHER = 4;

/** The class of each code point below U+10000, filled in as text meets it (0: not yet known). */
const classes = new Uint8Array(0x10000);
for (let c = 0; c < 0x80; c++) {
  const ch = String.fromCharCode(c);
  classes[c] = /[A-Za-z]/u.test(ch) ? LETTER : /[0-9]/u.test(ch) ? NUMBER : /\s/u.test(ch) ? SPACE : OTHER;
}

function classOf(codePoint: number): number {
  const ch = String.fromCodePoint(codePoint);
  return /\p{L}/u.test(ch) ? LETTER : /\p{N}/u.test(ch) ? NUMBER : /\s/u.test(ch) ? SPACE : OTHER;
}

/** Class and width in code units of the code point at i, as `class * 4 + width`. */
function codePointAt(text: string, i: number): number {
  const c = text.charCodeAt(i);
  if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
    const low = text.charCodeAt(i + 1);
    // A surrogate pair is one code point; a lone surrogate is a code point of its own, as in a /u pattern.
    if (low >= 0xdc00 && low <= 0xdfff) return classOf(((c - 0xd800) << 10) + (low - 0xdc00) + 0x10000) * 4 + 2;
  }
  let cls = classes[c] as number;
  if (cls === 0) {
    cls = classOf(c);
    classes[c] = cls;
  }
  return cls * 4 + 1;
}

function isApostrophe(c: number): boolean {
  return c === 0x27 || c === 0x2019;
}

export function tokenize(text: string, base = 0): Token[] {
  const tokens: Token[] = [];
  let hyphens = false;
  const n = text.length;
  let i = 0;
  while (i < n) {
    if (text.charCodeAt(i) === 0x20) {
      i++;
      continue;
    }
    const at = codePointAt(text, i);
    const cls = at >> 2;
    if (cls === SPACE) {
      i += at & 3;
      continue;
    }
    if (cls === OTHER) {
      const t = text.slice(i, i + (at & 3));
      if (t === '-' || t === '\u2011') hyphens = true;
      tokens.push({ text: t, norm: t === '&' ? 'and' : '', kind: t === '&' ? 'word' : 'punct', start: base + i, end: base + i + t.length });
      i += at & 3;
      continue;
    }
    // A word. Lower-case ASCII letters and digits are their own normal form, and other ASCII
    // only needs lower-casing: only words with other letters or an apostrophe need normaliseWord.
    const start = i;
    let plain = true;
    let ascii = true;
    while (i < n) {
      const c = text.charCodeAt(i);
      if (c < 0x80) {
        // ASCII, most of what pages write, without the class table
        if ((c >= 0x61 && c <= 0x7a) || (c >= 0x30 && c <= 0x39)) i++;
        else if (c >= 0x41 && c <= 0x5a) {
          plain = false;
          i++;
        } else break;
        continue;
      }
      const next = codePointAt(text, i);
      if (next >> 2 !== LETTER && next >> 2 !== NUMBER) break;
      plain = false;
      ascii = false;
      i += next & 3;
    }
    // Apostrophes inside the word, each followed by letters only ("Sweden's").
    while (i + 1 < n && isApostrophe(text.charCodeAt(i)) && codePointAt(text, i + 1) >> 2 === LETTER) {
      plain = false;
      ascii = false;
      i++;
      while (i < n) {
        const next = codePointAt(text, i);
        if (next >> 2 !== LETTER) break;
        i += next & 3;
      }
    }
    const t = text.slice(start, i);
    tokens.push({ text: t, norm: plain ? t : ascii ? t.toLowerCase() : normaliseWord(t), kind: 'word', start: base + start, end: base + i });
  }
  // A hyphen inside a word joins parts of one name or phrase ("Counter-Terrorism", "co-ordinated"):
  // drop it so that it neither breaks a match nor counts as a separator.
  if (!hyphens) return tokens;
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
