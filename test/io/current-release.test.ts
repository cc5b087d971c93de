// releaseKey: the key a release is remembered under names the code, version, settings and every record.
import { describe, expect, it } from 'vitest';
import type { Dataset } from '../../pipeline/build.js';
import { releaseKey } from '../../pipeline/io/current-release.js';
import type { PublicationConfig } from '../../pipeline/publish/config.js';

const config = { title: { en: 'T', sv: 'T' } } as unknown as PublicationConfig;
const source = (i: number) => ({ id: `site/page-${i}`, path: `pages/site/page-${i}.txt`, format: 'txt', language: 'en', languageFrom: 'detected', sha256: 'f'.repeat(64) });
/** A dataset of `n` sources: more than one batch of records when n > 64. */
const datasetOf = (n: number): Dataset => ({ authorities: [], forums: [], memberships: [], countChecks: [], crossSourceChecks: [], sources: Array.from({ length: n }, (_, i) => source(i)) }) as unknown as Dataset;
const key = (dataset: Dataset, fingerprint = 'code', version = '1.0.0') => releaseKey(fingerprint, version, config, dataset);

describe('releaseKey', () => {
  it('is the same for equal inputs', () => {
    expect(key(datasetOf(200))).toBe(key(structuredClone(datasetOf(200))));
  });

  it('changes with the code, the version, the settings and any record, in any batch', () => {
    const base = key(datasetOf(200));
    expect(key(datasetOf(200), 'other code')).not.toBe(base);
    expect(key(datasetOf(200), 'code', '1.0.1')).not.toBe(base);
    expect(releaseKey('code', '1.0.0', { ...config, title: { en: 'U', sv: 'T' } } as PublicationConfig, datasetOf(200))).not.toBe(base);
    for (const at of [0, 63, 64, 65, 127, 128, 199]) {
      const changed = datasetOf(200);
      (changed.sources[at] as { title?: string }).title = 'x';
      expect(key(changed), `record ${at}`).not.toBe(base);
    }
    expect(key(datasetOf(199))).not.toBe(base);
    expect(key(datasetOf(201))).not.toBe(base);
  });

  it('tells records apart from the table they are in, and their order', () => {
    const swapped = datasetOf(130);
    [swapped.sources[64], swapped.sources[63]] = [swapped.sources[63], swapped.sources[64]] as [Dataset['sources'][number], Dataset['sources'][number]];
    expect(key(swapped)).not.toBe(key(datasetOf(130)));
    const moved = datasetOf(1) as unknown as Record<string, unknown[]>;
    const elsewhere = { ...moved, sources: [], forums: moved.sources } as unknown as Dataset;
    expect(key(elsewhere)).not.toBe(key(datasetOf(1)));
  });
});
