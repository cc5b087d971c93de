import { z } from 'zod';
import { AuthorityKind } from '../../schemas/authority.js';
import { OrgNumber, Slug } from '../../schemas/ids.js';

/** One authority in sources/registry/authorities.json (written by scripts/build-registry.ts). */
export const RegistryEntry = z
  .object({
    id: Slug.describe('slug of the current Swedish name'),
    name: z.object({ sv: z.string().min(1), en: z.string().min(1).optional() }).strict(),
    /** English names, spellings and upper-case forms the reference data knows. */
    otherNames: z.array(z.string().min(1)),
    /** Names before a renaming (e.g. the old Swedish name and its English form). */
    formerNames: z.array(z.string().min(1)),
    /** Abbreviations such as "CSN"; matched only when written in capitals. */
    abbreviations: z.array(z.string().min(1)),
    orgNumber: OrgNumber.optional(),
    wikidata: z.string().regex(/^Q\d+$/).optional(),
    website: z.url().optional(),
    kind: AuthorityKind,
    /** false for an authority that no longer exists (and was not simply renamed). */
    active: z.boolean(),
    replacedBy: z.array(Slug).optional(),
  })
  .strict();
export type RegistryEntry = z.infer<typeof RegistryEntry>;

export const RegistryFile = z
  .object({
    origin: z.string().min(1),
    generatedFrom: z.string().min(1),
    authorities: z.array(RegistryEntry),
  })
  .strict();
export type RegistryFile = z.infer<typeof RegistryFile>;

/** sources/registry/aliases.yaml: curated names pages use that the registry lacks. */
export const AliasFile = z.array(
  z
    .object({
      name: z.string().min(1),
      authority: Slug,
      note: z.string().optional(),
    })
    .strict(),
);
export type AliasFile = z.infer<typeof AliasFile>;

/** sources/registry/participant-kinds.yaml: words that mark a participant that is not a state authority. */
export const ParticipantKindsFile = z.array(
  z
    .object({
      kind: AuthorityKind,
      language: z.enum(['en', 'sv']),
      /** a participant whose normalised name starts with one of these words is of this kind */
      startsWith: z.array(z.string().min(1)).default([]),
      /** ... or contains one of these words */
      contains: z.array(z.string().min(1)).default([]),
    })
    .strict(),
);
export type ParticipantKindsFile = z.infer<typeof ParticipantKindsFile>;

/** sources/registry/forums.yaml: the forums samverkan knows, so that pages about one forum meet. */
export const ForumRegistryFile = z.array(
  z
    .object({
      id: Slug,
      names: z
        .object({ en: z.array(z.string().min(1)).default([]), sv: z.array(z.string().min(1)).default([]) })
        .strict()
        .refine((n) => n.en.length + n.sv.length > 0, 'at least one name'),
      acronyms: z.array(z.string().min(1)).default([]),
      note: z.string().optional(),
    })
    .strict(),
);
export type ForumRegistryFile = z.infer<typeof ForumRegistryFile>;
export type ForumRegistryEntry = ForumRegistryFile[number];
