/**
 * Every message the loader and lint give a trainer, in Chinese and English side by side, so
 * that the two cannot drift: a message is built once, in both languages, and the caller picks
 * one (the language the trainer chose with --lang). Names from the file (node ids, keys such
 * as goto or passScore) appear verbatim in both, because trainers search their file for them.
 * Chinese quotes names with 「」, English with '' (tidyMessage shortens either kind).
 */
import type { ErrorCode } from 'yaml';
import { MAX_SCENARIO_NUMBER } from './limits.js';
import { listOf, nearest } from './suggest.js';
import { said, type Said } from '../text.js';
import type { FullWidthMark, IndicatorMark, Slip } from '../yaml/yaml-slips.js';
import { yamlProblemEn, yamlProblemZh } from '../yaml/yaml-problem-words.js';

export type { Said } from '../text.js';

/**
 * Every finding's stable code (for tools and editors; never translated). A union, so that a
 * misspelt code is a compile error; the YAML parser's own codes are mapped to `yaml-…`.
 */
export type MessageCode =
  | 'bad-condition'
  | 'bad-regex'
  | 'bad-rule-id'
  | 'binary-file'
  | 'branch-loop'
  | 'branch-never-taken'
  | 'chinese-only'
  | 'choice-never-shown'
  | 'choice-shown-only-on-revisit'
  | 'dead-end'
  | 'duplicate-choice'
  | 'duplicate-rule-id'
  | 'duplicate-scenario-id'
  | 'empty-cast'
  | 'empty-file'
  | 'empty-keyword'
  | 'empty-match'
  | 'fallback-not-last'
  | 'fallback-twice'
  | 'file-too-large'
  | 'invalid-field'
  | 'is-directory'
  | 'lesson-never-scored'
  | 'lesson-only-loses'
  | 'lesson-overrides-catalog'
  | 'loop-earns-points'
  | 'loop-no-way-out'
  | 'max-not-positive'
  | 'meter-range'
  | 'misplaced-timeout'
  | 'missing-translation'
  | 'model-not-best'
  | 'no-choice-shown'
  | 'no-ending'
  | 'no-fallback-rule'
  | 'no-model-answer'
  | 'no-nodes'
  | 'node-kind'
  | 'not-a-map'
  | 'not-utf8'
  | 'not-regular-file'
  | 'reached-only-by-revisit'
  | 'revisit-beats-max'
  | 'regex-backtracking'
  | 'regex-too-complex'
  | 'regex-upper-case'
  | 'reserved-cast-id'
  | 'reserved-meter'
  | 'test-kind'
  | 'text-cut-at-comma'
  | 'text-too-long'
  | 'too-complex'
  | 'too-deep'
  | 'unknown-ending'
  | 'unknown-key'
  | 'unknown-language'
  | 'unknown-lesson'
  | 'unknown-meter'
  | 'unknown-node'
  | 'unknown-rule'
  | 'unknown-speaker'
  | 'unreachable-node'
  | 'unreadable'
  | 'unused-meter'
  | 'when-default-not-last'
  | 'when-no-default'
  | 'yaml-alias-count'
  | 'yaml-alias-loop'
  | 'yaml-complex-key'
  | 'yaml-duplicate-key'
  | 'yaml-full-width'
  | 'yaml-extra-dash'
  | 'yaml-starts-with-indicator'
  | 'yaml-missing-dash'
  | 'yaml-no-space-after-colon'
  | 'yaml-text-after-quote'
  | YamlParserCode
  | AuditCode;

/** What `roleplay audit` finds (audit-messages.ts). */
export type AuditCode =
  | 'audit-incomplete'
  | 'best-is-longest'
  | 'direction-gives-away'
  | 'failure-can-pass'
  | 'keyword-catches-refusal'
  | 'line-gives-away'
  | 'naive-strategy-passes'
  | 'partial-passes-broken-lesson'
  | 'success-cannot-pass';

type Kebab<S extends string> = S extends `${infer A}_${infer B}` ? `${A}-${Kebab<B>}` : S;
/** The yaml library's error codes as ours: DUPLICATE_KEY → yaml-duplicate-key. */
export type YamlParserCode = `yaml-${Kebab<Lowercase<ErrorCode>>}`;

/** The parser's code as ours (the parser reports only its ErrorCodes; the type cannot follow replace). */
export const yamlCode = (parserCode: string): YamlParserCode =>
  `yaml-${parserCode.toLowerCase().replace(/_/g, '-')}` as YamlParserCode;

/** A problem's stable code (for tools; never translated) and its text. */
export interface Message {
  readonly code: MessageCode;
  readonly text: Said;
}

const msg = (code: MessageCode, zh: string, en: string): Message => ({ code, text: { zh, en } });

/** 「name」 in Chinese text. */
const q = (name: string | number) => `「${name}」`;

/** "; did you mean 'x'?" in both languages, or nothing when no known name is close. */
export function didYouMeanSaid(name: string, known: Iterable<string>): Said {
  const hit = nearest(name, known);
  return hit === undefined ? said('', '') : said(`；是不是${q(hit)}？`, `; did you mean '${hit}'?`);
}

const langName = (code: string) =>
  code === 'en' ? said('英文', 'English') : code === 'zh' ? said('中文', 'Chinese') : said(code, code);

// ———————————————————————————————— names and structure (references.ts)

export type GotoSource = 'start' | 'goto' | 'visited';

