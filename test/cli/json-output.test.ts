/**
 * One `--json` convention (issue #19, docs/json.md): every command that prints results takes
 * `--json` and prints one object, `version` first, its records in arrays, valid against the
 * command's JSON Schema in docs/json/ (checked with a real 2020-12 validator). Each command
 * runs as a subprocess on fixtures and on a temporary session database.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Ajv2020 from 'ajv/dist/2020.js';
import Database from 'better-sqlite3';
import { beforeAll, describe, expect, it } from 'vitest';
import { cliEnv } from '../../src/cli/env.js';
import { buildProgram } from '../../src/cli/program.js';
import { FIXTURES, ROOT, type Ran, rp, rpAsync } from './helpers.js';

const CLI_DIR = join(FIXTURES, 'cli');
const HELPDESK = join(CLI_DIR, 'scenarios', 'helpdesk.yaml');
const BASEMENT = join(FIXTURES, 'ui', 'basement-alarm.yaml');
const dir = mkdtempSync(join(tmpdir(), 'roleplay-json-'));
/** the sessions' database, and a HOME of its own (sync keeps its queue there) */
const env = { ROLEPLAY_DB: join(dir, 'sessions.db'), HOME: dir, ROLEPLAY_TRAINEE: 'ann' };

/** Commands that print results but take no --json, and why (docs/json.md says the same). */
const EXEMPT: Record<string, string> = {
  schema: 'prints a JSON Schema: it is JSON already, and not a result',
  export: 'its output is the data itself: JSON lines (--format jsonl) or xAPI statements',
  new: 'writes a starter file; it prints only where',
  play: 'interactive',
  resume: 'interactive; with --steps it prints the run JSON, as run does',
};

const ajv = new Ajv2020.default({ allErrors: true, strict: true });
const validators = new Map<string, ReturnType<typeof ajv.compile>>();
function schemaOf(command: string) {
  if (!validators.has(command)) {
    const schema = JSON.parse(readFileSync(join(ROOT, 'docs', 'json', `${command}.schema.json`), 'utf8'));
    validators.set(command, ajv.compile(schema));
  }
  return validators.get(command)!;
}

/** The output parsed, after checking it is one object with `version` first and valid against its schema. */
function validJson(command: string, r: Ran): Record<string, unknown> {
  expect(r.stderr, `${command}: ${r.stderr}`).not.toMatch(/\n\s+at /);
  const json = JSON.parse(r.stdout) as Record<string, unknown>;
  expect(Object.keys(json)[0], command).toBe('version');
  expect(json.version).toBe(1);
  const validate = schemaOf(command);
  expect(validate(json), `${command}: ${ajv.errorsText(validate.errors)}`).toBe(true);
  return json;
}

const steps = join(dir, 'steps.yaml');
let finished = '';
let exported = '';

beforeAll(async () => {
  // two sessions: one finished, one stopped by a refused step
  writeFileSync(steps, '- listen\n- listen\n');
  const played = rp(['run', HELPDESK, '--choices', 'listen', '--record', '--lang', 'en'], { env });
  expect(played.status, played.stderr).toBe(2);
  const whole = rp(['paths', HELPDESK, '--ending', 'hung-up'], { env }).stdout;
  writeFileSync(steps, whole);
  const done = rp(['run', HELPDESK, '--steps', steps, '--record', '--lang', 'en'], { env });
  expect(done.status, done.stderr).toBe(0);
  finished = /session (\S+)/.exec(done.stderr)![1]!;
  exported = join(dir, 'export.jsonl');
  expect(rp(['export', '-o', exported], { env }).status).toBe(0);
}, 60_000);

describe('every result-printing command takes --json', () => {
  it('each command of the program has --json, or is exempt with a reason', () => {
    const program = buildProgram(cliEnv('en'));
    for (const command of program.commands) {
      const name = command.name();
      const hasJson = command.options.some((o) => o.long === '--json');
      if (name in EXEMPT) expect(hasJson, `${name} is exempt: ${EXEMPT[name]}`).toBe(false);
      else expect(hasJson, `${name} prints results: it needs --json`).toBe(true);
    }
  });
});

