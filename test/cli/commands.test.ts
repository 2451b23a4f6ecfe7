/**
 * The command line as a subprocess: `run` (the exact JSON of the contract, --steps YAML and
 * JSON, --choices, exit codes 0/1/2, errors naming the node and the valid choices), `test`,
 * `list`, `--help` on every command, `--version` and `--lang`.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURES, hasStackTrace, ROOT, rp } from './helpers.js';

const CLI_DIR = join(FIXTURES, 'cli');
const HELPDESK = join(CLI_DIR, 'scenarios', 'helpdesk.yaml');
let tmp: string;
beforeAll(() => {
  tmp = mkdtempSync(join(tmpdir(), 'roleplay-cli-'));
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
const file = (name: string, text: string) => {
  const p = join(tmp, name);
  writeFileSync(p, text);
  return p;
};

const BEST = {
  scenario: 'helpdesk',
  outcome: 'success',
  ending: 'solved',
  path: ['greet', 'intro', 'check', 'solved'],
  meters: { trust: 1 },
  score: {
    total: 4,
    max: 4,
    percent: 100,
    passed: true,
    lessons: { intro: { points: 2, max: 2 }, listen: { points: 2, max: 2 } },
  },
};

describe('roleplay run', () => {
  it('prints exactly the contract JSON (fields, order, types) after its format version, and exits 0', () => {
    const steps = file('best.yaml', '- listen\n- say: 您好，我是华苏的张工\n');
    const r = rp(['run', HELPDESK, '--steps', steps]);
    expect(r.status, r.stdout + r.stderr).toBe(0);
    expect(r.stderr).toBe('');
    const { version, ...out } = JSON.parse(r.stdout) as typeof BEST & { version: number };
    expect(version).toBe(1); // docs/json.md: every JSON output starts with its format version
    expect(out).toEqual(BEST);
    // same key order as the contract, at every level
    expect(JSON.stringify(out)).toBe(JSON.stringify(BEST));
  });

  it('--steps as JSON, with { say } and { wait: true }; a scenario given by id', () => {
    const steps = file('silence.json', JSON.stringify([{ wait: true }]));
    const r = rp(['run', 'helpdesk', '--steps', steps], { cwd: CLI_DIR });
    expect(r.status, r.stdout + r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({
      version: 1,
      scenario: 'helpdesk',
      outcome: 'failure',
      ending: 'hung-up',
      path: ['greet', 'hung-up'],
      meters: { trust: 0 },
      score: {
        total: -2,
        max: 4,
        percent: 0,
        passed: false,
        lessons: { intro: { points: 0, max: 2 }, listen: { points: -2, max: 2 } },
      },
    });
  });

  it('a steps file may also be a map with `steps:` (like a scenario test), and may start with a BOM', () => {
    const steps = file('map.yaml', '\uFEFFsteps: [talk, { say: "HUASU!" }]\n');
    const r = rp(['run', HELPDESK, '--steps', steps]);
    expect(r.status, r.stdout + r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ ending: 'half', outcome: 'partial', score: { total: 0, percent: 0 } });
  });

  it('--choices a,b,c; spaces around ids are ignored', () => {
    const r = rp(['run', HELPDESK, '--choices', ' talk ', '--lang', 'en']);
    // talk leads to an input node: choices alone cannot finish, so the steps run out
    expect(r.status, r.stdout + r.stderr).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(
      "roleplay: the steps ran out at node 'intro' before an ending; it expects a typed answer ({ say: ... })\n",
    );
  });

  it('a choice that does not exist: exit 2, one line naming the node and the valid choices', () => {
    const r = rp(['run', HELPDESK, '--choices', 'shout', '--lang', 'en']);
    expect(r.status, r.stdout + r.stderr).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe("roleplay: step 1: 'shout' is not a choice at node 'greet'; valid choices: listen or talk\n");
  });

  it('a choice where a typed answer is expected: exit 2 naming the node', () => {
    const r = rp(['run', HELPDESK, '--choices', 'listen,talk', '--lang', 'en']);
    expect(r.status, r.stdout + r.stderr).toBe(2);
    expect(r.stderr).toBe(
      "roleplay: step 2: node 'intro' expects a typed answer ({ say: ... }), not the choice 'talk'\n",
    );
  });

  it('steps after the ending: exit 2', () => {
    const steps = file('extra.json', JSON.stringify([{ wait: true }, 'listen']));
    const r = rp(['run', HELPDESK, '--steps', steps, '--lang', 'en']);
    expect(r.status, r.stdout + r.stderr).toBe(2);
    expect(r.stderr).toMatch(/^roleplay: step 2: .*'hung-up'.*\n$/);
  });

  it('an invalid scenario: exit 1, its errors as file:line:column', () => {
    const broken = join(FIXTURES, 'broken', 'unknown-goto.yaml');
    const r = rp(['run', broken, '--choices', 'estimate', '--lang', 'en']);
    expect(r.status, r.stdout + r.stderr).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(`${broken}:14:15: error: goto names unknown node 'estimat'; did you mean 'estimate'?\n`);
  });

  it('an unknown scenario id: exit 1, one line', () => {
    const r = rp(['run', 'no-such-case', '--choices', 'a', '--lang', 'en'], { cwd: CLI_DIR });
    expect(r.status, r.stdout + r.stderr).toBe(1);
    expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/^roleplay: no scenario 'no-such-case'/);
  });

  it.each([
    [['run', HELPDESK], /give the steps to play: --steps <file.yaml\|json> or --choices a,b,c/],
    [['run', HELPDESK, '--steps', 'x.yaml', '--choices', 'a'], /either --steps or --choices, not both/],
    [
      ['run', HELPDESK, '--steps', '/no/such/steps.yaml'],
      /cannot read steps file \/no\/such\/steps\.yaml: no such file/,
    ],
    [['run', HELPDESK, '--bogus'], /unknown option '--bogus'/],
    [['run'], /missing required argument 'scenario'/],
    [['run', HELPDESK, '--choices', 'listen', '--lang', 'fr'], /不接受 'fr'/], // refused in the environment's language (LANG=C: Chinese)
  ])('usage mistakes exit 2 with one clear line: %j', (args, says) => {
    const r = rp(args.includes('--lang') ? args : [...args, '--lang', 'en']);
    expect(r.status, r.stdout + r.stderr).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(says);
    expect(hasStackTrace(r.stderr)).toBe(false);
  });

  it('a steps file that is not a list, or holds a bad step: exit 2', () => {
    const notList = file('notlist.yaml', 'hello: world\n');
    expect(rp(['run', HELPDESK, '--steps', notList, '--lang', 'en'])).toMatchObject({
      status: 2,
      stderr: expect.stringMatching(/expected a list of steps/),
    });
    const badStep = file('badstep.json', JSON.stringify(['listen', { shout: 'x' }]));
    expect(rp(['run', HELPDESK, '--steps', badStep, '--lang', 'en'])).toMatchObject({
      status: 2,
      stderr: expect.stringMatching(/step 2 is not a choice id, \{ say: text \} or \{ wait: true \}/),
    });
    const badYaml = file('bad.yaml', '[listen, {say: "x"\n');
    expect(rp(['run', HELPDESK, '--steps', badYaml, '--lang', 'en'])).toMatchObject({
      status: 2,
      stderr: expect.stringMatching(/not valid YAML or JSON/),
    });
  });
});

describe('roleplay test', () => {
  it('all passing: one line per test, then "N passed, 0 failed", exit 0', () => {
    const r = rp(['test', '--lang', 'en', join(CLI_DIR, 'scenarios')]);
    expect(r.status, r.stdout + r.stderr).toBe(0);
    expect(r.stdout).toBe(
      [
        'ok   helpdesk › best path',
        'ok   helpdesk › english introduction',
        'ok   helpdesk › silence',
        '3 passed, 0 failed',
        '',
      ].join('\n'),
    );
  });

  it('failures: each says why, the last line counts them, exit 1', () => {
    const r = rp(['test', '--lang', 'en', join(CLI_DIR, 'failing'), join(CLI_DIR, 'scenarios')]);
    expect(r.status, r.stdout + r.stderr).toBe(1);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines).toContain('ok   failing-tests › passes');
    expect(lines).toContain(
      'FAIL failing-tests › wrong expectation: outcome success, expected failure; percent 0, expected 100',
    );
    expect(lines).toContain(
      "FAIL failing-tests › invalid step: step 1: 'shout' is not a choice at node 'greet'; valid choices: listen or talk",
    );
    expect(lines[lines.length - 1]).toBe('4 passed, 2 failed');
  });

  it('a file that does not load counts as a failure', () => {
    const r = rp(['test', '--lang', 'en', join(FIXTURES, 'broken', 'unknown-goto.yaml')]);
    expect(r.status, r.stdout + r.stderr).toBe(1);
    expect(r.stdout.trimEnd().split('\n').pop()).toBe('0 passed, 1 failed');
    expect(r.stdout).toContain("goto names unknown node 'estimat'");
  });

  it('with no paths it runs ./scenarios', () => {
    const r = rp(['test', '--lang', 'en'], { cwd: CLI_DIR });
    expect(r.status, r.stdout + r.stderr).toBe(0);
    expect(r.stdout.trimEnd().split('\n').pop()).toBe('3 passed, 0 failed');
  });
});

describe('roleplay list', () => {
  it('--json: id, title (in --lang), difficulty, tags for each scenario', () => {
    const zh = JSON.parse(rp(['list', '--json', '--lang', 'zh'], { cwd: CLI_DIR }).stdout).scenarios as Record<
      string,
      unknown
    >[];
    const en = JSON.parse(rp(['--lang', 'en', 'list', '--json'], { cwd: CLI_DIR }).stdout).scenarios as Record<
      string,
      unknown
    >[];
    const mine = zh.find((s) => s.id === 'helpdesk');
    expect(mine).toEqual({
      id: 'helpdesk',
      title: '服务台',
      difficulty: 2,
      tags: ['test', 'phone'],
      customer: 'hesitant',
      file: HELPDESK,
    });
    expect(en.find((s) => s.id === 'helpdesk')!.title).toBe('Help desk');
    for (const s of zh) {
      expect(typeof s.id).toBe('string');
      expect(typeof s.title).toBe('string');
      expect(Array.isArray(s.tags)).toBe(true);
    }
  });

  it('text: one line per scenario with its difficulty stars, title and tags', () => {
    const r = rp(['list', '--lang', 'en'], { cwd: CLI_DIR });
    expect(r.status, r.stdout + r.stderr).toBe(0);
    expect(r.stdout.split('\n').find((l) => l.startsWith('helpdesk '))).toMatch(
      /^helpdesk +★★☆ {2}Help desk {2}\[test, phone\]$/,
    );
  });

  it('the language comes from ROLEPLAY_LANG or the locale when --lang is not given, else Chinese', () => {
    const title = (env: NodeJS.ProcessEnv) =>
      (
        JSON.parse(rp(['list', '--json'], { cwd: CLI_DIR, env }).stdout).scenarios as { id: string; title: string }[]
      ).find((s) => s.id === 'helpdesk')!.title;
    expect(title({ ROLEPLAY_LANG: 'en' })).toBe('Help desk');
    expect(title({ LANG: 'en_GB.UTF-8' })).toBe('Help desk');
    expect(title({})).toBe('服务台');
  });
});

describe('help and version', () => {
  it.each(['run', 'lint', 'test', 'list'])('%s --help: usage, exit 0', (command) => {
    const r = rp([command, '--help', '--lang', 'en']);
    expect(r.status, r.stdout + r.stderr).toBe(0);
    expect(r.stdout).toMatch(new RegExp(`^Usage: roleplay ${command} `));
    expect(r.stdout).toContain('--lang <lang>');
  });

  it('run --help documents the exit statuses', () => {
    expect(rp(['run', '--help', '--lang', 'en']).stdout).toMatch(/Exit status: 0 .* 2 .* 1 /s);
  });

  it('--help lists the commands', () => {
    const r = rp(['--help']);
    expect(r.status, r.stdout + r.stderr).toBe(0);
    for (const c of ['run', 'lint', 'test', 'list']) expect(r.stdout).toMatch(new RegExp(`^  ${c} `, 'm'));
  });

  it('--version prints the package version', () => {
    const version = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;
    for (const flag of ['--version', '-V']) {
      const r = rp([flag]);
      expect(r.status, r.stdout + r.stderr).toBe(0);
      expect(r.stdout).toBe(`${version}\n`);
    }
  });

  it('an unsupported --lang is a usage error', () => {
    const r = rp(['--lang', 'fr', 'list']);
    expect(r.status, r.stdout + r.stderr).toBe(2);
    // which language to refuse it in: not fr, so the environment's (LANG=C here: Chinese)
    expect(r.stderr).toBe("roleplay: 选项 '--lang <lang>' 不接受 'fr'；可选：zh, en\n");
    const en = rp(['--lang', 'fr', 'list'], { env: { ROLEPLAY_LANG: 'en' } });
    expect(en.stderr).toBe("roleplay: option '--lang <lang>' argument 'fr' is invalid. Allowed choices are zh, en.\n");
  });
});

describe('a reader that stops early', () => {
  it('`roleplay --help | head -1` ends quietly: no EPIPE stack trace, exit 0', async () => {
    const { spawnSync } = await import('node:child_process');
    const r = spawnSync(
      'bash',
      ['-c', `set -o pipefail; node bin/roleplay.js --help --lang en | head -1; node bin/roleplay.js list | head -1`],
      { cwd: ROOT, encoding: 'utf8' },
    );
    expect(r.stdout.split('\n')[0]).toMatch(/^Usage: roleplay/);
    expect(r.stderr).toBe('');
    expect(hasStackTrace(r.stderr)).toBe(false);
    expect(r.status).toBe(0);
  });
});

describe('a mistyped command', () => {
  it('is named, with the nearest command, exit 2', () => {
    const r = rp(['plya', 'angry-customer', '--lang', 'en']);
    expect(r.status).toBe(2);
    expect(r.stderr).toBe("roleplay: unknown command 'plya'; did you mean 'play'? (roleplay --help lists them)\n");
  });
});

describe('the launcher', () => {
  it('runs as an executable, as npm links it: the bundle answers, with the memory flags from its shebang', async () => {
    const { spawnSync } = await import('node:child_process');
    // A preloaded module reports the flags node was started with.
    const hook = file(
      'argv-hook.mjs',
      "process.stderr.write('execArgv=' + JSON.stringify(process.execArgv) + '\\n');\n",
    );
    const r = spawnSync(join(ROOT, 'bin/roleplay.js'), ['--version'], {
      encoding: 'utf8',
      env: { ...process.env, NODE_OPTIONS: `--import=${hook}` },
    });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout.trim()).toBe(JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).version);
    expect(r.stderr).toContain('"--max-semi-space-size=1","--v8-pool-size=1"');
  });

  it('`npm start` passes node the same flags', () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
    const shebang = readFileSync(join(ROOT, 'bin/roleplay.js'), 'utf8').split('\n')[0]!;
    const flags = shebang.replace('#!/usr/bin/env -S node', '').trim();
    expect(flags).toBe('--max-semi-space-size=1 --v8-pool-size=1');
    expect(pkg.scripts.start).toBe(`node ${flags} bin/roleplay.js`);
  });
});
