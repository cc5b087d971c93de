import { describe, expect, it } from 'vitest';
import { detectLanguage } from '../../pipeline/parse/index.js';

describe('detectLanguage', () => {
  it('recognises a short English paragraph', () => {
    const result = detectLanguage('The harbour office works with the coast guard and the police to keep the port safe for all of its visitors.');
    expect(result.language).toBe('en');
    expect(result.confidence).toBeGreaterThan(0.8);
  });

  it('recognises a short Swedish paragraph', () => {
    const result = detectLanguage('Hamnkontoret samarbetar med Kustbevakningen och polisen för att hamnen ska vara säker för alla som besöker den.');
    expect(result.language).toBe('sv');
    expect(result.confidence).toBeGreaterThan(0.8);
  });

  it('says it has no evidence for text without function words', () => {
    expect(detectLanguage('Kustbevakningen 2024')).toEqual({ language: 'en', confidence: 0 });
  });
});