export const referenceMessages = {
  emptyCast: () =>
    msg(
      'empty-cast',
      'cast 里至少要有一个角色；第一个角色是默认的说话人',
      'cast needs at least one member; the first one is the default speaker',
    ),
  reservedCastId: (narrator: string) =>
    msg(
      'reserved-cast-id',
      `${q(narrator)}专用于旁白，请给这个角色换一个 id`,
      `'${narrator}' is reserved for narration; give this cast member another id`,
    ),
  noNodes: () =>
    msg(
      'no-nodes',
      'nodes 是空的；一个案例至少需要一个起始节点和一个结局',
      'nodes is empty; a scenario needs at least a start node and an ending',
    ),
  unknownNode: (from: GotoSource, name: string, near: Said) =>
    msg(
      'unknown-node',
      `${from} 指向的节点${q(name)}不存在${near.zh}`,
      `${from} names unknown node '${name}'${near.en}`,
    ),
  reservedMeter: () =>
    msg(
      'reserved-meter',
      '「visited」专用于“是否到过某节点”的条件，请给这个指标换个名字',
      "'visited' is reserved for conditions on visited nodes; name the meter differently",
    ),
  meterMinAboveMax: (id: string, min: number, max: number) =>
    msg(
      'meter-range',
      `指标${q(id)}的 min（${min}）大于 max（${max}）`,
      `meter '${id}' has min ${min} above max ${max}`,
    ),
  meterInitialOutside: (id: string, initial: number, min: number, max: number) =>
    msg(
      'meter-range',
      `指标${q(id)}的初始值 ${initial} 不在它的范围 ${min}..${max} 之内`,
      `meter '${id}' starts at ${initial}, outside its range ${min}..${max}`,
    ),
  lessonOverridesCatalog: (id: string) =>
    msg(
      'lesson-overrides-catalog',
      `本文件的要点${q(id)}与要点目录中的同名要点重复，在这个案例里以本文件的为准`,
      `inline lesson '${id}' replaces the catalog lesson of the same id for this scenario`,
    ),
  unknownLesson: (name: string, near: Said) =>
    msg(
      'unknown-lesson',
      `要点${q(name)}不存在${near.zh}（要点来自 scenarios/lessons.yaml 或本文件的 lessons:）`,
      `unknown lesson '${name}'${near.en} (lessons come from scenarios/lessons.yaml or this file's lessons:)`,
    ),
  unknownMeterEffect: (name: string, near: Said, meters: readonly string[]) =>
    msg(
      'unknown-meter',
      `指标${q(name)}不存在${near.zh}${meters.length ? `（已定义的指标：${meters.join('、')}）` : '（这个案例没有定义任何指标）'}`,
      `unknown meter '${name}'${near.en}${meters.length ? ` (meters: ${listOf(meters)})` : ' (this scenario defines no meters)'}`,
    ),
  unknownMeterCondition: (name: string, near: Said) =>
    msg('unknown-meter', `条件里的指标${q(name)}不存在${near.zh}`, `unknown meter '${name}' in condition${near.en}`),
  visitedNotNode: () =>
    msg(
      'bad-condition',
      'visited 后面要写一个节点 id，例如 `visited: ask-details`',
      'visited takes a node id, e.g. `visited: ask-details`',
    ),
  compareMeter: (meter: string, comparisons: readonly string[]) =>
    msg(
      'bad-condition',
      `指标${q(meter)}要用 ${comparisons.join('、')} 之一来比较，例如 { ${meter}: { gte: 1 } }`,
      `compare meter '${meter}' with one of ${comparisons.join(', ')}, e.g. { ${meter}: { gte: 1 } }`,
    ),
  nodeDoesNothing: (id: string) =>
    msg(
      'node-kind',
      `节点${q(id)}什么也不做：请给它 choices、input、when、end 中的一个（只能一个）`,
      `node '${id}' does nothing: give it exactly one of choices, input, when or end`,
    ),
  nodeTwoKinds: (id: string, first: string, second: string) =>
    msg(
      'node-kind',
      `节点${q(id)}同时有 ${first} 和 ${second}；一个节点只能有 choices、input、when、end 中的一个（请拆成两个节点）`,
      `node '${id}' has both ${first} and ${second}; a node does exactly one of choices, input, when or end (split it into two nodes)`,
    ),
  unknownSpeaker: (name: string, near: Said, cast: readonly string[]) =>
    msg(
      'unknown-speaker',
      `说话人${q(name)}不存在${near.zh}（请用 cast 里的 id：${[...cast, 'narrator'].join('、')}）`,
      `unknown speaker '${name}'${near.en} (use a cast id: ${listOf(cast)}, or narrator)`,
    ),
  misplacedTimeout: (id: string, kind: string) =>
    msg(
      'misplaced-timeout',
      `timeout 只能用在有 choices 或 input 的节点上；节点${q(id)}是 ${kind}`,
      `a timeout only applies to a node with choices or input; node '${id}' has ${kind}`,
    ),
  duplicateChoice: (choice: string, node: string, first: number) =>
    msg(
      'duplicate-choice',
      `选项 id${q(choice)}在节点${q(node)}里用了两次（第一次是第 ${first} 个选项）；每个选项都要有自己的 id`,
      `choice id '${choice}' is used twice in node '${node}' (first as choice ${first}); each choice needs its own id`,
    ),
  noFallbackRule: (id: string) =>
    msg(
      'no-fallback-rule',
      `节点${q(id)}的 input 没有兜底规则：请在最后加一条不带 \`match\` 的规则（带上它的 goto），接住什么都没匹配上的回答`,
      `the input of node '${id}' has no fallback rule: add a last rule without \`match\` (with its goto) for answers that match nothing`,
    ),
  fallbackNotLast: (rule: number, id: string) =>
    msg(
      'fallback-not-last',
      `节点${q(id)}的第 ${rule} 条规则没有 \`match\`，会接住所有回答，它后面的规则永远用不上；请把它移到最后`,
      `rule ${rule} of node '${id}' has no \`match\`, so it catches every answer and the rules after it can never be used; move it to the end`,
    ),
  fallbackTwice: (id: string) =>
    msg(
      'fallback-twice',
      `节点${q(id)}有不止一条兜底规则（不带 \`match\` 的规则）；只留一条，放在最后`,
      `node '${id}' has more than one fallback rule (rules without \`match\`); keep exactly one, last`,
    ),
  emptyMatch: (rule: number, id: string) =>
    msg(
      'empty-match',
      `节点${q(id)}的第 ${rule} 条规则的 match 是空的，会匹配所有回答；请给它关键词（all/any/none）或 regex，或者去掉 \`match\` 让它成为兜底规则`,
      `rule ${rule} of node '${id}' has an empty match, which matches every answer; give it keywords (all/any/none) or a regex, or drop \`match\` to make it the fallback`,
    ),
  emptyKeyword: (keyword: string) =>
    msg(
      'empty-keyword',
      `关键词 ${JSON.stringify(keyword)} 只有空格或标点，匹配时会被忽略，结果会匹配所有回答`,
      `keyword ${JSON.stringify(keyword)} is only spaces or punctuation, which matching ignores; it would match every answer`,
    ),
  badRegex: (detail: string) =>
    msg('bad-regex', `这个 regex 写得不对：${detail}`, `this regex is not valid: ${detail}`),
  regexUpperCase: () =>
    msg(
      'regex-upper-case',
      '回答在匹配 regex 之前会先转成小写，所以 regex 里的大写字母永远匹配不上；请改用小写',
      'answers are lower-cased before the regex is tested, so upper-case letters in it never match; write it in lower case',
    ),
  whenDefaultNotLast: (entry: number, id: string) =>
    msg(
      'when-default-not-last',
      `节点${q(id)}的第 ${entry} 个 when 分支没有 \`if\`，它后面的分支永远不会触发；只有最后一个分支可以不带 \`if\``,
      `entry ${entry} of node '${id}' has no \`if\`, so the entries after it can never fire; only the last entry goes without \`if\``,
    ),
  whenNoDefault: (id: string) =>
    msg(
      'when-no-default',
      `节点${q(id)}的最后一个 \`when\` 分支不能带 \`if\`，这样分支总有去处；请在最后加上 \`- goto: <节点>\``,
      `the last \`when\` entry of node '${id}' must have no \`if\`, so that the branch always goes somewhere; add \`- goto: <node>\` at the end`,
    ),
  unknownEnding: (test: string, ending: string, near: Said) =>
    msg(
      'unknown-ending',
      `测试${q(test)}期望的结局${q(ending)}不是一个结局节点${near.zh}`,
      `test '${test}' expects ending '${ending}', which is not an ending${near.en}`,
    ),
};

// ———————————————————————————————— whole-graph checks (checks.ts)

