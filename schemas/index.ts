export { Authority, AuthorityKind } from './authority.js';
export { CountCheck, CountGroup } from './count-check.js';
export { Evidence, Point } from './evidence.js';
export { Forum } from './forum.js';
export { Membership } from './membership.js';
export { Source } from './source.js';
export { Role, Language, Slug, OrgNumber, IsoDate, isLuhnValid } from './ids.js';
export { CrossSourceCheck, CrossSourceRule } from './cross-source-check.js';
