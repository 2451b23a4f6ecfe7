/**
 * The words `roleplay graph` writes itself — node kinds, outcomes, the start, what takes a way
 * (if, and, visited, timeout, answer, otherwise, …) — in Chinese and English. Ids, choice ids,
 * keywords and patterns from the case are never translated: they are what the trainer wrote.
 */
import type { Outcome } from '../format/model.js';
import type { Lang } from '../text.js';

export interface GraphWords {
  readonly kinds: { readonly choice: string; readonly input: string; readonly when: string; readonly end: string };
  readonly outcomes: Readonly<Record<Outcome, string>>;
  readonly start: string;
  readonly if: (condition: string) => string;
  readonly and: string;
  readonly visited: (node: string) => string;
  readonly timeout: (seconds: number) => string;
  readonly anyOtherAnswer: string;
  readonly answer: (n: number, words: string) => string;
  readonly not: (words: string) => string;
  /** a rule's `negate:` words, said under a negation */
  readonly denying: (words: string) => string;
  /** a rule's `time:` (a concrete time named) and `hedge:` (a hedge said) tests */
  readonly time: string;
  readonly hedge: string;
  readonly otherwise: string;
  readonly always: string;
  /** `end: success`, the kind of an ending */
  readonly ending: (outcome: string) => string;
}

export const GRAPH_WORDS: Readonly<Record<Lang, GraphWords>> = {
  zh: {
    kinds: { choice: '选择', input: '输入回答', when: '自动分支', end: '结局' },
    outcomes: { success: '成功', partial: '部分成功', failure: '失败' },
    start: '开始',
    if: (c) => `如果 ${c}`,
    and: ' 且 ',
    visited: (n) => `到过 ${n}`,
    timeout: (s) => `超时 ${s} 秒`,
    anyOtherAnswer: '其他回答',
    answer: (n, w) => `回答 ${n}：${w}`,
    not: (w) => `不含 ${w}`,
    denying: (w) => `否定 ${w}`,
    time: '具体时间',
    hedge: '含糊其辞',
    otherwise: '否则',
    always: '总是',
    ending: (o) => `结局：${o}`,
  },
  en: {
    kinds: { choice: 'choice', input: 'input', when: 'when', end: 'end' },
    outcomes: { success: 'success', partial: 'partial', failure: 'failure' },
    start: 'start',
    if: (c) => `if ${c}`,
    and: ' and ',
    visited: (n) => `visited ${n}`,
    timeout: (s) => `timeout ${s}s`,
    anyOtherAnswer: 'any other answer',
    answer: (n, w) => `answer ${n}: ${w}`,
    not: (w) => `not ${w}`,
    denying: (w) => `denying ${w}`,
    time: 'a concrete time',
    hedge: 'a hedge',
    otherwise: 'otherwise',
    always: 'always',
    ending: (o) => `end: ${o}`,
  },
};

/** The words in `lang`; a language the tool does not speak gets English. */
export const graphWords = (lang: string): GraphWords => (lang === 'zh' ? GRAPH_WORDS.zh : GRAPH_WORDS.en);
