/**
 * What the trainer's tools — run, test (and its coverage), paths, graph, new — say, in Chinese
 * and English side by side (the pattern of core/format/messages.ts), so that the two cannot drift; the
 * command picks the language the trainer chose with --lang. Ids, file names, option names and
 * step syntax appear verbatim in both, because trainers search for them and copy them.
 * The `ok`/`FAIL` markers of `roleplay test` are not here: like lint's error/warning they stay
 * the same in every language, for CI logs and scripts that grep them.
 */
import { said } from './env.js';

const q = (name: string) => `「${name}」`;
const s = (n: number) => (n === 1 ? '' : 's');

// ———————————————————————————————— run: the steps file

export const stepsFileMessages = {
  bothGiven: () =>
    said('请只给 --steps 或 --choices 其中一个，不要两个都给', 'give either --steps or --choices, not both'),
  noneGiven: () =>
    said(
      '请给出要走的步骤：--steps <file.yaml|json> 或 --choices a,b,c',
      'give the steps to play: --steps <file.yaml|json> or --choices a,b,c',
    ),
  /** `reason`: the system's own words when it is not a missing file */
  unreadable: (file: string, missing: boolean, reason: string) =>
    said(
      `无法读取步骤文件 ${file}：${missing ? '没有这个文件' : reason}`,
      `cannot read steps file ${file}: ${missing ? 'no such file' : reason}`,
    ),
  notYamlOrJson: (file: string, detail: string) =>
    said(`${file}：不是有效的 YAML 或 JSON（${detail}）`, `${file}: not valid YAML or JSON: ${detail}`),
  notAList: (file: string) =>
    said(
      `${file}：这里应该是一个步骤列表，例如 [empathize, { say: 您好 }, { wait: true }]`,
      `${file}: expected a list of steps, e.g. [empathize, { say: 您好 }, { wait: true }]`,
    ),
  badStep: (file: string, step: number) =>
    said(
      `${file}：第 ${step} 步既不是选项 id，也不是 { say: 文字 } 或 { wait: true }`,
      `${file}: step ${step} is not a choice id, { say: text } or { wait: true }`,
    ),
};

// ———————————————————————————————— test and its coverage

export const testMessages = {
  doesNotLoad: () => said('无法载入', 'does not load'),
  /** between the problems of one failing test */
  problemSeparator: () => said('；', '; '),
  summary: (passed: number, failed: number) =>
    said(`${passed} 个通过，${failed} 个失败`, `${passed} passed, ${failed} failed`),
  /** a sample answer that took another rule than the test says */
  answerMismatch: (node: string, answer: string, taken: RuleName, expected: RuleName) =>
    said(
      `节点${q(node)}：“${answer}”走的是${ruleSaid(taken).zh}，应为${ruleSaid(expected).zh}`,
      `at node '${node}', “${answer}” took ${ruleSaid(taken).en}, expected ${ruleSaid(expected).en}`,
    ),
};

/** A rule as reports name it: its 1-based number and, when it has one, its id. */
export interface RuleName {
  readonly rule: number;
  readonly id?: string;
}
const ruleSaid = (r: RuleName) =>
  r.id === undefined
    ? said(`第 ${r.rule} 条规则`, `rule ${r.rule}`)
    : said(`第 ${r.rule} 条规则${q(r.id)}`, `rule ${r.rule} ('${r.id}')`);

export interface CoverageRatio {
  readonly ratio: string;
  readonly percent: number;
}

