import { z } from 'zod';
import { Evidence } from './evidence.js';
import { Role, Slug } from './ids.js';

/** One participant in one forum, with the most specific role the sources give it. */
export const Membership = z
  .object({
    forumId: Slug,
    authorityId: Slug,
    role: Role,
    since: z.number().int().min(1800).max(2200).optional().describe('year the participant joined, when stated'),
    sinceEvidence: z.array(Evidence).optional(),
    evidence: z.array(Evidence).min(1).describe('every place a source names this participant in this forum'),
  })
  .strict();
export type Membership = z.infer<typeof Membership>;
