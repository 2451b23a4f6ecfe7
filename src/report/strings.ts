/** The words of the records commands (sessions, report, verify, resume), in both interface languages. */
import type { Lang } from '../core/index.js';

export interface RecordStrings {
  readonly id: string;
  readonly started: string;
  readonly trainee: string;
  readonly scenario: string;
  readonly mode: string;
  readonly outcome: string;
  readonly score: string;
  readonly passed: string;
  readonly yes: string;
  readonly no: string;
  readonly unfinished: string;
  readonly noSessions: string;
  readonly modes: Readonly<Record<string, string>>;
  readonly outcomes: Readonly<Record<string, string>>;
  readonly reportTitle: string;
  readonly attempts: (n: number) => string;
  readonly trainees: (n: number) => string;
  readonly inProgress: (n: number) => string;
  readonly passRate: string;
  readonly mean: string;
  readonly median: string;
  readonly decisionTime: string;
  readonly lessonsWeakestFirst: string;
  readonly choicesPerNode: string;
  readonly endings: string;
  readonly traineesTitle: string;
  readonly best: string;
  readonly last: string;
  readonly trend: string;
  readonly verifyOk: (sessions: number, events: number, ledger: { entries: number; head: string | null }) => string;
  readonly verifyBroken: (session: string, problem: string) => string;
  readonly seconds: (s: number) => string;
  readonly chartAttempts: string;
  // the report in words
  readonly generated: (when: string) => string;
  readonly noReply: string;
  readonly otherwise: string;
  readonly visited: (node: string) => string;
  readonly ifCondition: (parts: string) => string;
  readonly and: string;
  readonly modesTitle: string;
  readonly modeLine: (finished: number, passRate: string | null, mean: string) => string;
  readonly examPassRate: string;
  readonly noExam: string;
  readonly repliesPerNode: string;
  readonly typed: string;
  readonly decisionAt: (seconds: string, n: number) => string;
  readonly pathsTitle: string;
  readonly costlyTitle: string;
  readonly costlyLine: (n: number, lostEach: number) => string;
  /** the HTML section over both weekly tables */
  readonly trendSection: string;
  readonly trendTitle: string;
  readonly traineeTrendTitle: string;
  readonly week: string;
  readonly matrixTitle: string;
  readonly matrixLegend: string;
  readonly lesson: string;
  readonly decisionTimesTitle: string;
  readonly node: string;
  readonly reply: string;
  readonly times: string;
  readonly points: string;
  readonly lost: string;
  readonly exams: string;
  readonly bestExam: string;
  readonly mermaidSource: string;
  readonly visits: (n: number) => string;
}

const zh: RecordStrings = {
  id: '编号',
  started: '开始时间',
  trainee: '学员',
  scenario: '案例',
  mode: '模式',
  outcome: '结果',
  score: '得分',
  passed: '通过',
  yes: '是',
  no: '否',
  unfinished: '未完成',
  noSessions: '没有符合条件的练习记录。',
  modes: { practice: '练习', exam: '考试', headless: '无界面' },
  outcomes: { success: '成功', partial: '部分成功', failure: '失败' },
  reportTitle: '训练报告',
  attempts: (n) => `${n} 次完成`,
  trainees: (n) => `${n} 名学员`,
  inProgress: (n) => `${n} 次未完成`,
  passRate: '通过率',
  mean: '平均',
  median: '中位数',
  decisionTime: '平均决策时间',
  lessonsWeakestFirst: '要点（最弱在前，平均得分 / 满分）',
  choicesPerNode: '各节点的选择分布',
  endings: '到达的结局',
  traineesTitle: '学员',
  best: '最好',
  last: '最近',
  trend: '趋势',
  verifyOk: (s, e, l) =>
    `全部完好：${s} 次练习，${e} 个步骤，哈希链无断裂；存储账本 ${l.entries} 条${l.head ? `，末条哈希 ${l.head.slice(0, 16)}` : ''}。`,
  verifyBroken: (s, p) => `练习 ${s}：${p}`,
  seconds: (s) => `${s.toFixed(1)} 秒`,
  chartAttempts: '完成次数',
  generated: (w) => `生成于 ${w}`,
  noReply: '（没有回应，时间到）',
  otherwise: '（其他情况）',
  visited: (n) => `到过 ${n}`,
  ifCondition: (p) => `如果 ${p}`,
  and: ' 且 ',
  modesTitle: '考试与练习分开统计（通过率只算考试）',
  modeLine: (n, rate, mean) => `${n} 次完成${rate === null ? '' : ` · 通过率 ${rate}`} · 平均 ${mean}`,
  examPassRate: '考试通过率',
  noExam: '还没有考试',
  repliesPerNode: '各节点的回答（✓ 得分，✗ 失分，· 不计分）',
  typed: '学员实际写的',
  decisionAt: (sec, n) => `平均决策 ${sec}（${n} 次）`,
  pathsTitle: '学员走过的路径',
  costlyTitle: '全队失分最多的回答',
  costlyLine: (n, each) => `${n} 次，每次比最好的回答少 ${each} 分`,
  trendSection: '考试通过率的变化',
  trendTitle: '每周考试通过率（按案例）',
  traineeTrendTitle: '每周考试通过率（按学员）',
  week: '周',
  matrixTitle: '学员 × 要点（所有案例中拿到的分数比例）',
  matrixLegend: '█ ≥80% 已掌握 · ▓ 50–79% · ▒ 25–49% · ░ <25% 薄弱 · 空白：没练过',
  lesson: '要点',
  decisionTimesTitle: '各节点的平均决策时间',
  node: '节点',
  reply: '回答',
  times: '次数',
  points: '分数',
  lost: '失分',
  exams: '考试次数',
  bestExam: '考试最好',
  mermaidSource: 'Mermaid 源码（可粘贴到支持 Mermaid 的编辑器）',
  visits: (n) => `${n} 次`,
};

