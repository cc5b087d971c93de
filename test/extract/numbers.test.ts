import { describe, expect, it } from 'vitest';
import { en } from '../../pipeline/extract/lexicon/en.js';
import { numberAt, yearAt } from '../../pipeline/extract/numbers.js';
import { tokenize } from '../../pipeline/resolve/normalise.js';

const numberIn = (text: string, i = 0) => numberAt(en, tokenize(text), i);

describe('numberAt', () => {
  it('reads digits', () => {
    expect(numberIn('18 authorities')).toEqual({ value: 18, length: 1 });
    expect(numberIn('7')).toEqual({ value: 7, length: 1 });
  });

  it('reads number words whatever their case', () => {
    expect(numberIn('nine authorities')).toEqual({ value: 9, length: 1 });
    expect(numberIn('Fifteen cooperating authorities')).toEqual({ value: 15, length: 1 });
    expect(numberIn('THIRTY')).toEqual({ value: 30, length: 1 });
  });

  it('reads "twenty-one" and "twenty one" as 21, in two tokens', () => {
    expect(numberIn('twenty-one authorities')).toEqual({ value: 21, length: 2 });
    expect(numberIn('twenty one authorities')).toEqual({ value: 21, length: 2 });
    expect(numberIn('Forty-Five')).toEqual({ value: 45, length: 2 });
  });

  it('does not join tens with a word that is not a unit, or that stands apart', () => {
    expect(numberIn('twenty authorities')).toEqual({ value: 20, length: 1 });
    // "twelve" is not a unit: "twenty twelve" is not 32
    expect(numberIn('twenty twelve')).toEqual({ value: 20, length: 1 });
    // spaced dash: the tokens are not adjacent
    expect(numberIn('twenty - one')).toEqual({ value: 20, length: 1 });
    // a unit after a number that is not a multiple of ten
    expect(numberIn('fifteen one')).toEqual({ value: 15, length: 1 });
  });

  it('reads at the token asked for', () => {
    expect(numberIn('A further 13 authorities', 2)).toEqual({ value: 13, length: 1 });
    expect(numberIn('A further 13 authorities', 1)).toBeUndefined();
  });

  it('reads no number in words that are not numbers, long digit runs or punctuation', () => {
    expect(numberIn('authorities')).toBeUndefined();
    expect(numberIn('1000 authorities')).toBeUndefined();
    expect(numberIn('zero')).toBeUndefined();
    expect(numberIn(', nine')).toBeUndefined();
  });
});

describe('yearAt', () => {
  const yearIn = (text: string) => yearAt(tokenize(text), 0);

  it('reads four-digit years from 1800 to 2199', () => {
    expect(yearIn('2019')).toBe(2019);
    expect(yearIn('1800')).toBe(1800);
    expect(yearIn('2199')).toBe(2199);
  });

  it('reads nothing outside that range or in other tokens', () => {
    expect(yearIn('1799')).toBeUndefined();
    expect(yearIn('2200')).toBeUndefined();
    expect(yearIn('20190')).toBeUndefined();
    expect(yearIn('18')).toBeUndefined();
    expect(yearIn('December')).toBeUndefined();
  });
});
