import type { VFile } from 'vfile';
import { location } from 'vfile-location';
import type { Evidence } from '../../schemas/evidence.js';
import type { NameIndex } from '../resolve/name-index.js';
import type { ParticipantKinds } from '../resolve/participant-kinds.js';
import type { Lexicon } from './lexicon/index.js';
import { type TextBlock, toSourceRange } from './text-block.js';

/** Everything the extractor needs to read one page; built once per page. */
export interface ExtractContext {
  file: VFile;
  source: string;
  sourceId: string;
  lexicon: Lexicon;
  index: NameIndex;
  kinds: ParticipantKinds;
  /** registry id of the page's publisher, when its metadata names a known authority */
  publisherId?: string;
  evidence(block: TextBlock, start: number, end: number): Evidence;
}

export function createContext(options: Omit<ExtractContext, 'evidence' | 'source'>): ExtractContext {
  const source = String(options.file.value);
  const place = location(source);
  return {
    ...options,
    source,
    evidence(block, start, end) {
      const [from, to] = toSourceRange(block, start, end);
      const startPoint = place.toPoint(from);
      const endPoint = place.toPoint(to);
      if (!startPoint || !endPoint) throw new Error(`offsets ${from}-${to} lie outside ${options.file.path}`);
      return {
        sourceId: options.sourceId,
        start: { line: startPoint.line, column: startPoint.column, offset: from },
        end: { line: endPoint.line, column: endPoint.column, offset: to },
        quote: source.slice(from, to),
      };
    },
  };
}
