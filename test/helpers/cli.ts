import { execFile } from 'node:child_process';
import path from 'node:path';
import { expect } from 'vitest';
import { projectRoot } from './pipeline.js';

/** The compiled CLI, as a user runs it (`make test` compiles first; in a loop: `npx tsc -p .`). */
export const main = path.join(projectRoot, 'build/bundle/cli/main.js');

export interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** Run the CLI from the project folder; never throws on a non-zero exit. */
export function cli(...args: string[]): Promise<Run> {
  return new Promise((resolve) => {
    execFile(process.execPath, [main, ...args], { cwd: projectRoot, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      const code = error && typeof error.code === 'number' ? error.code : error ? -1 : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

/** No line of the output looks like a stack frame. */
export const noStackTrace = (text: string) => expect(text).not.toMatch(/^\s+at .+:\d+:\d+\)?$/mu);
