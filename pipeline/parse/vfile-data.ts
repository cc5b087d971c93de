import type { Position } from 'unist';
import type { PageMeta } from './metadata.js';

/** A link the page showed, known by its link-residue phrase; `text` is exactly the source between the position's offsets. */
export interface PageLink {
  text: string;
  position: Position;
}

/**
 * Chrome that is not content but must not vanish silently:
 * - `link-residue`: the phrase after a link's text ("External link, opens in new window.");
 * - `last-updated`: a footer line with or without its date;
 * - `control`: a line that is only a button label ("Print", "Dela").
 * `text` is exactly the source between the position's offsets.
 */
export type ChromeKind = 'link-residue' | 'last-updated' | 'control';

export interface ChromeLine {
  kind: ChromeKind;
  text: string;
  position: Position;
}

declare module 'vfile' {
  interface DataMap {
    /** Links found in a plain-text page (set by `remarkPlainText`; `[]` when none). */
    links: PageLink[];
    /** Chrome lines left out of a plain-text page's tree (set by `remarkPlainText`; `[]` when none). */
    chrome: ChromeLine[];
    /** The page's own "Last updated" date as YYYY-MM-DD, when the footer gives one that parses. */
    lastUpdated: string;
    /** Valid page metadata from front matter (Markdown) or a sidecar `.meta.yaml`. */
    meta: PageMeta;
    /** The `<title>` of a saved HTML page. */
    htmlTitle: string;
    /** The `lang` of a saved HTML page's `<html>` element (two letters). */
    htmlLanguage: string;
    /** True when `readPage` removed a leading byte order mark: positions are relative to the text without it. */
    bom: boolean;
  }
}
