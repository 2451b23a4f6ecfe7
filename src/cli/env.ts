/** What the command line takes from the environment: language, and how to report failure. */
import type { Lang } from '../core/index.js';
import { isLang } from '../core/text.js';

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

/** The sentence in the language asked for. */
export function say(lang: Lang, en: string, zh: string): string {
  return lang === 'zh' ? zh : en;
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
