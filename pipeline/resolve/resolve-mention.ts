import type { AuthorityKind } from '../../schemas/authority.js';
import type { Mention } from '../extract/types.js';
import type { NameIndex, NameMatch } from './name-index.js';
import { nameKey, slugify, tokenize } from './normalise.js';
import type { ParticipantKinds } from './participant-kinds.js';

/** How a stated name was resolved; `warning` is set when a person should look at it. */
export type Resolution =
  | { status: 'registry'; entryId: string; via: string; warning?: { ruleId: string; reason: string } }
  | { status: 'kind'; id: string; kind: AuthorityKind; name: string }
  | { status: 'unresolved'; id: string; name: string; warning: { ruleId: string; reason: string } };

/**
 * Resolve a participant's name to a registry entry, a kind of non-state participant, or an
 * unresolved name. A match that is not the whole name is never silent: it carries a warning.
 */
export function resolveMention(mention: Mention, index: NameIndex, kinds: ParticipantKinds, language: 'en' | 'sv'): Resolution {
  if (mention.match) {
    const alternatives = (mention.alternatives ?? []).filter((a) => a.via === mention.match?.via && index.entry(a.entryId)?.active === index.entry(mention.match.entryId)?.active);
    if (alternatives.length > 0) {
      return {
        status: 'registry',
        entryId: mention.match.entryId,
        via: mention.match.via,
        warning: { ruleId: 'ambiguous-name', reason: `Unexpected ambiguous name \`${mention.name}\`, expected one authority: it also names ${alternatives.map((a) => a.entryId).join(', ')}; chose ${mention.match.entryId}` },
      };
    }
    if (mention.partial) {
      const entry = index.entry(mention.match.entryId);
      return {
        status: 'registry',
        entryId: mention.match.entryId,
        via: mention.match.via,
        warning: {
          ruleId: 'partial-name-match',
          reason: `Unexpected name \`${mention.name}\`, expected a registry name: resolved by the name \`${mention.match.spelling}\` it starts with to ${entry?.name.sv ?? mention.match.entryId}; add an alias if this is right`,
        },
      };
    }
    return { status: 'registry', entryId: mention.match.entryId, via: mention.match.via };
  }
  const kind = kinds.kindOf(mention.name, language);
  if (kind) return { status: 'kind', id: slugify(nameKey(mention.name)), kind, name: mention.name };

  if (mention.abbreviation) {
    const byAbbreviation = index.resolveExact(mention.abbreviation);
    if (byAbbreviation) return { status: 'registry', entryId: byAbbreviation.candidate.entryId, via: 'abbreviation' };
  }
  const partial = containedName(mention.name, index);
  if (partial) {
    const entry = index.entry(partial.candidate.entryId);
    return {
      status: 'registry',
      entryId: partial.candidate.entryId,
      via: 'contained-name',
      warning: {
        ruleId: 'partial-name-match',
        reason: `Unexpected name \`${mention.name}\`, expected a registry name: resolved by the name \`${partial.candidate.spelling}\` inside it to ${entry?.name.sv ?? partial.candidate.entryId}; add an alias if this is right`,
      },
    };
  }
  return {
    status: 'unresolved',
    id: slugify(nameKey(mention.name)) || 'unnamed',
    name: mention.name,
    warning: { ruleId: 'unresolved-name', reason: `Unexpected name \`${mention.name}\`, expected an authority in the registry or an alias; kept as an unresolved authority` },
  };
}

/** A known name that ends the stated one ("… agency Försäkringskassan") or covers most of it. */
function containedName(name: string, index: NameIndex): NameMatch | undefined {
  const tokens = tokenize(name).filter((t) => t.kind === 'word');
  const found = index.findAll(tokens).filter((m) => m.candidate.via !== 'abbreviation');
  if (found.length !== 1) return undefined;
  const m = found[0] as NameMatch;
  const covered = m.endToken - m.startToken;
  return m.endToken === tokens.length || covered * 2 > tokens.length ? m : undefined;
}
