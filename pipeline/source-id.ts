/** The page id: its path under pages/ without extension, lower-case. */
export function sourceIdOf(relPath: string): string {
  return relPath
    .replace(/^pages\//u, '')
    .replace(/\.(txt|md|html?)$/iu, '')
    .split('/')
    .map((s) => s.toLowerCase().replace(/[^a-z0-9.-]+/gu, '-').replace(/^[^a-z0-9]+/u, ''))
    .join('/');
}
