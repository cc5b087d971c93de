import { z } from 'zod';

/** A place in a source file: 1-based line and column, 0-based UTF-16 offset (as unist uses). */
export const Point = z
  .object({
    line: z.number().int().min(1).describe('1-based line in the source file'),
    column: z.number().int().min(1).describe('1-based column in the source file'),
    offset: z.number().int().min(0).describe('0-based character offset in the source file'),
  })
  .strict();
export type Point = z.infer<typeof Point>;

/** Where a fact comes from: a range of a source page and the exact text found there. */
export const Evidence = z
  .object({
    sourceId: z.string().min(1).describe('id of the Source record the quote is taken from'),
    start: Point,
    end: Point,
    quote: z.string().min(1).describe('the exact text of the source between start and end'),
  })
  .strict();
export type Evidence = z.infer<typeof Evidence>;
