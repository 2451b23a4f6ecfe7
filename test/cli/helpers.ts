/** Runs the built `roleplay` binary as a subprocess, the way trainers, CI and other tools do. */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { BIN, CLEAN_ENV, ROOT, runCli, runCliAsync, type Ran } from '../run-cli.js';

export { BIN, ROOT };
export const FIXTURES = join(ROOT, 'test', 'fixtures');

export type { Ran } from '../run-cli.js';

export function rp(args: readonly string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): Ran {
  return runCli(args, { ...options, timeoutMs: 30_000 });
}

/** The same, without blocking: lets many runs share the two cores. */
export function rpAsync(
  args: readonly string[],
  options: { cwd?: string; env?: NodeJS.ProcessEnv } = {},
): Promise<Ran> {
  return runCliAsync(args, options);
}

/**
 * Runs the CLI in a process that reports its own peak memory, the time from its start to its
 * exit and the CPU time it used (module loading included). The CPU time is what the tests bound:
 * unlike wall time it does not grow when other work shares the two cores.
 */
export function rpMeasured(args: readonly string[]): Ran & { maxRssMB: number; ownMs: number; cpuMs: number } {
  // Peak memory from /proc (VmHWM): getrusage's maxRSS survives exec on Linux, so a child
  // would report its parent's (the test worker's) peak if that was higher.
  const probe = `
    import { readFileSync } from 'node:fs';
    const t0 = performance.now();
    process.on('exit', () => {
      const u = process.resourceUsage();
      let peakKB = u.maxRSS;
      try { peakKB = Number(/VmHWM:\\s*(\\d+)/.exec(readFileSync('/proc/self/status', 'utf8'))[1]); } catch {}
      process.stderr.write('\\n@@probe ' + JSON.stringify({ maxRss: peakKB, ms: performance.now() - t0, cpuMs: (u.userCPUTime + u.systemCPUTime) / 1000 }) + '\\n');
    });
    process.argv.splice(1, 0, ${JSON.stringify(BIN)});
    import(${JSON.stringify(`file://${BIN}`)});
  `;
  const started = performance.now();
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', probe, '--', ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    timeout: 30_000,
    env: CLEAN_ENV,
  });
  const m = /\n@@probe (\{.*\})\n$/.exec(r.stderr);
  if (!m) throw new Error(`no probe output: ${r.stderr.slice(0, 300)}`);
  const probeData = JSON.parse(m[1]!) as { maxRss: number; ms: number; cpuMs: number };
  return {
    status: r.status,
    stdout: r.stdout,
    stderr: r.stderr.slice(0, m.index),
    ms: performance.now() - started,
    timedOut: r.signal === 'SIGTERM',
    maxRssMB: probeData.maxRss / 1024,
    ownMs: probeData.ms,
    cpuMs: probeData.cpuMs,
  };
}

/** A line of `lint` output: path:line:column: error|warning: message */
export const DIAGNOSTIC_LINE = /^(.+):(\d+):(\d+): (error|warning): (\S.*)$/;

export function hasStackTrace(text: string): boolean {
  return /\n\s+at .+[:(]/.test(text) || /(TypeError|ReferenceError|SyntaxError|RangeError):/.test(text);
}

export { spawnSync };
