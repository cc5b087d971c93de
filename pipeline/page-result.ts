import type { VFile } from 'vfile';
import { VFileMessage } from 'vfile-message';
import type { Point, Position } from 'unist';
import type { Source } from '../schemas/source.js';
import type { ExtractedForum, GroupFact, Mention, ParticipantFact, SinceFact } from './extract/types.js';
import { newMessage } from './util/message.js';

/** A VFile message as plain data, to keep in the cache or send between threads. */
export interface StoredMessage {
  reason: string;
  ruleId?: string;
  source?: string;
  fatal?: boolean | null;
  place?: Position | Point;
  file?: string;
  actual?: string;
  expected?: string[];
  url?: string;
  cause?: StoredMessage;
}

/**
 * Everything one page contributes to a build, as plain data: its Source record, what it says
 * about forums, and the messages found while reading it. The same inputs (page bytes, sidecar,
 * pipeline version, registry) always give the same result, which is what makes it cacheable.
 */
export interface PageResult {
  source: Source;
  forums: ExtractedForum[];
  /** messages on the page itself from reading and parsing, and on its sidecar */
  pageMessages: StoredMessage[];
  metaMessages: StoredMessage[];
  /** messages from extraction: dropped when a newer version of the page supersedes it */
  extractMessages: StoredMessage[];
}

export function storeMessage(m: VFileMessage): StoredMessage {
  const cause = m.cause instanceof VFileMessage ? storeMessage(m.cause) : undefined;
  return {
    reason: m.reason,
    ...(m.ruleId ? { ruleId: m.ruleId } : {}),
    ...(m.source ? { source: m.source } : {}),
    fatal: m.fatal ?? null,
    ...(m.place ? { place: m.place } : {}),
    ...(m.file ? { file: m.file } : {}),
    ...(m.actual !== undefined ? { actual: m.actual } : {}),
    ...(m.expected !== undefined ? { expected: m.expected } : {}),
    ...(m.url ? { url: m.url } : {}),
    ...(cause ? { cause } : {}),
  };
}

function restore(stored: StoredMessage): VFileMessage {
  const cause = stored.cause ? restore(stored.cause) : undefined;
  const m = newMessage(stored.reason, { ...(stored.place ? { place: stored.place } : {}), ...(stored.ruleId ? { ruleId: stored.ruleId } : {}), ...(stored.source ? { source: stored.source } : {}), ...(cause ? { cause } : {}) });
  m.fatal = stored.fatal ?? undefined;
  if (stored.file) m.file = stored.file;
  if (stored.actual !== undefined) m.actual = stored.actual;
  if (stored.expected !== undefined) m.expected = stored.expected;
  if (stored.url) m.url = stored.url;
  return m;
}

/** Put stored messages back on a file, as if they had been found now. */
export function replayMessages(file: VFile, stored: readonly StoredMessage[]): void {
  for (const s of stored) {
    const m = restore(s);
    m.file = s.file ?? file.path;
    file.messages.push(m);
  }
}

/**
 * A page result as the text the cache keeps and the worker threads send. A forum's mentions are
 * written once, in a table, and named by their place in it wherever the result has them (its
 * participants, its groups' lists, the dates it says they joined): a listed name is one object
 * in both the participants and the group, and written twice it took half of every entry (18 KB a
 * page; 180 MB to parse at 10,000 pages). Read back, the places share one object again, as in
 * the result the extraction made.
 */
export function pageResultText(result: PageResult): string {
  return JSON.stringify({ ...result, forums: result.forums.map(encodeForum) });
}

/** The page result of a `pageResultText`; throws on text that is not one. */
export function pageResultOf(text: string): PageResult {
  const stored = JSON.parse(text) as Omit<PageResult, 'forums'> & { forums: EncodedForum[] };
  if (!Array.isArray(stored.forums)) throw new Error('not a page result: no forums');
  return { ...stored, forums: stored.forums.map(decodeForum) };
}

interface EncodedForum extends Omit<ExtractedForum, 'participants' | 'groups' | 'since'> {
  mentions: Mention[];
  participants: (Omit<ParticipantFact, 'mention'> & { mention: number })[];
  groups: (Omit<GroupFact, 'items' | 'implied'> & { items: number[]; implied: number[] })[];
  since: (Omit<SinceFact, 'mention'> & { mention: number })[];
}

function encodeForum(forum: ExtractedForum): EncodedForum {
  const mentions: Mention[] = [];
  const places = new Map<Mention, number>();
  const place = (mention: Mention): number => {
    let at = places.get(mention);
    if (at === undefined) places.set(mention, (at = mentions.push(mention) - 1));
    return at;
  };
  return {
    ...forum,
    participants: forum.participants.map((p) => ({ ...p, mention: place(p.mention) })),
    groups: forum.groups.map((g) => ({ ...g, items: g.items.map(place), implied: g.implied.map(place) })),
    since: forum.since.map((s) => ({ ...s, mention: place(s.mention) })),
    mentions,
  };
}

function decodeForum(stored: EncodedForum): ExtractedForum {
  const { mentions, ...forum } = stored;
  const mention = (at: number): Mention => {
    const found = Array.isArray(mentions) ? mentions[at] : undefined;
    if (found === undefined) throw new Error(`not a page result: no mention ${at}`);
    return found;
  };
  return {
    ...forum,
    participants: forum.participants.map((p) => ({ ...p, mention: mention(p.mention) })),
    groups: forum.groups.map((g) => ({ ...g, items: g.items.map(mention), implied: g.implied.map(mention) })),
    since: forum.since.map((s) => ({ ...s, mention: mention(s.mention) })),
  };
}
