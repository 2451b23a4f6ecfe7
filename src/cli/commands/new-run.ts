/** What `roleplay new <id>` does: write the starter scenario (starter.ts) where the trainer will edit it. */
import { existsSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import { ID_PATTERN, type Lang } from '../../core/index.js';
import { printLine, printProblem, UserError } from '../env.js';
import { PACKAGE_ROOT } from '../files.js';
import { newMessages } from '../tool-messages.js';
import { starterScenario } from './starter.js';

export const SCENARIO_SCHEMA_FILE = join(PACKAGE_ROOT, 'docs', 'scenario.schema.json');

/** `lang`: as --lang gave it, if at all; else the environment's. */
export function newCommand(id: string, opts: { dir?: string; lang: Lang }): number {
  const { lang } = opts;
  if (!ID_PATTERN.test(id)) throw new UserError(newMessages.badId(id)[lang], 2);
  const dir = opts.dir ?? (isDirectory('scenarios') ? 'scenarios' : '.');
  const file = join(dir, `${id}.yaml`);
  if (existsSync(file)) {
    printProblem(newMessages.exists(file)[lang]);
    return 1;
  }
  try {
    mkdirSync(dir, { recursive: true });
    // 'wx': fail rather than overwrite, even if the file appeared since the check above.
    writeFileSync(file, starterScenario(id, schemaRefFrom(dir), lang), { flag: 'wx' });
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    printProblem(newMessages.cannotWrite(file, code, String((e as Error).message))[lang]);
    return 1;
  }
  printLine(newMessages.wrote(file)[lang]);
  printLine(newMessages.next(file)[lang]);
  return 0;
}

function isDirectory(p: string): boolean {
  try {
    return statSync(p).isDirectory();
  } catch {
    return false;
  }
}

/** The schema's path relative to the new file's folder, with forward slashes (as YAML tools expect). */
function schemaRefFrom(dir: string): string {
  return relative(resolve(dir), SCENARIO_SCHEMA_FILE).split(sep).join('/');
}
