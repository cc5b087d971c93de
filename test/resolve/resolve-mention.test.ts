import { describe, expect, it } from 'vitest';
import type { Mention } from '../../pipeline/extract/types.js';
import { tokenize } from '../../pipeline/resolve/normalise.js';
import { resolveMention } from '../../pipeline/resolve/resolve-mention.js';
import { projectRegistry } from '../helpers/pipeline.js';
import { smallIndex, smallKinds } from './small-registry.js';

const index = smallIndex();

/** A mention as the extractor makes it: the registry match of the whole name, when there is one. */
function mention(name: string, abbreviation?: string): Mention {
  const m: Mention = {
    name,
    evidence: { sourceId: 'test', start: { line: 1, column: 1, offset: 0 }, end: { line: 1, column: name.length + 1, offset: name.length }, quote: name },
  };
  const match = index.longestMatchAt(tokenize(name), 0);
  if (match && match.endToken === tokenize(name).length) {
    m.match = match.candidate;
    if (match.alternatives.length > 0) m.alternatives = match.alternatives;
  }
  if (abbreviation) m.abbreviation = abbreviation;
  return m;
}

describe('resolveMention', () => {
  it('takes the registry match of a known name, without a warning', () => {
    expect(resolveMention(mention('Swedish Customs'), index, smallKinds, 'en')).toEqual({ status: 'registry', entryId: 'tullverket', via: 'name' });
    expect(resolveMention(mention('Swedish Prison'), index, smallKinds, 'en')).toEqual({ status: 'registry', entryId: 'kriminalvarden', via: 'alias' });
  });

  it('does not call an alias over a registry name ambiguous, nor a former name shared with a defunct entry', () => {
    expect(resolveMention(mention('Old Customs Board'), index, smallKinds, 'en')).toEqual({ status: 'registry', entryId: 'tullverket', via: 'former-name' });
  });

  it('warns when the same name belongs to two active authorities, naming the other and the choice', () => {
    const r = resolveMention(mention('Harbour Board'), index, smallKinds, 'en');
    expect(r).toEqual({
      status: 'registry',
      entryId: 'harbour-board-north',
      via: 'name',
      warning: {
        ruleId: 'ambiguous-name',
        reason: 'Unexpected ambiguous name `Harbour Board`, expected one authority: it also names harbour-board-south; chose harbour-board-north',
      },
    });
  });

  it('gives a kind of participant to "municipal social services", with a slug id', () => {
    expect(resolveMention(mention('municipal social services'), index, smallKinds, 'en')).toEqual({
      status: 'kind',
      id: 'municipal-social-services',
      kind: 'municipal',
      name: 'municipal social services',
    });
    expect(resolveMention(mention('the Government'), index, smallKinds, 'en')).toMatchObject({ status: 'kind', id: 'government', kind: 'government' });
    expect(resolveMention(mention('other county administrative boards'), index, smallKinds, 'en')).toMatchObject({ status: 'kind', kind: 'county-board' });
  });

  it('reads the kinds of the page’s language only', () => {
    expect(resolveMention(mention('Malmö kommun'), index, smallKinds, 'sv')).toMatchObject({ status: 'kind', kind: 'municipal', id: 'malmo-kommun' });
    expect(resolveMention(mention('Malmö kommun'), index, smallKinds, 'en').status).toBe('unresolved');
  });

  it('resolves an unknown name by the abbreviation written after it in parentheses', () => {
    expect(resolveMention(mention('Board of Student Grants', 'CSN'), index, smallKinds, 'en')).toEqual({
      status: 'registry',
      entryId: 'centrala-studiestodsnamnden',
      via: 'abbreviation',
    });
  });

  it('leaves a name unresolved when its abbreviation is unknown too', () => {
    expect(resolveMention(mention('Board of Student Grants', 'BSG'), index, smallKinds, 'en').status).toBe('unresolved');
  });

  it('resolves a name that ends with a known name, with a partial-name-match warning', () => {
    const r = resolveMention(mention('the regional office of the Swedish Tax Agency'), index, smallKinds, 'en');
    expect(r).toEqual({
      status: 'registry',
      entryId: 'skatteverket',
      via: 'contained-name',
      warning: {
        ruleId: 'partial-name-match',
        reason:
          'Unexpected name `the regional office of the Swedish Tax Agency`, expected a registry name: resolved by the name `Swedish Tax Agency` inside it to Skatteverket; add an alias if this is right',
      },
    });
  });

  it('resolves a name mostly made of a known name, with the same warning', () => {
    const r = resolveMention(mention('Swedish Police Authority Region West'), index, smallKinds, 'en');
    expect(r).toMatchObject({ status: 'registry', entryId: 'polismyndigheten', via: 'contained-name', warning: { ruleId: 'partial-name-match' } });
  });

  it('does not resolve by a known name that covers only a small, inner part', () => {
    const r = resolveMention(mention('Council for Swedish Customs Cooperation in the Baltic Sea Region'), index, smallKinds, 'en');
    expect(r.status).toBe('unresolved');
  });

  it('does not resolve by a contained name when two known names are inside', () => {
    const r = resolveMention(mention('Swedish Customs and Swedish Tax Agency Liaison'), index, smallKinds, 'en');
    expect(r.status).toBe('unresolved');
  });

  it('keeps an unknown name as unresolved, with an id from its words and an unresolved-name warning', () => {
    expect(resolveMention(mention('The Agency for Harbour Safety'), index, smallKinds, 'en')).toEqual({
      status: 'unresolved',
      id: 'agency-for-harbour-safety',
      name: 'The Agency for Harbour Safety',
      warning: {
        ruleId: 'unresolved-name',
        reason: 'Unexpected name `The Agency for Harbour Safety`, expected an authority in the registry or an alias; kept as an unresolved authority',
      },
    });
  });

  it('gives a name without letters the id "unnamed"', () => {
    expect(resolveMention(mention('–'), index, smallKinds, 'en')).toMatchObject({ status: 'unresolved', id: 'unnamed' });
  });

  it('resolves the seed page’s partial name with the project registry', async () => {
    const { index: real, kinds } = await projectRegistry();
    const m: Mention = {
      name: 'the Stockholm office of the Swedish Tax Agency',
      evidence: { sourceId: 'test', start: { line: 1, column: 1, offset: 0 }, end: { line: 1, column: 2, offset: 1 }, quote: 't' },
    };
    expect(resolveMention(m, real, kinds, 'en')).toMatchObject({ status: 'registry', entryId: 'skatteverket', via: 'contained-name', warning: { ruleId: 'partial-name-match' } });
    expect(resolveMention({ ...m, name: 'municipal social services' }, real, kinds, 'en')).toMatchObject({ status: 'kind', kind: 'municipal' });
  });
});
