/**
 * A refused step, and every sentence of the trainer's tools (run, test, paths, graph, new),
 * exists in Chinese and English with the ids verbatim in both — the contract's "names the node
 * and the valid choice ids" holds whatever the language.
 */
import { SimulatedClock } from 'xstate';
import { describe, expect, it } from 'vitest';
import { compile, Play, runSteps, StepError, type ScenarioNode } from '../../src/core/index.js';
import type { Said } from '../../src/core/format/messages.js';
import { expectsSaid, stepMessages } from '../../src/core/play/step-messages.js';
import {
  type ALL_TOOL_MESSAGES,
  coverageMessages,
  graphMessages,
  newMessages,
  pathsMessages,
  stepsFileMessages,
  testMessages,
} from '../../src/cli/tool-messages.js';
import { GREETING, load } from './helpers.js';

const CJK = /[\u4e00-\u9fff]/;

/** The checks messages.test.ts makes of the loader's messages. */
function expectBothLanguages(name: string, t: Said) {
  expect(t.zh, name).toMatch(CJK);
  expect(t.en.replace(/[{[][^}\]]*[}\]]/g, ''), name).not.toMatch(CJK);
  expect(t.zh.replace(/[{[][^}\]]*[}\]]/g, ''), name).not.toMatch(/[\u4e00-\u9fff」][,;:?!()]/);
  for (const word of t.en.match(/[a-z]+-x\b/g) ?? []) expect(t.zh, `${name}: ${word}`).toContain(word);
}

const choiceNode = {
  id: 'gate-x',
  kind: 'choice',
  choices: [{ id: 'call-x' }, { id: 'wait-x' }],
  timeout: { seconds: 5 },
} as unknown as ScenarioNode;
const expects = expectsSaid(choiceNode);

type Samples = { [G in keyof typeof ALL_TOOL_MESSAGES]: { [K in keyof (typeof ALL_TOOL_MESSAGES)[G]]: Said } };
const ratio = { ratio: '1/2', percent: 50 };
const missing = [{ node: 'gate-x', rule: 3 }];
const tools: Samples = {
  stepsFileMessages: {
    bothGiven: stepsFileMessages.bothGiven(),
    noneGiven: stepsFileMessages.noneGiven(),
    unreadable: stepsFileMessages.unreadable('steps-x.yaml', true, 'EISDIR'),
    notYamlOrJson: stepsFileMessages.notYamlOrJson('steps-x.yaml', 'Missing closing "quote'),
    notAList: stepsFileMessages.notAList('steps-x.yaml'),
    badStep: stepsFileMessages.badStep('steps-x.yaml', 2),
  },
  testMessages: {
    doesNotLoad: testMessages.doesNotLoad(),
    problemSeparator: { zh: `甲${testMessages.problemSeparator().zh}乙`, en: testMessages.problemSeparator().en },
    summary: testMessages.summary(4, 1),
    answerMismatch: testMessages.answerMismatch('gate-x', 'maybe', { rule: 2, id: 'vague-x' }, { rule: 1 }),
  },
  coverageMessages: {
    heading: coverageMessages.heading(),
    counts: coverageMessages.counts('1/2', '3/4', '0/1', '2/5'),
    rulesMissed: coverageMessages.rulesMissed(['gate-x#vague-x', 'gate-x#3']),
    noTests: coverageMessages.noTests(),
    allCovered: coverageMessages.allCovered(),
    endingsMissed: coverageMessages.endingsMissed(['lost-x']),
    nodesMissed: coverageMessages.nodesMissed(['gate-x', 'ask-x']),
    choicesMissed: coverageMessages.choicesMissed(['gate-x.call-x']),
    total: coverageMessages.total(ratio, ratio, ratio, 3, ratio),
  },
  pathsMessages: {
    heading: pathsMessages.heading('case-x', 6, 75),
    headingTooComplex: pathsMessages.headingTooComplex('case-x'),
    neverReached: pathsMessages.neverReached(),
    reachable: pathsMessages.reachable(),
    then: { zh: `可以到达${pathsMessages.then().zh}得分`, en: pathsMessages.then().en },
    onlyByRevisit: pathsMessages.onlyByRevisit(),
    score: pathsMessages.score(-3, 6, 0, 100),
    shortest: pathsMessages.shortest(2, '[{ say: "华苏割接" }, show-form]'),
    noAnswerWritten: pathsMessages.noAnswerWritten(missing),
    nobodyCanPass: pathsMessages.nobodyCanPass(75),
    nobodyCanFail: pathsMessages.nobodyCanFail(),
    endingUnreachable: pathsMessages.endingUnreachable('lost-x'),
    searchStopped: pathsMessages.searchStopped('2,000,000'),
    saveHint: pathsMessages.saveHint('case-x.yaml'),
    notAnEnding: pathsMessages.notAnEnding('nowhere-x', 'case-x', ['won-x', 'lost-x']),
    endingCannotBeReached: pathsMessages.endingCannotBeReached('lost-x'),
    endingNeedsAnswer: pathsMessages.endingNeedsAnswer('weird-x', missing),
  },
  graphMessages: {
    noBestPath: graphMessages.noBestPath(),
    tooComplex: graphMessages.tooComplex(2_000_000),
  },
  newMessages: {
    badId: newMessages.badId('bad-x'),
    exists: newMessages.exists('case-x.yaml'),
    cannotWrite: newMessages.cannotWrite('case-x.yaml', 'EACCES', 'permission denied'),
    wrote: newMessages.wrote('case-x.yaml'),
    next: newMessages.next('case-x.yaml'),
  },
};

