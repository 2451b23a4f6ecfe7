/**
 * Options shared by several commands. Kept apart from the commands' code so that registering
 * a command (names, options, help) loads nothing heavy: see src/cli/register/.
 */
import { Option, type Command } from 'commander';
import type { Lang } from '../core/index.js';
import { say } from './env.js';

// Each takes the help's language (see help-lang.ts); `what`, where a command words it its own way, is already in it.
export const dbOption = (lang: Lang) =>
  new Option(
    '--db <path>',
    say(
      lang,
      'session database file, or a team server postgres://user:password@host:port/db (default: ROLEPLAY_DB, else ~/.roleplay/roleplay.db)',
      '练习记录数据库文件，或团队服务器 postgres://user:password@host:port/db（默认：ROLEPLAY_DB，否则 ~/.roleplay/roleplay.db）',
    ),
  );
export const traineeOption = (
  lang: Lang,
  what = say(
    lang,
    'trainee name (default: ROLEPLAY_TRAINEE, else your user name)',
    '学员姓名（默认：ROLEPLAY_TRAINEE，否则为你的用户名）',
  ),
) => new Option('--trainee <name>', what);

/** `what` differs per command: the interface alone, or the scenario text too. */
export const langOption = (lang: Lang, what = say(lang, 'language of the interface', '界面语言')) =>
  new Option('--lang <lang>', what).choices(['zh', 'en']);

/** The report commands' filter by start time (sessions, report, export). */
export const sinceOption = (
  lang: Lang,
  what = say(
    lang,
    'only sessions started since: a date (2026-11-01) or a span (7d, 12h)',
    '只看从某时起开始的练习：日期（2026-11-01）或时长（7d、12h）',
  ),
) => new Option('--since <when>', what);

export const MODES = ['practice', 'exam'] as const;
export type PlayMode = (typeof MODES)[number];

// No commander default: the option exists on the program and on `play`, and a default on one
// would hide a value given to the other (`roleplay play x --mode exam` is parsed by the program).
export const modeOption = (lang: Lang) =>
  new Option(
    '--mode <mode>',
    say(
      lang,
      'practice: feedback after every step; exam: only at the end (default: practice)',
      'practice：每一步后都有反馈；exam：只在最后给出（默认：practice）',
    ),
  ).choices(MODES);
export const modeOf = (cmd: Command): PlayMode => (cmd.optsWithGlobals() as { mode?: PlayMode }).mode ?? 'practice';

/**
 * This command's options merged with the program's: `--db` and `--trainee` are also program
 * options (for the menu), and commander gives a program option to the program wherever it
 * appears on the line, so the command's own copy may be empty.
 */
// biome-ignore lint/suspicious/noExplicitAny: callers name the option shape they registered
export function allOpts<T = any>(cmd: Command): T {
  return cmd.optsWithGlobals() as T;
}
