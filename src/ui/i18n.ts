/**
 * Every string the play UI shows of its own (scenario text comes from the scenario), in the
 * two interface languages. Kept in one table so that a missing translation is a type error.
 */
import type { CustomerType, Lang, Mode, Outcome } from '../core/index.js';

interface Strings {
  readonly appName: string;
  readonly goodbye: string;
  readonly menuTitle: string;
  readonly menuEmpty: string;
  readonly menuNoMatch: (filter: string) => string;
  readonly menuKeys: string;
  readonly filterLabel: string;
  readonly filterKeys: string;
  /** the menu line that offers unfinished sessions, and the list they open in */
  readonly unfinishedOffer: (count: number) => string;
  readonly unfinishedTitle: string;
  readonly unfinishedKeys: string;
  readonly unfinishedNone: string;
  readonly unfinishedSteps: (steps: number) => string;
  readonly unfinishedOpening: string;
  readonly languageName: string;
  readonly difficulty: string;
  readonly customerTypes: Readonly<Record<CustomerType, string>>;
  readonly customerType: string;
  readonly unreadable: string;
  readonly briefingSituation: string;
  readonly briefingCustomer: string;
  readonly briefingLessons: string;
  readonly briefingPassMark: (percent: number) => string;
  readonly briefingMode: string;
  readonly modeNames: Readonly<Record<Mode, string>>;
  readonly modeHints: Readonly<Record<Mode, string>>;
  readonly briefingKeys: string;
  readonly points: (n: number) => string;
  /** exam mode: which way a meter moved, in words and without numbers */
  readonly meterUp: (label: string) => string;
  readonly meterDown: (label: string) => string;
  readonly you: string;
  readonly narrator: string;
  readonly silence: string;
  readonly choiceKeys: string;
  /** after letters typed at a choice, as if it were a text field: Enter then picks nothing */
  readonly choiceNotTyped: string;
  readonly inputKeys: string;
  readonly inputPlaceholder: string;
  readonly secondsLeft: (s: number) => string;
  readonly timeUp: string;
  readonly feedbackTitle: string;
  readonly feedbackNoPoints: string;
  readonly feedbackKeys: string;
  readonly quitAsk: string;
  readonly quitKeys: string;
  readonly helpTitle: string;
  readonly helpLines: readonly (readonly [string, string])[];
  readonly helpClose: string;
  readonly outcomes: Readonly<Record<Outcome, string>>;
  readonly debriefTitle: string;
  readonly score: string;
  readonly passMark: string;
  /** under the score: what its max is, and why the lessons' maxima add up to more */
  readonly maxExplained: (max: number, lessonsMax: number) => string;
  readonly passed: string;
  readonly failed: string;
  readonly failedByOutcome: string;
  readonly lessonsHeading: string;
  readonly source: string;
  readonly pathHeading: string;
  readonly betterWas: string;
  readonly lost: (n: number) => string;
  readonly bestPathHeading: string;
  readonly bestPathUnknown: string;
  readonly onBestPath: string;
  readonly waitOut: string;
  readonly modelAnswer: string;
  readonly chartHeading: string;
  readonly debriefKeys: string;
  readonly scrollHint: string;
  readonly colon: string;
}

