/**
 * Matching a page's forum by its participants looks only at forums that share the page's
 * rarest participants (prefix filtering). It must pick exactly the forum a plain scan over every
 * forum seen picks: the one sharing most participants (at least three, and three fifths of both
 * lists), the first seen among equals, never a forum of the same page.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ForumRegistry, SeenForums } from '../../pipeline/resolve/match-forum.js';
import { numRuns } from './arbitraries.js';

/** The rule as the registry documents it, over every forum seen, without an index. */
function plainScan(forums: readonly { id: string; sourceId: string; participants: ReadonlySet<string> }[], participants: ReadonlySet<string>, sourceId: string): { id: string; shared: number } | undefined {
  const merged = new Map<string, { participants: Set<string>; sourceIds: Set<string> }>();
  for (const f of forums) {
    const m = merged.get(f.id) ?? { participants: new Set<string>(), sourceIds: new Set<string>() };
    for (const p of f.participants) m.participants.add(p);
    m.sourceIds.add(f.sourceId);
    merged.set(f.id, m);
  }
  let best: { id: string; shared: number } | undefined;
  for (const [id, other] of merged) {
    if (other.sourceIds.has(sourceId)) continue;
    const shared = [...participants].filter((p) => other.participants.has(p)).length;
    const larger = Math.max(participants.size, other.participants.size);
    if (shared >= 3 && shared * 5 >= larger * 3 && (!best || shared > best.shared)) best = { id, shared };
  }
  return best;
}

const participant = fc.constantFrom(...'abcdefghijkl'.split(''));
const forum = fc.record({
  id: fc.constantFrom('f1', 'f2', 'f3', 'f4', 'f5', 'f6'),
  sourceId: fc.constantFrom('s1', 's2', 's3'),
  participants: fc.uniqueArray(participant, { maxLength: 10 }).map((ps) => new Set(ps)),
});

describe('forum matching by participants', () => {
  const registry = new ForumRegistry([]);

  it('finds the forum a scan over every forum finds', () => {
    fc.assert(
      fc.property(fc.array(forum, { maxLength: 12 }), fc.uniqueArray(participant, { maxLength: 10 }), fc.constantFrom('s1', 's2', 's4'), (seenForums, page, sourceId) => {
        const seen = new SeenForums();
        for (const f of seenForums) seen.add(f.id, f.sourceId, f.participants);
        const participants = new Set(page);
        const match = registry.match('A forum nobody registered', undefined, participants, seen, sourceId);
        const expected = plainScan(seenForums, participants, sourceId);
        if (expected) expect({ via: match.via, id: match.id, shared: match.shared }).toEqual({ via: 'participants', id: expected.id, shared: expected.shared });
        else expect(match.via).toBe('new');
      }),
      { numRuns: numRuns(500) },
    );
  });

  it('sharing: the forums, shared counts and order a count over every forum gives', () => {
    fc.assert(
      fc.property(
        fc.array(forum, { maxLength: 12 }),
        fc.uniqueArray(participant, { maxLength: 10 }),
        fc.integer({ min: 0, max: 11 }),
        fc.option(fc.integer({ min: 0, max: 12 }), { nil: undefined }),
        (seenForums, page, atLeast, largest) => {
          const seen = new SeenForums();
          for (const f of seenForums) seen.add(f.id, f.sourceId, f.participants);
          const participants = new Set(page);
          // every forum seen, in the order first seen, with its participants merged over pages
          const merged = new Map<string, Set<string>>();
          for (const f of seenForums) merged.set(f.id, new Set([...(merged.get(f.id) ?? []), ...f.participants]));
          const expected = [...merged]
            .map(([id, ps]) => ({ id, size: ps.size, shared: page.filter((p) => ps.has(p)).length }))
            .filter(({ size, shared }) => atLeast >= 1 && shared >= atLeast && size <= (largest ?? Infinity))
            .map(({ id, shared }) => ({ id, shared }));
          const actual = seen.sharing(participants, atLeast, largest).map(({ id, forum: f, shared }) => {
            expect(f).toBe(seen.get(id));
            return { id, shared };
          });
          expect(actual).toEqual(expected);
        },
      ),
      { numRuns: numRuns(1000) },
    );
  });

  it('sharing: a participant in every forum neither hides nor adds a match', () => {
    const seen = new SeenForums();
    for (let i = 0; i < 200; i++) seen.add(`forum-${i}`, `s${i}`, ['police', 'customs', `x${i % 7}`, `y${i % 11}`, `z${i}`]);
    const found = seen.sharing(new Set(['police', 'customs', 'x3', 'y5', 'q']), 4);
    // x3 and y5 together: i ≡ 3 (mod 7) and i ≡ 5 (mod 11), i.e. i = 38, 115, 192
    expect(found.map(({ id, shared }) => ({ id, shared }))).toEqual([
      { id: 'forum-38', shared: 4 },
      { id: 'forum-115', shared: 4 },
      { id: 'forum-192', shared: 4 },
    ]);
    // three: every forum with x3 (29) or y5 (18), those with both once; and never by police and customs alone
    const three = seen.sharing(new Set(['police', 'customs', 'x3', 'y5', 'q']), 3);
    expect(three.length).toBe(29 + 18 - 3);
    expect(three.filter(({ shared }) => shared === 4).map(({ id }) => id)).toEqual(['forum-38', 'forum-115', 'forum-192']);
    expect(three.map(({ forum: f }) => f).every((f) => f.participants.has('x3') || f.participants.has('y5'))).toBe(true);
  });

  it('takes the forum seen first among two that share as many participants', () => {
    const seen = new SeenForums();
    seen.add('later-id-first-seen', 's1', ['a', 'b', 'c', 'd']);
    seen.add('earlier-id-seen-second', 's2', ['a', 'b', 'c', 'd']);
    expect(registry.match('Unknown', undefined, new Set(['a', 'b', 'c', 'd']), seen, 's3')).toMatchObject({ id: 'later-id-first-seen', via: 'participants', shared: 4 });
  });

  it('does not match a forum that shares a common participant and little else', () => {
    const seen = new SeenForums();
    for (let i = 0; i < 50; i++) seen.add(`forum-${i}`, `s${i}`, ['police', `x${i}`, `y${i}`, `z${i}`]);
    expect(seen.sharing(new Set(['police', 'a', 'b', 'c']), 3)).toEqual([]);
    expect(registry.match('Unknown', undefined, new Set(['police', 'x7', 'y7', 'q']), seen, 'page')).toMatchObject({ id: 'forum-7', shared: 3 });
  });
});
