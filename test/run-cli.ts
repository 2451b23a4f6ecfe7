/**
 * The built `roleplay` binary as a child process: the one way the tests run it. The
 * environment is the machine's with everything that would change what roleplay does taken
 * out (language, database, trainee, LRS credentials, a CI flag), so a test sees what a
 * stranger's fresh shell sees; each test adds back what it is about.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

export const ROOT = join(import.meta.dirname, '..');
export const BIN = join(ROOT, 'bin', 'roleplay.js');

if (!existsSync(join(ROOT, 'dist', 'cli', 'main.js'))) {
  throw new Error('dist/ is missing: run `npm run build` before the tests that run the binary (`npm test` does)');
}

export const CLEAN_ENV: NodeJS.ProcessEnv = {
  ...process.env,
  CI: 'false',
  ROLEPLAY_LANG: '',
  LANG: 'C',
  LC_ALL: '',
  LC_MESSAGES: '',
  ROLEPLAY_DB: '',
  ROLEPLAY_TRAINEE: '',
  ROLEPLAY_LRS_AUTH: '',
};

export interface RunOptions {
  readonly cwd?: string;
  /** added to CLEAN_ENV */
  readonly env?: NodeJS.ProcessEnv;
  /** standard input (default: none) */
  readonly input?: string;
  readonly timeoutMs?: number;
}

export interface Ran {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
  /** wall time of the whole process, ms */
  readonly ms: number;
  /** killed at the time limit */
  readonly timedOut: boolean;
}

export function runCli(args: readonly string[], options: RunOptions = {}): Ran {
  const started = performance.now();
  const r = spawnSync(process.execPath, [BIN, ...args], {
    cwd: options.cwd ?? ROOT,
    encoding: 'utf8',
    timeout: options.timeoutMs ?? 60_000,
    killSignal: 'SIGKILL',
    input: options.input ?? '',
    env: { ...CLEAN_ENV, ...options.env },
  });
  return {
    status: r.status,
    stdout: r.stdout ?? '',
    stderr: r.stderr ?? '',
    ms: performance.now() - started,
    timedOut: r.signal === 'SIGKILL',
  };
}

/** For tests that serve something (an LRS) from this process: the event loop must keep running. */
export function runCliAsync(
  args: readonly string[],
  options: RunOptions = {},
): Promise<Ran> & { child: ReturnType<typeof spawn> } {
  const started = performance.now();
  const child = spawn(process.execPath, [BIN, ...args], {
    cwd: options.cwd ?? ROOT,
    env: { ...CLEAN_ENV, ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => {
    stdout += d.toString('utf8');
  });
  child.stderr.on('data', (d: Buffer) => {
    stderr += d.toString('utf8');
  });
  const done = new Promise<Ran>((resolve) =>
    child.on('close', (status) =>
      resolve({ status, stdout, stderr, ms: performance.now() - started, timedOut: false }),
    ),
  );
  return Object.assign(done, { child });
}