const OP_TEXT = { eq: '=', gte: '≥', gt: '>', lte: '≤', lt: '<' } as const;

export const checkMessages = {
  branchLoop: (names: readonly string[]) =>
    msg(
      'branch-loop',
      `自动分支（when）之间互相跳转，中间没有学员操作的步骤（${names.join(' → ')} → …），运行永远停不下来；请在这个循环里放一个有 choices 或 input 的节点`,
      `automatic branches loop with no trainee step in between (${names.join(' → ')} → …); the run would never stop — put a node with choices or input in the loop`,
    ),
  tooComplex: (limit: number, sizes?: string) =>
    msg(
      'too-complex',
      `这个案例太复杂，无法计算满分：学员可能处在的局面（节点、指标、到过的节点）超过 ${limit.toLocaleString('en')} 种${sizes ? `（${sizes}）` : ''}；请收窄指标的范围，或少在 visited 条件里点名节点`,
      `this case is too complex to score: more than ${limit.toLocaleString('en')} situations (node, meters, visited nodes) a trainee can be in${sizes ? ` (${sizes})` : ''}; narrow the meter ranges or name fewer nodes in \`visited\` conditions`,
    ),
  loopTooComplex: (limit: number, loop: string) =>
    msg(
      'too-complex',
      `这个案例太复杂，无法计算满分：循环 ${loop} 里的局面在 ${limit.toLocaleString('en')} 步之内算不完；请拆开这个循环，或让循环里的回答不得分`,
      `this case is too complex to score: the situations of the loop ${loop} do not settle within ${limit.toLocaleString('en')} steps; break up the loop or make its replies 0 points`,
    ),
  loopEarns: (loop: string, points: number, lesson?: string) =>
    msg(
      'loop-earns-points',
      `绕循环 ${loop} 每走一圈就多得 ${points} 分${lesson ? `（要点${q(lesson)}）` : ''}，学员可以反复绕圈，得分超过满分（max）；请只在离开循环的那一步给分，或让循环里的回答得 0 分`,
      `going round the loop ${loop} earns ${points} points each round${lesson ? ` (lesson '${lesson}')` : ''}, so a trainee could score past the best score (max) by repeating it; score the reply only on the way out of the loop, or make the loop's replies 0 points`,
    ),
  revisitBeatsMax: (loop: string, best: number, lesson?: string) =>
    msg(
      'revisit-beats-max',
      `学员最多能得 ${best} 分${lesson ? `（要点${q(lesson)}）` : ''}，但要先绕循环 ${loop} 至少一圈；满分（max）只算不重复经过节点的路径，达不到这个分数，所以学员的得分会超过满分；请只在离开循环的那一步给分，或让循环里的回答得 0 分`,
      `a trainee can score ${best} points${lesson ? ` for lesson '${lesson}'` : ''}, but only by going round the loop ${loop} at least once; the best score (max) counts only paths that visit each node once and none of those scores that much, so a trainee would score past max; score the reply only on the way out of the loop, or make the loop's replies 0 points`,
    ),
  scoreUndecided: (loop: string, best: number, budget: number) =>
    msg(
      'too-complex',
      `这个案例太复杂，无法计算满分：学员绕循环 ${loop} 能得 ${best} 分，在 ${budget.toLocaleString('en')} 步搜索之内判断不了不重复经过节点能不能也得这么多；请拆开这个循环，或让循环里的回答得 0 分`,
      `this case is too complex to score: going round the loop ${loop} a trainee can score ${best} points, and ${budget.toLocaleString('en')} search steps could not tell whether a path that visits each node once scores as much; break up the loop or make its replies 0 points`,
    ),
  noEnding: (start: string) =>
    msg(
      'no-ending',
      `从起点${q(start)}出发到不了任何结局；请确保有路径通向带 \`end:\` 的节点`,
      `no ending can be reached from start '${start}'; make sure some path leads to a node with \`end:\``,
    ),
  maxNotPositive: (total: number) =>
    msg(
      'max-not-positive',
      `这个案例最好的路径只得 ${total} 分，没法算百分比；请在 \`score\` 里给好的选择加正分`,
      `the best path through this case scores ${total} points, so a percent cannot be computed; give the good choices positive points in \`score\``,
    ),
  reachedOnlyByRevisit: (id: string) =>
    msg(
      'reached-only-by-revisit',
      `节点${q(id)}只有第二次经过某个节点才能到达；计分只算不重复经过节点的路径，所以这里之后的得分永远不计入满分（max）`,
      `node '${id}' is reached only by going through some node a second time; scores count only paths that visit each node once, so what happens from here never counts towards the best score (max)`,
    ),
  unreachableNode: (id: string, start: string) =>
    msg(
      'unreachable-node',
      `从起点${q(start)}永远到不了节点${q(id)}（没有路通向它，或通向它的路永远不会打开）`,
      `node '${id}' can never be reached from start '${start}' (no way leads to it, or only ways that are never open)`,
    ),
  deadEndInLoop: (id: string, loop: string) =>
    msg(
      'dead-end',
      `从节点${q(id)}到不了任何结局：它在一个出不去的循环里（${loop}）；请从循环里加一条通向结局的路`,
      `no ending can be reached from node '${id}': it is in a loop with no way out (${loop}); add a way from the loop towards an ending`,
    ),
  deadEnd: (id: string) =>
    msg(
      'dead-end',
      `从节点${q(id)}到不了任何结局：从它出发的每条路不是绕回来就是走不通；请加一条通向结局的路`,
      `no ending can be reached from node '${id}': every way from it loops back or stops; add a way towards an ending`,
    ),
  choiceShownOnlyOnRevisit: (choice: string, id: string) =>
    msg(
      'choice-shown-only-on-revisit',
      `节点${q(id)}的选项${q(choice)}只有学员第二次经过某个节点时才会出现；计分只算不重复经过节点的路径，所以它永远不计入满分（max）`,
      `choice '${choice}' of node '${id}' is shown only when the trainee comes back through a node a second time; scores count only paths that visit each node once, so it never counts towards the best score (max)`,
    ),
  choiceNeverShown: (choice: string, id: string, why: Said | undefined) =>
    msg(
      'choice-never-shown',
      `节点${q(id)}的选项${q(choice)}永远不会出现：${why?.zh ?? '每次到达这个节点时，它的条件都不可能成立'}`,
      `choice '${choice}' of node '${id}' is never shown: ${why?.en ?? 'its condition cannot hold whenever the node is reached'}`,
    ),
  noChoiceShown: (id: string, meters: Readonly<Record<string, number>>) => {
    const when = Object.entries(meters)
      .map(([m, v]) => `${m} = ${v}`)
      .join(', ');
    return msg(
      'no-choice-shown',
      `节点${q(id)}可能在${when ? ` ${when} 时` : ''}一个选项都不显示，又没有 timeout：学员会被卡住`,
      `node '${id}' can be reached${when ? ` with ${when}` : ''} when none of its choices is shown and there is no timeout: the trainee would be stuck`,
    );
  },
  branchNeverTaken: (entry: number, id: string, why: Said | undefined, conditional: boolean) =>
    msg(
      'branch-never-taken',
      `节点${q(id)}的第 ${entry} 个 when 分支永远不会触发：${why?.zh ?? (conditional ? '到达这个节点时它的条件从不成立，或者前面的分支总是先被选中' : '前面的分支总是先被选中')}`,
      `entry ${entry} of node '${id}' can never fire: ${why?.en ?? (conditional ? 'its condition never holds when the node is reached, or an earlier entry always wins' : 'an earlier entry always wins')}`,
    ),
  loopNoWayOut: (node: string, meters: Readonly<Record<string, number>>, loop: string) => {
    const when = Object.entries(meters)
      .map(([m, v]) => `${m} = ${v}`)
      .join(', ');
    return msg(
      'loop-no-way-out',
      `学员${when ? `在 ${when} 时` : ''}一旦到达节点${q(node)}，就再也到不了结局：从那里出发的每条路都留在循环 ${loop} 里，任何出口都不会打开；请给这个循环加一个在那时条件能成立的出口`,
      `once the trainee reaches node '${node}'${when ? ` with ${when}` : ''}, no ending can be reached any more: every way from there stays in the loop ${loop} and no way out of it ever opens; give the loop an exit whose condition can hold there`,
    );
  },
  lessonOnlyLoses: (lesson: string, best: number) =>
    msg(
      'lesson-only-loses',
      `要点${q(lesson)}在这个案例里只会扣分（最好也只有 ${best} 分）；请给学员一个得分的机会，否则复盘里只会显示扣分`,
      `lesson '${lesson}' can only lose points in this case (its best is ${best}); give the trainee a way to earn it, or the debrief will only ever show a penalty`,
    ),
  lessonNeverScored: (id: string) =>
    msg(
      'lesson-never-scored',
      `要点${q(id)}在这里定义了，但没有任何一步给它计分；请在某处给它计分，或者删掉它`,
      `lesson '${id}' is defined here but no step scores it; score it somewhere or remove it`,
    ),
  unusedMeter: (id: string) =>
    msg(
      'unused-meter',
      `指标${q(id)}从来没有被改变或判断过；请在 effects 或条件里用它，或者删掉它`,
      `meter '${id}' is never changed or tested; use it in effects or conditions, or remove it`,
    ),
  /** why a condition can never hold, from its meter's range alone (part of another message) */
  outOfRange: (meter: string, min: number, max: number, op: keyof typeof OP_TEXT, value: number): Said =>
    said(
      `指标${q(meter)}始终在 ${min} 到 ${max} 之间，所以「${meter} ${OP_TEXT[op]} ${value}」永远不成立；请修改条件或这个指标的范围`,
      `meter '${meter}' is kept between ${min} and ${max}, so '${meter} ${OP_TEXT[op]} ${value}' can never hold; change the condition or the meter's range`,
    ),
  textCutAtComma: (key: string) =>
    msg(
      'text-cut-at-comma',
      `${q(key)}被读成了一个没有文字的单独的键：在 { } 里逗号会结束文字，逗号前的句子被截断了；请给文字加上引号，例如 en: "..., ${key}"`,
      `'${key}' was read as a separate key with no text: inside { } a comma ends the text, so the sentence before it was cut; put the text in quotes, e.g. en: "..., ${key}"`,
    ),
  unknownLanguage: (key: string) =>
    msg(
      'unknown-language',
      `${q(key)}不是语言代码（应该像 zh 或 en）；这段文字会被忽略`,
      `'${key}' is not a language code (like zh or en); this text is ignored`,
    ),
  chineseOnly: () =>
    msg(
      'chinese-only',
      '这段文字只有中文；请写成 `{ zh: …, en: … }`，否则英文界面也只能显示中文',
      'this text is in Chinese only; write it as `{ zh: …, en: … }` so the English UI has English to show',
    ),
  missingTranslation: (langs: readonly string[], missing: 'zh' | 'en') =>
    msg(
      'missing-translation',
      `这段文字有 ${langs.join('、')}，但没有 ${missing}；请加上 \`${missing}:\`，否则${langName(missing).zh}界面只能改用另一种语言显示`,
      `this text has ${langs.join(', ')} but no ${missing}; add \`${missing}:\` so the ${langName(missing).en} UI does not fall back to another language`,
    ),
  textTooLong: (width: number, limit: number) =>
    msg(
      'text-too-long',
      limit < 76
        ? `这段文字有 ${width} 列宽；请控制在 ${limit} 列以内，才放得进屏幕上它的位置`
        : `这段文字有 ${width} 列宽，在 80 列的屏幕上超过 ${Math.round(limit / 76)} 行；请缩短，或拆到几个节点里`,
      limit < 76
        ? `this text is ${width} columns wide; keep it within ${limit} columns so it fits its place on screen`
        : `this text is ${width} columns wide; that is more than ${Math.round(limit / 76)} lines on an 80-column screen; shorten it or split it across nodes`,
    ),
};

