/**
 * Files the CLI is given. Today's attacks: `roleplay lint /dev/zero` read without bound, lint
 * blocked forever on a FIFO (also inside a folder it scanned), a file with lone-CR line ends
 * was "empty", and 10,000 nested lists gave a raw "Maximum call stack size exceeded" at a
 * different position in lint and in run. Every read now goes through one guarded reader:
 * regular files only (pipes too for steps and imports), with a size limit, and one clear
 * line for everything else.
 */
import { spawnSync } from 'node:child_process';
import { closeSync, mkdirSync, openSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN, rp, scenarioWith, tempDir } from './run-cli.js';

const tmp = tempDir();
const dir = tmp.dir;
const at = (...parts: string[]) => join(dir, ...parts);

function mkfifo(path: string) {
  const r = spawnSync('mkfifo', [path]);
  if (r.status !== 0) throw new Error(`mkfifo failed: ${r.stderr}`);
}

/** A file of `bytes` that takes no disk space (a sparse file). */
function sparse(path: string, bytes: number) {
  const fd = openSync(path, 'w');
  spawnSync('truncate', ['-s', String(bytes), path]);
  closeSync(fd);
}

let server: Server;
beforeAll(async () => {
  mkdirSync(at('folder'));
  writeFileSync(at('folder', 'ok.yaml'), scenarioWith());
  mkfifo(at('folder', 'pipe.yaml'));
  mkfifo(at('pipe.yaml'));
  server = createServer();
  await new Promise<void>((resolve) => server.listen(at('folder', 'socket.yaml'), resolve));
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  tmp.done();
});

/** Ran to its end, well within the limit (a hang would be killed at 30 s and fail here). */
function finished(r: ReturnType<typeof rp>) {
  expect(r.timedOut, `killed after ${r.ms.toFixed(0)} ms: ${r.stderr}`).toBe(false);
  expect(r.stderr).not.toMatch(/Maximum call stack|internal error|\n\s+at /);
  return r;
}

describe('devices, FIFOs and sockets', () => {
  it('lint on a FIFO: one line, exit 1, at once (it used to block forever)', () => {
    const en = finished(rp(['lint', at('pipe.yaml')], { lang: 'en' }));
    expect(en.status).toBe(1);
    expect(en.stdout).toBe(
      `${at('pipe.yaml')}:1:1: error: this is a named pipe (FIFO), not a regular file; only regular files are read\n`,
    );
    const zh = finished(rp(['lint', at('pipe.yaml')], { lang: 'zh' }));
    expect(zh.stdout).toBe(`${at('pipe.yaml')}:1:1: error: 这是命名管道（FIFO），不是普通文件；只读取普通文件\n`);
  });

  it('lint on a folder holding a FIFO and a socket: both skipped with a warning, the rest checked', () => {
    const r = finished(rp(['lint', at('folder')], { lang: 'en' }));
    expect(r.status).toBe(0);
    expect(r.stdout).toBe(
      [
        `${at('folder', 'pipe.yaml')}:1:1: warning: this is a named pipe (FIFO), not a regular file; skipped while scanning the folder`,
        `${at('folder', 'socket.yaml')}:1:1: warning: this is a socket, not a regular file; skipped while scanning the folder`,
        '',
      ].join('\n'),
    );
    expect(r.stderr).toBe('1 file checked: 0 errors, 2 warnings\n');
    expect(finished(rp(['lint', '--strict', at('folder')])).status).toBe(1);
  });

  it('lint and run on /dev/zero: one line, exit 1, without reading it (it used to read gigabytes)', () => {
    const lint = finished(rp(['lint', '/dev/zero'], { lang: 'en' }));
    expect(lint.status).toBe(1);
    expect(lint.stdout).toBe(
      '/dev/zero:1:1: error: this is a character device, not a regular file; only regular files are read\n',
    );
    const run = finished(rp(['run', '/dev/zero', '--choices', 'greet'], { lang: 'zh' }));
    expect(run.status).toBe(1);
    expect(run.stderr).toBe('/dev/zero:1:1: error: 这是字符设备，不是普通文件；只读取普通文件\n');
  });

  it('a socket named on the command line is one line too', () => {
    const r = finished(rp(['lint', at('folder', 'socket.yaml')]));
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/socket\.yaml:1:1: error: this is a socket, not a regular file/);
  });
});

