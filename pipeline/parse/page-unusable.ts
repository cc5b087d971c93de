import type { Point } from 'unist';

/**
 * A page the parser cannot turn into a tree (the build reports it as skipped, with `ruleId`,
 * `reason` and `place`, and goes on with the other pages).
 */
export class PageUnusableError extends Error {
  override name = 'PageUnusableError';

  constructor(
    readonly ruleId: string,
    readonly reason: string,
    /** where the problem is, when known */
    readonly place?: Point,
  ) {
    super(place ? `${place.line}:${place.column}: ${reason}` : reason);
  }
}

/** The error V8 throws when the call stack runs out (a RangeError, as are unrelated bugs). */
export function isStackOverflow(error: unknown): boolean {
  return error instanceof RangeError && /call stack/iu.test(error.message);
}