// ———————————————————————————————— YAML (yaml-source.ts)

const FULL_WIDTH: Readonly<Record<FullWidthMark, readonly [string, string, Said]>> = {
  '：': ['冒号', 'colon', said('半角冒号加一个空格「: 」', 'an ASCII colon and a space `: `')],
  '，': ['逗号', 'comma', said('半角逗号「,」', 'an ASCII comma `,`')],
  '\u3000': ['空格', 'space', said('普通的半角空格', 'ordinary spaces')],
};

/** What YAML takes each character for at the start of a value. */
const INDICATOR: Readonly<Record<IndicatorMark, Said>> = {
  '*': said('别名（*名字）', 'an alias (*name)'),
  '&': said('锚点（&名字）', 'an anchor (&name)'),
  '[': said('列表的开头', 'the start of a list'),
  '{': said('映射的开头', 'the start of a map'),
  '>': said('多行文字块的开头', 'the start of a block of text'),
  '|': said('多行文字块的开头', 'the start of a block of text'),
  '@': said('保留字符', 'a reserved character'),
  '`': said('保留字符', 'a reserved character'),
  '%': said('指令', 'a directive'),
};

export const yamlMessages = {
  binaryFile: () =>
    msg(
      'binary-file',
      '这不是文本文件（里面有 NUL 字节）；案例必须是 UTF-8 编码的 YAML 文本',
      'this is not a text file (it contains a NUL byte); a scenario must be UTF-8 YAML text',
    ),
  emptyFile: () =>
    msg(
      'empty-file',
      '文件是空的（只有空行或注释）；一个案例至少需要 id、title、cast、start 和 nodes（运行 `roleplay new <id>` 可以生成一个起步模板）',
      'the file is empty (nothing but blank lines or comments); a scenario needs at least id, title, cast, start and nodes (run `roleplay new <id>` for a starter)',
    ),
  aliasLoop: (name: string) =>
    msg(
      'yaml-alias-loop',
      `别名 *${name} 写在它引用的 &${name} 块里面，会无限重复；请把内容直接写出来，不要用 &锚点 和 *别名`,
      `the alias *${name} is inside the block &${name} it refers to, which would repeat forever; write the text out instead of using &anchors and *aliases`,
    ),
  complexKey: () =>
    msg(
      'yaml-complex-key',
      '键必须是一个简单的名字，不能是列表或映射；请写成 `name: value`',
      'a key must be a plain name, not a list or a map; write it as `name: value`',
    ),
  tooManyAliases: (max: number) =>
    msg(
      'yaml-alias-count',
      `别名引用太多（超过 ${max} 个），看起来像“别名炸弹”；请把内容直接写出来，不要用 &锚点 和 *别名`,
      `too many alias references (more than ${max}); this looks like an alias bomb — write the text out instead of using &anchors and *aliases`,
    ),
  unreadable: (detail: string) =>
    msg('yaml-alias-count', `无法读取这段 YAML：${detail}`, `the YAML could not be read: ${detail}`),
  /** code: the parser's code turned into ours (yaml-missing-char, …) */
  unclosedQuote: (code: YamlParserCode, mark: string) =>
    msg(
      code,
      `这里开头的 ${mark} 没有闭合；请补上结尾的 ${mark}（它后面的内容都被当成了引号里的文字）`,
      `the ${mark} opened here is never closed; add the closing ${mark} (everything after it was read as part of it)`,
    ),
  unclosedBracket: (code: YamlParserCode, mark: string, close: string) =>
    msg(
      code,
      `这里开头的 ${mark} 没有正确闭合：请用 ${close} 结束它，并且让它里面的每一行都比开头那一行缩进更多`,
      `the ${mark} opened here is not closed properly: end it with ${close}, and indent every line inside it more than the line it starts on`,
    ),
  /** a typing slip the parser reports as something else (yaml-slips.ts) */
  slip: (slip: Slip): Message => {
    switch (slip.kind) {
      case 'full-width': {
        const [zh, en, ascii] = FULL_WIDTH[slip.mark];
        return msg(
          'yaml-full-width',
          `这里是中文全角的${zh}「${slip.mark}」，YAML 不认；请切换到半角输入，改成${ascii.zh}`,
          `this is a full-width ${en} '${slip.mark}' (Chinese input), which YAML does not read; type ${ascii.en} instead`,
        );
      }
      case 'no-space-after-colon':
        return msg(
          'yaml-no-space-after-colon',
          `键${q(slip.key)}的冒号后面少了一个空格，YAML 就读不出这个键；请写成「${slip.key}: 值」`,
          `the colon after '${slip.key}' needs a space after it, or YAML does not read a key there: write \`${slip.key}: value\``,
        );
      case 'missing-dash':
        return msg(
          'yaml-missing-dash',
          `这一行和上面的列表项在同一列，像是新的一项，但前面少了「- 」；请写成「- ${slip.key}: …」`,
          `this line stands at the column of the list items above it, as a new item would, but has no \`- \`: write \`- ${slip.key}: …\``,
        );
      case 'extra-dash':
        return msg(
          'yaml-extra-dash',
          `这一行以「- 」开头，可是和它同一列的上一行是键，不是列表项；请去掉「- 」，写成「${slip.key}: …」`,
          `this line starts with \`- \`, but the line above it at its column is a key, not a list item: take out the \`- \` and write \`${slip.key}: …\``,
        );
      case 'starts-with-indicator': {
        const what = INDICATOR[slip.mark];
        const sample = `'${slip.mark}…'`;
        return msg(
          'yaml-starts-with-indicator',
          `这段文字以「${slip.mark}」开头，YAML 会把值开头的「${slip.mark}」当成${what.zh}；请给整段文字加上引号，例如 ${sample}`,
          `this text starts with \`${slip.mark}\`, which YAML reads at the start of a value as ${what.en}; put the whole text in quotes, e.g. ${sample}`,
        );
      }
      case 'text-after-quote':
        return msg(
          'yaml-text-after-quote',
          `这段文字以引号 ${slip.quote} 开头，YAML 读到配对的引号就认为文字结束了，后面的内容读不懂；请给整段文字加上引号（里面的引号改用中文引号“”），或者不要以引号开头`,
          `this text opens with a quote ${slip.quote}, so YAML ends it at the matching quote and cannot read what follows; quote the whole text (with the inner quotes as “ ” or \\"), or do not start it with a quote`,
        );
    }
  },
  /** `key: text: more` — the parser's "nested mappings" complaint when no deeper line explains it */
  colonInValue: (code: YamlParserCode) =>
    msg(
      code,
      '值里有“冒号加空格”（`: `），YAML 会把它当成又一个键；如果这是文字的一部分，请给整段文字加上引号（例如 `en: "Note: …"`）',
      'the value holds a colon and a space (`: `), which YAML reads as another key; if it is part of the text, put the whole text in quotes (e.g. `en: "Note: …"`)',
    ),
  duplicateKey: (key: string) =>
    msg(
      'yaml-duplicate-key',
      `键${q(key)}重复了：同一层里一个键只能出现一次；请改名或删掉其中一个`,
      `duplicate key '${key}': a key may appear only once in the same map; rename or remove one of them`,
    ),
  /**
   * Any other problem the parser reports; `detail` is its own (English) first line. Chinese
   * words it from yaml-problem-words.ts without the English; English keeps the detail.
   */
  parser: (parserCode: string, detail: string) => {
    const code = yamlCode(parserCode);
    // a code no table knows (a newer yaml): its English is all there is to say
    const zh = yamlProblemZh(parserCode, detail) ?? `YAML 格式有误：${detail}`;
    switch (parserCode) {
      case 'TAB_AS_INDENT':
        return msg(
          code,
          zh,
          'a tab is used for indentation; YAML indents with spaces only (replace the tab with spaces)',
        );
      case 'BAD_INDENT':
        return msg(
          code,
          zh,
          yamlProblemEn(detail) ??
            `the indentation is off here; line this up with its siblings using spaces (${detail})`,
        );
      case 'MULTIPLE_DOCS':
        return msg(
          code,
          zh,
          'this file holds more than one YAML document (a `---` line); put each scenario in its own file',
        );
      default:
        return msg(code, zh, yamlProblemEn(detail) ?? detail);
    }
  },
};

