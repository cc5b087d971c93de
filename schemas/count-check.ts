import { z } from 'zod';
import { Evidence } from './evidence.js';
import { Slug } from './ids.js';

export const CountGroup = z.enum(['members', 'network-members']);
export type CountGroup = z.infer<typeof CountGroup>;

/** A stated count ("fifteen authorities") compared with the participants listed for the same group. */
export const CountCheck = z
  .object({
    id: z.string().min(1),
    forumId: Slug,
    sourceId: z.string().min(1).describe('the source page that states the count'),
    group: CountGroup,
    statedCount: z.number().int().min(0),
    statedText: z.string().min(1).describe('the words that state the count, as written'),
    listedCount: z.number().int().min(0).describe('participants listed for the group, duplicates included'),
    distinctCount: z.number().int().min(0).describe('distinct participants listed for the group'),
    duplicates: z.array(Slug).describe('authority ids listed more than once'),
    status: z.enum(['consistent', 'mismatch', 'unverifiable']),
    message: z.string().min(1).describe('the outcome in words'),
    evidence: z.array(Evidence).min(1).describe('where the count is stated'),
    listEvidence: z.array(Evidence).describe('where the group is listed'),
  })
  .strict();
export type CountCheck = z.infer<typeof CountCheck>;
