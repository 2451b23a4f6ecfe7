/**
 * Options and words shared by several commands. Kept apart from the commands' code so that
 * registering a command (names, options, help) loads nothing heavy: see commands/.
 */
import { type Command, Option } from 'commander';
import type { Lang } from '../core/index.js';
import { said } from './env.js';

// Each takes the help's language (see help-lang.ts); `what`, where a command words it its own way, is already in it.
export const dbOption = (lang: Lang) =>
  new Option(
    '--db <path>',
    said(
      '练习记录数据库文件，或团队服务器 postgres://user:password@host:port/db（默认：ROLEPLAY_DB，否则 ~/.roleplay/roleplay.db）',
      'session database file, or a team server postgres://user:password@host:port/db (default: ROLEPLAY_DB, else ~/.roleplay/roleplay.db)',
    )[lang],
  );
export const traineeOption = (
  lang: Lang,
  what = said(
    '学员姓名（默认：ROLEPLAY_TRAINEE，否则为你的用户名）',
    'trainee name (default: ROLEPLAY_TRAINEE, else your user name)',
  )[lang],
) => new Option('--trainee <name>', what);

/** `what` differs per command: the interface alone, or the scenario text too. */
export const langOption = (lang: Lang, what = said('界面语言', 'language of the interface')[lang]) =>
  new Option('--lang <lang>', what).choices(['zh', 'en']);

/** The --lang of the commands that show a scenario's own text. */
export const langOfCaseOption = (lang: Lang) =>
  langOption(lang, said('界面和案例文字的语言', 'language of the interface and scenario text')[lang]);

/** The report commands' filter by start time (sessions, report, export). */
export const sinceOption = (
  lang: Lang,
  what = said(
    '只看从某时起开始的练习：日期（2026-11-01）或时长（7d、12h）',
    'only sessions started since: a date (2026-11-01) or a span (7d, 12h)',
  )[lang],
) => new Option('--since <when>', what);

export const MODES = ['practice', 'exam'] as const;
export type PlayMode = (typeof MODES)[number];

// No commander default: the option exists on the program and on `play`, and a default on one
// would hide a value given to the other (`roleplay play x --mode exam` is parsed by the program).
export const modeOption = (lang: Lang) =>
  new Option(
    '--mode <mode>',
    said(
      'practice：每一步后都有反馈；exam：只在最后给出（默认：practice）',
      'practice: feedback after every step; exam: only at the end (default: practice)',
    )[lang],
  ).choices(MODES);
export const modeOf = (cmd: Command): PlayMode => (cmd.optsWithGlobals() as { mode?: PlayMode }).mode ?? 'practice';

/** `--no-shuffle` (play and the menu): the replies in file order, for trainers previewing a case. */
export const noShuffleOption = (lang: Lang) =>
  new Option(
    '--no-shuffle',
    said(
      '按文件里的顺序显示回复（供培训师预览）；默认每次练习都打乱顺序',
      'show the replies in file order (for trainers previewing); by default each play shuffles them',
    )[lang],
  );
/** false with --no-shuffle, on the command or before it. */
export const shuffleOf = (cmd: Command): boolean => (cmd.optsWithGlobals() as { shuffle?: boolean }).shuffle !== false;

/** The `<scenario>` argument of run, play, graph and paths. */
export const scenarioArgument = said('案例 id 或 .yaml 文件路径', 'scenario id or path to a .yaml file');
/** The `[session-id]` argument of review and resume. */
export const sessionArgument = said('练习 id，或它的前几个字符', 'a session id, or its first characters');
export const jsonFlag = said('输出 JSON', 'print JSON');

/**
 * This command's options merged with the program's: `--db` and `--trainee` are also program
 * options (for the menu), and commander gives a program option to the program wherever it
 * appears on the line, so the command's own copy may be empty.
 */
// biome-ignore lint/suspicious/noExplicitAny: callers name the option shape they registered
export function allOpts<T = any>(cmd: Command): T {
  return cmd.optsWithGlobals() as T;
}
