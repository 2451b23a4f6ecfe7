/**
 * The starter scenario `roleplay new` writes: one node of each kind, three endings, tests,
 * and comments that explain each field where it is used. It must pass `lint --strict` and
 * `test` exactly as written (a test checks that), so a trainer starts from something that
 * works and changes it one step at a time.
 *
 * The case itself is bilingual; only the comments follow --lang, because they are read by the
 * trainer who ran `new`. The YAML is one template for both languages, so the two files can
 * differ in their comments and nowhere else.
 */
import type { Lang } from '../../core/index.js';
import { said } from '../env.js';

/** The comments, without their `# `; a note of several lines gets `# ` on each line. */
const notes = (id: string) => ({
  header: said(
    `这是 \`roleplay new ${id}\` 写出的入门案例。改文字、加节点，边改边检查：
  roleplay lint --strict <本文件>     列出问题，标明行号:列号
  roleplay test <本文件>              运行文件末尾的 \`tests:\`
  roleplay paths <本文件>             每个结局：能否到达？得分多少？最短几步
  roleplay graph <本文件>             把案例画成流程图（Mermaid；--format dot）
  roleplay play --watch <本文件>      试玩；保存文件后当场重新载入
每段文字可以只写一句，也可以写成 { zh: ..., en: ... }，两种界面语言各一份。`,
    `A starter case written by \`roleplay new ${id}\`. Change the text, add nodes, and check your
work as you go:
  roleplay lint --strict <this file>     problems, with line:column
  roleplay test <this file>              runs the \`tests:\` at the bottom
  roleplay paths <this file>             every ending: reachable? scores? shortest steps
  roleplay graph <this file>             the case as a diagram (Mermaid; --format dot)
  roleplay play --watch <this file>      play it; saving the file reloads it in place
Every text can be one string, or { zh: ..., en: ... } for both interface languages.`,
  ),
  id: said(
    '小写字母、数字和连字符；不能与你的其他案例重复',
    'lower-case letters, digits and hyphens; unique among your cases',
  ),
  difficulty: said('1（容易）到 3（难）', '1 (easy) to 3 (hard)'),
  passScore: said('及格线：满分的百分之几', 'percent of the best possible score needed to pass'),
  cast: said('第一个角色是默认的说话人', 'the first member is the default speaker'),
  type: said(
    '可选值：angry、hesitant、friendly、insistent、power、social、harmony、thinking、other',
    'angry, hesitant, friendly, insistent, power, social, harmony, thinking, other',
  ),
  meters: said('随学员的做法变化的数值，以进度条显示', 'numbers that change as the trainee acts; shown as bars'),
  lessons: said(
    `分数记在要点上。这些 id 来自要点目录（scenarios/lessons.yaml）；
如果只想给这个案例加一个自己的要点，去掉下面几行开头的 # 再修改：`,
    `Points go to lessons. These ids come from the lesson catalog (scenarios/lessons.yaml);
to add your own lesson for this case only, uncomment and edit:`,
  ),
  choiceNode: said(
    '选择节点：学员从显示的选项中选一个。',
    'A choice node: the trainee picks one of the visible choices.',
  ),
  score: said('要点 id -> 分数（可以是负数）', 'lesson id -> points (may be negative)'),
  effects: said('指标 -> 变化量，结果保持在 min..max 之内', 'meter -> change, kept within min..max'),
  timeout: said('可选：学员等太久时会怎样', 'optional: what happens if the trainee waits too long'),
  inputNode: said(
    '输入节点：学员输入回答；从上往下，第一条匹配的规则生效。',
    'An input node: the trainee types an answer; the first rule that matches wins.',
  ),
  model: said(
    '参考答案：复盘时给学员看，必须拿到满分',
    'the model answer: shown in the debrief; it must score full marks',
  ),
  match: said('关键词用 all / any / none，或者用 regex', 'all / any / none keywords, or regex'),
  fallback: said('没有 `match`：兜底规则，总是放在最后', 'no `match`: the fallback, always last'),
  whenNode: said(
    'when 节点：学员不用操作；走第一个条件成立的分支。',
    'A when node: no trainee step; the first entry whose condition holds is taken.',
  ),
  conditions: said(
    '条件：eq、gte、gt、lte、lt，或 visited: 节点 id',
    'conditions: eq, gte, gt, lte, lt, or visited: node-id',
  ),
  lastEntry: said('最后一个分支不写 `if`', 'the last entry has no `if`'),
  shownWhen: said('条件成立时才显示', 'shown only when the condition holds'),
  endings: said('结局：success、partial 或 failure。', 'Endings: success, partial or failure.'),
  tests: said(
    `用 \`roleplay test\` 运行这些测试（加 --coverage 可以看到哪些地方还没有测试走到）。
每一步是一个选项 id、{ say: 文字 } 或 { wait: true }。`,
    `Tests run with \`roleplay test\` (add --coverage to see what no test visits yet).
A step is a choice id, { say: text } or { wait: true }.`,
  ),
});

/**
 * `schemaRef`: where the JSON Schema is, relative to the new file (for editor completion).
 * `lang`: the language of the comments; everything else is the same in both.
 */
