import type { Point, Position } from 'unist';
import { location } from 'vfile-location';

/**
 * One physical line of a document, trimmed: `text === doc.slice(start, end)`.
 * Line endings are `\r\n`, `\r` or `\n` (as vfile-location and micromark count them).
 * Trimming uses JavaScript's `\s`, which includes U+FEFF, so a byte order mark at
 * offset 0 is never part of a line's text (but still counts as one column/offset).
 */
export interface SourceLine {
  /** 0-based index of the line. */
  index: number;
  /** 0-based offset of the first non-whitespace character. */
  start: number;
  /** 0-based offset after the last non-whitespace character (exclusive). */
  end: number;
  text: string;
}

const lineEnding = /\r\n|\r|\n/g;

export function splitLines(doc: string): SourceLine[] {
  const lines: SourceLine[] = [];
  let lineStart = 0;
  const push = (lineEnd: number): void => {
    const raw = doc.slice(lineStart, lineEnd);
    const lead = raw.length - raw.trimStart().length;
    const trimmed = raw.trim();
    const start = lineStart + lead;
    lines.push({ index: lines.length, start, end: start + trimmed.length, text: trimmed });
  };
  for (const match of doc.matchAll(lineEnding)) {
    push(match.index);
    lineStart = match.index + match[0].length;
  }
  push(doc.length);
  return lines;
}

/** Turns 0-based offsets of `doc` into unist points (line and column 1-based). */
export function pointLocator(doc: string): (offset: number) => Point {
  const place = location(doc);
  return (offset) => {
    const point = place.toPoint(offset);
    // toPoint only fails for an offset outside the document: a bug in the caller.
    if (point === undefined) throw new RangeError(`offset ${offset} is outside the document (length ${doc.length})`);
    return { line: point.line, column: point.column, offset: point.offset ?? offset };
  };
}

export function spanPosition(toPoint: (offset: number) => Point, start: number, end: number): Position {
  return { start: toPoint(start), end: toPoint(end) };
}
