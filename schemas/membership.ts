import { z } from 'zod';
import { Evidence } from './evidence.js';
import { IsoDate, Role, Slug } from './ids.js';

/** What one source page says about one participant of one forum. */
export const Claim = z
  .object({
    sourceId: z.string().min(1),
    role: Role,
    since: z.number().int().min(1800).max(2200).optional(),
    date: IsoDate.optional().describe('the source\'s date (retrieved, else last updated), when known'),
  })
  .strict();
export type Claim = z.infer<typeof Claim>;

/**
 * One participant in one forum. Its role is the newest dated source's claim, else the most
 * specific role any source gives; every source's own claim is kept in `claims`.
 */
export const Membership = z
  .object({
    forumId: Slug,
    authorityId: Slug,
    role: Role,
    since: z.number().int().min(1800).max(2200).optional().describe('year the participant joined, when stated'),
    sinceEvidence: z.array(Evidence).optional(),
    evidence: z.array(Evidence).min(1).describe('every place a source names this participant in this forum'),
    claims: z.array(Claim).min(1).describe('each source\'s claim, oldest first'),
  })
  .strict();
export type Membership = z.infer<typeof Membership>;