const zh: Strings = {
  appName: 'roleplay 客户沟通演练',
  goodbye: 'roleplay：再见。',
  menuTitle: '选择一个案例',
  menuEmpty: '没有找到可用的案例。',
  menuNoMatch: (f) => `没有与“${f}”匹配的案例。`,
  menuKeys: '↑↓/数字 选择 · Enter 开始 · / 筛选 · l English · ? 帮助 · q 退出',
  filterLabel: '筛选：',
  filterKeys: 'Enter 确定 · Esc 清除',
  unfinishedOffer: (n) => `▸ 你有 ${n} 个未完成的练习，按 c 继续`,
  unfinishedTitle: '继续未完成的练习',
  unfinishedKeys: '↑↓/数字 选择 · Enter 继续 · Esc 返回案例列表',
  unfinishedNone: '没有未完成的练习。',
  unfinishedSteps: (n) => `已答 ${n} 步`,
  unfinishedOpening: '正在打开……',
  languageName: '中文',
  difficulty: '难度',
  customerTypes: {
    angry: '愤怒型',
    hesitant: '犹豫型',
    friendly: '友好型',
    insistent: '坚持型',
    power: '权力型',
    social: '社交型',
    harmony: '和谐型',
    thinking: '思考型',
    other: '其他',
  },
  customerType: '客户类型',
  unreadable: '这个案例有错误，无法打开：',
  briefingSituation: '情况',
  briefingCustomer: '客户',
  briefingLessons: '考察要点',
  briefingPassMark: (p) => `及格线 ${p}%`,
  briefingMode: '模式',
  modeNames: { practice: '练习', exam: '考试' },
  modeHints: { practice: '每一步后显示反馈和得分', exam: '只在结束时显示反馈和得分' },
  briefingKeys: 'Enter 开始 · Tab/←→ 切换模式 · l English · ? 帮助 · Esc 返回',
  points: (n) => `${n > 0 ? '+' : ''}${n} 分`,
  meterUp: (l) => `${l}上升了`,
  meterDown: (l) => `${l}下降了`,
  you: '你',
  narrator: '旁白',
  silence: '（没有回应）',
  choiceKeys: '1-9 选择 · ↑↓ Enter · ? 帮助 · q 退出',
  choiceNotTyped: '这一步不用打字，请选一个回答：按数字 1-9，或用 ↑↓ 选中后按 Enter',
  inputKeys: 'Enter 提交 · Esc 退出 · 输入框为空时 ? 帮助',
  inputPlaceholder: '在这里输入你的回答',
  secondsLeft: (s) => `剩余 ${s} 秒`,
  timeUp: '时间到',
  feedbackTitle: '这一步的反馈',
  feedbackNoPoints: '这一步不加分也不扣分。',
  feedbackKeys: 'Enter/空格 继续',
  quitAsk: '要退出这个案例吗？',
  quitKeys: 'y 退出 · n 继续',
  helpTitle: '按键帮助',
  helpLines: [
    ['1-9', '直接选第 n 个选项'],
    ['↑ ↓', '移动选择'],
    ['Enter', '确认 / 提交回答 / 继续'],
    ['← → Home End', '在回答框里移动光标'],
    ['/', '在菜单中筛选案例'],
    ['c', '菜单：继续未完成的练习'],
    ['l', '切换语言（菜单、简报）'],
    ['Tab ← →', '在简报页切换练习/考试'],
    ['PgUp PgDn', '滚动长页面'],
    ['r m q', '总结页：重来 / 菜单 / 退出'],
    ['q Esc', '退出（进行中的案例会先确认）'],
    ['Ctrl+C', '立即退出'],
  ],
  helpClose: '按任意键关闭',
  outcomes: { success: '成功', partial: '部分成功', failure: '失败' },
  debriefTitle: '总结',
  score: '得分',
  passMark: '及格线',
  maxExplained: (max, sum) =>
    sum > max
      ? `满分 ${max} 分 = 整个案例最好的一条路的得分；下面各要点的满分（合计 ${sum} 分）无法在一条路上都拿到。`
      : `满分 ${max} 分 = 整个案例最好的一条路的得分。`,
  passed: '通过',
  failed: '未通过',
  failedByOutcome: '未通过（结局为失败）',
  lessonsHeading: '各要点得分',
  source: '出处',
  pathHeading: '你的选择与更好的选择',
  betterWas: '更好的做法',
  lost: (n) => `到结局可多得 ${n} 分`,
  bestPathHeading: '最佳路径',
  bestPathUnknown: '这个案例太复杂，无法计算最佳路径。',
  onBestPath: '✓',
  waitOut: '（等待，不作回应）',
  modelAnswer: '参考答案',
  chartHeading: '指标变化',
  debriefKeys: 'r 重来 · m 菜单 · q 退出 · ↑↓ 滚动',
  scrollHint: '↑↓ 滚动',
  colon: '：',
};

