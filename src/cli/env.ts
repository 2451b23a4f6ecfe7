/**
 * What every command takes from the command line around it: the language, the exit status, the
 * way it writes, and how it fails. Command modules (commands/*.ts) import this, never
 * program.ts, so that the program, which imports them, is imported by nobody but main.ts.
 *
 * Whatever a person reads is written once in both languages, Chinese first: `said(zh, en)` makes
 * the pair, `[lang]` picks one. Help text is in `env.lang`; a command's output in `langOf(cmd)`.
 */
import type { Command } from 'commander';
import type { Lang } from '../core/index.js';
import { safeText } from '../core/sanitize.js';
import { isLang, type Said, said } from '../core/text.js';

/** A sentence in both languages, Chinese first; `said(zh, en)[lang]` is the one to print. */
export { type Said, said };

/** --lang, else ROLEPLAY_LANG, else the locale (LC_ALL, LC_MESSAGES, LANG), else Chinese. */
export function resolveLang(option?: string, env: NodeJS.ProcessEnv = process.env): Lang {
  if (option !== undefined) return isLang(option) ? option : 'zh';
  const candidates = [env.ROLEPLAY_LANG, env.LC_ALL, env.LC_MESSAGES, env.LANG];
  for (const c of candidates) {
    if (!c) continue;
    const code = c.toLowerCase().slice(0, 2);
    if (isLang(code)) return code;
  }
  return 'zh';
}

/** A command's language: every command has --lang too, so it may come before or after the command name. */
export function langOf(cmd: Command): Lang {
  return resolveLang((cmd.optsWithGlobals() as { lang?: string }).lang);
}

/** A failure the user caused (bad path, bad step): one line on stderr and an exit code, never a stack. */
export class UserError extends Error {
  constructor(
    message: string,
    readonly exitCode: number,
  ) {
    super(message);
  }
}

/*
 * What we print may quote a scenario file, a session database or typed text, any of which can
 * hold escape sequences, control characters or bidi overrides. Text goes out through safeText
 * here, at the edge (JSON through json-output.ts), so no command can forget to.
 */

/** One line (or several) of text on standard output. */
export function printLine(text: string): void {
  printText(`${text}\n`);
}

/** Text on standard output as it is, once made safe for a terminal. */
export function printText(text: string): void {
  process.stdout.write(safeText(text));
}

/** Text on standard error as it is (a message of several parts, a summary), once made safe for a terminal. */
export function printErr(text: string): void {
  process.stderr.write(safeText(text));
}

/** A problem, on standard error in the shape of every error of ours: `roleplay: …`. */
export function printProblem(text: string): void {
  process.stderr.write(`roleplay: ${safeText(text)}\n`);
}

/** What a command's action gives back: its exit status. */
export type ExitStatus = number | Promise<number>;

/** What program.ts hands every command module's `register`. */
export interface CliEnv {
  /** the language of the help (main.ts reads --lang from the raw argv before commander parses) */
  readonly lang: Lang;
  /** the status main.ts exits with: the last action's */
  readonly exitCode: number;
  /** The commander action that runs `action` and keeps the status it returns. */
  withExit<A extends unknown[]>(action: (...args: A) => ExitStatus): (...args: A) => Promise<void>;
}

/** One command module: it adds its command (names, options, help, action) to the program. */
export interface CommandModule {
  register(program: Command, env: CliEnv): void;
}

export function cliEnv(lang: Lang): CliEnv {
  let exitCode = 0;
  return {
    lang,
    get exitCode() {
      return exitCode;
    },
    withExit:
      (action) =>
      async (...args) => {
        exitCode = await action(...args);
      },
  };
}