export { YAML_PARSER_CODES } from '../yaml/yaml-problem-words.js';

// ———————————————————————————————— shape (load.ts, schema.ts)

/** Where a data path points, in a trainer's words: "node 'gate', choice 2" / "节点「gate」的第 2 个选项". */
export function whereSaid(path: readonly (string | number)[]): Said | undefined {
  const zh: string[] = [];
  const en: string[] = [];
  for (let i = 0; i < path.length; i++) {
    const seg = path[i];
    const next = path[i + 1];
    const part = (z: string, e: string) => {
      zh.push(z);
      en.push(e);
      i++;
    };
    if (seg === 'nodes' && typeof next === 'string') part(`节点${q(next)}`, `node '${next}'`);
    else if (seg === 'choices' && typeof next === 'number') part(`第 ${next + 1} 个选项`, `choice ${next + 1}`);
    else if (seg === 'rules' && typeof next === 'number') part(`第 ${next + 1} 条规则`, `rule ${next + 1}`);
    else if (seg === 'when' && typeof next === 'number') part(`第 ${next + 1} 个 when 分支`, `when entry ${next + 1}`);
    else if (seg === 'cast' && typeof next === 'string') part(`角色${q(next)}`, `cast member '${next}'`);
    else if (seg === 'meters' && typeof next === 'string') part(`指标${q(next)}`, `meter '${next}'`);
    else if (seg === 'lessons' && typeof next === 'string') part(`要点${q(next)}`, `lesson '${next}'`);
    else if (seg === 'tests' && typeof next === 'number') part(`第 ${next + 1} 个测试`, `test ${next + 1}`);
    else if (seg === 'timeout') {
      zh.push('timeout');
      en.push('timeout');
    }
  }
  return en.length ? said(zh.join('的').replace(/的timeout/g, '的 timeout'), en.join(', ')) : undefined;
}

