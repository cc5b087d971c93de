import { z } from 'zod';
import { OrgNumber, Slug } from './ids.js';

export const AuthorityKind = z.enum(['state-agency', 'county-board', 'municipal', 'government', 'other']);
export type AuthorityKind = z.infer<typeof AuthorityKind>;

/** A participant in a forum: a Swedish state authority from the registry, or another body named on a page. */
export const Authority = z
  .object({
    id: Slug.describe('stable slug from the Swedish name (registry) or the stated name (unresolved), the same whatever the page language'),
    name: z
      .object({
        sv: z.string().min(1).optional().describe('Swedish name; present for every resolved authority'),
        en: z.string().min(1).optional().describe('English name'),
      })
      .strict()
      .refine((n) => n.sv !== undefined || n.en !== undefined, 'a name in Swedish or English'),
    otherNames: z.array(z.string().min(1)).describe('other names and abbreviations the registry knows'),
    formerNames: z.array(z.string().min(1)).describe('names the authority had before a renaming'),
    namesInSources: z.array(z.string().min(1)).describe('the names as the source pages write them'),
    orgNumber: OrgNumber.optional().describe('Swedish organisation number, NNNNNN-NNNN, Luhn-valid'),
    wikidata: z.string().regex(/^Q\d+$/).optional().describe('Wikidata entity id'),
    website: z.url().optional().describe('official website'),
    kind: AuthorityKind,
    resolved: z.boolean().describe('false for a name the registry does not know'),
  })
  .strict()
  .refine((a) => !a.resolved || a.name.sv !== undefined, { message: 'a resolved authority has a Swedish name', path: ['name', 'sv'] });
export type Authority = z.infer<typeof Authority>;
