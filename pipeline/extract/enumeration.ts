import type { Token } from '../resolve/normalise.js';
import type { ExtractContext } from './context.js';
import { type NameAt, nameAt, separatorLength, startsClause } from './names.js';
import type { TextBlock } from './text-block.js';
import type { Mention } from './types.js';

export interface Enumeration {
  items: NameAt[];
  /** token range the list covers */
  start: number;
  end: number;
}

/**
 * Read "A, B, C and D" from token `from`: names separated by commas and conjunctions, up to the
 * end, a relative clause (", which …") or prose that follows a known name.
 */
export function readEnumeration(ctx: ExtractContext, block: TextBlock, tokens: readonly Token[], from: number, to = tokens.length): Enumeration {
  const items: NameAt[] = [];
  let i = from;
  let end = from;
  while (i < to) {
    const sep = separatorLength(ctx, tokens, i);
    if (sep > 0) {
      if (startsClause(ctx, tokens, i)) break;
      i += sep;
      continue;
    }
    const t = tokens[i] as Token;
    if (t.kind === 'punct') {
      if (t.text === ':' && items.length === 0) {
        i++;
        continue;
      }
      break;
    }
    const found = nameAt(ctx, block, tokens, i, to);
    if (!found) break;
    // Prose after a name ends the list: "Together with X, the four authorities have …".
    if (!found.nameLike && items.length > 0 && items.every((item) => item.nameLike)) break;
    items.push(found);
    i = found.end;
    end = i;
    // After a known name, anything but a separator ends the list ("… and D in the region").
    if (i < to && separatorLength(ctx, tokens, i) === 0 && !startsClause(ctx, tokens, i)) break;
  }
  return { items, start: from, end };
}

/**
 * Whether `readEnumeration` from token `from` would begin with a known name: the token it reads
 * its first item at (past separators and a colon) starts one. Asked first, it spares reading the
 * names of a sentence that cannot open with known names.
 */
export function opensWithKnownName(ctx: ExtractContext, tokens: readonly Token[], from: number, to = tokens.length): boolean {
  let i = from;
  while (i < to) {
    const sep = separatorLength(ctx, tokens, i);
    if (sep > 0) {
      if (startsClause(ctx, tokens, i)) return false;
      i += sep;
      continue;
    }
    const t = tokens[i] as Token;
    if (t.kind === 'punct') {
      if (t.text !== ':') return false;
      i++;
      continue;
    }
    const match = ctx.index.longestMatchAt(tokens, i);
    return match !== undefined && match.endToken <= to;
  }
  return false;
}

export interface ListVerdict {
  accepted: Mention[];
  /** items of an accepted list that do not read as names: reported, not kept */
  rejected: Mention[];
  isParticipantList: boolean;
}

/**
 * A list is a list of participants when most items are known names, kinds of participant or
 * capitalised names; a list of topics ("procedures and methods …") is not.
 */
export function judgeList(items: readonly NameAt[]): ListVerdict {
  const known = items.filter((i) => i.known).length;
  const nameLike = items.filter((i) => i.nameLike).length;
  const isParticipantList = items.length > 0 && nameLike / items.length >= 0.6 && (known >= 1 || nameLike >= 2);
  return {
    isParticipantList,
    accepted: isParticipantList ? items.filter((i) => i.nameLike).map((i) => i.mention) : [],
    rejected: isParticipantList ? items.filter((i) => !i.nameLike).map((i) => i.mention) : [],
  };
}
