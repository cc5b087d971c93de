import type { CountCheck } from '../../schemas/count-check.js';
import type { ResolvedGroup } from '../resolve/assemble.js';
import { buildCountChecks } from './count-checks.js';
import { countMismatch } from './count-mismatch.js';
import { countUnverifiable } from './count-unverifiable.js';
import { duplicateParticipant } from './duplicate-participant.js';

/** The rules, one per file; each reports on the page's VFile where the count is stated. */
const rules = [countMismatch, duplicateParticipant, countUnverifiable];

export function runCountChecks(groups: readonly ResolvedGroup[]): CountCheck[] {
  const checked = buildCountChecks(groups);
  for (const c of checked) for (const rule of rules) rule(c);
  return checked.map((c) => c.check);
}
