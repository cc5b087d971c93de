// Files made in parts (pipeline/publish/context.ts): encoded piece by piece, measured as they go
// by, the bytes and hash are those of the whole text encoded at once.
import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { encodedPieces, joinPieces, madeFile, measured, textParts, utf8 } from '../../pipeline/publish/context.js';
import { numRuns } from '../properties/arbitraries.js';

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

describe('encodedPieces', () => {
  it('gives the UTF-8 of the whole text, whatever the parts, surrogate pairs at their edges included', () => {
    const part = fc.oneof(fc.string({ unit: 'grapheme', maxLength: 40 }), fc.constantFrom('😀', 'å', '\uFEFF', '“', '\r\n', ''), fc.string({ unit: 'binary', maxLength: 3 }));
    fc.assert(
      fc.property(fc.array(part, { maxLength: 80 }), (parts) => {
        expect(Buffer.from(joinPieces(encodedPieces(parts)))).toEqual(Buffer.from(utf8(parts.join(''))));
      }),
      { numRuns: numRuns(300) },
    );
  });

  it('writes a large text in pieces of at most a megabyte, a longer part with what came just before it as a piece of its own', () => {
    const line = `${'Samverkan mot brott, ålänning “citat” 😀 '.repeat(20)}\n`;
    const parts = Array.from({ length: 6000 }, () => line);
    const pieces = [...encodedPieces(parts)];
    expect(pieces.length).toBeGreaterThan(4);
    for (const piece of pieces) expect(piece.byteLength).toBeLessThanOrEqual(1 << 20);
    expect(sha256(joinPieces(pieces))).toBe(sha256(utf8(parts.join(''))));

    const long = 'ä'.repeat(600_000); // 1.2 MB of UTF-8 in one part
    const withLong = [...encodedPieces(['a', long, 'b'])];
    expect(withLong.map((p) => p.byteLength)).toEqual([1_200_001, 1]);
  });

  it('gives bytes as they are, and nothing for no text', () => {
    const bytes = utf8('{"a":1}\n');
    expect([...encodedPieces(bytes)]).toEqual([bytes]);
    expect([...encodedPieces([])]).toEqual([]);
    expect([...encodedPieces(['', ''])]).toEqual([]);
  });
});

describe('measured and madeFile', () => {
  it('give the size and SHA-256 of the whole file, once all of it has gone by', () => {
    const text = `${'forumId,authorityId\r\nbrå,polisen\r\n'.repeat(5000)}`;
    const file = measured(textParts(() => text.match(/[^\n]*\n/gu) ?? []));
    expect(() => file.made()).toThrow(/before all of it had gone by/u);
    const written = joinPieces(file.pieces);
    expect(file.made()).toEqual({ byteLength: utf8(text).byteLength, sha256: sha256(utf8(text)) });
    expect(Buffer.from(written).toString('utf8')).toBe(text);
    expect(madeFile(textParts(() => [text]))).toEqual(madeFile(utf8(text)));
  });
});

describe('textParts', () => {
  it('makes the parts afresh each time they are read', () => {
    let made = 0;
    const parts = textParts(function* () {
      made++;
      yield 'a';
      yield 'b';
    });
    expect([...parts]).toEqual(['a', 'b']);
    expect([...parts]).toEqual(['a', 'b']);
    expect(made).toBe(2);
  });
});
