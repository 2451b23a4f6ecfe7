/**
 * Moving logs without a server: `export --format jsonl` on one machine, `import FILE` on
 * another. A good file merges (and merging again adds nothing); a tampered or cut-short file
 * is refused naming its first bad line, and nothing of it is stored.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BASEMENT, rp, tempHome, withOtherTrainee } from './helpers.js';

const tmp = tempHome();
const dir = tmp.home;
const laptop = join(dir, 'laptop.db');
const exported = join(dir, 'export.jsonl');
let lines: string[];

const steps = (name: string, list: string) => {
  const file = join(dir, `${name}.yaml`);
  writeFileSync(file, list);
  return file;
};

beforeAll(() => {
  const runs = [
    ['ann', steps('a', '- say: 您好 我是讯达的 来修电源\n- show-permit\n')],
    ['bob', steps('b', '- say: 您好\n- call-noc\n- wait-calmly\n')],
    ['cy', steps('c', '- say: 您好\n- call-noc\n')], // runs out: an unfinished session
  ] as const;
  for (const [trainee, file] of runs) {
    const r = rp(['run', BASEMENT, '--steps', file, '--record', '--trainee', trainee], { ROLEPLAY_DB: laptop });
    expect(r.stderr).toContain('已记录为练习');
  }
  const out = rp(['export', '--format', 'jsonl', '-o', exported], { ROLEPLAY_DB: laptop });
  expect(out.status).toBe(0);
  lines = readFileSync(exported, 'utf8').split('\n').filter(Boolean);
}, 120_000);
afterAll(() => tmp.done());

// --db for the records commands, ROLEPLAY_DB for the others (both are documented ways).
const json = (args: string[], db: string) => JSON.parse(rp(args, { ROLEPLAY_DB: db }).stdout) as unknown;
const sessionsOf = (db: string, ...more: string[]) =>
  (json(['sessions', '--json', ...more], db) as { sessions: unknown[] }).sessions;
/** sessions and report of a database, without the fields that name when the report was made */
function contents(db: string) {
  const report = json(['report', '--json'], db) as Record<string, unknown>;
  delete report.generatedAt;
  delete report.generatedAtLocal;
  return { sessions: sessionsOf(db), report };
}

