import type { Root } from 'mdast';
import type { ExtractContext } from './context.js';
import { forumOfSection, readSection } from './forum.js';
import { sectionsOf } from './text-block.js';
import type { ExtractedForum } from './types.js';

/**
 * Every forum a page describes: one per section whose text names participants. Problems are
 * reported on the page's VFile; nothing the page states about participants is dropped silently.
 */
export function extractForums(ctx: ExtractContext, tree: Root, pageTitle?: string): ExtractedForum[] {
  const forums: ExtractedForum[] = [];
  for (const section of sectionsOf(tree, ctx.source)) {
    const facts = readSection(ctx, section);
    for (const f of facts) {
      for (const r of f.rejected) {
        ctx.file.message(`Unexpected \`${r.name}\` in a list of participants, expected the name of an authority or organisation`, {
          place: { start: r.evidence.start, end: r.evidence.end },
          ruleId: 'list-item-not-a-name',
          source: 'samverkan',
        });
      }
    }
    const forum = forumOfSection(ctx, section, facts, section.heading ? undefined : pageTitle);
    if (forum) forums.push(forum);
  }
  if (forums.length === 0) {
    ctx.file.message('Unexpected page without forums, expected at least one section that names participating authorities', {
      ruleId: 'page-without-forums',
      source: 'samverkan',
    });
  }
  return forums;
}
