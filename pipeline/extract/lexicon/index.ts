import { en } from './en.js';
import { sv } from './sv.js';
import type { Lexicon } from './types.js';

export type { Lexicon } from './types.js';
export const lexicons: Record<'en' | 'sv', Lexicon> = { en, sv };
