/**
 * The starter scenario `roleplay new` writes: one node of each kind, three endings, tests,
 * and comments that explain each field where it is used. It must pass `lint --strict` and
 * `test` exactly as written (a test checks that), so a trainer starts from something that
 * works and changes it one step at a time.
 */

/** `schemaRef`: where the JSON Schema is, relative to the new file (for editor completion). */
export function starterScenario(id: string, schemaRef: string): string {
  return `# yaml-language-server: $schema=${schemaRef}
# A starter case written by \`roleplay new ${id}\`. Change the text, add nodes, and check your
# work as you go:
#   roleplay lint --strict <this file>     problems, with line:column
#   roleplay test <this file>              runs the \`tests:\` at the bottom
#   roleplay paths <this file>             every ending: reachable? scores? shortest steps
#   roleplay graph <this file>             the case as a diagram (Mermaid; --format dot)
#   roleplay play --watch <this file>      play it; saving the file reloads it in place
# Every text can be one string, or { zh: ..., en: ... } for both interface languages.

id: ${id}                      # lower-case letters, digits and hyphens; unique among your cases
title: { zh: 新案例：抱怨网速的客户, en: "New case: a customer complains about speed" }
summary:
  zh: 客户说最近网速很慢，你刚到站。先听完，再介绍自己，最后给出具体的时间。
  en: The customer says the network has been slow lately, and you have just arrived. Listen first, introduce yourself, then give a concrete time.
difficulty: 1                  # 1 (easy) to 3 (hard)
tags: [starter]
passScore: 70                  # percent of the best possible score needed to pass

cast:                          # the first member is the default speaker
  chen:
    name: { zh: 陈经理, en: Manager Chen }
    role: { zh: 客户方网络经理, en: "Network manager, customer side" }
    type: friendly             # angry, hesitant, friendly, insistent, power, social, harmony, thinking, other

meters:                        # numbers that change as the trainee acts; shown as bars
  trust: { initial: 0, min: -2, max: 3, label: { zh: 信任, en: Trust } }

# Points go to lessons. These ids come from the lesson catalog (scenarios/lessons.yaml);
# to add your own lesson for this case only, uncomment and edit:
# lessons:
#   check-the-logs:
#     title: { zh: 先看日志, en: Check the logs first }
#     principle: { zh: 下结论之前先看数据。, en: Look at the data before you conclude. }

start: opening
nodes:
  # A choice node: the trainee picks one of the visible choices.
  opening:
    speaker: chen
    text:
      zh: 你可算来了！这一周网速慢得要命，我们开会视频都卡。
      en: Finally! The network has been painfully slow all week. Even our video meetings freeze.
    choices:
      - id: listen
        text: { zh: 点点头，请他把情况说完。, en: Nod and ask him to tell you everything. }
        score: { listen-fully: 2 }       # lesson id -> points (may be negative)
        effects: { trust: 1 }            # meter -> change, kept within min..max
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
    timeout:                             # optional: what happens if the trainee waits too long
      seconds: 20
      score: { listen-fully: -1 }
      feedback: { zh: 沉默太久，客户有些不耐烦。, en: You stayed silent too long; he grows impatient. }
      goto: introduce

  # An input node: the trainee types an answer; the first rule that matches wins.
  introduce:
    speaker: chen
    text: { zh: 对了，你是哪位？, en: "By the way, who are you?" }
    input:
      prompt: { zh: 介绍一下你自己。, en: Introduce yourself. }
      rules:
        - match: { any: [华苏, huasu], none: [不知道, "don't know"] }   # all / any / none keywords, or regex
          score: { introduce-yourself: 2 }
          effects: { trust: 1 }
          feedback: { zh: 说清楚公司和名字，客户心里有数。, en: Naming yourself and your company puts him at ease. }
          goto: mood-check
        - score: { introduce-yourself: -1 }    # no \`match\`: the fallback, always last
          feedback: { zh: 别忘了说出你的公司和名字。, en: "Remember to say your name and company." }
          goto: mood-check

  # A when node: no trainee step; the first entry whose condition holds is taken.
  mood-check:
    when:
      - if: { trust: { lte: -1 } }       # conditions: eq, gte, gt, lte, lt, or visited: node-id
        goto: walks-away
      - goto: plan                       # the last entry has no \`if\`

  plan:
    speaker: chen
    text: { zh: 那你说，什么时候能好？, en: So when will it be fixed? }
    choices:
      - id: trusted-plan
        if: { trust: { gte: 2 } }        # shown only when the condition holds
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
        text: { zh: “很快就好，您放心。”, en: '"It''ll be fine soon, don''t worry."' }
        score: { concrete-times: -1 }
        feedback: { zh: “很快”不是时间。, en: '"Soon" is not a time.' }
        goto: unconvinced

  # Endings: success, partial or failure.
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

# Tests run with \`roleplay test\` (add --coverage to see what no test visits yet).
# A step is a choice id, { say: text } or { wait: true }.
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
