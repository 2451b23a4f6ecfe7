/**
 * Entry point. Turns every failure into one clear line and an exit status: 2 for usage
 * mistakes, 1 for invalid input, and an "internal error" line (stack only with
 * ROLEPLAY_DEBUG=1) for bugs, so a trainer never sees a stack trace.
 */
import { CommanderError, type Command } from 'commander';
import { safeLine, safeText, withoutUrlPasswords } from '../core/sanitize.js';
import { cliEnv, printProblem, UserError } from './env.js';
import { buildProgram } from './program.js';
import { fitHelp } from './help-lang.js';
import { guardStandardStreams, HANG_UP_STATUS, terminalLost } from './terminal-loss.js';
import { langFromArgv, usageError } from './usage-errors.js';

// A reader that stops early (`roleplay list | head`) or a terminal that went away: a quiet end.
guardStandardStreams();

async function main(argv: string[]): Promise<number> {
  // Read before commander parses, so the help it prints is in this language too.
  const lang = langFromArgv(argv);
  const env = cliEnv(lang);
  const program = buildProgram(env);
  // Commander copies exitOverride to subcommands only when they are created, so it is set on
  // every command here: otherwise a usage mistake after a command name (`run x --bogus`)
  // would exit 1 — "invalid scenario" — instead of 2.
  const commands: Command[] = [program];
  for (let i = 0; i < commands.length; i++) commands.push(...commands[i]!.commands);
  for (const cmd of commands) {
    cmd.exitOverride();
    cmd.configureOutput({
      writeOut: (s) => process.stdout.write(fitHelp(s)),
      writeErr: (s) => process.stderr.write(safeText(s)),
      outputError: (s, write) => write(`roleplay: ${usageError(s, lang)}\n`),
    });
  }
  try {
    await program.parseAsync(argv);
    return env.exitCode;
  } catch (e) {
    if (e instanceof CommanderError) {
      // --help and --version "fail" with exit code 0 after printing.
      return e.exitCode === 0 ? 0 : 2;
    }
    if (e instanceof UserError) {
      printProblem(e.message);
      return e.exitCode;
    }
    throw e;
  }
}

main(process.argv).then(
  (code) => {
    // The screen has closed and the session is saved; nothing else is worth waiting for.
    if (terminalLost()) process.exit(HANG_UP_STATUS);
    process.exitCode = code;
  },
  (e: unknown) => {
    if (process.env.ROLEPLAY_DEBUG) console.error(e);
    const message = withoutUrlPasswords(e instanceof Error ? e.message : String(e));
    process.stderr.write(
      `roleplay: internal error: ${safeLine(message.split('\n')[0]!)} (set ROLEPLAY_DEBUG=1 for details, and please report it)\n`,
    );
    process.exitCode = 1;
  },
);
