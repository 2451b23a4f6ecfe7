/**
 * Options shared by several commands. Kept apart from the commands' code so that registering
 * a command (names, options, help) loads nothing heavy: see src/cli/register/.
 */
import { Option, type Command } from 'commander';

export const dbOption = () => new Option('--db <path>', 'session database file, or a team server postgres://user:password@host:port/db (default: ROLEPLAY_DB, else ~/.roleplay/roleplay.db)');
export const traineeOption = (what = 'trainee name (default: ROLEPLAY_TRAINEE, else your user name)') => new Option('--trainee <name>', what);

/** `what` differs per command: the interface alone, or the scenario text too. */
export const langOption = (what = 'language of the interface') => new Option('--lang <lang>', what).choices(['zh', 'en']);

export const MODES = ['practice', 'exam'] as const;
export type PlayMode = (typeof MODES)[number];

// No commander default: the option exists on the program and on `play`, and a default on one
// would hide a value given to the other (`roleplay play x --mode exam` is parsed by the program).
export const modeOption = () => new Option('--mode <mode>', 'practice: feedback after every step; exam: only at the end (default: practice)').choices(MODES);
export const modeOf = (cmd: Command): PlayMode => (cmd.optsWithGlobals() as { mode?: PlayMode }).mode ?? 'practice';

/**
 * This command's options merged with the program's: `--db` and `--trainee` are also program
 * options (for the menu), and commander gives a program option to the program wherever it
 * appears on the line, so the command's own copy may be empty.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function allOpts<T = any>(cmd: Command): T {
  return cmd.optsWithGlobals() as T;
}
