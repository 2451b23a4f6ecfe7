/**
 * Every message the loader and lint can give exists in Chinese and in English, names what it
 * is about verbatim in both, and reads as the language it claims to be.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import { describe, expect, it } from 'vitest';
import {
  type ALL_MESSAGE_GROUPS,
  type MessageCode,
  yamlCode,
  answerMessages,
  YAML_PARSER_CODES,
  checkMessages,
  fileMessages,
  lintSummary,
  referenceMessages,
  resolveMessages,
  schemaIssue,
  schemaIssueText,
  schemaMessages,
  shapeMessages,
  whereSaid,
  yamlMessages,
  type Message,
  type Said,
  type SchemaMessageKey,
} from '../../src/core/format/messages.js';
import { didYouMeanSaid } from '../../src/core/format/messages.js';
import { loadFile } from '../../src/core/index.js';
import { header } from './helpers.js';

const near = didYouMeanSaid('estimat', ['estimate']);
const none: Said = { zh: '', en: '' };
const where = whereSaid(['nodes', 'gate-x', 'choices', 1]);

/** One call of every message builder; the type makes leaving one out a compile error. */
type Samples = {
  [G in keyof typeof ALL_MESSAGE_GROUPS]: { [K in keyof (typeof ALL_MESSAGE_GROUPS)[G]]: Message | Said };
};
const samples: Samples = {
  referenceMessages: {
    emptyCast: referenceMessages.emptyCast(),
    reservedCastId: referenceMessages.reservedCastId('narrator'),
    noNodes: referenceMessages.noNodes(),
    unknownNode: referenceMessages.unknownNode('goto', 'estimat', near),
    reservedMeter: referenceMessages.reservedMeter(),
    meterMinAboveMax: referenceMessages.meterMinAboveMax('mood-x', 5, 1),
    meterInitialOutside: referenceMessages.meterInitialOutside('mood-x', 9, -5, 5),
    lessonOverridesCatalog: referenceMessages.lessonOverridesCatalog('listen-x'),
    unknownLesson: referenceMessages.unknownLesson('listen-x', none),
    unknownMeterEffect: referenceMessages.unknownMeterEffect('mood-x', none, ['trust', 'time']),
    unknownMeterCondition: referenceMessages.unknownMeterCondition('mood-x', none),
    visitedNotNode: referenceMessages.visitedNotNode(),
    compareMeter: referenceMessages.compareMeter('mood-x', ['eq', 'gte']),
    nodeDoesNothing: referenceMessages.nodeDoesNothing('gate-x'),
    nodeTwoKinds: referenceMessages.nodeTwoKinds('gate-x', 'choices', 'end'),
    unknownSpeaker: referenceMessages.unknownSpeaker('gaurd-x', none, ['wang']),
    misplacedTimeout: referenceMessages.misplacedTimeout('gate-x', 'end'),
    duplicateChoice: referenceMessages.duplicateChoice('call-x', 'gate-x', 2),
    noFallbackRule: referenceMessages.noFallbackRule('gate-x'),
    fallbackNotLast: referenceMessages.fallbackNotLast(1, 'gate-x'),
    fallbackTwice: referenceMessages.fallbackTwice('gate-x'),
    emptyMatch: referenceMessages.emptyMatch(2, 'gate-x'),
    emptyKeyword: referenceMessages.emptyKeyword('，'),
    badRegex: referenceMessages.badRegex('/(a/u: Unterminated group'),
    regexUpperCase: referenceMessages.regexUpperCase(),
    whenDefaultNotLast: referenceMessages.whenDefaultNotLast(1, 'gate-x'),
    whenNoDefault: referenceMessages.whenNoDefault('gate-x'),
    unknownEnding: referenceMessages.unknownEnding('best-x', 'done-x', none),
  },
  checkMessages: {
    branchLoop: checkMessages.branchLoop(['ping-x', 'pong-x']),
    tooComplex: checkMessages.tooComplex(2_000_000, '40 nodes × mood-x 7 values × 2 sets of visited nodes'),
    loopTooComplex: checkMessages.loopTooComplex(50_000_000, 'gate-x → loop-x → gate-x'),
    loopEarns: checkMessages.loopEarns('gate-x → loop-x → gate-x', 2, 'listen-x'),
    revisitBeatsMax: checkMessages.revisitBeatsMax('gate-x → loop-x → gate-x', 12, 'listen-x'),
    scoreUndecided: checkMessages.scoreUndecided('gate-x → loop-x → gate-x', 12, 200_000),
    noEnding: checkMessages.noEnding('gate-x'),
    maxNotPositive: checkMessages.maxNotPositive(-1),
    reachedOnlyByRevisit: checkMessages.reachedOnlyByRevisit('gate-x'),
    unreachableNode: checkMessages.unreachableNode('gate-x', 'start-x'),
    deadEndInLoop: checkMessages.deadEndInLoop('gate-x', 'gate-x → loop-x → gate-x'),
    deadEnd: checkMessages.deadEnd('gate-x'),
    choiceShownOnlyOnRevisit: checkMessages.choiceShownOnlyOnRevisit('call-x', 'gate-x'),
    choiceNeverShown: checkMessages.choiceNeverShown('call-x', 'gate-x', undefined),
    noChoiceShown: checkMessages.noChoiceShown('gate-x', { trust: 0 }),
    branchNeverTaken: checkMessages.branchNeverTaken(
      2,
      'gate-x',
      checkMessages.outOfRange('mood-x', 0, 5, 'gte', 9),
      true,
    ),
    loopNoWayOut: checkMessages.loopNoWayOut('gate-x', { patience: 0 }, 'gate-x → loop-x → gate-x'),
    lessonOnlyLoses: checkMessages.lessonOnlyLoses('listen-x', -1),
    lessonNeverScored: checkMessages.lessonNeverScored('listen-x'),
    unusedMeter: checkMessages.unusedMeter('mood-x'),
    outOfRange: checkMessages.outOfRange('mood-x', 0, 5, 'gt', 7),
    textCutAtComma: checkMessages.textCutAtComma('there-x'),
    unknownLanguage: checkMessages.unknownLanguage('english-x'),
    chineseOnly: checkMessages.chineseOnly(),
    missingTranslation: checkMessages.missingTranslation(['zh'], 'en'),
    textTooLong: checkMessages.textTooLong(200, 160),
  },
  yamlMessages: {
    binaryFile: yamlMessages.binaryFile(),
    emptyFile: yamlMessages.emptyFile(),
    aliasLoop: yamlMessages.aliasLoop('a-x'),
    complexKey: yamlMessages.complexKey(),
    tooManyAliases: yamlMessages.tooManyAliases(100),
    unreadable: yamlMessages.unreadable('detail-x'),
    unclosedQuote: yamlMessages.unclosedQuote('yaml-missing-char', '"'),
    unclosedBracket: yamlMessages.unclosedBracket('yaml-bad-indent', '[', ']'),
    slip: yamlMessages.slip({ kind: 'no-space-after-colon', offset: 0, key: 'goto-x' }),
    colonInValue: yamlMessages.colonInValue('yaml-block-as-implicit-key'),
    duplicateKey: yamlMessages.duplicateKey('text-x'),
    // the parser's own English detail is not a name from the file: Chinese leaves it out
    parser: yamlMessages.parser('BAD_INDENT', 'Parser detail'),
  },
  shapeMessages: {
    notAMap: shapeMessages.notAMap('list'),
    fullWidthKey: shapeMessages.fullWidthKey('en：text-x', where, 'en'),
    unknownKey: shapeMessages.unknownKey('speeker-x', where, didYouMeanSaid('speeker', ['speaker'])),
    invalidField: shapeMessages.invalidField(where, schemaMessages['passScore-range']()),
  },
  fileMessages: {
    duplicateScenarioId: fileMessages.duplicateScenarioId('case-x', 'a.yaml'),
    catalogLessonNeverScored: fileMessages.catalogLessonNeverScored('listen-x'),
    isDirectory: fileMessages.isDirectory(),
    notFound: fileMessages.notFound(),
    permissionDenied: fileMessages.permissionDenied(),
    unreadable: fileMessages.unreadable('EIO'),
    fileTooLarge: fileMessages.fileTooLarge('2.5', 2),
    notUtf8: fileMessages.notUtf8(),
  },
  answerMessages: {
    duplicateRuleId: answerMessages.duplicateRuleId('joint-x', 'gate-x', 1),
    badRuleId: answerMessages.badRuleId('Joint Test'),
    fallbackIdReserved: answerMessages.fallbackIdReserved('gate-x'),
    noModelAnswer: answerMessages.noModelAnswer('gate-x'),
    modelNotBest: answerMessages.modelNotBest(
      'gate-x',
      'zh',
      { rule: 2, id: 'vague-x', points: 1 },
      { rule: 1, points: 3 },
    ),
    emptyKeywordList: answerMessages.emptyKeywordList('affirm', 1, 'gate-x'),
    testKind: answerMessages.testKind('best-x'),
    testNodeNotInput: answerMessages.testNodeNotInput('best-x', 'gate-x', none),
    testUnknownRule: answerMessages.testUnknownRule('best-x', 'joint-x', 'gate-x', ['joint-x', 'fallback']),
  },
};

