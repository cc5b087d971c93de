import { z } from 'zod';

/** Stable identifiers: lower-case ASCII slugs, usable in file names, IRIs and CSV keys. */
export const Slug = z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'a lower-case slug (a-z, 0-9, single hyphens)');

export const Role = z.enum(['lead', 'coordinator', 'initiator', 'member', 'network-member', 'partner']);
export type Role = z.infer<typeof Role>;

export const Language = z.enum(['en', 'sv']);
export type Language = z.infer<typeof Language>;

/** A calendar date (YYYY-MM-DD), as sources state retrieval and update dates. */
export const IsoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date as YYYY-MM-DD');

/** Luhn check over the ten digits of a Swedish organisation number. */
export function isLuhnValid(digits: string): boolean {
  if (!/^\d+$/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

export const OrgNumber = z
  .string()
  .regex(/^\d{6}-\d{4}$/, 'an organisation number as NNNNNN-NNNN')
  .refine((v) => isLuhnValid(v.replace('-', '')), 'an organisation number whose last digit is a valid Luhn check digit');