describe('roleplay import', { timeout: 120_000 }, () => {
  it('the export names each scenario once, before its sessions', () => {
    const types = lines.map((l) => (JSON.parse(l) as { type: string }).type);
    expect(types[0]).toBe('export');
    expect(types[1]).toBe('source');
    expect(types.filter((t) => t === 'source')).toHaveLength(1);
    expect(types.filter((t) => t === 'session')).toHaveLength(3);
  });

  it('merges a good file into another database: same sessions, same report, chains intact; a second import adds nothing', () => {
    const office = join(dir, 'office.db');
    const first = rp(['import', exported, '--db', office, '--lang', 'en']);
    expect(first.stderr).toBe('');
    expect(first.status).toBe(0);
    const events = lines.filter((l) => l.includes('"type":"event"')).length;
    expect(first.stdout).toMatch(
      new RegExp(
        `imported 3 session\\(s\\) into .*office\\.db: 3 new, 0 continued, 0 already there; ${events} event\\(s\\) added`,
      ),
    );
    expect(contents(office)).toEqual(contents(laptop));
    expect(rp(['verify'], { ROLEPLAY_DB: office }).status).toBe(0);

    const again = rp(['import', exported, '--db', office, '--lang', 'en']);
    expect(again.status).toBe(0);
    expect(again.stdout).toContain('0 new, 0 continued, 3 already there; 0 event(s) added');
    expect(contents(office)).toEqual(contents(laptop));

    // The imported unfinished session resumes on the new machine, from its stored scenario.
    const cy = (sessionsOf(office, '--trainee', 'cy') as { id: string }[])[0]!;
    const resumed = rp(['resume', cy.id, '--choices', 'wait-calmly'], { ROLEPLAY_DB: office });
    expect(resumed.status).toBe(0);
    expect(rp(['verify'], { ROLEPLAY_DB: office }).status).toBe(0);
  });

  it('merges a later export that holds the same sessions and one more', () => {
    const office = join(dir, 'office-continued.db');
    expect(rp(['import', exported, '--db', office]).status).toBe(0);
    const more = join(dir, 'more.db');
    expect(rp(['import', exported, '--db', more]).status).toBe(0);
    expect(
      rp(
        [
          'run',
          BASEMENT,
          '--steps',
          steps('d', '- say: 您好\n- call-noc\n- slip-past\n'),
          '--record',
          '--trainee',
          'dee',
        ],
        {
          ROLEPLAY_DB: more,
        },
      ).status,
    ).toBe(0);
    const second = join(dir, 'second.jsonl');
    expect(rp(['export', '-o', second], { ROLEPLAY_DB: more }).status).toBe(0);
    const r = rp(['import', second, '--db', office, '--lang', 'en']);
    expect(r.stdout).toContain('1 new, 0 continued, 3 already there');
    expect((sessionsOf(office) as unknown[]).length).toBe(4);
  });

  it('refuses a tampered file, naming the first bad line, and imports nothing', () => {
    const eventLine = lines.findIndex((l) => l.includes('"type":"event"') && l.includes('"seq":2'));
    const tampered = lines.map((l, i) => (i === eventLine ? l.replace(/"decisionMs":\d+/, '"decisionMs":1') : l));
    expect(tampered[eventLine]).not.toBe(lines[eventLine]);
    const file = join(dir, 'tampered.jsonl');
    writeFileSync(file, `${tampered.join('\n')}\n`);
    const db = join(dir, 'tampered.db');
    const r = rp(['import', file, '--db', db, '--lang', 'en']);
    expect(r.status).toBe(1);
    const session = (JSON.parse(lines[eventLine]!) as { sessionId: string }).sessionId;
    expect(r.stderr).toBe(
      `roleplay: ${file}:${eventLine + 1}: session ${session}: event 2 was altered: its content no longer matches its hash; nothing was imported\n`,
    );
    expect(sessionsOf(db)).toEqual([]);

    // An edited result is caught by the seal, on the session's line.
    const sessionLine = lines.findIndex((l) => l.includes('"type":"session"') && l.includes('"passed":true'));
    const regraded = lines.map((l, i) => (i === sessionLine ? l.replace(/"percent":\d+/, '"percent":100') : l));
    writeFileSync(file, `${regraded.join('\n')}\n`);
    const r2 = rp(['import', file, '--db', db, '--lang', 'en']);
    expect(r2.status).toBe(1);
    expect(r2.stderr).toContain(`${file}:${sessionLine + 1}: `);
    expect(r2.stderr).toContain('result');
    expect(sessionsOf(db)).toEqual([]);

    // Swapped lines: the event no longer follows its predecessor.
    const a = lines.findIndex((l) => l.includes('"type":"event"') && l.includes('"seq":1'));
    const swapped = [...lines];
    [swapped[a], swapped[a + 1]] = [swapped[a + 1]!, swapped[a]!];
    writeFileSync(file, `${swapped.join('\n')}\n`);
    const r3 = rp(['import', file, '--db', db]);
    expect(r3.status).toBe(1);
    expect(r3.stderr).toMatch(new RegExp(`${file.replace(/[.]/g, '\\.')}:${a + 1}: `));
    expect(sessionsOf(db)).toEqual([]);
  });

  it('refuses a truncated file: cut inside a line, or cut between lines', () => {
    const text = readFileSync(exported, 'utf8');
    const file = join(dir, 'cut.jsonl');
    const db = join(dir, 'cut.db');
    writeFileSync(file, text.slice(0, text.length - 40));
    const r = rp(['import', file, '--db', db, '--lang', 'en']);
    expect(r.status).toBe(1);
    expect(r.stderr).toBe(
      `roleplay: ${file}:${lines.length}: the line is incomplete: the file is cut short; nothing was imported\n`,
    );

    // Cut after the first event of a session that recorded more: the next line is missing.
    const firstEvent = lines.findIndex((l) => l.includes('"type":"event"'));
    writeFileSync(file, `${lines.slice(0, firstEvent + 1).join('\n')}\n`);
    const r2 = rp(['import', file, '--db', db, '--lang', 'en']);
    expect(r2.status).toBe(1);
    expect(r2.stderr).toMatch(
      new RegExp(
        `:${firstEvent + 2}: session [0-9a-f-]+ stops after event 1 of 2: the file is cut short or events were deleted; nothing was imported`,
      ),
    );
    expect(sessionsOf(db)).toEqual([]);
  });

  it('says why in the language asked for: the same file:line and exit code, the rest in Chinese or English', () => {
    const db = join(dir, 'lang.db');
    const file = join(dir, 'lang.jsonl');
    const both = (): [ReturnType<typeof rp>, ReturnType<typeof rp>] => [
      rp(['import', file, '--db', db, '--lang', 'zh']),
      rp(['import', file, '--db', db, '--lang', 'en']),
    ];

    // A chain break found while reading the file.
    const eventLine = lines.findIndex((l) => l.includes('"type":"event"') && l.includes('"seq":2'));
    const session = (JSON.parse(lines[eventLine]!) as { sessionId: string }).sessionId;
    writeFileSync(
      file,
      `${lines.map((l, i) => (i === eventLine ? l.replace(/"decisionMs":\d+/, '"decisionMs":1') : l)).join('\n')}\n`,
    );
    let [zh, en] = both();
    expect(zh).toMatchObject({
      status: 1,
      stdout: '',
      stderr: `roleplay: ${file}:${eventLine + 1}: 练习 ${session}：第 2 步被改动过：内容与它的哈希不再相符；什么都没有导入\n`,
    });
    expect(en).toMatchObject({
      status: 1,
      stdout: '',
      stderr: `roleplay: ${file}:${eventLine + 1}: session ${session}: event 2 was altered: its content no longer matches its hash; nothing was imported\n`,
    });

    // A line that is not JSON, and one cut short.
    writeFileSync(file, `${lines.slice(0, 2).join('\n')}\nnot json\n`);
    [zh, en] = both();
    expect(zh).toMatchObject({
      status: 1,
      stderr: `roleplay: ${file}:3: 不是有效的 JSON：文件被改动过或已损坏；什么都没有导入\n`,
    });
    expect(en).toMatchObject({
      status: 1,
      stderr: `roleplay: ${file}:3: not valid JSON: the file was edited or damaged; nothing was imported\n`,
    });
    const firstEvent = lines.findIndex((l) => l.includes('"type":"event"'));
    writeFileSync(file, `${lines.slice(0, firstEvent + 1).join('\n')}\n`);
    [zh, en] = both();
    expect(zh.status).toBe(1);
    expect(zh.stderr).toMatch(
      new RegExp(
        `:${firstEvent + 2}: 练习 [0-9a-f-]+ 记录了 2 个步骤，文件里到第 1 步就没有了：文件不完整，或有步骤被删除；什么都没有导入\n$`,
      ),
    );
    expect(en.stderr).toMatch(new RegExp(`:${firstEvent + 2}: session [0-9a-f-]+ stops after event 1 of 2`));

    // A file that is sound on its own but disagrees with what the database holds (a merge
    // conflict): the same session with another trainee, its chain recomputed to match.
    writeFileSync(file, `${lines.join('\n')}\n`);
    expect(rp(['import', file, '--db', db]).status).toBe(0);
    const { lines: rewritten, sessionLine, sessionId } = withOtherTrainee(lines, 'mallory');
    writeFileSync(file, `${rewritten.join('\n')}\n`);
    [zh, en] = both();
    expect(zh).toMatchObject({
      status: 1,
      stderr: `roleplay: ${file}:${sessionLine + 1}: 练习 ${sessionId} 在这里已经存在，但学员、案例或开始时间不同；什么都没有导入\n`,
    });
    expect(en).toMatchObject({
      status: 1,
      stderr: `roleplay: ${file}:${sessionLine + 1}: session ${sessionId} exists here with a different trainee, scenario or start time; nothing was imported\n`,
    });
  });

  it('says what is wrong with a file that is not an export, or a session whose scenario is nowhere', () => {
    const file = join(dir, 'other.jsonl');
    writeFileSync(file, '{"hello":1}\n');
    expect(rp(['import', file, '--db', join(dir, 'x.db'), '--lang', 'en']).stderr).toMatch(
      /other\.jsonl:1: not a line of a roleplay export/,
    );
    expect(rp(['import', join(dir, 'missing.jsonl'), '--db', join(dir, 'x.db'), '--lang', 'en'])).toMatchObject({
      status: 2,
      stderr: expect.stringMatching(/cannot read .*missing\.jsonl: no such file/),
    });
    // An export without its source line, into a database that has never seen the scenario.
    writeFileSync(file, `${lines.filter((l) => !l.includes('"type":"source"')).join('\n')}\n`);
    const r = rp(['import', file, '--db', join(dir, 'y.db'), '--lang', 'en']);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(
      /other\.jsonl:2: session .* was played on a version of scenario 'basement-alarm' that is neither in the file nor here/,
    );
  });
});
