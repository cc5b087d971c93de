import { chromePhrases } from './chrome-phrases.js';

const monthNames: ReadonlyArray<readonly string[]> = Object.values(chromePhrases).map((phrases) => phrases.months);

/** Month number (1–12) for an English or Swedish month name or a prefix of at least three letters. */
function monthNumber(word: string): number | undefined {
  const token = word.toLowerCase().replace(/\.$/, '');
  if (token.length < 3) return undefined;
  for (const names of monthNames) {
    const index = names.findIndex((name) => name.startsWith(token));
    if (index >= 0) return index + 1;
  }
  return undefined;
}

/** YYYY-MM-DD for a calendar date, or undefined when the day does not exist (2024-02-30). */
function isoDate(year: number, month: number, day: number): string | undefined {
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return undefined;
  return isoDateFromUtc(date);
}

/** The UTC calendar date of `date` as YYYY-MM-DD (YAML reads unquoted dates as UTC midnight). */
export function isoDateFromUtc(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/**
 * A date as pages write it, normalised to YYYY-MM-DD: "2024-05-13" (a time after it is
 * allowed), "13 May 2024", "13 maj 2024", "May 13, 2024". Undefined when it does not parse.
 */
export function normaliseDate(text: string): string | undefined {
  const value = text.trim().replace(/\.$/, '');
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T]\d{1,2}[:.]\d{2}.*)?$/.exec(value);
  if (iso) return isoDate(Number(iso[1]), Number(iso[2]), Number(iso[3]));
  const dayFirst = /^(\d{1,2})\.?\s+(\p{L}+\.?)\s+(\d{4})$/u.exec(value);
  if (dayFirst) {
    const month = monthNumber(dayFirst[2] ?? '');
    return month === undefined ? undefined : isoDate(Number(dayFirst[3]), month, Number(dayFirst[1]));
  }
  const monthFirst = /^(\p{L}+\.?)\s+(\d{1,2}),?\s+(\d{4})$/u.exec(value);
  if (monthFirst) {
    const month = monthNumber(monthFirst[1] ?? '');
    return month === undefined ? undefined : isoDate(Number(monthFirst[3]), month, Number(monthFirst[2]));
  }
  return undefined;
}
