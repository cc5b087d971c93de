import type { CrossSourceCheck } from '../../../schemas/cross-source-check.js';
import { compareCodeUnits } from '../../util/compare.js';
import type { CrossSourceInput } from './context.js';
import { countDisagreement } from './count-disagreement.js';
import { countExplainedByOtherSource } from './count-explained-by-other-source.js';
import { participantMissingInSource } from './participant-missing-in-source.js';

export type { CrossSourceInput } from './context.js';

/** Checks across the sources of one forum, one rule per file; findings are warnings and data. */
export function runCrossSourceChecks(input: CrossSourceInput): CrossSourceCheck[] {
  const checks = [...participantMissingInSource(input), ...countDisagreement(input), ...countExplainedByOtherSource(input)];
  return checks.sort((a, b) => compareCodeUnits(a.id, b.id));
}
