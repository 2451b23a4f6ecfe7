/**
 * Commander's own usage errors ("error: unknown option '--x'", "error: missing required
 * argument 'scenario'", …) as one `roleplay:` line in the reader's language, like every other
 * error of ours. Commander words them in English and has no hook for the wording, so its known
 * sentences are recognised here; one it adds later passes through as it is.
 */
import type { Lang } from '../core/index.js';
import { isLang } from '../core/text.js';
import { resolveLang, type Said, said } from './env.js';

const RULES: readonly (readonly [RegExp, (m: RegExpMatchArray) => Said])[] = [
  [
    /^unknown option '([^']+)'(?:\s*\(Did you mean (?:one of )?(.+)\?\))?$/s,
    (m) =>
      said(
        `没有 '${m[1]}' 这个选项${m[2] ? `；是不是 ${m[2]}？` : ''}（--help 会列出所有选项）`,
        `unknown option '${m[1]}'${m[2] ? `; did you mean ${m[2]}?` : ''} (--help lists the options)`,
      ),
  ],
  [
    /^missing required argument '([^']+)'$/,
    (m) =>
      said(
        `缺少参数 '${m[1]}'（--help 会说明用法）`,
        `missing required argument '${m[1]}' (--help shows how to call it)`,
      ),
  ],
  [
    /^option '([^']+)' argument missing$/,
    (m) => said(`选项 '${m[1]}' 后面要跟一个值`, `option '${m[1]}' needs a value`),
  ],
  [
    /^option '([^']+)' argument '([^']*)' is invalid\. Allowed choices are (.+)\.$/s,
    (m) =>
      said(
        `选项 '${m[1]}' 不接受 '${m[2]}'；可选：${m[3]}`,
        `option '${m[1]}' argument '${m[2]}' is invalid. Allowed choices are ${m[3]}.`,
      ),
  ],
  [
    /^too many arguments(?: for '([^']+)')?\. Expected (\d+) arguments? but got (\d+)\.$/,
    (m) =>
      said(
        `${m[1] ? `'${m[1]}' 的` : ''}参数太多：应为 ${m[2]} 个，实际给了 ${m[3]} 个`,
        `too many arguments${m[1] ? ` for '${m[1]}'` : ''}: expected ${m[2]}, got ${m[3]}`,
      ),
  ],
];

/** The `--lang` on the command line (the error may be about something else), else the environment's. */
export function langFromArgv(argv: readonly string[]): Lang {
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const value = a === '--lang' ? argv[i + 1] : a.startsWith('--lang=') ? a.slice('--lang='.length) : undefined;
    // an unsupported --lang is itself the error: say so in the environment's language
    if (value !== undefined && isLang(value)) return value;
  }
  return resolveLang();
}

/** One line, without commander's "error: " prefix and line breaks. */
export function usageError(commanderText: string, lang: Lang): string {
  const text = commanderText.trim().replace(/^error:\s*/, '');
  for (const [pattern, words] of RULES) {
    const m = text.match(pattern);
    if (m) return words(m)[lang];
  }
  return text.replace(/\s*\n\s*/g, ' ');
}
