/**
 * The trainer's tools in the trainer's language: `run` (refused steps, steps-file problems),
 * `test` (its summary, failing lines and coverage), `paths` and `new` speak Chinese with
 * --lang zh (and by default) and English with --lang en, with the same exit codes; ids, file
 * names and step lists stay verbatim, and the `ok`/`FAIL` markers are the same in both.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { FIXTURES, ROOT, rp } from './helpers.js';

const CLI_DIR = join(FIXTURES, 'cli');
const HELPDESK = join(CLI_DIR, 'scenarios', 'helpdesk.yaml');
const AUTHORING = (name: string) => join(ROOT, 'test', 'authoring', 'fixtures', name);
const BASEMENT_ALARM = join(FIXTURES, 'ui', 'basement-alarm.yaml');
const CJK = /[\u4e00-\u9fff]/;
const LANGS = ['zh', 'en'] as const;

let tmp: string;
beforeAll(() => {
  tmp = mkdtempSync(join(tmpdir(), 'roleplay-tools-lang-'));
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
const file = (name: string, text: string) => {
  const p = join(tmp, name);
  writeFileSync(p, text);
  return p;
};

describe('run: a refused step, in the language asked for', () => {
  const refused = {
    zh: 'roleplay: 第 1 步：节点「greet」没有「shout」这个选项；可选的选项：listen、talk\n',
    en: "roleplay: step 1: 'shout' is not a choice at node 'greet'; valid choices: listen or talk\n",
  };

  it.each(LANGS)('--lang %s: exit 2, one line naming the node and the valid choice ids', (lang) => {
    const r = rp(['run', HELPDESK, '--choices', 'shout', '--lang', lang]);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(refused[lang]);
  });

  it('without --lang (and no locale): Chinese, as every command', () => {
    expect(rp(['run', HELPDESK, '--choices', 'shout'])).toMatchObject({ status: 2, stderr: refused.zh });
    expect(rp(['run', HELPDESK, '--choices', 'shout'], { env: { ROLEPLAY_LANG: 'en' } })).toMatchObject({
      status: 2,
      stderr: refused.en,
    });
  });

  it('the steps running out, a typed answer expected, steps after the ending', () => {
    const zh = (args: string[]) => rp([...args, '--lang', 'zh']);
    expect(zh(['run', HELPDESK, '--choices', 'talk'])).toMatchObject({
      status: 2,
      stderr: 'roleplay: 步骤用完时停在节点「intro」，还没到结局；它要输入一个回答（{ say: ... }）\n',
    });
    expect(zh(['run', HELPDESK, '--choices', 'listen,talk'])).toMatchObject({
      status: 2,
      stderr: 'roleplay: 第 2 步：节点「intro」要输入一个回答（{ say: ... }），不能选「talk」\n',
    });
    const extra = file('extra.json', JSON.stringify([{ wait: true }, 'listen']));
    const after = zh(['run', HELPDESK, '--steps', extra]);
    expect(after.status).toBe(2);
    expect(after.stderr).toMatch(/^roleplay: 第 2 步：这次运行已经在「hung-up」结束了\n$/);
  });
});

describe('run: problems with the steps', () => {
  const notList = () => file('notlist.yaml', 'hello: world\n');
  const badStep = () => file('badstep.json', JSON.stringify(['listen', { shout: 'x' }]));
  const badYaml = () => file('bad.yaml', '[listen, {say: "x"\n');
  const cases: [string, () => string[], RegExp, RegExp][] = [
    [
      'no steps',
      () => ['run', HELPDESK],
      /请给出要走的步骤：--steps <file\.yaml\|json> 或 --choices a,b,c/,
      /give the steps to play/,
    ],
    [
      'both',
      () => ['run', HELPDESK, '--steps', 'x.yaml', '--choices', 'a'],
      /请只给 --steps 或 --choices 其中一个/,
      /either --steps or --choices, not both/,
    ],
    [
      'missing file',
      () => ['run', HELPDESK, '--steps', '/no/such/steps.yaml'],
      /无法读取步骤文件 \/no\/such\/steps\.yaml：没有这个文件/,
      /cannot read steps file \/no\/such\/steps\.yaml: no such file/,
    ],
    [
      'not a list',
      () => ['run', HELPDESK, '--steps', notList()],
      /notlist\.yaml：这里应该是一个步骤列表/,
      /notlist\.yaml: expected a list of steps/,
    ],
    [
      'bad step',
      () => ['run', HELPDESK, '--steps', badStep()],
      /badstep\.json：第 2 步既不是选项 id，也不是 \{ say: 文字 \} 或 \{ wait: true \}/,
      /step 2 is not a choice id/,
    ],
    [
      'bad YAML',
      () => ['run', HELPDESK, '--steps', badYaml()],
      /bad\.yaml：不是有效的 YAML 或 JSON（/,
      /bad\.yaml: not valid YAML or JSON: /,
    ],
  ];

  it.each(cases)('%s: exit 2, one line in Chinese or English', (_, args, zh, en) => {
    const z = rp([...args(), '--lang', 'zh']);
    const e = rp([...args(), '--lang', 'en']);
    for (const r of [z, e]) {
      expect(r.status).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
    }
    expect(z.stderr).toMatch(zh);
    expect(e.stderr).toMatch(en);
    expect(e.stderr).not.toMatch(/[\u4e00-\u9fff](?![^[]*\])/); // English, except the example steps
  });
});

describe('test: summary, failing lines and coverage', () => {
  it('--lang zh: the same ok/FAIL markers, the reasons and the summary in Chinese', () => {
    const r = rp(['test', '--lang', 'zh', join(CLI_DIR, 'failing'), join(CLI_DIR, 'scenarios')]);
    expect(r.status).toBe(1);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines).toContain('ok   failing-tests › passes');
    expect(lines).toContain(
      'FAIL failing-tests › invalid step: 第 1 步：节点「greet」没有「shout」这个选项；可选的选项：listen、talk',
    );
    expect(lines.at(-1)).toBe('4 个通过，2 个失败');
  });

  it('--coverage in both languages: the same numbers, one line per scenario, the summary last', () => {
    const args = [
      'test',
      '--coverage',
      AUTHORING('coverage/partly-tested.yaml'),
      AUTHORING('clean.yaml'),
      AUTHORING('nobody-fails.yaml'),
    ];
    const zh = rp([...args, '--lang', 'zh']);
    const en = rp([...args, '--lang', 'en']);
    expect([zh.status, en.status]).toEqual([1, 1]);
    const z = zh.stdout.trimEnd().split('\n');
    const e = en.stdout.trimEnd().split('\n');
    expect(z).toHaveLength(e.length);
    expect(z.at(-1)).toBe('2 个通过，1 个失败');
    expect(z.at(-2)).toBe('覆盖率：节点 5/10（50%），选项 3/8（37%），结局 2/6（33%），共 3 个案例');
    expect(z).toContain('覆盖率（测试进入过的节点、选过的选项、到达过的结局）：');
    expect(z).toContain('  partly-tested  节点 3/4  选项 2/4  结局 1/2');
    expect(z).toContain('    从没到达的结局：failed');
    expect(z).toContain('    从没选过的选项：ask.rush、follow.skip');
    expect(z).toContain('  nobody-fails   节点 0/3  选项 0/2  结局 0/2  （没有测试）');
    expect(z).toContain(
      'FAIL partly-tested › stops half-way: 步骤用完时停在节点「follow」，还没到结局；它要选一个选项（confirm、skip）',
    );
    expect(e.at(-1)).toBe('2 passed, 1 failed');
    expect(e.join('\n')).not.toMatch(CJK);
  });
});

describe('paths in both languages', () => {
  it('--lang zh: the report in Chinese, ids, outcomes and step lists verbatim', () => {
    const r = rp(['paths', BASEMENT_ALARM, '--lang', 'zh']);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^basement-alarm：最高可得 7 分；及格线 65%\n/);
    expect(r.stdout).toMatch(
      /^turned-away \(failure\) +可以到达；得分 -7 到 2 分（0% 到 29%）\n {2}最短 1 步：\[\{ say: "赶紧" \}\]$/m,
    );
    expect(r.stdout).toContain(
      `步骤可以存进文件再重放：roleplay paths ${BASEMENT_ALARM} --ending <id> > steps.yaml，然后 roleplay run ${BASEMENT_ALARM} --steps steps.yaml`,
    );
    const never = rp(['paths', AUTHORING('never-shown.yaml'), '--lang', 'zh']).stdout;
    expect(never).toMatch(/^lost \(failure\) +永远到不了$/m);
    expect(never).toMatch(/^! 谁也不会不及格：每种走法都能通过；请加一条会出错的路$/m);
    expect(never).toMatch(/^! 结局「lost」永远到不了$/m);
    expect(rp(['paths', AUTHORING('nobody-passes.yaml'), '--lang', 'zh']).stdout).toMatch(
      /^! 谁也通过不了这个案例：.*80%$/m,
    );
    expect(rp(['paths', AUTHORING('answers.yaml'), '--lang', 'zh']).stdout).toMatch(
      /最短 1 步：\[\{ say: \?\?\? \}\]\n {2}\?\?\? 无法为节点「gate」的第 3 条规则写出匹配的回答；请手工写这一步/,
    );
  });

  it.each(LANGS)(
    '--lang %s: every step list it prints is YAML that `run --steps` accepts and that reaches its ending',
    (lang) => {
      const report = rp(['paths', BASEMENT_ALARM, '--lang', lang]).stdout;
      const lists = [...report.matchAll(/^(\S+) \(\w+\) .*\n {2}\S.*?(\[.*\])$/gm)].map((m) => ({
        ending: m[1]!,
        list: m[2]!,
      }));
      expect(lists.map((l) => l.ending).sort()).toEqual(['postponed', 'repaired', 'repaired-late', 'turned-away']);
      for (const { ending, list } of lists) {
        expect(Array.isArray(parse(list))).toBe(true);
        const fromReport = rp([
          'run',
          BASEMENT_ALARM,
          '--steps',
          file(`${lang}-${ending}-report.yaml`, list),
          '--lang',
          lang,
        ]);
        expect(fromReport.status, fromReport.stderr).toBe(0);
        expect(JSON.parse(fromReport.stdout).ending).toBe(ending);
        const only = rp(['paths', BASEMENT_ALARM, '--ending', ending, '--lang', lang]);
        expect(only.status, only.stderr).toBe(0);
        expect(only.stdout).toMatch(/^(- .*\n)+$/); // nothing but the steps, whatever the language
        const run = rp(['run', BASEMENT_ALARM, '--steps', file(`${lang}-${ending}.yaml`, only.stdout), '--lang', lang]);
        expect(run.status, run.stderr).toBe(0);
        expect(JSON.parse(run.stdout).ending).toBe(ending);
      }
    },
    60_000, // thirteen runs of the binary: room for a busy machine
  );

  it('--ending problems in both languages, exit 1', () => {
    const zh = rp(['paths', BASEMENT_ALARM, '--ending', 'nowhere', '--lang', 'zh']);
    expect(zh).toMatchObject({
      status: 1,
      stdout: '',
      stderr:
        'roleplay: 「nowhere」不是 basement-alarm 的结局；它的结局有：repaired、repaired-late、postponed、turned-away\n',
    });
    const en = rp(['paths', BASEMENT_ALARM, '--ending', 'nowhere', '--lang', 'en']);
    expect(en).toMatchObject({
      status: 1,
      stderr:
        "roleplay: 'nowhere' is not an ending of basement-alarm; endings: repaired, repaired-late, postponed, turned-away\n",
    });
    expect(rp(['paths', AUTHORING('answers.yaml'), '--ending', 'weird', '--lang', 'zh'])).toMatchObject({
      status: 1,
      stderr:
        'roleplay: 通往「weird」的路要经过一条写不出匹配回答的规则（节点「gate」的第 3 条规则）；请手工写这一步\n',
    });
    expect(rp(['paths', AUTHORING('never-shown.yaml'), '--ending', 'lost', '--lang', 'zh'])).toMatchObject({
      status: 1,
      stderr: 'roleplay: 结局「lost」到不了\n',
    });
    expect(rp(['paths', AUTHORING('never-shown.yaml'), '--ending', 'lost', '--lang', 'en'])).toMatchObject({
      status: 1,
      stderr: "roleplay: ending 'lost' cannot be reached\n",
    });
  });
});

describe('new in both languages', () => {
  it.each([
    [
      'zh',
      ['new', 'late-zh', '--lang', 'zh'],
      '已写入 {file}\n下一步：编辑它，然后运行  roleplay lint --strict {file}  和  roleplay test {file}\n',
    ],
    [
      'en',
      ['--lang', 'en', 'new', 'late-en'],
      'wrote {file}\nnext: edit it, then  roleplay lint --strict {file}  and  roleplay test {file}\n',
    ],
    ['zh by default', ['new', 'late-default'], '已写入 {file}\n'],
  ] as const)('%s: what it wrote and what to do next', (_, args, want) => {
    const dir = mkdtempSync(join(tmp, 'new-'));
    const r = rp([...args, '--dir', dir]);
    expect(r.status).toBe(0);
    const f = join(dir, `${args.find((a) => a.startsWith('late-'))!}.yaml`);
    expect(r.stdout.startsWith(want.replaceAll('{file}', f))).toBe(true);
  });

  it('an id it refuses (exit 2) and a file it will not overwrite (exit 1), in both languages', () => {
    expect(rp(['new', 'Bad Id', '--lang', 'zh'])).toMatchObject({
      status: 2,
      stderr: 'roleplay: 「Bad Id」不能用作案例 id：只能用小写字母、数字和连字符，例如 late-delivery\n',
    });
    expect(rp(['new', 'Bad Id', '--lang', 'en'])).toMatchObject({
      status: 2,
      stderr:
        "roleplay: 'Bad Id' cannot be a scenario id: use lower-case letters, digits and hyphens, e.g. late-delivery\n",
    });
    const dir = mkdtempSync(join(tmp, 'taken-'));
    writeFileSync(join(dir, 'taken.yaml'), 'my own work\n');
    const f = join(dir, 'taken.yaml');
    expect(rp(['new', 'taken', '--dir', dir, '--lang', 'zh'])).toMatchObject({
      status: 1,
      stderr: `roleplay: ${f} 已经存在，不会覆盖它（请换一个 id，或用 --dir）\n`,
    });
    expect(rp(['new', 'taken', '--dir', dir, '--lang', 'en'])).toMatchObject({
      status: 1,
      stderr: `roleplay: ${f} already exists; not overwriting it (choose another id, or --dir)\n`,
    });
  });
});