export const coverageMessages = {
  heading: () =>
    said(
      '覆盖率（测试进入过的节点、选过的选项、到达过的结局）：',
      'coverage (nodes entered, choices taken, endings reached by the tests):',
    ),
  counts: (nodes: string, choices: string, endings: string, rules?: string) =>
    said(
      `节点 ${nodes}  选项 ${choices}  结局 ${endings}${rules === undefined ? '' : `  回答规则 ${rules}`}`,
      `nodes ${nodes}  choices ${choices}  endings ${endings}${rules === undefined ? '' : `  rules ${rules}`}`,
    ),
  rulesMissed: (ids: readonly string[]) =>
    said(`从没有回答走到的规则：${ids.join('、')}`, `answer rules never taken: ${ids.join(', ')}`),
  noTests: () => said('（没有测试）', '(no tests)'),
  allCovered: () => said('（全部覆盖）', '(all covered)'),
  endingsMissed: (ids: readonly string[]) =>
    said(`从没到达的结局：${ids.join('、')}`, `endings never reached: ${ids.join(', ')}`),
  nodesMissed: (ids: readonly string[]) =>
    said(`从没进入的节点：${ids.join('、')}`, `nodes never entered: ${ids.join(', ')}`),
  choicesMissed: (ids: readonly string[]) =>
    said(`从没选过的选项：${ids.join('、')}`, `choices never taken: ${ids.join(', ')}`),
  total: (
    nodes: CoverageRatio,
    choices: CoverageRatio,
    endings: CoverageRatio,
    scenarios: number,
    rules?: CoverageRatio,
  ) =>
    said(
      `覆盖率：节点 ${nodes.ratio}（${nodes.percent}%），选项 ${choices.ratio}（${choices.percent}%），结局 ${endings.ratio}（${endings.percent}%）${rules ? `，回答规则 ${rules.ratio}（${rules.percent}%）` : ''}，共 ${scenarios} 个案例`,
      `coverage: nodes ${nodes.ratio} (${nodes.percent}%), choices ${choices.ratio} (${choices.percent}%), endings ${endings.ratio} (${endings.percent}%)${rules ? `, rules ${rules.ratio} (${rules.percent}%)` : ''} in ${scenarios} scenario${s(scenarios)}`,
    ),
};

// ———————————————————————————————— paths

/** One answer rule for which no matching answer could be written. */
export interface MissingAnswer {
  readonly node: string;
  readonly rule: number | undefined;
}

const missingSaid = (missing: readonly MissingAnswer[]) =>
  said(
    missing.map((m) => `节点${q(m.node)}的第 ${m.rule ?? '?'} 条规则`).join('、'),
    missing.map((m) => `rule ${m.rule ?? '?'} of node '${m.node}'`).join(', '),
  );

export const pathsMessages = {
  heading: (id: string, max: number, passScore: number) =>
    said(
      `${id}：最高可得 ${max} 分；及格线 ${passScore}%`,
      `${id}: best possible score ${max} point${s(max)}; pass mark ${passScore}%`,
    ),
  headingTooComplex: (id: string) =>
    said(
      `${id}：太复杂，无法计分（循环里的走法太多）；下面只有能否到达和最短步骤`,
      `${id}: too complex to score (too many ways through its loops); reachability and shortest steps only`,
    ),
  neverReached: () => said('永远到不了', 'NEVER REACHED'),
  reachable: () => said('可以到达', 'reachable'),
  /** joins "reachable" and its score range */
  then: () => said('；', '; '),
  onlyByRevisit: () =>
    said(
      '只有回到已经到过的节点才能到达，所以不计分（计分只算不重复经过节点的走法）',
      'only by coming back to a node already visited, so no score counts it (scores are over ways that visit each node once)',
    ),
  score: (worst: number, best: number, worstPercent: number, bestPercent: number) => {
    const pct = worstPercent === bestPercent ? `${bestPercent}%` : `${worstPercent}% 到 ${bestPercent}%`;
    const pctEn = worstPercent === bestPercent ? `${bestPercent}%` : `${worstPercent}% to ${bestPercent}%`;
    // a loop that loses points each round can be repeated: the worst has no floor
    const [low, lowEn] = worst === -Infinity ? ['无下限', 'no floor'] : [worst, worst];
    return said(
      `得分 ${worst === best ? `${best} 分` : `${low} 到 ${best} 分`}（${pct}）`,
      `score ${worst === best ? `${best} point${Math.abs(best) === 1 ? '' : 's'}` : `${lowEn} to ${best} points`} (${pctEn})`,
    );
  },
  /** `steps` is a YAML flow list, printed as is in both languages so that it can be copied */
  shortest: (n: number, steps: string) => said(`最短 ${n} 步：${steps}`, `shortest, ${n} step${s(n)}: ${steps}`),
  noAnswerWritten: (missing: readonly MissingAnswer[]) =>
    said(
      `??? 无法为${missingSaid(missing).zh}写出匹配的回答；请手工写这一步`,
      `??? no answer could be written for ${missingSaid(missing).en}; write that step by hand`,
    ),
  nobodyCanPass: (passScore: number) =>
    said(
      `谁也通过不了这个案例：没有一种走法能以非失败的结局达到 ${passScore}%`,
      `nobody can pass this case: no way through it reaches ${passScore}% with an ending that is not a failure`,
    ),
  nobodyCanFail: () =>
    said(
      '谁也不会不及格：每种走法都能通过；请加一条会出错的路',
      'nobody can fail this case: every way through it passes; add a way to go wrong',
    ),
  endingUnreachable: (id: string) => said(`结局${q(id)}永远到不了`, `ending '${id}' can never be reached`),
  searchStopped: (situations: string) =>
    said(
      `搜索在 ${situations} 种局面后停止了；标为“永远到不了”的结局也许其实能到达`,
      `the search stopped after ${situations} situations; endings marked NEVER REACHED may be reachable after all`,
    ),
  saveHint: (ref: string) =>
    said(
      `步骤可以存进文件再重放：roleplay paths ${ref} --ending <id> > steps.yaml，然后 roleplay run ${ref} --steps steps.yaml`,
      `Steps can be saved to a file and replayed: roleplay paths ${ref} --ending <id> > steps.yaml; roleplay run ${ref} --steps steps.yaml`,
    ),
  notAnEnding: (name: string, scenario: string, endings: readonly string[]) =>
    said(
      `${q(name)}不是 ${scenario} 的结局；它的结局有：${endings.join('、')}`,
      `'${name}' is not an ending of ${scenario}; endings: ${endings.join(', ')}`,
    ),
  endingCannotBeReached: (id: string) => said(`结局${q(id)}到不了`, `ending '${id}' cannot be reached`),
  endingNeedsAnswer: (id: string, missing: readonly MissingAnswer[]) =>
    said(
      `通往${q(id)}的路要经过一条写不出匹配回答的规则（${missingSaid(missing).zh}）；请手工写这一步`,
      `the way to '${id}' passes an answer rule for which no matching answer could be written (${missingSaid(missing).en}); write that step by hand`,
    ),
};

