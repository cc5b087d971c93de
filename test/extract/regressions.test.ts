// Cases the property tests found (test/properties/known-failures.md), each fixed with this test.
import { describe, expect, it } from 'vitest';
import { CountCheck } from '../../schemas/count-check.js';
import { projectRegistry } from '../helpers/pipeline.js';
import { buildMarkdown } from './helpers.js';

describe('regressions found by the properties', () => {
  it('leaves a table row without text out of the list (1)', async () => {
    const r = await buildMarkdown('## Example Council\n\nThree authorities take part in the Example Council:\n\n| Authority |\n|---|\n| Swedish Police Authority |\n| Swedish Customs |\n| Swedish Tax Agency |\n| |\n');
    const [check] = r.dataset.countChecks;
    expect(check && CountCheck.safeParse(check).success).toBe(true);
    expect([check?.statedCount, check?.distinctCount, check?.status]).toEqual([3, 3, 'consistent']);
    expect(check?.listEvidence[0]?.quote.startsWith('Swedish Police Authority')).toBe(true);
  });

  it('resolves a name with a double article or words in parentheses as it is indexed (2, 4)', async () => {
    const { index } = await projectRegistry();
    expect(index.resolveExact('Åklagarmyndigheten (Sverige)')?.candidate.entryId).toBe('aklagarmyndigheten');
    const plain = index.resolveExact('Den statliga skoladministrationen')?.candidate.entryId;
    expect(plain).toBeDefined();
    expect(index.resolveExact('the Den statliga skoladministrationen')?.candidate.entryId).toBe(plain);
  });
});