const en: RecordStrings = {
  id: 'id',
  started: 'started',
  trainee: 'trainee',
  scenario: 'scenario',
  mode: 'mode',
  outcome: 'outcome',
  score: 'score',
  passed: 'passed',
  yes: 'yes',
  no: 'no',
  unfinished: 'unfinished',
  noSessions: 'No recorded sessions match.',
  modes: { practice: 'practice', exam: 'exam', headless: 'headless' },
  outcomes: { success: 'success', partial: 'partial', failure: 'failure' },
  reportTitle: 'Training report',
  attempts: (n) => `${n} finished`,
  trainees: (n) => `${n} trainee${n === 1 ? '' : 's'}`,
  inProgress: (n) => `${n} unfinished`,
  passRate: 'pass rate',
  mean: 'mean',
  median: 'median',
  decisionTime: 'mean decision time',
  lessonsWeakestFirst: 'Lessons (weakest first, mean points / max)',
  choicesPerNode: 'Choices at each node',
  endings: 'Endings reached',
  traineesTitle: 'Trainees',
  best: 'best',
  last: 'last',
  trend: 'trend',
  verifyOk: (s, e, l) =>
    `All intact: ${s} sessions, ${e} events, no broken hash chain; ledger of ${l.entries} entries${l.head ? `, last hash ${l.head.slice(0, 16)}` : ''}.`,
  verifyBroken: (s, p) => `session ${s}: ${p}`,
  seconds: (s) => `${s.toFixed(1)} s`,
  chartAttempts: 'attempts',
  generated: (w) => `generated ${w}`,
  noReply: '(no reply: the time ran out)',
  otherwise: '(otherwise)',
  visited: (n) => `visited ${n}`,
  ifCondition: (p) => `if ${p}`,
  and: ' and ',
  modesTitle: 'Exam and practice apart (only exams count for the pass rate)',
  modeLine: (n, rate, mean) => `${n} finished${rate === null ? '' : ` · pass rate ${rate}`} · mean ${mean}`,
  examPassRate: 'exam pass rate',
  noExam: 'no exam yet',
  repliesPerNode: 'Replies at each node (✓ earns points, ✗ loses points, · neither)',
  typed: 'typed',
  decisionAt: (sec, n) => `mean decision ${sec} (${n})`,
  pathsTitle: 'Paths trainees took',
  costlyTitle: 'Replies that cost the most points, team-wide',
  costlyLine: (n, each) => `${n}×, ${each} point${each === 1 ? '' : 's'} below the best reply each time`,
  trendSection: 'Exam pass rate over time',
  trendTitle: 'Exam pass rate per week, per case',
  traineeTrendTitle: 'Exam pass rate per week, per trainee',
  week: 'week',
  matrixTitle: 'Trainees × lessons (share of the points earned, over every case)',
  matrixLegend: '█ ≥80% mastered · ▓ 50–79% · ▒ 25–49% · ░ <25% weak · blank: not played',
  lesson: 'lesson',
  decisionTimesTitle: 'Mean decision time per node',
  node: 'node',
  reply: 'reply',
  times: 'times',
  points: 'points',
  lost: 'lost',
  exams: 'exams',
  bestExam: 'best exam',
  mermaidSource: 'Mermaid source (paste into any editor that renders Mermaid)',
  visits: (n) => `${n}×`,
};

export function recordStrings(lang: Lang): RecordStrings {
  return lang === 'en' ? en : zh;
}