// ———————————————————————————————— graph and analysis

export const graphMessages = {
  noBestPath: () =>
    said('没有可以高亮的最佳路径：到不了任何结局', 'no best path to highlight: no ending can be reached'),
  tooComplex: (limit: number) =>
    said(
      `这个案例太复杂，无法分析：不同的局面（节点、指标、到过的节点）超过 ${limit.toLocaleString('en')} 种`,
      `this case is too complex to analyse: more than ${limit.toLocaleString('en')} distinct situations (node, meters, visited nodes)`,
    ),
};

// ———————————————————————————————— new

export const newMessages = {
  badId: (id: string) =>
    said(
      `${q(id)}不能用作案例 id：只能用小写字母、数字和连字符，例如 late-delivery`,
      `'${id}' cannot be a scenario id: use lower-case letters, digits and hyphens, e.g. late-delivery`,
    ),
  exists: (file: string) =>
    said(
      `${file} 已经存在，不会覆盖它（请换一个 id，或用 --dir）`,
      `${file} already exists; not overwriting it (choose another id, or --dir)`,
    ),
  /** `code`: the system's error code; `detail` its own words, for any other code */
  cannotWrite: (file: string, code: string | undefined, detail: string) =>
    said(
      `无法写入 ${file}：${code === 'EEXIST' ? '它已经存在' : code === 'EACCES' ? '没有权限' : detail}`,
      `cannot write ${file}: ${code === 'EEXIST' ? 'it already exists' : code === 'EACCES' ? 'permission denied' : detail}`,
    ),
  wrote: (file: string) => said(`已写入 ${file}`, `wrote ${file}`),
  next: (file: string) =>
    said(
      `下一步：编辑它，然后运行  roleplay lint --strict ${file}  和  roleplay test ${file}`,
      `next: edit it, then  roleplay lint --strict ${file}  and  roleplay test ${file}`,
    ),
};

/** Every group, for tests: each builder must give both languages. */
export const ALL_TOOL_MESSAGES = {
  stepsFileMessages,
  testMessages,
  coverageMessages,
  pathsMessages,
  graphMessages,
  newMessages,
} as const;
