import { z } from 'zod';
import { IsoDate, Language } from './ids.js';

/** A saved page the dataset is built from. */
export const Source = z
  .object({
    id: z.string().regex(/^[a-z0-9][a-z0-9.\-]*(\/[a-z0-9][a-z0-9.\-]*)*$/, 'the page path under sources/pages without extension'),
    path: z.string().min(1).describe('path of the saved page, relative to the sources folder'),
    format: z.enum(['txt', 'md', 'html']),
    url: z.url().optional(),
    title: z.string().min(1).optional(),
    language: Language,
    languageFrom: z.enum(['metadata', 'detected']).describe('whether the language was given or detected'),
    publisher: z.string().min(1).optional(),
    retrieved: IsoDate.optional(),
    lastUpdated: IsoDate.optional(),
    sha256: z.string().regex(/^[0-9a-f]{64}$/),
    supersededBy: z.string().min(1).optional().describe('a newer saved version of the same page (same URL), which makes the claims now'),
  })
  .strict();
export type Source = z.infer<typeof Source>;