describe('steps files, imports and the case list', () => {
  it('run --steps on a FIFO nobody writes to ends at once; on /dev/zero it is refused', () => {
    const ok = at('folder', 'ok.yaml');
    const fifo = finished(rp(['run', ok, '--steps', at('pipe.yaml')]));
    expect(fifo.status).toBe(2);
    expect(fifo.stderr).toMatch(/^roleplay: .*pipe\.yaml: expected a list of steps/);
    const zero = finished(rp(['run', ok, '--steps', '/dev/zero']));
    expect(zero.status).toBe(2);
    expect(zero.stderr).toBe(
      'roleplay: cannot read steps file /dev/zero: this is a character device, not a regular file; only regular files and pipes are read\n',
    );
  });

  it('run --steps from a pipe that is written to still works (`<(…)`)', () => {
    const r = spawnSync(
      'bash',
      [
        '-c',
        `node '${BIN}' run '${at('folder', 'ok.yaml')}' --steps <(sleep 0.3; printf -- '- greet\\n- say: sorry\\n')`,
      ],
      { encoding: 'utf8', timeout: 30_000, env: { ...process.env, CI: 'false', ROLEPLAY_LANG: 'en' } },
    );
    expect(r.stderr).toBe('');
    expect(JSON.parse(r.stdout).outcome).toBe('success');
  });

  it('import of a FIFO, a device, an over-size file: one line each, at once', () => {
    const db = ['--db', at('records.db')];
    const fifo = finished(rp(['import', at('pipe.yaml'), ...db]));
    expect(fifo.status).toBe(1);
    expect(fifo.stderr).toMatch(/^roleplay: .*pipe\.yaml: no sessions in it/);
    const zero = finished(rp(['import', '/dev/zero', ...db]));
    expect(zero.status).toBe(2);
    expect(zero.stderr).toBe(
      'roleplay: cannot read /dev/zero: this is a character device, not a regular file; only regular files and pipes are read\n',
    );
    sparse(at('huge.jsonl'), 200 * 1024 * 1024);
    const huge = finished(rp(['import', at('huge.jsonl'), ...db], { lang: 'zh' }));
    expect(huge.status).toBe(2);
    expect(huge.stderr).toBe(
      `roleplay: 无法读取 ${at('huge.jsonl')}：文件有 200 MB；导出文件最大 128 MB——是不是选错了文件？\n`,
    );
  });

  it('an over-size steps file is refused before it is read', () => {
    sparse(at('steps.yaml'), 3 * 1024 * 1024);
    const r = finished(rp(['run', at('folder', 'ok.yaml'), '--steps', at('steps.yaml')]));
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/steps\.yaml: the file is 3 MB; a steps file may be at most 2 MB/);
  });

  it('the case list passes over a FIFO in ./scenarios instead of blocking', () => {
    mkdirSync(at('project', 'scenarios'), { recursive: true });
    writeFileSync(at('project', 'scenarios', 'ok.yaml'), scenarioWith());
    mkfifo(at('project', 'scenarios', 'stuck.yaml'));
    const r = finished(rp(['list', '--json'], { cwd: at('project') }));
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout).scenarios.map((s: { id: string }) => s.id)).toContain('harden-case');
  });
});

describe('lone-CR line ends', () => {
  it('are read as line ends: the file loads, plays, and errors are reported on their line', () => {
    writeFileSync(at('cr.yaml'), scenarioWith().replace(/\n/g, '\r'));
    const lint = finished(rp(['lint', at('cr.yaml')]));
    expect(lint.stderr).toBe('1 file checked: 0 errors, 0 warnings\n');
    const played = finished(rp(['run', at('cr.yaml'), '--choices', 'greet']));
    expect(played.stderr).toMatch(/expects a typed answer/);
    writeFileSync(at('cr-bad.yaml'), scenarioWith({ score: 'lots' }).replace(/\n/g, '\r'));
    expect(finished(rp(['lint', at('cr-bad.yaml')])).stdout).toMatch(/^.+cr-bad\.yaml:15:24: error: /);
  });
});

describe('deep nesting', () => {
  const deep = 10_000;
  const shapes: [string, string][] = [
    ['lists in brackets', `tags: ${'['.repeat(deep)}${']'.repeat(deep)}\n`],
    ['maps in braces', `tags: ${'{a: '.repeat(deep)}1${'}'.repeat(deep)}\n`],
    ['block lists', `tags:\n${'- '.repeat(deep)}x\n`],
  ];
  for (const [name, extra] of shapes) {
    it(`${name}: one error at the first level too deep, the same in lint and run`, () => {
      const file = at(`deep-${name.replace(/ /g, '-')}.yaml`);
      writeFileSync(file, scenarioWith({ extra }));
      const lint = finished(rp(['lint', file]));
      expect(lint.status).toBe(1);
      const lines = lint.stdout.split('\n').filter(Boolean);
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(
        /^.+:3\d:\d+: error: lists and maps are nested too deeply \(more than 100 levels, the limit MAX_NESTING = 100\); a scenario needs about ten$/,
      );
      const run = finished(rp(['run', file, '--choices', 'greet']));
      expect(run.status).toBe(1);
      expect(run.stderr).toBe(`${lines[0]}\n`);
    });
  }

  it('a steps file nested 10,000 deep is one clear line', () => {
    writeFileSync(at('deep-steps.yaml'), `${'['.repeat(deep)}${']'.repeat(deep)}\n`);
    const r = finished(rp(['run', at('folder', 'ok.yaml'), '--steps', at('deep-steps.yaml')]));
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(
      /^roleplay: .*deep-steps\.yaml: not valid YAML or JSON: lists and maps are nested too deeply/,
    );
  });
});