describe('step messages', () => {
  it('every reason a step is refused reads in Chinese and English, ids verbatim in both', () => {
    const all: Record<string, Said> = {
      expectsChoice: expects,
      expectsInput: expectsSaid({ id: 'ask-x', kind: 'input' } as unknown as ScenarioNode),
      expectsBranch: expectsSaid({ id: 'check-x', kind: 'branch' } as unknown as ScenarioNode),
      expectsEnd: expectsSaid({ id: 'won-x', kind: 'end' } as unknown as ScenarioNode),
      alreadyEnded: stepMessages.alreadyEnded('won-x'),
      notAChoiceNode: stepMessages.notAChoiceNode('ask-x', 'call-x', expects),
      hidden: stepMessages.notVisible('gate-x', 'secret-x', true, ['call-x', 'wait-x']),
      notAChoice: stepMessages.notVisible('gate-x', 'shout-x', false, ['call-x']),
      noneVisible: stepMessages.notVisible('gate-x', 'shout-x', false, []),
      notAnInputNode: stepMessages.notAnInputNode('gate-x', expects),
      noTimeout: stepMessages.noTimeout('gate-x', expects),
      ranOut: stepMessages.ranOut('gate-x', expects),
      atStep: stepMessages.atStep(3, stepMessages.alreadyEnded('won-x')),
    };
    for (const [name, t] of Object.entries(all)) expectBothLanguages(name, t);
    expect(expects.zh).toBe('要选一个选项（call-x、wait-x），或用 { wait: true } 等到超时');
    expect(all.notAChoice).toEqual({
      zh: '节点「gate-x」没有「shout-x」这个选项；可选的选项：call-x',
      en: "'shout-x' is not a choice at node 'gate-x'; valid choices: call-x",
    });
  });

  it('every sentence of run, test, paths, graph and new reads in Chinese and English', () => {
    for (const [group, ms] of Object.entries(tools)) {
      for (const [name, t] of Object.entries(ms as Record<string, Said>)) expectBothLanguages(`${group}.${name}`, t);
    }
    expect(tools.testMessages.summary).toEqual({ zh: '4 个通过，1 个失败', en: '4 passed, 1 failed' });
  });
});

describe('a refused step carries both languages', () => {
  const compiled = compile(load(GREETING));

  it('StepError: English message (for logs), both texts, the node', () => {
    const play = new Play(compiled, { clock: new SimulatedClock() });
    let error: unknown;
    try {
      play.choose('secret');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(StepError);
    const e = error as StepError;
    expect(e.node).toBe('greet');
    expect(e.message).toBe(
      "'secret' is hidden (its condition does not hold) at node 'greet'; valid choices: warm or cold",
    );
    expect(e.in('en')).toBe(e.message);
    expect(e.in('zh')).toBe('节点「greet」的选项「secret」现在不可选（它的条件不成立）；可选的选项：warm、cold');
    play.stop();
  });

  it('runSteps: the step number, the node and the valid choices in both; error is the English text', () => {
    const r = runSteps(compiled, ['warm', 'cold']);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r).toMatchObject({ node: 'ask', step: 2, error: r.text.en });
    expect(r.text.en).toBe(
      "step 2: node 'ask' expects a typed answer ({ say: ... }), or { wait: true } to let the timeout fire, not the choice 'cold'",
    );
    expect(r.text.zh).toBe(
      '第 2 步：节点「ask」要输入一个回答（{ say: ... }），或用 { wait: true } 等到超时，不能选「cold」',
    );
    const out = runSteps(compiled, []);
    expect(!out.ok && out.text).toEqual({
      zh: '步骤用完时停在节点「greet」，还没到结局；它要选一个选项（warm、cold）',
      en: "the steps ran out at node 'greet' before an ending; it expects a choice (warm or cold)",
    });
    const wait = runSteps(compiled, [{ wait: true }]);
    expect(!wait.ok && wait.text.zh).toBe('第 1 步：节点「greet」没有 timeout，不能等待；它要选一个选项（warm、cold）');
    const after = runSteps(compiled, ['warm', { say: 'hi' }, 'warm']);
    expect(!after.ok && after.text).toEqual({
      zh: '第 3 步：这次运行已经在「won」结束了',
      en: "step 3: the run already ended at 'won'",
    });
  });
});