const CJK = /[\u4e00-\u9fff]/;
const textOf = (m: Message | Said): Said => ('text' in m ? m.text : m);
const all = Object.entries(samples).flatMap(([group, ms]) =>
  Object.entries(ms as Record<string, Message | Said>).map(([name, m]) => ({ name: `${group}.${name}`, m })),
);

function expectBothLanguages(name: string, t: Said) {
  expect(t.zh, name).toMatch(CJK);
  // (an English example may quote Chinese text: `[您好, hello]`)
  expect(t.en.replace(/[{[][^}\]]*[}\]]/g, ''), name).not.toMatch(CJK);
  // Chinese text takes full-width punctuation after Chinese words (never "节点, " or "失败;").
  expect(t.zh.replace(/[{[][^}\]]*[}\]]/g, ''), name).not.toMatch(/[\u4e00-\u9fff」][,;:?!()]/);
  // Names the file holds appear verbatim in both.
  for (const word of t.en.match(/[a-z]+-x\b/g) ?? []) expect(t.zh, `${name}: ${word}`).toContain(word);
}

describe('messages in both languages', () => {
  it('every message builder renders in Chinese and English, with its names verbatim in both', () => {
    expect(all.length).toBeGreaterThan(60);
    for (const { name, m } of all) expectBothLanguages(name, textOf(m));
  });

  it('every finding has a stable kebab-case code, the same whatever the language', () => {
    const codes = new Set(all.flatMap(({ m }) => ('code' in m ? [m.code] : [])));
    for (const code of codes) expect(code).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
    expect(codes.size).toBeGreaterThan(45);
  });

  it('every message the schema can give, and every YAML parser problem, has both languages', () => {
    const args: Partial<Record<SchemaMessageKey, unknown>> = {
      'number-missing': 'initial',
      'number-type': 'points',
      'seconds-type': '"thirty"',
      outcome: 'sucess-x',
      'customer-type': 'angry, hesitant',
      percent: 'minPercent',
      'match-flag': 'time',
    };
    for (const key of Object.keys(schemaMessages) as SchemaMessageKey[]) {
      // what schema.ts stores in a zod issue comes back as the same message
      const stored = (schemaIssue as (k: string, ...a: unknown[]) => string)(key, ...(key in args ? [args[key]] : []));
      const t = schemaIssueText(stored)!;
      expect(t, key).toEqual((schemaMessages[key] as (a: unknown) => Said)(args[key]));
      expectBothLanguages(key, t);
    }
    expect(schemaIssueText('Invalid input: expected string, received number')).toBeUndefined();
    for (const code of YAML_PARSER_CODES) {
      const t = yamlMessages.parser(code, 'Parser detail').text;
      expectBothLanguages(code, t);
      expect(t.zh, code).not.toContain('Parser detail'); // Chinese without the parser's English
    }
    // a code no table knows (a newer yaml): its English detail is all there is
    expectBothLanguages('unknown parser code', yamlMessages.parser('SOMETHING_NEW', 'detail-x').text);
    expectBothLanguages('noScenario', resolveMessages.noScenario('case-x', ['scenarios'], undefined));
    expectBothLanguages('isCatalog', resolveMessages.isCatalog('lessons-x.yaml'));
    expectBothLanguages('lintSummary', lintSummary(2, 1, 0));
  });

  it('the loader words its findings in the language asked for, at the same place with the same code', () => {
    const text = `${header('lang-check', 'passScore: 120\n')}start: opening\nnodes:\n  opening: { end: { outcome: success } }\n`;
    const zh = loadFile(text, 'x.yaml', undefined, { lang: 'zh' }).diagnostics;
    const en = loadFile(text, 'x.yaml', undefined, { lang: 'en' }).diagnostics;
    expect(zh.map(({ message: _, ...rest }) => rest)).toEqual(en.map(({ message: _, ...rest }) => rest));
    expect(en.map((d) => d.message)).toEqual(['passScore must be from 0 to 100 (a percent)']);
    expect(zh.map((d) => d.message)).toEqual(['passScore 必须在 0 到 100 之间（百分比）']);
    // English stays the default of the core API
    expect(loadFile(text, 'x.yaml').diagnostics).toEqual(en);
  });

  it('a long quoted value is shortened in Chinese as in English', () => {
    const long = 'x'.repeat(300);
    const text = `${header('long-name')}start: ${long}\nnodes:\n  a: { end: { outcome: success } }\n`;
    for (const lang of ['zh', 'en'] as const) {
      const [d] = loadFile(text, 'x.yaml', undefined, { lang }).diagnostics;
      expect(d!.message.length, lang).toBeLessThan(200);
      expect(d!.message, lang).toContain(`${'x'.repeat(60)}…`);
    }
  });
});