export const shapeMessages = {
  notAMap: (found: FoundValue) =>
    msg(
      'not-a-map',
      `文件最外层应该是一组字段（id、title、cast、start、nodes……），实际却是${FOUND[found].zh}`,
      `expected a map of fields (id, title, cast, start, nodes, ...) at the top level, found ${FOUND[found].en}`,
    ),
  /** an unknown key that is a known one typed with full-width '　' or '：' (yaml-slips.ts) */
  fullWidthKey: (key: string, where: Said | undefined, meant: string) =>
    msg(
      'unknown-key',
      `${where ? `${where.zh}里的` : ''}键${q(key)}里有中文全角的空格或冒号，会被忽略；请用半角字符写成${q(meant)}`,
      `key '${key}'${where ? ` in ${where.en}` : ''} holds a full-width space or colon (Chinese input) and is ignored; type it as '${meant}' with ordinary spaces and ':'`,
    ),
  unknownKey: (key: string, where: Said | undefined, near: Said) =>
    msg(
      'unknown-key',
      `${where ? `${where.zh}里的` : ''}键${q(key)}不认识，会被忽略${near.zh}`,
      `unknown key '${key}'${where ? ` in ${where.en}` : ''} is ignored${near.en}`,
    ),
  /** A field's value is wrong; `what` says how, `where` where it is. */
  invalidField: (where: Said | undefined, what: Said) =>
    msg('invalid-field', where ? `${where.zh}：${what.zh}` : what.zh, where ? `${where.en}: ${what.en}` : what.en),
};

export type FoundValue = 'list' | 'null' | 'text' | 'number' | 'boolean' | 'other';
const FOUND: Readonly<Record<FoundValue, Said>> = {
  list: said('一个列表', 'a list'),
  null: said('空值（null）', 'nothing (null)'),
  text: said('一行文字', 'a single line of text'),
  number: said('一个数字', 'a number'),
  boolean: said('一个 true/false 值', 'a boolean'),
  other: said('别的内容', 'something else'),
};

export function foundValue(v: unknown): FoundValue {
  if (Array.isArray(v)) return 'list';
  if (v === null) return 'null';
  if (typeof v === 'string') return 'text';
  if (typeof v === 'number') return 'number';
  if (typeof v === 'boolean') return 'boolean';
  return 'other';
}

const TEXT_HINT = said(
  '一段文字，或按语言分开写的文字，例如 { zh: 您好, en: Hello }',
  'a string, or a map of language codes to strings, e.g. { zh: 您好, en: Hello }',
);
const TYPE_NAME: Readonly<Record<string, Said>> = {
  string: said('文字', 'string'),
  number: said('数字', 'number'),
  boolean: said('true 或 false', 'boolean'),
  array: said('列表', 'array'),
  object: said('映射（键: 值）', 'object'),
  null: said('空值', 'null'),
  undefined: said('空', 'undefined'),
};

/** The numbers a schema names in its "must be a number" messages. */
export type NumberField = 'points' | 'meter-change' | 'eq' | 'gte' | 'gt' | 'lte' | 'lt' | 'initial' | 'min' | 'max';
const LIMIT = MAX_SCENARIO_NUMBER;
const numberName = (f: NumberField): Said =>
  f === 'points'
    ? said('score 里的分数', 'points')
    : f === 'meter-change'
      ? said('effects 里的变化量', 'a meter change')
      : said(f, f);

/**
 * The schema's own problems. zod carries only a string per issue, so schema.ts stores the key
 * (and one argument) of the message here; the loader renders it in the trainer's language
 * with what the file holds at that place.
 */
