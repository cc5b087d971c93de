import { z } from 'zod';
import { Evidence } from './evidence.js';
import { Slug } from './ids.js';

/** A collaboration forum against crime, as one or more source pages describe it. */
export const Forum = z
  .object({
    id: Slug,
    name: z
      .object({ en: z.string().min(1).optional(), sv: z.string().min(1).optional() })
      .strict()
      .refine((n) => n.en !== undefined || n.sv !== undefined, 'a name in English or Swedish'),
    acronym: z.string().min(1).optional(),
    startYear: z.number().int().min(1800).max(2200).optional(),
    startDate: z.string().regex(/^\d{4}(-\d{2})?$/).optional().describe('start as YYYY or YYYY-MM when the month is stated'),
    endYear: z.number().int().min(1800).max(2200).optional(),
    commissionedBy: z.string().min(1).optional().describe('who commissioned the collaboration, as stated'),
    sourceIds: z.array(z.string().min(1)).min(1),
    evidence: z.array(Evidence).min(1).describe('where the forum is named (its heading)'),
    startEvidence: z.array(Evidence).optional(),
    endEvidence: z.array(Evidence).optional(),
    commissionedByEvidence: z.array(Evidence).optional(),
  })
  .strict();
export type Forum = z.infer<typeof Forum>;
