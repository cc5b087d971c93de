import type { Token } from '../resolve/normalise.js';
import type { ExtractContext } from './context.js';
import { isCapitalised, phraseAt } from './phrases.js';
import type { TextBlock } from './text-block.js';
import type { Mention } from './types.js';

/** A name found at a place in a sentence, and the token after it. */
export interface NameAt {
  mention: Mention;
  end: number;
  known: boolean;
  /** the words look like a name or a kind of participant, not like prose */
  nameLike: boolean;
}

const MAX_UNKNOWN_WORDS = 12;

function isSeparator(ctx: ExtractContext, tokens: readonly Token[], i: number): number {
  const t = tokens[i];
  if (!t) return 0;
  if (t.kind === 'punct') return t.text === ',' || t.text === ';' ? 1 : 0;
  return phraseAt(tokens, i, ctx.lexicon.conjunctions);
}

/** Token i starts a relative clause ("…, which coordinates …"): the name before it ends. */
export function startsClause(ctx: ExtractContext, tokens: readonly Token[], i: number): boolean {
  const t = tokens[i];
  const next = tokens[i + 1];
  return t?.text === ',' && next !== undefined && next.kind === 'word' && ctx.lexicon.relativePronouns.includes(next.norm);
}

export function separatorLength(ctx: ExtractContext, tokens: readonly Token[], i: number): number {
  return isSeparator(ctx, tokens, i);
}

