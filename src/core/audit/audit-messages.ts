/**
 * What `roleplay audit` says about a case, in Chinese and English side by side (see
 * messages.ts for the conventions: names from the file verbatim in both, 「」 and '' quotes).
 */
import type { AuditCode, Message } from '../format/messages.js';
import { type Said, said } from '../text.js';

const msg = (code: AuditCode | 'no-model-answer', zh: string, en: string): Message => ({ code, text: { zh, en } });
const q = (name: string | number) => `「${name}」`;

export type StrategyName = 'longest' | 'shortest' | 'courteous' | 'first' | 'last' | 'random';

export const strategyNames: Readonly<Record<StrategyName, Said>> = {
  longest: said('总选最长的回复', 'always the longest reply'),
  shortest: said('总选最短的回复', 'always the shortest reply'),
  courteous: said('总选最客气的回复', 'always the most courteous reply'),
  first: said('总选第一个回复', 'always the first reply'),
  last: said('总选最后一个回复', 'always the last reply'),
  random: said('随机选', 'random picks'),
};

const langName = (lang: string) => (lang === 'zh' ? said('中文', 'Chinese') : said('英文', 'English'));
const langList = (langs: readonly string[]) =>
  said(langs.map((l) => langName(l).zh).join('和'), langs.map((l) => langName(l).en).join(' and '));

export const auditMessages = {
  naivePass: (strategy: StrategyName, langs: readonly string[], percent: number, passScore: number) =>
    msg(
      'naive-strategy-passes',
      `${strategyNames[strategy].zh}（${langList(langs).zh}）就能通过这个案例，得 ${percent}%（及格线 ${passScore}%）：学员不用懂要点也能过`,
      `${strategyNames[strategy].en} (${langList(langs).en}) passes this case with ${percent}% (pass mark ${passScore}%): a trainee can pass without the lessons`,
    ),
  randomPass: (runs: number, passes: number, share: number) =>
    msg(
      'naive-strategy-passes',
      `随机选 ${runs} 次，有 ${passes} 次通过（超过 ${share}%）：靠猜也常常能过`,
      `${passes} of ${runs} random plays pass (more than ${share}%): guessing passes too often`,
    ),
  longestBest: (node: string, choice: string, zhRatio: number, enRatio: number) =>
    msg(
      'best-is-longest',
      `节点${q(node)}最好的回复${q(choice)}比其他回复长得多（中文是次长的 ${zhRatio} 倍，英文 ${enRatio} 倍）：学员看长度就能选对`,
      `in node '${node}' the best reply '${choice}' is by far the longest (${zhRatio}× the next in Chinese, ${enRatio}× in English): trainees can pick it by its length`,
    ),
  longestShare: (longest: number, nodes: number) =>
    msg(
      'best-is-longest',
      `在 ${nodes} 个有唯一最佳回复的节点里，有 ${longest} 个的最佳回复也是最长的（超过三分之一）：请让错误的回复也写得一样完整`,
      `the best reply is also the longest in ${longest} of ${nodes} nodes with one best reply (more than one in three): write the wrong replies as fully as the right one`,
    ),
  giveaway: (node: string, choiceNode: string, words: readonly string[]) =>
    msg(
      'line-gives-away',
      `节点${q(node)}的台词和节点${q(choiceNode)}最好的回复有相同的关键词（${words.join('、')}），而其他回复没有：台词不要提示正确做法`,
      `the line of node '${node}' shares distinctive words with the best reply of node '${choiceNode}' (${words.join(', ')}), which the other replies lack: a line should not hint at the right move`,
    ),
  directionNamesLesson: (node: string, choice: string, lesson: string, words: readonly string[]) =>
    msg(
      'direction-gives-away',
      `节点${q(node)}的回复${q(choice)}里的动作说明和它加分的要点${q(lesson)}用了相同的词（${words.join('、')}）：动作说明不要点出要点`,
      `the stage direction in reply '${choice}' of node '${node}' uses the words of lesson '${lesson}', which the reply scores (${words.join(', ')}): a direction should not name the lesson`,
    ),
  keywordTrap: (node: string, rule: number, keywords: readonly string[], example: string) =>
    msg(
      'keyword-catches-refusal',
      `节点${q(node)}的第 ${rule} 条规则扣分，但它的关键词（${keywords.join('、')}）也会接住拒绝的说法，例如“${example}”：请用 affirm 代替 any/all`,
      `rule ${rule} of node '${node}' takes points off, but its keywords (${keywords.join(', ')}) also catch answers that refuse them, such as “${example}”: use affirm instead of any/all`,
    ),
  noModel: (node: string) =>
    msg(
      'no-model-answer',
      `节点${q(node)}没有参考答案（input.model）`,
      `node '${node}' has no model answer (input.model)`,
    ),
  successCannotPass: (ending: string, best: number, passScore: number) =>
    msg(
      'success-cannot-pass',
      `成功结局${q(ending)}最多只能得 ${best}%，低于及格线 ${passScore}%：到了“成功”却不及格`,
      `success ending '${ending}' scores at most ${best}%, below the pass mark of ${passScore}%: a trainee reaches success and still fails`,
    ),
  partialPassesBroken: (
    ending: string,
    percent: number,
    lesson: string,
    points: number,
    at: string,
    path: readonly string[],
  ) =>
    msg(
      'partial-passes-broken-lesson',
      `部分成功结局${q(ending)}在学员违反要点${q(lesson)}（在节点${q(at)}扣 ${-points} 分）之后仍能以 ${percent}% 通过，例如 ${path.join(' → ')}`,
      `partial ending '${ending}' passes with ${percent}% even after lesson '${lesson}' was broken (${points} at node '${at}'), e.g. ${path.join(' → ')}`,
    ),
  failureCanPass: (ending: string, best: number, passScore: number) =>
    msg(
      'failure-can-pass',
      `失败结局${q(ending)}最高能得 ${best}%，达到了及格线 ${passScore}%：失败的结局不能有及格的分数`,
      `failure ending '${ending}' can score ${best}%, at or above the pass mark of ${passScore}%: a failure must never carry a passing score`,
    ),
  pathsNotAllChecked: (budget: number) =>
    msg(
      'audit-incomplete',
      `走法太多，只检查了前 ${budget.toLocaleString('en')} 步的部分成功结局`,
      `too many ways through the case: partial endings were checked over the first ${budget.toLocaleString('en')} steps only`,
    ),
};

/** The words of the command's output around the findings: the table and the summary. */
export const auditReportWords = {
  strategy: () => said('策略', 'strategy'),
  passMark: (passScore: number) => said(`及格线 ${passScore}%`, `pass mark ${passScore}%`),
  passes: () => said('通过', 'passes'),
  fails: () => said('不通过', 'fails'),
  unfinished: () => said('走不完', 'unfinished'),
  randomCell: (passes: number, runs: number, mean: number) =>
    said(`${passes}/${runs} 次通过，平均 ${mean}%`, `${passes}/${runs} pass, mean ${mean}%`),
  summary: (cases: number, passed: number, errors: number, warnings: number) => {
    const s = (n: number) => (n === 1 ? '' : 's');
    return said(
      `审查了 ${cases} 个案例：${passed} 个能被简单策略通过，${errors} 个错误，${warnings} 个警告`,
      `${cases} case${s(cases)} audited: ${passed} passed by a naive strategy, ${errors} error${s(errors)}, ${warnings} warning${s(warnings)}`,
    );
  },
};