export const schemaMessages = {
  text: () => said(`这里应该是文字：${TEXT_HINT.zh}`, `expected text: ${TEXT_HINT.en}`),
  'score-map': () =>
    said(
      '这里应该是一组“要点 id → 分数”，例如 { listen-first: 2 }',
      'expected a map of lesson id to points, e.g. { listen-first: 2 }',
    ),
  'effects-map': () =>
    said(
      '这里应该是一组“指标名 → 变化量”，例如 { mood: -1 }',
      'expected a map of meter name to change, e.g. { mood: -1 }',
    ),
  condition: () =>
    said(
      '这里应该是一个条件：一组“指标 → 比较”，例如 { trust: { gte: 1 } }，或 { visited: 节点id }',
      'expected a condition: a map of meter -> comparison, e.g. { trust: { gte: 1 } }, or { visited: node-id }',
    ),
  'number-missing': (f: NumberField) =>
    said(`缺少${numberName(f).zh === f ? ` ${f}` : numberName(f).zh}`, `missing ${numberName(f).en}`),
  'number-type': (f: NumberField) =>
    said(`${numberName(f).zh === f ? `${f} ` : numberName(f).zh}必须是数字`, `${numberName(f).en} must be a number`),
  'number-range': (f: NumberField) =>
    said(
      `${numberName(f).zh === f ? `${f} ` : numberName(f).zh}必须在 -${LIMIT} 到 ${LIMIT} 之间（上限 ±${LIMIT}，MAX_SCENARIO_NUMBER）`,
      `${numberName(f).en} must be from -${LIMIT} to ${LIMIT} (the limit is ±${LIMIT}, MAX_SCENARIO_NUMBER)`,
    ),
  'goto-missing': () =>
    said(
      '缺少 goto：每条出路都需要 `goto: <节点 id>`',
      'missing goto: every way out of a node needs `goto: <node id>`',
    ),
  'goto-type': () => said('goto 必须是一个节点 id', 'goto must be a node id'),
  'choice-id-missing': () => said('缺少 id：每个选项都需要一个 `id`', 'missing id: every choice needs an `id`'),
  'choice-id-type': () => said('选项的 id 必须是文字', 'a choice id must be text'),
  'seconds-missing': () =>
    said(
      '缺少 seconds：学员有多少秒，例如 `seconds: 30`',
      'missing seconds: how long the trainee has, e.g. `seconds: 30`',
    ),
  'seconds-type': (got: string) =>
    said(
      `seconds 必须是秒数，例如 \`seconds: 30\`（现在是 ${got}）`,
      `seconds must be a number of seconds, e.g. \`seconds: 30\` (got ${got})`,
    ),
  'seconds-positive': () => said('seconds 必须大于 0', 'seconds must be more than 0'),
  'seconds-max': () => said('seconds 最多是 86400（一天）', 'seconds must be at most 86400 (one day)'),
  keywords: () => said('这里应该是关键词列表，例如 [您好, hello]', 'expected a list of keywords, e.g. [您好, hello]'),
  regex: () => said('regex 必须是一个加了引号的表达式', 'regex must be a pattern in quotes'),
  'match-flag': (key: string) => said(`${key} 必须是 true 或 false`, `${key} must be true or false`),
  'rule-id': () => said('规则的 id 必须是文字，例如 joint-test', 'a rule id must be text, e.g. joint-test'),
  'rules-list': () => said('`rules:` 下面应该是规则列表', 'expected a list of rules under `rules:`'),
  'rules-min': () => said('input 至少需要一条规则', 'an input needs at least one rule'),
  'when-list': () =>
    said('`when:` 下面应该是 `if`/`goto` 条目的列表', 'expected a list of `if`/`goto` entries under `when:`'),
  'when-min': () => said('when 至少需要一个分支', 'when needs at least one entry'),
  outcome: (value: string | null) =>
    said(
      `${value === null ? '缺少 outcome' : `outcome${q(value)}无效`}；请用 success、partial 或 failure`,
      `outcome ${value === null ? 'is missing' : `'${value}' is not valid`}; use success, partial or failure`,
    ),
  speaker: () => said('speaker 必须是 cast 里的 id 或 narrator', 'speaker must be a cast id or narrator'),
  'choices-list': () => said('这里应该是选项列表', 'expected a list of choices'),
  'choices-min': () => said('有 choices 的节点至少需要一个选项', 'a choice node needs at least one choice'),
  'customer-type': (types: string) =>
    said(`type 必须是 ${types.split(', ').join('、')} 之一`, `type must be one of ${types}`),
  'test-name': () => said('每个测试都需要 name', 'every test needs a name'),
  'test-node': () => said('node 必须是一个节点 id', 'node must be a node id'),
  answers: () =>
    said(
      'answers 必须是列表，例如 - { say: 今晚十点到, rule: joint-test }',
      'answers must be a list, e.g. - { say: tonight at ten, rule: joint-test }',
    ),
  'answer-say': () => said('每个回答都需要 say：学员输入的文字', 'every answer needs say: the text a trainee types'),
  'answer-rule': () =>
    said(
      'rule 必须是规则 id、fallback 或规则的序号（从 1 开始）',
      'rule must be a rule id, fallback, or the rule number (from 1)',
    ),
  steps: () => said('steps 必须是列表', 'steps must be a list'),
  'test-outcome': () =>
    said('outcome 必须是 success、partial 或 failure', 'outcome must be success, partial or failure'),
  percent: (field: string) => said(`${field} 必须是 0 到 100 之间的百分比`, `${field} is a percent from 0 to 100`),
  step: () =>
    said(
      '每一步是一个选项 id、{ say: 文字 } 或 { wait: true }',
      'a step is a choice id, { say: text } or { wait: true }',
    ),
  'id-missing': () =>
    said(
      '缺少 id：给案例起一个 id，例如 `id: angry-customer`',
      'missing id: give the scenario an id like `id: angry-customer`',
    ),
  'id-type': () => said('id 必须是文字', 'id must be text'),
  'id-pattern': () =>
    said(
      'id 只能用小写字母、数字和连字符，例如 angry-customer',
      'id may use only lower-case letters, digits and hyphens, e.g. angry-customer',
    ),
  difficulty: () => said('difficulty 必须是 1、2 或 3', 'difficulty must be 1, 2 or 3'),
  tags: () => said('tags 必须是列表，例如 [angry, complaint]', 'tags must be a list, e.g. [angry, complaint]'),
  'passScore-type': () => said('passScore 必须是 0 到 100 的数字', 'passScore must be a number from 0 to 100'),
  'passScore-range': () =>
    said('passScore 必须在 0 到 100 之间（百分比）', 'passScore must be from 0 to 100 (a percent)'),
  cast: () =>
    said('cast 必须是一组“角色 id → { name, role, type }”', 'cast must be a map of cast id -> { name, role, type }'),
  meters: () =>
    said(
      'meters 必须是一组“指标名 → { initial, min, max, label }”',
      'meters must be a map of meter name -> { initial, min, max, label }',
    ),
  lessons: () =>
    said(
      'lessons 必须是一组“要点 id → { title, principle }”',
      'lessons must be a map of lesson id -> { title, principle }',
    ),
  'start-missing': () =>
    said(
      '缺少 start：写出第一个节点，例如 `start: opening`',
      'missing start: name the first node, e.g. `start: opening`',
    ),
  'start-type': () => said('start 必须是一个节点 id', 'start must be a node id'),
  nodes: () => said('nodes 必须是一组“节点 id → 节点”', 'nodes must be a map of node id -> node'),
  tests: () => said('tests 必须是列表', 'tests must be a list'),
} satisfies Record<string, (arg: never) => Said>;

export type SchemaMessageKey = keyof typeof schemaMessages;

const SCHEMA_MARK = 'roleplay-message:';

/** What schema.ts gives zod as an issue's message: our key and its argument. */
export function schemaIssue<K extends SchemaMessageKey>(
  key: K,
  ...arg: Parameters<(typeof schemaMessages)[K]>
): string {
  return SCHEMA_MARK + JSON.stringify([key, ...arg]);
}

/** The message schema.ts stored in a zod issue, or undefined for one of zod's own. */
export function schemaIssueText(stored: string): Said | undefined {
  if (!stored.startsWith(SCHEMA_MARK)) return undefined;
  const [key, arg] = JSON.parse(stored.slice(SCHEMA_MARK.length)) as [SchemaMessageKey, never];
  return schemaMessages[key]?.(arg);
}

/** A required field that is absent. */
export const missingField = (key: string) => said(`缺少必填字段${q(key)}`, `missing required field '${key}'`);

/** zod's own "Invalid input: expected string, received number" in both languages. */
export function wrongType(
  key: string | undefined,
  expected: string | undefined,
  value: unknown,
  zodText: string,
): Said {
  const name = key === undefined ? '' : key;
  const exp = expected ? TYPE_NAME[expected] : undefined;
  const got = TYPE_NAME[Array.isArray(value) ? 'array' : value === null ? 'null' : typeof value];
  const zh = exp && got ? `应该是${exp.zh}，实际是${got.zh}` : zodText.replace(/^Invalid input: /, '');
  return said(
    `${name ? q(name) : ''}类型不对：${zh}`,
    `${name ? `'${name}' ` : ''}has the wrong type: ${zodText.replace(/^Invalid input: /, '')}`,
  );
}

/** Any other zod message (rare: the schema words its own for nearly everything). */
export const otherShapeProblem = (zodText: string) => said(`格式不对：${zodText}`, zodText);

// ———————————————————————————————— across files and reading (cli: lint.ts, files.ts)

