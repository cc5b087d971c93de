import type { ForumRegistryEntry } from './registry-schema.js';
import { nameKey, slugify } from './normalise.js';

/** A forum already read from earlier pages: who takes part, and on which pages. */
export interface SeenForum {
  participants: Set<string>;
  sourceIds: Set<string>;
}

export interface ForumMatch {
  id: string;
  entry?: ForumRegistryEntry;
  /** how the page's forum met the registry; `participants` and `new` are reported */
  via: 'name' | 'acronym' | 'participants' | 'new';
  /** for `participants`: how many participants the page shares with the forum seen elsewhere */
  shared?: number;
}

/** Index of the forum registry by normalised name and by acronym. */
export class ForumRegistry {
  private readonly byName = new Map<string, ForumRegistryEntry>();
  private readonly byAcronym = new Map<string, ForumRegistryEntry>();

  constructor(readonly entries: readonly ForumRegistryEntry[]) {
    for (const e of entries) {
      for (const n of [...e.names.en, ...e.names.sv]) this.byName.set(nameKey(n), e);
      for (const a of e.acronyms) this.byAcronym.set(a.toUpperCase(), e);
    }
  }

  /**
   * Match a forum found on a page: by any of its names, by its acronym, else by the participants
   * it shares with a forum already seen (at least three, and three fifths of each list), never with a forum of the same page.
   */
  match(name: string, acronym: string | undefined, participants: ReadonlySet<string>, seen: ReadonlyMap<string, SeenForum>, sourceId: string): ForumMatch {
    const byName = this.byName.get(nameKey(name));
    if (byName) return { id: byName.id, entry: byName, via: 'name' };
    const byAcronym = acronym ? this.byAcronym.get(acronym.toUpperCase()) : undefined;
    if (byAcronym) return { id: byAcronym.id, entry: byAcronym, via: 'acronym' };
    let best: { id: string; shared: number } | undefined;
    for (const [id, other] of seen) {
      // Two forums on one page are two forums, however many participants they share.
      if (other.sourceIds.has(sourceId)) continue;
      const shared = [...participants].filter((p) => other.participants.has(p)).length;
      // Three fifths of BOTH lists: a forum that grew from many pages must not swallow every
      // page that shares a few common authorities with it.
      const larger = Math.max(participants.size, other.participants.size);
      if (shared >= 3 && shared * 5 >= larger * 3 && (!best || shared > best.shared)) best = { id, shared };
    }
    if (best) {
      const entry = this.entries.find((e) => e.id === best.id);
      return { id: best.id, via: 'participants', shared: best.shared, ...(entry ? { entry } : {}) };
    }
    return { id: slugify(name) || 'forum', via: 'new' };
  }
}
