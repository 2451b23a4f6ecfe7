/**
 * A session database whose rows hold hostile text — as an imported file, a hand-edited copy or
 * another program could leave them: escape sequences that clear the screen (ESC[2J), OSC 8
 * hyperlinks, bidi overrides (U+202E), 8-bit C1 controls, a bell, and spreadsheet formulas
 * (=HYPERLINK(…), +, -, @, a leading tab) in the session id, trainee, scenario id, node ids,
 * choice ids and typed answers. Every command that shows records — sessions, review (plain,
 * JSON and the Ink screen), report (text, JSON, CSV, HTML), export (JSON lines, xAPI), verify,
 * resume — prints none of it raw, and no CSV cell starts a formula.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { render } from 'ink-testing-library';
import { afterAll, describe, expect, it } from 'vitest';
import { compiledFromSource } from '../../src/store/scenario-source.js';
import { openSqliteStore } from '../../src/store/sqlite/sqlite-store.js';
import { ReviewScreen } from '../../src/ui/review/review-screen.js';
import { timelineOf } from '../../src/ui/review/timeline.js';
import { BIN, ENV, tempDir } from '../faults/helpers.js';
import { ROOT } from '../fuzz/bundled.js';
import { UNSAFE } from './fixture.js';

const tmp = tempDir();
afterAll(() => tmp.done());
const DB = join(tmp.dir, 'hostile.db');
const FIXTURE = join(ROOT, 'test/fixtures/ui/basement-alarm.yaml');

const EVIL =
  '\u001b[2J\u001b]8;;http://evil.example/\u001b\\click\u001b]8;;\u001b\\ \u202eevil\u202c \u009b31m\u009d0;t\u009c\u0007';
const HOSTILE = {
  id: `=hyperlink("http://evil.example","id")${EVIL}`,
  trainee: `=HYPERLINK("http://evil.example","me")${EVIL}`,
  scenario: `@SUM(1+1)${EVIL}`,
  node: `+cmd${EVIL}`,
  way: `\t=1+1${EVIL}`,
  answer: `-2+3${EVIL}`,
};

const rp = (...args: string[]) =>
  spawnSync(process.execPath, [BIN, ...args, '--db', DB, '--lang', 'en'], { encoding: 'utf8', env: ENV, cwd: tmp.dir });

/** Two recorded sessions (one finished, one not), then their rows edited to hold hostile text. */
function hostileDatabase(): { unfinished: string } {
  const steps = (name: string, list: unknown[]) => {
    const file = join(tmp.dir, name);
    writeFileSync(file, JSON.stringify(list));
    return file;
  };
  const say = { say: 'hello, Zhang from Xunda about the power alarm' };
  expect(rp('run', FIXTURE, '--steps', steps('all.json', [say, 'call-noc', 'wait-calmly']), '--record').status).toBe(0);
  expect(rp('run', FIXTURE, '--steps', steps('one.json', [say]), '--record').status).toBe(2);
  const db = new Database(DB);
  try {
    const [first, second] = db.prepare('SELECT sid, id FROM sessions ORDER BY sid').all() as {
      sid: number;
      id: string;
    }[];
    db.prepare('UPDATE sessions SET id = ? WHERE sid = ?').run(HOSTILE.id, first!.sid);
    db.prepare('UPDATE sessions SET trainee = ?, scenario_id = ?').run(HOSTILE.trainee, HOSTILE.scenario);
    db.prepare('UPDATE events SET scenario_id = ?').run(HOSTILE.scenario);
    db.prepare('UPDATE session_lessons SET scenario_id = ?').run(HOSTILE.scenario);
    db.prepare("UPDATE events SET text = ? WHERE kind = 'say'").run(HOSTILE.answer);
    db.prepare("UPDATE events SET node = ?, way = ? WHERE kind = 'choice' AND seq = 1").run(HOSTILE.node, HOSTILE.way);
    db.prepare('UPDATE scenario_sources SET scenario_id = ?, file = ?').run(HOSTILE.scenario, `evil${EVIL}.yaml`);
    return { unfinished: second!.id };
  } finally {
    db.close();
  }
}
const { unfinished } = hostileDatabase();