export function mentionOf(ctx: ExtractContext, block: TextBlock, tokens: readonly Token[], from: number, to: number): Mention {
  const first = tokens[from] as Token;
  const last = tokens[to - 1] as Token;
  // "the Swedish Migration Agency's task": the name ends before the possessive.
  const end = /['’]s$/u.test(last.text) ? last.end - 2 : last.end;
  const evidence = ctx.evidence(block, first.start, end);
  return { name: block.text.slice(first.start, end), evidence };
}

/** A parenthesis right after a name: "(CSN)". Returns its inner text and the token after it. */
function parenthesisAt(tokens: readonly Token[], i: number): { inner: string; end: number } | undefined {
  if (tokens[i]?.text !== '(') return undefined;
  const words: string[] = [];
  for (let k = i + 1; k < tokens.length && k < i + 12; k++) {
    const t = tokens[k] as Token;
    if (t.text === ')') return { inner: words.join(' '), end: k + 1 };
    words.push(t.text);
  }
  return undefined;
}

/**
 * The participant named at token i: the longest registry name there, else a run of capitalised
 * words (or a kind of participant such as "municipal social services") up to a separator.
 */
export function nameAt(ctx: ExtractContext, block: TextBlock, tokens: readonly Token[], i: number, limit = tokens.length): NameAt | undefined {
  const match = ctx.index.longestMatchAt(tokens, i);
  // "Police Region Stockholm": a registry name that capitalised words go on from is part of a
  // longer name, read (and resolved, with a warning) as that name, not silently cut short.
  const goesOn = match !== undefined && ctx.lexicon.titleCaseNames && match.endToken < limit && continuesName(ctx, tokens, match.endToken);
  if (match && goesOn) {
    const longer = unknownNameAt(ctx, block, tokens, i, limit);
    if (longer && longer.end > match.endToken) {
      longer.mention.match = match.candidate;
      longer.mention.partial = true;
      return { ...longer, known: true, nameLike: true };
    }
  }
  if (match && match.endToken <= limit) {
    const mention = mentionOf(ctx, block, tokens, match.startToken, match.endToken);
    mention.match = match.candidate;
    if (match.alternatives.length > 0) mention.alternatives = match.alternatives;
    let end = match.endToken;
    const paren = parenthesisAt(tokens, end);
    if (paren) {
      mention.abbreviation = paren.inner;
      end = paren.end;
    }
    return { mention, end, known: true, nameLike: true };
  }
  return unknownNameAt(ctx, block, tokens, i, limit);
}

/** A capitalised word at i that is not the start of another registry name or a word that ends a name. */
function continuesName(ctx: ExtractContext, tokens: readonly Token[], i: number): boolean {
  const t = tokens[i];
  if (!t || t.kind !== 'word' || !isCapitalised(t.text) || /^\p{N}/u.test(t.text)) return false;
  if (ctx.lexicon.nameStopWords.includes(t.norm) || ctx.lexicon.relativePronouns.includes(t.norm) || ctx.lexicon.indefinites.includes(t.norm)) return false;
  return ctx.index.longestMatchAt(tokens, i) === undefined;
}

function unknownNameAt(ctx: ExtractContext, block: TextBlock, tokens: readonly Token[], i: number, limit: number): NameAt | undefined {
  const lex = ctx.lexicon;
  let start = i;
  const head = tokens[start];
  if (!head || head.kind !== 'word') return undefined;
  if (ctx.lexicon.indefinites.includes(head.norm)) return undefined;
  if (head.norm === 'the' && tokens[start + 1]?.kind === 'word') start++;
  const first = tokens[start] as Token;
  if (lex.indefinites.includes(first.norm) || first.kind !== 'word') return undefined;

  // Collect up to a separator, a clause, a parenthesis or the limit. A relative pronoun ends the
  // name ("organisations that work with …"), and so does a small word before prose ("… in the county").
  let end = start;
  while (end < limit && end - start < MAX_UNKNOWN_WORDS) {
    const t = tokens[end] as Token;
    if (t.kind === 'punct' || isSeparator(ctx, tokens, end) > 0) break;
    if (end > start && lex.relativePronouns.includes(t.norm)) break;
    if (end > start && lex.nameStopWords.includes(t.norm) && !isCapitalised(tokens[end + 1]?.text ?? '')) break;
    end++;
  }
  if (end === start) return undefined;
  // "the tax agency Skatteverket": a lower-case description before a registry name.
  for (let k = start + 1; k < end; k++) {
    // every word before k is such a description word; the words before k - 1 were checked already
    const w = tokens[k - 1] as Token;
    if (isCapitalised(w.text) || lex.nameStopWords.includes(w.norm) || lex.relativePronouns.includes(w.norm)) break;
    const inner = ctx.index.longestMatchAt(tokens, k);
    if (inner && inner.endToken === end && inner.startToken === k) return nameAt(ctx, block, tokens, k, limit);
  }
  const words = tokens.slice(start, end);
  const text = block.text.slice(first.start, (tokens[end - 1] as Token).end);
  const kind = ctx.kinds.kindOf(text, lex.language);
  // A name: capitalised words, joined only by small connectors ("Agency for Harbour Safety").
  let nameLike = kind !== undefined || (!lex.titleCaseNames && isCapitalised(first.text));
  if (!nameLike && isCapitalised(first.text)) {
    nameLike = words.every((w, k) => isCapitalised(w.text) || (lex.nameConnectors.includes(w.norm) && k > 0 && k < words.length - 1));
    if (!nameLike) {
      // Keep the capitalised head and stop before prose ("Swedish Customs in the harbours").
      let k = 0;
      while (k < words.length && (isCapitalised((words[k] as Token).text) || (lex.nameConnectors.includes((words[k] as Token).norm) && isCapitalised(words[k + 1]?.text ?? '')))) k++;
      if (k > 0 && lex.nameStopWords.includes(words[k]?.norm ?? '')) {
        end = start + k;
        nameLike = true;
      }
    }
  }
  const mention = mentionOf(ctx, block, tokens, start, end);
  const paren = parenthesisAt(tokens, end);
  if (paren) {
    mention.abbreviation = paren.inner;
    end = paren.end;
  }
  return { mention, end, known: false, nameLike };
}

/** The known name that ends right before token i ("X leads …"), if any. */
export function knownNameBefore(ctx: ExtractContext, block: TextBlock, tokens: readonly Token[], i: number): NameAt | undefined {
  let end = i;
  // "X (CSN) leads" and "X also leads": look past a parenthesis or an adverb.
  if (tokens[end - 1]?.text === ')') {
    while (end > 0 && tokens[end - 1]?.text !== '(') end--;
    end--;
  }
  // Only a known name that ends exactly at `end` counts: look for its match first, and read the
  // name (with its evidence) only there.
  for (let start = Math.max(0, end - 12); start < end; start++) {
    if (ctx.index.longestMatchAt(tokens, start)?.endToken === end) return nameAt(ctx, block, tokens, start, end);
  }
  return undefined;
}
