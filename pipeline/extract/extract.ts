import type { Root } from 'mdast';
import type { ExtractContext } from './context.js';
import { forumName, forumOfSection, questionSubject, readSection } from './forum.js';
import { type Section, sectionsOf } from './text-block.js';
import type { ExtractedForum } from './types.js';
import { messageOn } from '../util/message.js';

/**
 * Every forum a page describes: one per section whose text names participants. Problems are
 * reported on the page's VFile; nothing the page states about participants is dropped silently.
 */
export function extractForums(ctx: ExtractContext, tree: Root, pageTitle?: string): ExtractedForum[] {
  const forums: ExtractedForum[] = [];
  // A question heading opens a section only when it asks what a thing is ("What is the MUR Initiative?").
  const sections = sectionsOf(tree, ctx.source, (text) => !/\?\s*$/u.test(text) || questionSubject(ctx.lexicon, text) !== undefined);
  const bySection = new Map<ExtractedForum, Section>();
  for (const section of sections) {
    const facts = readSection(ctx, section);
    for (const f of facts) {
      for (const r of f.rejected) {
        messageOn(ctx.file, `Unexpected \`${r.name}\` in a list of participants, expected the name of an authority or organisation`, {
          place: { start: r.evidence.start, end: r.evidence.end },
          ruleId: 'list-item-not-a-name',
          source: 'samverkan',
        });
      }
    }
    const forum = forumOfSection(ctx, section, facts, section.heading ? undefined : pageTitle);
    if (forum) {
      forums.push(forum);
      bySection.set(forum, section);
    }
  }
  nameSingleForumAfterTitle(ctx, forums, bySection, sections);
  nameAboutForumsAfterTitle(ctx, forums, bySection, sections);
  if (forums.length === 0) {
    messageOn(ctx.file, 'Unexpected page without forums, expected at least one section that names participating authorities', {
      ruleId: 'page-without-forums',
      source: 'samverkan',
    });
  }
  return forums;
}

/**
 * A page about one forum names it in its title and gives its facts under headings such as
 * "About the council" ("Om rådet"). When the only forum's heading never occurs in the text
 * but the page title does, the title is the forum's name.
 */
function nameSingleForumAfterTitle(ctx: ExtractContext, forums: ExtractedForum[], bySection: Map<ExtractedForum, Section>, sections: Section[]): void {
  const [forum] = forums;
  const title = sections[0]?.heading;
  if (forums.length !== 1 || !forum || !title || title.depth !== 1 || bySection.get(forum) === sections[0]) return;
  const heading = bySection.get(forum)?.heading;
  const titleName = forumName(title.text);
  if (!heading || !titleName) return;
  const body = sections
    .flatMap((s) => s.blocks)
    .flatMap((b) => (b.kind === 'text' ? [b.block.text] : b.items.map((i) => i.text)))
    .join('\n')
    .toLowerCase();
  const headingName = forumName(heading.text)?.name.toLowerCase() ?? '';
  if (body.includes(titleName.name.toLowerCase()) && !body.includes(headingName)) {
    forum.name = titleName.name;
    forum.nameEvidence = ctx.evidence(title, 0, title.text.length);
    if (titleName.acronym) forum.acronym = titleName.acronym;
  }
}

/**
 * A section headed "About the council" ("Om insatsen") is about what the page title names, even
 * where the text names it in another form ("Den gemensamma insatsen …"): the forum it describes
 * takes the title's name, unless another forum of the page has that name already. One such
 * forum only: two "about" sections cannot both be the title's.
 */
function nameAboutForumsAfterTitle(ctx: ExtractContext, forums: ExtractedForum[], bySection: Map<ExtractedForum, Section>, sections: Section[]): void {
  const title = sections[0]?.heading;
  if (!title || title.depth !== 1) return;
  const titleName = forumName(title.text);
  if (!titleName) return;
  const about = forums.filter((f) => {
    const heading = bySection.get(f)?.heading;
    const first = heading?.text.trim().split(/\s+/u)[0]?.toLowerCase() ?? '';
    return heading !== title && ctx.lexicon.aboutWords.includes(first);
  });
  const [forum] = about;
  if (about.length !== 1 || !forum || forums.some((f) => f.name.toLowerCase() === titleName.name.toLowerCase())) return;
  forum.name = titleName.name;
  forum.nameEvidence = ctx.evidence(title, 0, title.text.length);
  if (titleName.acronym) forum.acronym = titleName.acronym;
  else delete forum.acronym;
}
