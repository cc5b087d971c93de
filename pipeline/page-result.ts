import type { VFile } from 'vfile';
import { VFileMessage } from 'vfile-message';
import type { Point, Position } from 'unist';
import type { Source } from '../schemas/source.js';
import type { ExtractedForum } from './extract/types.js';

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
  const m = new VFileMessage(stored.reason, { ...(stored.place ? { place: stored.place } : {}), ...(stored.ruleId ? { ruleId: stored.ruleId } : {}), ...(stored.source ? { source: stored.source } : {}), ...(cause ? { cause } : {}) });
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
