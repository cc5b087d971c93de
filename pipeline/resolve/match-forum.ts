import type { ForumRegistryEntry } from './registry-schema.js';
import { nameKey, slugify } from './normalise.js';

/** A forum already read from earlier pages: who takes part, and on which pages. */
export interface SeenForum {
  participants: ReadonlySet<string>;
  sourceIds: ReadonlySet<string>;
}

/**
 * The forums read so far, in the order first seen, with an index from participant to forums:
 * matching by participants looks only at forums that share one, not at every forum seen.
 */
interface SeenEntry extends SeenForum {
  id: string;
  participants: Set<string>;
  sourceIds: Set<string>;
  /** when it was first seen: of two equally good matches the earlier one wins */
  rank: number;
}

export class SeenForums {
  private readonly forums = new Map<string, SeenEntry>();
  /** the forums by rank */
  private readonly ranked: SeenEntry[] = [];
  /** each participant's forums, by rank, each once */
  private readonly byParticipant = new Map<string, number[]>();
  /** each forum's number of participants, by rank: read for every forum a rare participant is in */
  private sizes = new Int32Array(64);
  /** scratch for `sharing`: shared participants per forum rank, 0 between calls; -1 is "cannot qualify" */
  private shared = new Int32Array(64);

  get(id: string): SeenForum | undefined {
    return this.forums.get(id);
  }

  /** A page names the forum: add the page, and the participants it lists. */
  add(id: string, sourceId: string, participants: Iterable<string>): void {
    let forum = this.forums.get(id);
    if (!forum) {
      forum = { id, participants: new Set(), sourceIds: new Set(), rank: this.ranked.length };
      this.forums.set(id, forum);
      this.ranked.push(forum);
      if (this.sizes.length < this.ranked.length) this.sizes = grown(this.sizes);
    }
    forum.sourceIds.add(sourceId);
    for (const p of participants) {
      if (forum.participants.has(p)) continue;
      forum.participants.add(p);
      this.sizes[forum.rank] = forum.participants.size;
      const forums = this.byParticipant.get(p);
      if (forums) forums.push(forum.rank);
      else this.byParticipant.set(p, [forum.rank]);
    }
  }

  /**
   * The forums that share at least `atLeast` of these participants, in the order first seen,
   * with how many they share; forums with more than `largest` participants are left out.
   *
   * Shared participants are counted per forum by walking the participants' forum lists, rarest
   * first. A qualifying forum must hold one of the `size − atLeast + 1` rarest (prefix
   * filtering), so only those lists make candidates; each later, commoner participant adds to
   * the candidates left by whichever is shorter, its forum list or the candidates, and a
   * candidate that can no longer reach `atLeast` is dropped. A participant in nearly every forum
   * (the police, say) thus neither makes every forum a candidate nor is walked forum by forum.
   */
  sharing(participants: ReadonlySet<string>, atLeast: number, largest = Infinity): { id: string; forum: SeenEntry; shared: number }[] {
    if (atLeast < 1 || participants.size < atLeast) return [];
    const lists: { p: string; forums: readonly number[] }[] = [];
    for (const p of participants) lists.push({ p, forums: this.byParticipant.get(p) ?? NO_FORUMS });
    lists.sort((a, b) => a.forums.length - b.forums.length);
    if (this.shared.length < this.ranked.length) this.shared = new Int32Array(this.sizes.length);
    const { shared, sizes } = this;
    const prefix = participants.size - atLeast + 1;
    // every rank given a count, to set back to 0; the candidates are those still above 0
    const touched: number[] = [];
    for (let i = 0; i < prefix; i++) {
      for (const rank of (lists[i] as (typeof lists)[number]).forums) {
        const n = shared[rank] as number;
        if (n > 0) shared[rank] = n + 1;
        else if (n === 0) {
          // a forum larger than `largest`, or too small to share `atLeast`, can never qualify
          const size = sizes[rank] as number;
          shared[rank] = size <= largest && size >= atLeast ? 1 : -1;
          touched.push(rank);
        }
      }
    }
    let candidates = touched.filter((rank) => (shared[rank] as number) > 0);
    for (let i = prefix; i < lists.length && candidates.length > 0; i++) {
      const { p, forums } = lists[i] as (typeof lists)[number];
      if (forums.length < candidates.length) {
        for (const rank of forums) {
          const n = shared[rank] as number;
          if (n > 0) shared[rank] = n + 1;
        }
        continue;
      }
      // participants after this one: a candidate short of `atLeast` by more than that is dropped
      const after = lists.length - i - 1;
      const left: number[] = [];
      for (const rank of candidates) {
        const n = (shared[rank] as number) + ((this.ranked[rank] as SeenEntry).participants.has(p) ? 1 : 0);
        if (n + after < atLeast) shared[rank] = -1;
        else {
          shared[rank] = n;
          left.push(rank);
        }
      }
      candidates = left;
    }
    const found = candidates.filter((rank) => (shared[rank] as number) >= atLeast).sort((a, b) => a - b);
    const counted = found.map((rank) => ({ rank, n: shared[rank] as number }));
    for (const rank of touched) shared[rank] = 0;
    return counted.map(({ rank, n }) => {
      const forum = this.ranked[rank] as SeenEntry;
      return { id: forum.id, forum, shared: n };
    });
  }
}

