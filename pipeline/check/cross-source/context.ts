import type { VFile } from 'vfile';
import type { VFileMessage } from 'vfile-message';
import type { Authority } from '../../../schemas/authority.js';
import type { Evidence } from '../../../schemas/evidence.js';
import type { Forum } from '../../../schemas/forum.js';
import type { Membership } from '../../../schemas/membership.js';
import type { ResolvedGroup } from '../../resolve/assemble.js';
import { compareCodeUnits } from '../../util/compare.js';
import { messageOn, newMessage } from '../../util/message.js';

/** What the cross-source rules read: the assembled records and each source's file and date. */
export interface CrossSourceInput {
  forums: readonly Forum[];
  memberships: readonly Membership[];
  authorities: ReadonlyMap<string, Authority>;
  groups: readonly ResolvedGroup[];
  files: ReadonlyMap<string, VFile>;
  dates: ReadonlyMap<string, string | undefined>;
}

/** The key of a counted group across sources: its forum and which group (members, network members). */
export const groupKey = (g: ResolvedGroup) => `${g.forumId}\u0000${g.group}`;

/** Each forum's groups of one kind, from every source, in the order the sources came. */
export function groupsByKey(groups: readonly ResolvedGroup[]): Map<string, ResolvedGroup[]> {
  const byKey = new Map<string, ResolvedGroup[]>();
  for (const g of groups) {
    const list = byKey.get(groupKey(g));
    if (list) list.push(g);
    else byKey.set(groupKey(g), [g]);
  }
  return byKey;
}

export function displayName(input: CrossSourceInput, id: string): string {
  const a = input.authorities.get(id);
  return a?.name.en ?? a?.name.sv ?? id;
}

/** Sources oldest first: by date (undated first), then by id. */
export function byAge(input: CrossSourceInput, ids: Iterable<string>): string[] {
  return [...new Set(ids)].sort((a, b) => compareCodeUnits(input.dates.get(a) ?? '', input.dates.get(b) ?? '') || compareCodeUnits(a, b));
}

/** The newest source, when the sources are dated and one is strictly newer than the rest. */
export function newest(input: CrossSourceInput, ids: readonly string[]): string | undefined {
  // the last dated source in age order (byAge's), found in one pass: a finding can name hundreds of sources
  let last: string | undefined;
  let lastDate: string | undefined;
  for (const id of ids) {
    const date = input.dates.get(id);
    if (date === undefined) continue;
    if (last === undefined || lastDate === undefined || compareCodeUnits(date, lastDate) > 0 || (date === lastDate && compareCodeUnits(id, last) > 0)) {
      last = id;
      lastDate = date;
    }
  }
  if (last === undefined) return undefined;
  return ids.every((id) => id === last || (input.dates.get(id) ?? '') < (lastDate ?? '')) ? last : undefined;
}

/**
 * `newest` of ids already in byAge's order (undated first, then by date and id), in constant time:
 * the last is the newest when it is dated and its date is later than the one before it.
 */
export function newestInAgeOrder(input: CrossSourceInput, ids: readonly string[]): string | undefined {
  const last = ids[ids.length - 1];
  const lastDate = last === undefined ? undefined : input.dates.get(last);
  if (last === undefined || lastDate === undefined) return undefined;
  const before = ids[ids.length - 2];
  return before === undefined || (input.dates.get(before) ?? '') < lastDate ? last : undefined;
}

/** Report on the page the message is about, with the other source's place as the cause. */
export function report(input: CrossSourceInput, ruleId: string, reason: string, at: Evidence, other: Evidence | undefined): void {
  const file = input.files.get(at.sourceId);
  if (!file) return;
  const otherFile = other ? input.files.get(other.sourceId) : undefined;
  let cause: VFileMessage | undefined;
  if (other) {
    cause = newMessage(`The other source says so here: “${other.quote}”`, { place: { start: other.start, end: other.end }, ruleId, source: 'samverkan' });
    if (otherFile) cause.file = otherFile.path;
  }
  messageOn(file, reason, { place: { start: at.start, end: at.end }, ruleId, source: 'samverkan', ...(cause ? { cause } : {}) });
}
