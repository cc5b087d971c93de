// releaseKey: the key a release is remembered under names the code, the version, the settings and the inputs.
import { describe, expect, it } from 'vitest';
import { releaseKey } from '../../pipeline/io/current-release.js';
import type { PublicationConfig } from '../../pipeline/publish/config.js';

const config = { title: { en: 'T', sv: 'T' } } as unknown as PublicationConfig;
const inputs = 'a'.repeat(64);
const key = (fingerprint = 'code', version = '1.0.0', settings = config, inputsKey = inputs) => releaseKey(fingerprint, version, settings, inputsKey);

describe('releaseKey', () => {
  it('is the same for equal inputs', () => {
    expect(key()).toBe(key('code', '1.0.0', structuredClone(config), 'a'.repeat(64)));
    expect(key()).toMatch(/^[0-9a-f]{64}$/u);
  });

  it('changes with the code, the version, the settings and the inputs', () => {
    const keys = [key(), key('other code'), key('code', '1.0.1'), key('code', '1.0.0', { ...config, title: { en: 'U', sv: 'T' } } as PublicationConfig), key('code', '1.0.0', config, 'b'.repeat(64))];
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('keeps its parts apart: a part cannot run into the next', () => {
    expect(key('code1', '.0.0')).not.toBe(key('code', '1.0.0'));
  });
});