/** The forum list of a participant no forum has named yet. */
const NO_FORUMS: readonly number[] = [];

/** A copy twice as long: per-rank arrays grow as forums are seen. */
function grown(array: Int32Array<ArrayBuffer>): Int32Array<ArrayBuffer> {
  const copy = new Int32Array(array.length * 2);
  copy.set(array);
  return copy;
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
  /** the first entry of each id, as a search of the entries would find it */
  private readonly byId = new Map<string, ForumRegistryEntry>();

  constructor(readonly entries: readonly ForumRegistryEntry[]) {
    for (const e of entries) {
      if (!this.byId.has(e.id)) this.byId.set(e.id, e);
      for (const n of [...e.names.en, ...e.names.sv]) this.byName.set(nameKey(n), e);
      for (const a of e.acronyms) this.byAcronym.set(a.toUpperCase(), e);
    }
  }

  /**
   * Match a forum found on a page: by any of its names, by its acronym, else by the participants
   * it shares with a forum already seen (at least three, and three fifths of each list), never with a forum of the same page.
   */
  match(name: string, acronym: string | undefined, participants: ReadonlySet<string>, seen: SeenForums, sourceId: string): ForumMatch {
    const byName = this.byName.get(nameKey(name));
    if (byName) return { id: byName.id, entry: byName, via: 'name' };
    const byAcronym = acronym ? this.byAcronym.get(acronym.toUpperCase()) : undefined;
    if (byAcronym) return { id: byAcronym.id, entry: byAcronym, via: 'acronym' };
    let best: { id: string; shared: number } | undefined;
    // at least three, and three fifths of the page's own list (the other list is checked below)
    // (a forum with more than five thirds of the page's participants cannot share three fifths of its own)
    for (const { id, forum: other, shared } of seen.sharing(participants, Math.max(3, Math.ceil((participants.size * 3) / 5)), Math.floor((participants.size * 5) / 3))) {
      // Two forums on one page are two forums, however many participants they share.
      if (other.sourceIds.has(sourceId)) continue;
      // Three fifths of BOTH lists: a forum that grew from many pages must not swallow every
      // page that shares a few common authorities with it.
      const larger = Math.max(participants.size, other.participants.size);
      if (shared >= 3 && shared * 5 >= larger * 3 && (!best || shared > best.shared)) best = { id, shared };
    }
    if (best) {
      const entry = this.byId.get(best.id);
      return { id: best.id, via: 'participants', shared: best.shared, ...(entry ? { entry } : {}) };
    }
    return { id: slugify(name) || 'forum', via: 'new' };
  }
}
