/**
 * What `roleplay audit` reads in the text of a case: replies whose length gives the best one
 * away, lines that hint at the best reply, keyword rules that punish a refusal of the very
 * phrase they ban, and typed nodes without a model answer.
 */
import { keywordHits, analyseAnswer } from '../play/answer-language.js';
import { auditMessages as M } from './audit-messages.js';
import { firstMatchingRule } from '../play/match.js';
import type { Message } from '../format/messages.js';
import { NARRATOR, type Choice, type ChoiceNode, type Scenario, type ScenarioNode } from '../format/model.js';
import type { Finding } from '../format/references.js';
import { localize, type Lang } from '../text.js';
import type { Path } from '../yaml/yaml-source.js';

/** "Longest by a wide margin": the best reply is at least this many times the next longest, in both languages. */
export const LENGTH_RATIO = 1.3;
/** More than this share of nodes whose best reply is also the longest is flagged for the case. */
export const LONGEST_SHARE = 1 / 3;

const LANGS: readonly Lang[] = ['zh', 'en'];
const points = (c: { score: Readonly<Record<string, number>> }) => Object.values(c.score).reduce((a, b) => a + b, 0);
const lengthOf = (c: Choice, lang: Lang) => [...localize(c.text, lang).replace(/\s+/g, '')].length;

const warning = (path: Path, m: Message): Finding => ({ path, severity: 'warning', code: m.code, text: m.text });

/** The one choice worth the most points, with the others; undefined when the best is shared. */
function uniqueBest(node: ChoiceNode): { best: Choice; others: Choice[] } | undefined {
  if (node.choices.length < 2) return undefined;
  const top = Math.max(...node.choices.map(points));
  const bests = node.choices.filter((c) => points(c) === top);
  if (bests.length !== 1) return undefined;
  return { best: bests[0]!, others: node.choices.filter((c) => c !== bests[0]) };
}

const choiceNodes = (scenario: Scenario) =>
  Object.values(scenario.nodes).filter((n): n is ChoiceNode => n.kind === 'choice');

export function lengthFlags(scenario: Scenario): Finding[] {
  const out: Finding[] = [];
  let judged = 0;
  let longest = 0;
  for (const node of choiceNodes(scenario)) {
    const split = uniqueBest(node);
    if (!split) continue;
    judged++;
    const ratios = LANGS.map((lang) => {
      const next = Math.max(...split.others.map((c) => lengthOf(c, lang)));
      return next === 0 ? Infinity : lengthOf(split.best, lang) / next;
    });
    if (ratios.every((r) => r > 1)) longest++;
    if (ratios.every((r) => r >= LENGTH_RATIO)) {
      const [zh, en] = ratios.map((r) => (Number.isFinite(r) ? Math.round(r * 10) / 10 : 99));
      const i = node.choices.indexOf(split.best);
      out.push(warning(['nodes', node.id, 'choices', i, 'text'], M.longestBest(node.id, split.best.id, zh!, en!)));
    }
  }
  if (judged >= 3 && longest / judged > LONGEST_SHARE) out.push(warning(['nodes'], M.longestShare(longest, judged)));
  return out;
}

// ———————————————————————————————— lines that give the answer away

const EN_STOP = new Set(
  "that this with have will what from they them then there here just about would could should been were into when where which while very much more some only also your yours their ours shall does done make made sure okay right well know think said says tell told want need take first last time today back over than each other such these those it’s it's i'll we'll you'll don't can't".split(
    ' ',
  ),
);
const ZH_STOP = new Set([
  '我们',
  '你们',
  '您的',
  '一下',
  '这个',
  '那个',
  '什么',
  '可以',
  '不是',
  '就是',
  '现在',
  '没有',
  '我的',
  '你的',
  '他们',
  '一个',
  '这样',
  '怎么',
  '还是',
  '已经',
  '的话',
  '知道',
  '时候',
]);