describe('each --json output against its schema', () => {
  const cases: [string, string[], { cwd?: string; status?: number }?][] = [
    ['list', ['list', '--json', '--lang', 'zh'], { cwd: CLI_DIR }],
    [
      'lint',
      ['lint', '--json', '--lang', 'en', join(FIXTURES, 'valid'), join(FIXTURES, 'broken', 'unknown-goto.yaml')],
      { status: 1 },
    ],
    [
      'test',
      [
        'test',
        '--json',
        '--coverage',
        '--lang',
        'en',
        join(CLI_DIR, 'scenarios'),
        join(CLI_DIR, 'failing'),
        join(FIXTURES, 'broken', 'unknown-goto.yaml'),
      ],
      { status: 1 },
    ],
    ['run', ['run', HELPDESK, '--steps', steps, '--json', '--lang', 'en']],
    ['paths', ['paths', BASEMENT, '--json', '--lang', 'en']],
    ['audit', ['audit', '--json', '--runs', '5', '--lang', 'en', join(FIXTURES, 'audit')], { status: 1 }],
    ['graph', ['graph', BASEMENT, '--json', '--best', '--lang', 'zh']],
    ['sessions', ['sessions', '--json']],
    ['review', ['review', '--json', '--lang', 'zh']],
    ['report', ['report', '--json']],
    ['verify', ['verify', '--json']],
  ];
  let ran: Map<string, Ran>;
  beforeAll(async () => {
    const results = await Promise.all(cases.map(([, args, o]) => rpAsync(args, { cwd: o?.cwd ?? ROOT, env })));
    ran = new Map(cases.map(([name], i) => [name, results[i]!]));
  }, 120_000);

  it.each(cases)('%s', (command, _args, o) => {
    const r = ran.get(command)!;
    expect(r.status, r.stderr).toBe(o?.status ?? 0);
    validJson(command, r);
  });

  it('records are in arrays: a few facts per command', () => {
    const of = (c: string) => JSON.parse(ran.get(c)!.stdout);
    expect(of('list').scenarios.map((s: { id: string }) => s.id)).toContain('helpdesk');
    expect(of('lint').diagnostics[0]).toMatchObject({ severity: 'error', code: 'unknown-node' });
    const test = of('test');
    expect(test.notLoaded).toHaveLength(1);
    expect(test.results.some((t: { passed: boolean }) => !t.passed)).toBe(true);
    expect(test.failed).toBe(test.results.filter((t: { passed: boolean }) => !t.passed).length + 1);
    expect(of('sessions').sessions).toHaveLength(2);
    expect(of('review').session.id).toBe(finished);
    expect(of('graph').edges.some((e: { best: boolean }) => e.best)).toBe(true);
    expect(of('verify')).toEqual({ version: 1, ok: true, sessions: 2, events: expect.any(Number) });
  });
});

describe('commands with one record, on the store', () => {
  it('import --json: the sessions merged', () => {
    const r = rp(['import', exported, '--json', '--db', join(dir, 'other.db')], { env });
    expect(r.status, r.stderr).toBe(0);
    expect(validJson('import', r)).toMatchObject({ imported: 2, created: 2 });
  });

  it('sync --json: nothing waits on this computer', () => {
    const r = rp(['sync', '--json', '--db', 'postgres://u:p@127.0.0.1:9/none'], { env });
    expect(r.status, r.stderr).toBe(0);
    expect(validJson('sync', r)).toMatchObject({ ok: true, uploaded: 0, remaining: 0, refused: [] });
  });

  it('verify --json on a broken chain: the break, exit 1', () => {
    const copy = join(dir, 'tampered.db');
    writeFileSync(copy, readFileSync(env.ROLEPLAY_DB));
    const db = new Database(copy);
    db.prepare('UPDATE events SET decision_ms = decision_ms + 1 WHERE seq = 1').run();
    db.close();
    const r = rp(['verify', '--json', '--db', copy], { env });
    expect(r.status).toBe(1);
    expect(validJson('verify', r)).toMatchObject({ ok: false, seq: 1 });
  });
});

describe('--json beside --format', () => {
  it('lint --json is --format json', () => {
    const file = join(FIXTURES, 'broken', 'unknown-goto.yaml');
    const a = rp(['lint', '--json', '--lang', 'en', file]);
    const b = rp(['lint', '--format', 'json', '--lang', 'en', file]);
    expect(a.stdout).toBe(b.stdout);
    expect(a.status).toBe(b.status);
  });

  it.each([
    [['lint', '--json', '--format', 'text'], /--json is --format json; it cannot go with --format text/],
    [['graph', BASEMENT, '--json', '--format', 'dot'], /choose one of --json and --format/],
  ])('%j: a usage error, exit 2', (args, says) => {
    const r = rp([...args, '--lang', 'en']);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(says);
  });
});
