import { z } from 'zod';
import { CountGroup } from './count-check.js';
import { Evidence } from './evidence.js';
import { Slug } from './ids.js';

export const CrossSourceRule = z.enum(['participant-missing-in-source', 'count-disagreement', 'count-explained-by-other-source']);
export type CrossSourceRule = z.infer<typeof CrossSourceRule>;

/** Where two source pages about one forum disagree: kept as data, with the places in both. */
export const CrossSourceCheck = z
  .object({
    id: z.string().min(1),
    forumId: Slug,
    rule: CrossSourceRule,
    group: CountGroup.optional(),
    authorityIds: z.array(Slug).describe('the participants concerned'),
    sourceIds: z.array(z.string().min(1)).min(2).describe('the sources that disagree, oldest first'),
    newerSourceId: z.string().min(1).optional().describe('the newest of them, when the sources are dated'),
    message: z.string().min(1),
    suggestion: z.string().min(1).optional().describe('what would make the sources agree, when one explains the other'),
    evidence: z.array(Evidence).min(1).describe('the places in the sources, first the one the message is about'),
  })
  .strict();
export type CrossSourceCheck = z.infer<typeof CrossSourceCheck>;