/** Distinctive units of a text: Chinese character pairs, English words of four letters or more. */
function units(text: string, lang: Lang): Set<string> {
  const out = new Set<string>();
  const t = text.normalize('NFKC').toLowerCase();
  if (lang === 'zh') {
    for (const run of t.match(/\p{Script=Han}+/gu) ?? [])
      for (let i = 0; i + 1 < run.length; i++) if (!ZH_STOP.has(run.slice(i, i + 2))) out.add(run.slice(i, i + 2));
  } else {
    for (const w of t.match(/[a-z][a-z'’-]{3,}/g) ?? []) if (!EN_STOP.has(w)) out.add(w);
  }
  return out;
}

/**
 * How many distinctive units a line must share with the best reply, in both languages, to be
 * flagged. Narration is held to less (three character pairs, about a four-character phrase, or
 * two words): it should describe the situation, never the move. A customer line may well name
 * what the right reply answers, so it takes more (four pairs and three words).
 */
const SHARED_MIN = {
  narration: { zh: 3, en: 2 },
  customer: { zh: 4, en: 3 },
} as const satisfies Record<string, Readonly<Record<Lang, number>>>;

/** The lines a trainee reads just before choosing: the node's own, and narration leading into it. */
function linesBefore(scenario: Scenario, node: ChoiceNode): string[] {
  const narration = Object.values(scenario.nodes).filter(
    (n) => n.kind === 'branch' && n.speaker === NARRATOR && n.when.some((w) => w.goto === node.id),
  );
  return [node, ...narration].filter((n) => n.text !== undefined).map((n) => n.id);
}

/** The distinctive units of the best reply that the line shares, when there are enough in both languages. */
function sharedUnits(line: ScenarioNode, best: Choice, others: readonly Choice[]): string[] {
  const min = SHARED_MIN[line.speaker === NARRATOR ? 'narration' : 'customer'];
  const perLang = LANGS.map((lang) => {
    const distinct = units(localize(best.text, lang), lang);
    for (const o of others) for (const u of units(localize(o.text, lang), lang)) distinct.delete(u);
    const said = units(localize(line.text, lang), lang);
    return [...distinct].filter((u) => said.has(u));
  });
  return LANGS.every((lang, i) => perLang[i]!.length >= min[lang]) ? perLang.flat() : [];
}

export function giveawayFlags(scenario: Scenario): Finding[] {
  const out: Finding[] = [];
  for (const node of choiceNodes(scenario)) {
    const split = uniqueBest(node);
    if (!split) continue;
    for (const id of linesBefore(scenario, node)) {
      const shared = sharedUnits(scenario.nodes[id]!, split.best, split.others);
      if (shared.length > 0) out.push(warning(['nodes', id, 'text'], M.giveaway(id, node.id, shared)));
    }
  }
  return out;
}

/** The stage directions of a reply: text in brackets, or before the colon that opens a quote. */
function directionsOf(text: string): string {
  const bracketed = [...text.matchAll(/[（(]([^）)]*)[）)]/gu)].map((m) => m[1]);
  const before = /^([^“"'「]{2,}?)[：:]\s*[“"'「]/u.exec(text)?.[1];
  return [...bracketed, before ?? ''].join(' ');
}

/** At least this many units of a direction found in a lesson it scores: two character pairs or two words. */
const DIRECTION_MIN: Readonly<Record<Lang, number>> = { zh: 2, en: 2 };

/** Replies whose stage direction uses the words of a lesson the reply earns points for ("lower your voice"). */
export function directionFlags(scenario: Scenario): Finding[] {
  const out: Finding[] = [];
  for (const node of choiceNodes(scenario)) {
    node.choices.forEach((choice, i) => {
      for (const [lessonId, pts] of Object.entries(choice.score)) {
        const lesson = scenario.lessons[lessonId];
        if (pts <= 0 || !lesson) continue;
        const words = LANGS.flatMap((lang) => {
          const direction = units(directionsOf(localize(choice.text, lang)), lang);
          const taught = units(`${localize(lesson.title, lang)} ${localize(lesson.principle, lang)}`, lang);
          const common = [...direction].filter((u) => taught.has(u));
          return common.length >= DIRECTION_MIN[lang] ? common : [];
        });
        if (words.length === 0) continue;
        out.push(
          warning(
            ['nodes', node.id, 'choices', i, 'text'],
            M.directionNamesLesson(node.id, choice.id, lessonId, words),
          ),
        );
        break;
      }
    });
  }
  return out;
}

// ———————————————————————————————— keyword rules that catch a refusal

const isHan = (s: string) => /^\p{Script=Han}/u.test(s);

/** Refusals of the banned words, in the language they are written in: "我不敢打包票", "不是你们的问题". */
function refusalsOf(words: readonly string[]): string[] {
  const phrase = isHan(words[0] ?? '') ? words.join('') : words.join(' ');
  if (!isHan(phrase)) return [`I can't ${phrase}`, `it's not ${phrase}`];
  return /^[你我他她您这那]/u.test(phrase)
    ? [`不是${phrase}`, `我不敢${phrase}`]
    : [`我不敢${phrase}`, `不是${phrase}`];
}

export function keywordTrapFlags(scenario: Scenario): Finding[] {
  const out: Finding[] = [];
  for (const node of Object.values(scenario.nodes)) {
    if (node.kind !== 'input') continue;
    node.rules.forEach((rule, i) => {
      const m = rule.match;
      if (!m || points(rule) >= 0 || m.any.length + m.all.length === 0) return;
      const phrases = m.any.length > 0 ? m.any.map((k) => [...m.all, k]) : [m.all];
      const caught = phrases.flatMap((words) => {
        if (startsWithCue(words[words.length - 1]!)) return [];
        const refusal = refusalsOf(words).find((r) => refuses(r, words) && firstMatchingRule(node.rules, r) === i);
        return refusal === undefined ? [] : [{ keyword: words[words.length - 1]!, refusal }];
      });
      if (caught.length === 0) return;
      const example = caught.find((c) => isHan(c.keyword)) ?? caught[0]!;
      const keywords = caught.map((c) => c.keyword);
      out.push(
        warning(
          ['nodes', node.id, 'input', 'rules', i, 'match'],
          M.keywordTrap(node.id, i + 1, keywords, example.refusal),
        ),
      );
    });
  }
  return out;
}

/** 不知道, "don't know": a keyword that is itself a negation has no refusal to catch. */
const startsWithCue = (k: string) =>
  /^(不|没|别|无|未|非|甭|dont|doesnt|cant|cannot|wont|isnt|arent|not|no|never)/u.test(k);

/** Whether the made-up refusal really puts the banned word under a negation. */
function refuses(refusal: string, words: readonly string[]): boolean {
  return keywordHits(analyseAnswer(refusal), [words[words.length - 1]!]).some((h) => h.negated);
}

export function modelFlags(scenario: Scenario): Finding[] {
  return Object.values(scenario.nodes).flatMap((n) =>
    n.kind === 'input' && n.model === undefined ? [warning(['nodes', n.id, 'input'], M.noModel(n.id))] : [],
  );
}
