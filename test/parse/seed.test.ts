/** The page the project started from, parsed end to end (read from disk: the project copy when present, else the shared seed). */
import { existsSync, readFileSync } from 'node:fs';
import type { Heading, List, Root } from 'mdast';
import { toString } from 'mdast-util-to-string';
import { visit } from 'unist-util-visit';
import { VFile } from 'vfile';
import { describe, expect, it } from 'vitest';
import { parsePage } from '../../pipeline/parse/index.js';
import { expectExactPositions, nodesOfType } from './helpers.js';

const projectCopy = new URL('../../sources/pages/migrationsverket.se/collaboration-against-crime.en.txt', import.meta.url);
const sharedSeed = new URL('../../../shared/seeds/000_18f058392075026c.txt', import.meta.url);
const seedUrl = existsSync(projectCopy) ? projectCopy : sharedSeed;

describe('seed page', () => {
  const doc = readFileSync(seedUrl, 'utf8');
  const file = new VFile({ path: 'collaboration-against-crime.en.txt', value: doc });
  const tree: Root = parsePage(file, 'txt');

  it('has a title and six section headings', () => {
    const headings = nodesOfType<Heading>(tree, 'heading');
    expect(headings).toHaveLength(7);
    expect(headings.map((h) => h.depth)).toEqual([1, 2, 2, 2, 2, 2, 2]);
    expect(toString(headings[0])).toBe('Collaboration against crime');
  });

  it('has exactly one list, of three items', () => {
    const lists = nodesOfType<List>(tree, 'list');
    expect(lists).toHaveLength(1);
    expect(lists[0]?.children).toHaveLength(3);
  });

  it('keeps link residue out of the tree', () => {
    visit(tree, (node) => {
      if ('value' in node) expect(String(node.value)).not.toContain('External link');
    });
    expect(toString(tree)).not.toContain('External link');
    expect(file.data.links).toHaveLength(2);
    expect(file.data.chrome?.filter((c) => c.kind === 'link-residue')).toHaveLength(2);
  });

  it('records the empty "Last updated:" footer as chrome, with no date', () => {
    expect(toString(tree)).not.toContain('Last updated');
    expect(file.data.lastUpdated).toBeUndefined();
    expect(file.data.chrome?.at(-1)).toMatchObject({ kind: 'last-updated', text: 'Last updated:' });
    expect(file.messages).toEqual([]);
  });

  it('gives every text node the exact source slice', () => {
    expect(expectExactPositions(tree, doc)).toBeGreaterThan(20);
  });
});