export const fileMessages = {
  duplicateScenarioId: (id: string, first: string) =>
    msg(
      'duplicate-scenario-id',
      `案例 id${q(id)}已经被 ${first} 用了；每个案例都要有自己的 id`,
      `scenario id '${id}' is already used by ${first}; every scenario needs its own id`,
    ),
  catalogLessonNeverScored: (id: string) =>
    msg(
      'lesson-never-scored',
      `要点${q(id)}在要点目录里，但这里没有任何案例给它计分；请写一步给它计分，或者删掉它`,
      `lesson '${id}' is in the catalog but no scenario here scores it; write a step that scores it, or remove it`,
    ),
  isDirectory: () => msg('is-directory', '这是一个文件夹，不是案例文件', 'this is a folder, not a scenario file'),
  notFound: () => msg('unreadable', '没有这个文件或文件夹', 'no such file or folder'),
  permissionDenied: () => msg('unreadable', '没有权限：无法读取这个文件', 'permission denied: the file cannot be read'),
  unreadable: (reason: string) => msg('unreadable', `无法读取（${reason}）`, `cannot be read (${reason})`),
  fileTooLarge: (mb: string, maxMb: number) =>
    msg(
      'file-too-large',
      `文件有 ${mb} MB；案例文件最大 ${maxMb} MB——是不是选错了文件？`,
      `the file is ${mb} MB; a scenario file may be at most ${maxMb} MB — is this the right file?`,
    ),
  notUtf8: () =>
    msg(
      'not-utf8',
      '这不是 UTF-8 文本（看起来是二进制数据或别的编码）；请把案例存成 UTF-8 编码的 YAML',
      'this is not UTF-8 text (it looks like binary data, or another encoding); save the scenario as UTF-8 YAML',
    ),
};

/** Why a scenario named on the command line cannot be opened (not a finding in a file: no code). */
export const resolveMessages = {
  noScenario: (ref: string, folders: readonly string[], near: string | undefined) =>
    said(
      `没有案例${q(ref)}：它既不是一个文件，也不是 ${folders.join(' 或 ')} 里某个案例的 id${near ? `；是不是${q(near)}？` : '（`roleplay list` 会列出所有案例）'}`,
      `no scenario '${ref}': it is neither a file nor the id of a scenario in ${folders.join(' or ')}${near ? `; did you mean '${near}'?` : ' (`roleplay list` shows them)'}`,
    ),
  isCatalog: (file: string) => said(`${file} 是要点目录，不是案例`, `${file} is a lesson catalog, not a scenario`),
};

/** lint's closing line on standard error. */
export function lintSummary(files: number, errors: number, warnings: number): Said {
  const s = (n: number) => (n === 1 ? '' : 's');
  return said(
    `检查了 ${files} 个文件：${errors} 个错误，${warnings} 个警告`,
    `${files} file${s(files)} checked: ${errors} error${s(errors)}, ${warnings} warning${s(warnings)}`,
  );
}

// ———————————————————————————————— rule ids and model answers (answer-checks.ts)

const ruleName = (rule: number, id: string | undefined) =>
  id === undefined
    ? said(`第 ${rule} 条规则`, `rule ${rule}`)
    : said(`第 ${rule} 条规则${q(id)}`, `rule ${rule} ('${id}')`);

export const answerMessages = {
  duplicateRuleId: (id: string, node: string, first: number) =>
    msg(
      'duplicate-rule-id',
      `规则 id${q(id)}在节点${q(node)}里用了两次（第一次是第 ${first} 条规则）；每条规则的 id 都要不同`,
      `rule id '${id}' is used twice in node '${node}' (first by rule ${first}); each rule needs its own id`,
    ),
  badRuleId: (id: string) =>
    msg(
      'bad-rule-id',
      `规则 id${q(id)}只能用小写字母、数字和连字符，而且不能全是数字（测试里的数字表示规则的序号），例如 joint-test`,
      `rule id '${id}' may use only lower-case letters, digits and hyphens, and not digits alone (in a test, a number means the position of the rule), e.g. joint-test`,
    ),
  fallbackIdReserved: (node: string) =>
    msg(
      'bad-rule-id',
      `节点${q(node)}里一条带 match 的规则叫「fallback」；测试里 fallback 指的是最后那条不带 match 的兜底规则，请给这条规则换个 id`,
      `a rule with a match in node '${node}' is called 'fallback', which tests use for the last rule without a match; give this rule another id`,
    ),
  noModelAnswer: (node: string) =>
    msg(
      'no-model-answer',
      `节点${q(node)}要学员打字回答，但没有参考答案（input.model）；复盘时学员看不到“好的回答是什么样的”，请写一个中英文的参考答案`,
      `node '${node}' asks the trainee to type an answer but has no model answer (input.model); the debrief cannot show what a good answer looks like — write one in Chinese and English`,
    ),
  modelNotBest: (
    node: string,
    lang: string,
    taken: { rule: number; id?: string; points: number },
    best: { rule: number; id?: string; points: number },
  ) =>
    msg(
      'model-not-best',
      `节点${q(node)}的参考答案${lang ? `（${langName(lang).zh}）` : ''}走的是${ruleName(taken.rule, taken.id).zh}，得 ${taken.points} 分；最好的${ruleName(best.rule, best.id).zh}得 ${best.points} 分。参考答案必须拿满分：请改写参考答案，或者改这些规则`,
      `the model answer of node '${node}'${lang ? ` (${langName(lang).en})` : ''} takes ${ruleName(taken.rule, taken.id).en}, worth ${taken.points} points; the best, ${ruleName(best.rule, best.id).en}, is worth ${best.points}. The model answer must score full marks: rewrite it, or the rules`,
    ),
  testKind: (test: string) =>
    msg(
      'test-kind',
      `测试${q(test)}要么写 steps 和 expect（走一遍案例），要么写 node 和 answers（检查一个节点上的回答），不能混在一起`,
      `test '${test}' either plays steps with expect, or checks answers at one node (node and answers); not both`,
    ),
  testNodeNotInput: (test: string, node: string, near: Said) =>
    msg(
      'unknown-node',
      `测试${q(test)}的 node${q(node)}不是一个要学员打字回答（input）的节点${near.zh}`,
      `test '${test}' names node '${node}', which is not a node with input${near.en}`,
    ),
  testUnknownRule: (test: string, rule: string | number, node: string, known: readonly string[]) =>
    msg(
      'unknown-rule',
      `测试${q(test)}：节点${q(node)}没有规则${q(rule)}（可以写：${known.join('、')}）`,
      `test '${test}': node '${node}' has no rule '${rule}' (use one of: ${known.join(', ')})`,
    ),
  emptyKeywordList: (key: string, rule: number, node: string) =>
    msg(
      'empty-match',
      `节点${q(node)}第 ${rule} 条规则的 ${key} 是空列表，这条规则永远匹配不上；请写上关键词，或者去掉 ${key}`,
      `${key} of rule ${rule} in node '${node}' is an empty list, so the rule can never match; give it keywords or remove ${key}`,
    ),
};

/** Every message builder that yields a finding (for tests: each must exist in both languages). */
export const ALL_MESSAGE_GROUPS = {
  referenceMessages,
  checkMessages,
  yamlMessages,
  shapeMessages,
  fileMessages,
  answerMessages,
} as const;
