/**
 * The README's `npx roleplay …` lines, run as written and in order, as a new user would type
 * them: in a fresh copy of the project (package.json, bin, dist, scenarios, docs, with
 * node_modules linked) beside nothing else, with a throw-away HOME (so the default database
 * and npm's cache are new too). Every line of a code block is run unless SKIPPED names it,
 * so a line added to the README is run by default.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..');
const README = readFileSync(join(ROOT, 'README.md'), 'utf8');

if (!existsSync(join(ROOT, 'dist', 'cli', 'main.js'))) {
  throw new Error('dist/ is missing: run `npm run build` before these tests (`npm test` does)');
}

/** Lines not run, each with why; only placeholders and interactive screens qualify. */
const SKIPPED: Record<string, string> = {
  'npx roleplay play angry-customer --mode exam --lang en': 'interactive: plays in the terminal',
  'npx roleplay play --watch scenarios/my-case.yaml': 'interactive: a live preview that runs until you quit',
  'npx roleplay review <session>': 'a <placeholder>, and review without --json is interactive',
};

/** Sections whose lines need something outside the project (a PostgreSQL server). */
const SKIPPED_SECTIONS = ['A team server (optional)'];

/** Lines the README says exit non-zero, with that status; every other line must exit 0. */
const STATUS: Record<string, number> = {};

interface Command {
  /** the command as written, without its trailing comment */
  readonly command: string;
  /** the heading it is under */
  readonly section: string;
}

/** Every `npx roleplay` line of the README's fenced code blocks, in order. */
function readmeCommands(markdown: string): Command[] {
  const out: Command[] = [];
  let section = '';
  let fenced = false;
  for (const line of markdown.split('\n')) {
    if (line.startsWith('```')) fenced = !fenced;
    else if (!fenced && /^#+ /.test(line)) section = line.replace(/^#+ /, '').trim();
    else if (fenced && line.startsWith('npx roleplay'))
      out.push({ command: line.replace(/\s+#.*$/, '').trim(), section });
  }
  return out;
}

const all = readmeCommands(README);
const toRun = all.filter((c) => !(c.command in SKIPPED) && !SKIPPED_SECTIONS.includes(c.section));

let dir: string;
let project: string;
let env: NodeJS.ProcessEnv;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'roleplay-readme-'));
  project = join(dir, 'roleplay');
  mkdirSync(project);
  for (const f of ['package.json', 'bin', 'dist', 'scenarios', 'docs']) {
    cpSync(join(ROOT, f), join(project, f), { recursive: true });
  }
  symlinkSync(join(ROOT, 'node_modules'), join(project, 'node_modules'));
  const home = join(dir, 'home');
  mkdirSync(home);
  // Nothing from the tester's environment: not their database, trainee, language, or the npm
  // settings `npm test` passes down (its cache among them).
  const own = Object.fromEntries(
    Object.entries(process.env).filter(([k]) => !/^(npm_|ROLEPLAY_)/i.test(k) && k !== 'INIT_CWD'),
  );
  env = {
    ...own,
    HOME: home,
    CI: 'false',
    LANG: 'C',
    LC_ALL: '',
    LC_MESSAGES: '',
    // npx links the project into its cache and would run `prepare` (a whole build) first; dist
    // is built already. Offline and quiet: nothing is fetched, not even npm's update check.
    npm_config_ignore_scripts: 'true',
    npm_config_offline: 'true',
    npm_config_update_notifier: 'false',
    npm_config_yes: 'true',
  };
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the README', () => {
  it('has the commands this test expects to find, and skips only placeholders and interactive screens', () => {
    expect(toRun.length).toBeGreaterThanOrEqual(10);
    const commands = all.map((c) => c.command);
    for (const skipped of Object.keys(SKIPPED)) {
      expect(commands, `SKIPPED names a line the README no longer has: ${skipped}`).toContain(skipped);
      const interactive = /\bplay\b/.test(skipped) ? !skipped.includes('--steps') : /\breview\b/.test(skipped);
      expect(skipped.includes('<') || skipped.includes('--watch') || interactive, skipped).toBe(true);
    }
    for (const line of Object.keys(STATUS)) expect(commands).toContain(line);
  });
});

describe('every README command, in order, in a fresh copy of the project', { timeout: 180_000 }, () => {
  it.each(toRun.map((c) => [c.command]))('%s', (command) => {
    const r = spawnSync('sh', ['-c', command], { cwd: project, env, encoding: 'utf8', timeout: 150_000 });
    const expected = STATUS[command] ?? 0;
    expect(r.status, `${command}\n${r.stdout.slice(-2000)}\n${r.stderr.slice(-2000)}`).toBe(expected);
    expect(r.stderr).not.toMatch(/\n\s+at .*:\d+:\d+\)?\n/); // never a stack trace
  });

  it('left what the README says: the new case, the steps, a report, and the recorded session', () => {
    expect(existsSync(join(project, 'scenarios', 'my-case.yaml'))).toBe(true);
    expect(readFileSync(join(project, 'steps.yaml'), 'utf8')).toMatch(/^- /);
    expect(readFileSync(join(project, 'report.html'), 'utf8')).toMatch(/^<!doctype html>/);
    const sessions = spawnSync(process.execPath, ['bin/roleplay.js', 'sessions', '--json'], {
      cwd: project,
      env,
      encoding: 'utf8',
    });
    expect(JSON.parse(sessions.stdout).sessions).toEqual([
      expect.objectContaining({ trainee: '张工', scenario: 'my-case', outcome: 'success' }),
    ]);
    expect(existsSync(join(env.HOME!, '.roleplay', 'roleplay.db'))).toBe(true);
  });
});
