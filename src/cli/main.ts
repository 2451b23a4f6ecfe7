/**
 * Entry point. Turns every failure into one clear line and an exit status: 2 for usage
 * mistakes, 1 for invalid input, and an "internal error" line (stack only with
 * ROLEPLAY_DEBUG=1) for bugs, so a trainer never sees a stack trace.
 */
import { CommanderError } from 'commander';
import { UserError } from './env.js';
import { buildProgram, exitCode } from './program.js';

async function main(argv: string[]): Promise<number> {
  const program = buildProgram();
  program.exitOverride();
  program.configureOutput({ writeErr: (s) => process.stderr.write(s) });
  try {
    await program.parseAsync(argv);
    return exitCode;
  } catch (e) {
    if (e instanceof CommanderError) {
      // --help and --version "fail" with exit code 0 after printing.
      return e.exitCode === 0 ? 0 : 2;
    }
    if (e instanceof UserError) {
      process.stderr.write(`roleplay: ${e.message}\n`);
      return e.exitCode;
    }
    throw e;
  }
}

main(process.argv).then(
  (code) => { process.exitCode = code; },
  (e: unknown) => {
    if (process.env.ROLEPLAY_DEBUG) console.error(e);
    const message = e instanceof Error ? e.message : String(e);
    process.stderr.write(`roleplay: internal error: ${message.split('\n')[0]} (set ROLEPLAY_DEBUG=1 for details, and please report it)\n`);
    process.exitCode = 1;
  },
);