export function starterScenario(id: string, schemaRef: string, lang: Lang): string {
  const all = notes(id);
  const note = (key: keyof typeof all, indent = '') =>
    all[key][lang]
      .split('\n')
      .map((line) => `${indent}# ${line}`)
      .join('\n');
  return `# yaml-language-server: $schema=${schemaRef}
${note('header')}

id: ${id}                      ${note('id')}
title: { zh: 新案例：抱怨网速的客户, en: "New case: a customer complains about speed" }
summary:
  zh: 客户说最近网速很慢，你刚到站。先听完，再介绍自己，最后给出具体的时间。
  en: The customer says the network has been slow lately, and you have just arrived. Listen first, introduce yourself, then give a concrete time.
difficulty: 1                  ${note('difficulty')}
tags: [starter]
passScore: 70                  ${note('passScore')}

cast:                          ${note('cast')}
  chen:
    name: { zh: 陈经理, en: Manager Chen }
    role: { zh: 客户方网络经理, en: "Network manager, customer side" }
    type: friendly             ${note('type')}

meters:                        ${note('meters')}
  trust: { initial: 0, min: -2, max: 3, label: { zh: 信任, en: Trust } }

${note('lessons')}
# lessons:
#   check-the-logs:
#     title: { zh: 先看日志, en: Check the logs first }
#     principle: { zh: 下结论之前先看数据。, en: Look at the data before you conclude. }

start: opening
nodes:
${note('choiceNode', '  ')}
  opening:
    speaker: chen
    text:
      zh: 你可算来了！这一周网速慢得要命，我们开会视频都卡。
      en: Finally! The network has been painfully slow all week. Even our video meetings freeze.
    choices:
      - id: listen
        text: { zh: 点点头，请他把情况说完。, en: Nod and ask him to tell you everything. }
        score: { listen-fully: 2 }       ${note('score')}
        effects: { trust: 1 }            ${note('effects')}
        feedback:
          zh: 先听完，他会觉得你在认真对待。
          en: Listening first shows him you take it seriously.
        goto: introduce
      - id: interrupt
        text: { zh: “我知道，我知道，肯定是天线的问题。”, en: '"I know, I know, it must be the antenna."' }
        score: { listen-fully: -1 }
        effects: { trust: -1 }
        feedback:
          zh: 还没听完就下结论，客户会觉得你在敷衍。
          en: Jumping to a conclusion before he finishes sounds dismissive.
        goto: introduce
    timeout:                             ${note('timeout')}
      seconds: 20
      score: { listen-fully: -1 }
      feedback: { zh: 沉默太久，客户有些不耐烦。, en: You stayed silent too long; he grows impatient. }
      goto: introduce

${note('inputNode', '  ')}
  introduce:
    speaker: chen
    text: { zh: 对了，你是哪位？, en: "By the way, who are you?" }
    input:
      prompt: { zh: 介绍一下你自己。, en: Introduce yourself. }
      model: { zh: 您好，我是华苏的工程师小张。, en: "Hello, I'm Zhang, the engineer from Huasu." }   ${note('model')}
      rules:
        - match: { any: [华苏, huasu], none: [不知道, "don't know"] }   ${note('match')}
          score: { introduce-yourself: 2 }
          effects: { trust: 1 }
          feedback: { zh: 说清楚公司和名字，客户心里有数。, en: Naming yourself and your company puts him at ease. }
          goto: mood-check
        - score: { introduce-yourself: -1 }    ${note('fallback')}
          feedback: { zh: 别忘了说出你的公司和名字。, en: "Remember to say your name and company." }
          goto: mood-check

${note('whenNode', '  ')}
  mood-check:
    when:
      - if: { trust: { lte: -1 } }       ${note('conditions')}
        goto: walks-away
      - goto: plan                       ${note('lastEntry')}

  plan:
    speaker: chen
    text: { zh: 那你说，什么时候能好？, en: So when will it be fixed? }
    choices:
      - id: trusted-plan
        if: { trust: { gte: 2 } }        ${note('shownWhen')}
        text:
          zh: “我先查今天的告警，十点前给您结果，下午三点前处理完。”
          en: '"I''ll check today''s alarms, report by ten, and have it fixed by three this afternoon."'
        score: { concrete-times: 3 }
        goto: resolved
      - id: give-time
        text: { zh: “下午三点前给您答复。”, en: '"I''ll get back to you by three this afternoon."' }
        score: { concrete-times: 2 }
        goto: resolved
      - id: vague
        text:
          zh: “我这就去查，今天之内尽快给您处理好，一有消息马上告诉您，您放心。”
          en: '"I''m on it now. We''ll get it sorted as soon as we can today, and I''ll tell you the moment there''s news."'
        score: { concrete-times: -1 }
        feedback: { zh: “尽快”“马上”都不是时间：说一个他能记下来的钟点。, en: '"As soon as we can" is not a time: give him one he can write down.' }
        goto: unconvinced

${note('endings', '  ')}
  resolved:
    speaker: narrator
    text: { zh: 陈经理点点头，把你的时间记在了本子上。, en: Manager Chen nods and writes your times in his notebook. }
    end: { outcome: success }
  unconvinced:
    speaker: narrator
    text: { zh: 陈经理叹了口气：“那我再等等吧。”, en: 'Manager Chen sighs: "I suppose I''ll wait, then."' }
    end: { outcome: partial }
  walks-away:
    speaker: narrator
    text: { zh: 陈经理摆摆手，转身去给你们项目经理打电话了。, en: Manager Chen waves you off and goes to call your project manager. }
    end: { outcome: failure }

${note('tests')}
tests:
  - name: best path
    steps: [listen, { say: 您好，我是华苏的小王 }, trusted-plan]
    expect: { outcome: success, ending: resolved, percent: 100 }
  - name: waiting and a plain time
    steps: [{ wait: true }, { say: "Hello, I'm Wang from Huasu" }, give-time]
    expect: { ending: resolved, passed: false }
  - name: a vague answer leaves him unconvinced
    steps: [listen, { say: 我是华苏的 }, vague]
    expect: { outcome: partial, ending: unconvinced, passed: false }
  - name: interrupting loses him
    steps: [interrupt, { say: 嗯 }]
    expect: { outcome: failure, ending: walks-away }
`;
}