const en: Strings = {
  appName: 'roleplay · customer encounter practice',
  goodbye: 'roleplay: bye.',
  menuTitle: 'Choose a case',
  menuEmpty: 'No cases found.',
  menuNoMatch: (f) => `No case matches “${f}”.`,
  menuKeys: '↑↓/number pick · Enter start · / filter · l 中文 · ? help · q quit',
  filterLabel: 'Filter: ',
  filterKeys: 'Enter keep · Esc clear',
  unfinishedOffer: (n) =>
    `▸ ${n === 1 ? 'You have 1 unfinished session' : `You have ${n} unfinished sessions`}: press c to continue`,
  unfinishedTitle: 'Continue an unfinished session',
  unfinishedKeys: '↑↓/number pick · Enter continue · Esc back to the cases',
  unfinishedNone: 'No unfinished sessions.',
  unfinishedSteps: (n) => (n === 1 ? '1 step done' : `${n} steps done`),
  unfinishedOpening: 'Opening…',
  languageName: 'English',
  difficulty: 'Difficulty',
  customerTypes: {
    angry: 'angry',
    hesitant: 'hesitant',
    friendly: 'friendly',
    insistent: 'insistent',
    power: 'power',
    social: 'social',
    harmony: 'harmony',
    thinking: 'thinking',
    other: 'other',
  },
  customerType: 'Customer type',
  unreadable: 'This case has errors and cannot be opened:',
  briefingSituation: 'Situation',
  briefingCustomer: 'Customer',
  briefingLessons: 'Lessons at stake',
  briefingPassMark: (p) => `Pass mark ${p}%`,
  briefingMode: 'Mode',
  modeNames: { practice: 'Practice', exam: 'Exam' },
  modeHints: { practice: 'feedback and points after every step', exam: 'feedback and points only at the end' },
  briefingKeys: 'Enter start · Tab/←→ mode · l 中文 · ? help · Esc back',
  points: (n) => `${n > 0 ? '+' : ''}${n} pt${Math.abs(n) === 1 ? '' : 's'}`,
  meterUp: (l) => `${l} went up`,
  meterDown: (l) => `${l} went down`,
  you: 'You',
  narrator: 'Narrator',
  silence: '(no answer)',
  choiceKeys: '1-9 pick · ↑↓ Enter · ? help · q quit',
  choiceNotTyped: 'No typing at this step: pick a reply with 1-9, or ↑↓ and then Enter',
  inputKeys: 'Enter submit · Esc quit · ? help when empty',
  inputPlaceholder: 'type your answer here',
  secondsLeft: (s) => `${s}s left`,
  timeUp: 'time is up',
  feedbackTitle: 'Feedback on this step',
  feedbackNoPoints: 'This step neither earned nor lost points.',
  feedbackKeys: 'Enter/Space continue',
  quitAsk: 'Leave this case?',
  quitKeys: 'y leave · n stay',
  helpTitle: 'Keys',
  helpLines: [
    ['1-9', 'pick the n-th choice at once'],
    ['↑ ↓', 'move the selection'],
    ['Enter', 'confirm / submit your answer / continue'],
    ['← → Home End', 'move the cursor in your answer'],
    ['/', 'filter the cases in the menu'],
    ['c', 'continue an unfinished session, in the menu'],
    ['l', 'switch language (menu, briefing)'],
    ['Tab ← →', 'practice or exam, on the briefing'],
    ['PgUp PgDn', 'scroll long pages'],
    ['r m q', 'after a case: retry / menu / quit'],
    ['q Esc', 'quit (asks first during a case)'],
    ['Ctrl+C', 'quit now'],
  ],
  helpClose: 'press any key to close',
  outcomes: { success: 'Success', partial: 'Partial success', failure: 'Failure' },
  debriefTitle: 'Debrief',
  score: 'Score',
  passMark: 'pass mark',
  maxExplained: (max, sum) =>
    sum > max
      ? `Max ${max} = what the best single way through the case scores; the lesson maxima below (${sum} in all) can't all be reached on one way.`
      : `Max ${max} = what the best single way through the case scores.`,
  passed: 'Passed',
  failed: 'Not passed',
  failedByOutcome: 'Not passed (the case ended in failure)',
  lessonsHeading: 'Lessons',
  source: 'Source',
  pathHeading: 'Your choices and better ones',
  betterWas: 'Better',
  lost: (n) => `${n} more pt${n === 1 ? '' : 's'} by the end`,
  bestPathHeading: 'Best path',
  bestPathUnknown: 'This case is too complex to work out the best path.',
  onBestPath: '✓',
  waitOut: '(wait without answering)',
  modelAnswer: 'A strong answer',
  chartHeading: 'Meters over time',
  debriefKeys: 'r retry · m menu · q quit · ↑↓ scroll',
  scrollHint: '↑↓ scroll',
  colon: ': ',
};

const TABLE: Readonly<Record<Lang, Strings>> = { zh, en };

export function stringsFor(lang: Lang): Strings {
  return TABLE[lang];
}

export type { Strings };
