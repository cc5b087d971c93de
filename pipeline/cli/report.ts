import type { VFile } from 'vfile';
import type { VFileMessage } from 'vfile-message';
import { compareCodeUnits } from '../util/compare.js';

function where(file: VFile, m: VFileMessage): string {
  const path = m.file || file.path;
  return m.line ? `${path}:${m.line}:${m.column ?? 1}` : path;
}

/** Linter lines: `file:line:column  rule-id  message`, a cause's place on the line below. */
export function linterLines(files: readonly VFile[]): string[] {
  const lines: string[] = [];
  for (const file of [...files].sort((a, b) => compareCodeUnits(a.path, b.path))) {
    const messages = [...file.messages].sort((a, b) => (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0));
    for (const m of messages) {
      lines.push(`${where(file, m)}  ${m.ruleId ?? 'samverkan'}  ${m.reason}`);
      const cause = m.cause as VFileMessage | undefined;
      if (cause && typeof cause === 'object' && 'reason' in cause) lines.push(`    ${where(file, cause)}  ${cause.reason}`);
    }
  }
  return lines;
}

export function counts(files: readonly VFile[]): { errors: number; warnings: number } {
  let errors = 0;
  let warnings = 0;
  for (const f of files) for (const m of f.messages) m.fatal ? errors++ : m.fatal === false && warnings++;
  return { errors, warnings };
}