describe('a message quoting a very long name or value', () => {
  // Built as the fuzzer does: the data of a real case, changed, written back as YAML.
  const basement = parse(
    readFileSync(join(import.meta.dirname, '..', 'fixtures', 'ui', 'basement-alarm.yaml'), 'utf8'),
  ) as Record<string, Record<string, unknown>>;
  const long = 'x'.repeat(100_000);
  const withLongCast = structuredClone(basement);
  withLongCast.cast![long] = { name: 'X' };
  delete withLongCast.cast!.noc; // the nodes that name noc now name an unknown speaker; the message lists the known ids
  const withLongMeter = structuredClone(basement);
  withLongMeter.meters![long] = withLongMeter.meters!.delay;
  delete withLongMeter.meters!.delay;
  const withLongValue = structuredClone(basement);
  (withLongValue.nodes!.permit as { timeout: { seconds: unknown } }).timeout.seconds = long;
  it.each([
    ['a cast id in the list of known ones', withLongCast],
    ['a meter id in the list of known ones', withLongMeter],
    ['a wrong value', withLongValue],
  ])('%s is shortened, in both languages (found by fuzzing)', (_, data) => {
    for (const lang of ['zh', 'en'] as const) {
      const messages = loadFile(stringify(data), 'long.yaml', undefined, { lang }).diagnostics.map((d) => d.message);
      expect(messages.length).toBeGreaterThan(0);
      for (const m of messages) expect(m.length, m.slice(0, 200)).toBeLessThan(1000);
      expect(messages.join('\n')).toContain('xxxxxxxxxx…');
    }
  });
});

describe('message codes', () => {
  it('are a closed set: a misspelt code does not compile, and parser codes map to yaml-…', () => {
    const known: MessageCode = 'unknown-node';
    // @ts-expect-error a typo in a code is a type error (npm run typecheck)
    const typo: MessageCode = 'unknown-nod';
    expect([known, typo]).toHaveLength(2);
    expect(yamlCode('DUPLICATE_KEY')).toBe('yaml-duplicate-key');
    expect(yamlCode('TAB_AS_INDENT')).toBe('yaml-tab-as-indent');
  });
});