function expectSafe(where: string, out: string) {
  const m = UNSAFE.exec(out.replace(/\r\n/g, '\n'));
  expect(
    m,
    m
      ? `${where}: U+${m[0].codePointAt(0)!.toString(16).padStart(4, '0')} at ${JSON.stringify(out.slice(Math.max(0, m.index - 40), m.index + 10))}`
      : '',
  ).toBeNull();
}

/** RFC 4180 cells, quotes undone. */
function csvCells(csv: string): string[] {
  const cells: string[] = [];
  const re = /("(?:[^"]|"")*"|[^,\r\n]*)(,|\r\n|$)/g;
  for (let m = re.exec(csv); m && m[0] !== ''; m = re.exec(csv)) {
    const raw = m[1]!;
    cells.push(raw.startsWith('"') ? raw.slice(1, -1).replace(/""/g, '"') : raw);
  }
  return cells;
}

describe('hostile text in the session database', () => {
  const commands: string[][] = [
    ['sessions'],
    ['sessions', '--json'],
    ['review', HOSTILE.id.slice(0, 12)],
    ['review', HOSTILE.id.slice(0, 12), '--json'],
    ['review', unfinished],
    ['report'],
    ['report', '--json'],
    ['report', '--csv'],
    ['export'],
    ['export', '--format', 'xapi'],
    ['verify'],
    ['verify', '--json'],
    ['resume', unfinished, '--choices', `nope${EVIL}`],
    ['resume', unfinished, '--choices', 'call-noc'],
  ];
  for (const args of commands) {
    it(`roleplay ${args.join(' ').replace(EVIL, '<evil>')}`, () => {
      const r = rp(...args);
      expect(r.stderr).not.toMatch(/internal error|\n\s+at /);
      expect(r.status, r.stderr).not.toBeNull();
      expectSafe('stdout', r.stdout);
      expectSafe('stderr', r.stderr);
    });
  }

  it('shows what it can of the hostile values, not nothing', () => {
    const listed = rp('sessions');
    expect(listed.stdout).toContain('=HYPERLINK');
    const review = rp('review', HOSTILE.id.slice(0, 12));
    expect(review.stdout).toContain('-2+3');
  });

  it('report --csv: no control character, and no cell a spreadsheet would run as a formula', () => {
    const r = rp('report', '--csv');
    expect(r.status, r.stderr).toBe(0);
    const cells = csvCells(r.stdout);
    expect(cells.length).toBeGreaterThan(10);
    for (const cell of cells) {
      expect(cell, JSON.stringify(cell)).not.toMatch(/^[=+\-@\t\r]/);
      expect(cell, JSON.stringify(cell)).not.toMatch(UNSAFE);
    }
    expect(cells.some((c) => c.includes('HYPERLINK'))).toBe(true);
  });

  it('report --html: the page holds none of it', () => {
    const file = join(tmp.dir, 'report.html');
    const r = rp('report', '--html', file);
    expect(r.status, r.stderr).toBe(0);
    expectSafe('report.html', readFileSync(file, 'utf8'));
  });

  it('the review screen (Ink) shows none of it', async () => {
    const store = openSqliteStore(DB);
    try {
      for (const row of await store.listSessions({})) {
        const source = await store.loadSource(row.scenarioHash);
        const timeline = timelineOf(compiledFromSource(source!).scenario, row, await store.events(row.id), 'en');
        const view = render(<ReviewScreen timeline={timeline} lang="en" width={100} height={30} />);
        const frames = [view.lastFrame() ?? ''];
        for (let i = 0; i < 4; i++) {
          view.stdin.write('\u001b[C'); // → next step
          await new Promise((r) => setTimeout(r, 20));
          frames.push(view.lastFrame() ?? '');
        }
        view.unmount();
        for (const f of frames) expectSafe('review screen', f.replace(/\u001b\[[0-9;]*m/g, ''));
        expect(frames.join('\n')).toContain('HYPERLINK'); // the trainee, shown without its payload
      }
    } finally {
      await store.close();
    }
  });
});
