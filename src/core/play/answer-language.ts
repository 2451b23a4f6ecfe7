/**
 * What a typed answer says, beyond its words: its clauses, which words stand under a
 * negation, which concrete times or dates it names and which hedges it uses. The `affirm`,
 * `negate`, `time` and `hedge` keys of a rule's `match` are decided here (match.ts), so that
 * "我不敢打包票" does not count as a bet on 打包票 and "12号站" does not count as a date.
 *
 * Deliberately small and predictable: word lists and a few patterns a trainer can read in
 * docs/format.md, not a parser. Everything runs on the answer after NFKC and lower
 * case, cut to MAX_ANSWER_LENGTH, in time linear in its length (times the short lists).
 */
import { MAX_ANSWER_LENGTH, normalizeAnswer } from './normalize-answer.js';

/** One unit of distance for the negation window: a Chinese character, a word, a symbol. */
export interface Token {
  readonly text: string;
  /** offset of the token in the clause's normalized text */
  readonly start: number;
  readonly kind: 'han' | 'word' | 'symbol';
}

/** A negation cue in a clause: its text and the tokens it covers, [from, to). */
export interface Cue {
  readonly word: string;
  readonly from: number;
  readonly to: number;
}

export interface Clause {
  /** the clause as typed (NFKC, lower case, trimmed) */
  readonly text: string;
  /** as keywords are compared: no white space, no punctuation (see normalizeAnswer) */
  readonly normalized: string;
  readonly tokens: readonly Token[];
  readonly cues: readonly Cue[];
}

/** A time or hedge found in the answer, with the clause it is in. */
export interface Found {
  readonly text: string;
  readonly clause: number;
}

export interface AnswerAnalysis {
  readonly clauses: readonly Clause[];
  readonly times: readonly Found[];
  readonly hedges: readonly Found[];
}

export function analyseAnswer(answer: string): AnswerAnalysis {
  const clauses = splitClauses(answer.slice(0, MAX_ANSWER_LENGTH).normalize('NFKC').toLowerCase()).map(clauseOf);
  const times: Found[] = [];
  const hedges: Found[] = [];
  clauses.forEach((c, i) => {
    for (const text of timesIn(c)) times.push({ text, clause: i });
    for (const text of hedgesIn(c)) hedges.push({ text, clause: i });
  });
  return { clauses, times, hedges };
}

// ———————————————————————————————— clauses

/** Conjunctions that start a new clause: what follows "but" is not under an earlier "not". */
const ZH_BREAKS = ['但是', '不过', '可是', '而是', '但'];
const EN_BREAKS = new Set(['but', 'however']);

function splitClauses(text: string): string[] {
  const out: string[] = [];
  let current = '';
  const flush = () => {
    if (current.trim() !== '') out.push(current.trim());
    current = '';
  };
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (/\p{P}/u.test(ch) && !joinsWord(text, i)) {
      flush();
      continue;
    }
    const zh = ZH_BREAKS.find((b) => text.startsWith(b, i));
    if (zh && !(zh === '但' && text[i - 1] === '不') && !(zh === '不过' && /[只不]/.test(text[i - 1] ?? ''))) {
      flush();
      i += zh.length - 1;
      continue;
    }
    const en = /^[a-z]+/.exec(text.slice(i, i + 12));
    if (en && EN_BREAKS.has(en[0]) && !/[\p{L}\p{N}]/u.test(text[i - 1] ?? '')) {
      const after = text[i + en[0].length] ?? ' ';
      if (!/[\p{L}\p{N}]/u.test(after)) {
        flush();
        i += en[0].length - 1;
        continue;
      }
    }
    current += ch;
  }
  flush();
  return out;
}

/** An apostrophe inside a word (can't), a colon or dot inside a number or abbreviation (3:30, a.m.). */
function joinsWord(text: string, i: number): boolean {
  const before = text[i - 1] ?? '';
  const after = text[i + 1] ?? '';
  const ch = text[i]!;
  if (ch === "'" || ch === '’') return /\p{L}/u.test(before) && /\p{L}/u.test(after);
  if (ch === ':' || ch === '.') return /[\p{L}\p{N}]/u.test(before) && /[\p{L}\p{N}]/u.test(after) && !isHan(before);
  return false;
}

const isHan = (ch: string) => /\p{Script=Han}/u.test(ch);

const TOKEN = /\p{Script=Han}|[\p{L}\p{N}]+(?:['’:.][\p{L}\p{N}]+)*|[^\s\p{P}]/gu;

function clauseOf(text: string): Clause {
  const tokens: Token[] = [];
  let normalized = '';
  for (const m of text.matchAll(TOKEN)) {
    const raw = m[0];
    const t = normalizeAnswer(raw);
    if (t === '') continue;
    const kind = isHan(raw) ? 'han' : /[\p{L}\p{N}]/u.test(raw) ? 'word' : 'symbol';
    tokens.push({ text: t, start: normalized.length, kind });
    normalized += t;
  }
  return { text, normalized, tokens, cues: cuesIn(tokens, text) };
}

// ———————————————————————————————— negation

/** Chinese negation cues, longest first so that 不可能 is one cue, not 不 then 可能. */
const ZH_CUES = [
  '不可能',
  '没有',
  '不要',
  '不能',
  '不会',
  '不敢',
  '绝不',
  '决不',
  '从不',
  '并不',
  '不用',
  '不',
  '没',
  '别',
  '未',
  '无',
  '非',
  '甭',
];
/** Words that hold a cue character but negate nothing (非常 "very", 无线 "wireless", 不好意思 "sorry"). */
const ZH_NOT_CUES = [
  '非常',
  '非要',
  '非得',
  '除非',
  '莫非',
  '无论',
  '无线',
  '无所谓',
  '别人',
  '别的',
  '别处',
  '别家',
  '特别',
  '区别',
  '分别',
  '告别',
  '差别',
  '类别',
  '级别',
  '识别',
  '未来',
  '不仅',
  '不但',
  '不管',
  '不论',
  '不好意思',
  '不过',
  '差不多',
  '不错',
  '不断',
  '不少',
  '不久',
  '不得不',
  '说不定',
  '不客气',
  '不停',
];
const EN_CUES = new Set([
  'not',
  'no',
  'never',
  'dont',
  'doesnt',
  'didnt',
  'wont',
  'cant',
  'cannot',
  'isnt',
  'arent',
  'wasnt',
  'werent',
  'shouldnt',
  'wouldnt',
  'couldnt',
  'havent',
  'hasnt',
  'hadnt',
  'mustnt',
  'without',
  'neither',
  'nor',
]);
/** English phrases that start with a cue but negate nothing. */
const EN_NOT_CUES = [
  ['not', 'only'],
  ['no', 'matter'],
];

function cuesIn(tokens: readonly Token[], text: string): Cue[] {
  const cues: Cue[] = [];
  const apostropheNt = new Set(
    [...text.matchAll(/[\p{L}]+n['’]t\b/gu)].map((m) => normalizeAnswer(m[0])).filter((w) => w !== ''),
  );
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (t.kind === 'word') {
      if (!EN_CUES.has(t.text) && !apostropheNt.has(t.text)) continue;
      if (EN_NOT_CUES.some(([a, b]) => t.text === a && tokens[i + 1]?.text === b)) continue;
      cues.push({ word: t.text, from: i, to: i + 1 });
      continue;
    }
    if (t.kind !== 'han') continue;
    const rest = hanRun(tokens, i, 4);
    const skip = ZH_NOT_CUES.find((w) => rest.startsWith(w));
    if (skip) {
      i += skip.length - 1;
      continue;
    }
    const cue = ZH_CUES.find((w) => rest.startsWith(w));
    if (cue) {
      cues.push({ word: cue, from: i, to: i + cue.length });
      i += cue.length - 1;
    }
  }
  return cues;
}

/** Up to `n` Chinese characters from token i on. */
function hanRun(tokens: readonly Token[], i: number, n: number): string {
  let s = '';
  for (let j = i; j < tokens.length && j < i + n && tokens[j]!.kind === 'han'; j++) s += tokens[j]!.text;
  return s;
}

/** How far a cue reaches: six Chinese characters, or four English words (1.5 each). */
export const NEGATION_WINDOW = 6;
const weightOf = (t: Token) => (t.kind === 'word' ? 1.5 : 1);

/** Whether the token at `at` stands under a negation cue of its clause. */
function negatedAt(clause: Clause, at: number): boolean {
  return clause.cues.some((cue) => {
    if (cue.to > at) return false;
    let gap = 0;
    for (let j = cue.to; j < at; j++) gap += weightOf(clause.tokens[j]!);
    return gap <= NEGATION_WINDOW;
  });
}

export interface KeywordHit {
  readonly keyword: string;
  readonly clause: number;
  readonly negated: boolean;
}

/** Every occurrence of the (normalized) keywords in the answer, and whether each is negated. */
export function keywordHits(analysis: AnswerAnalysis, keywords: readonly string[]): KeywordHit[] {
  const hits: KeywordHit[] = [];
  analysis.clauses.forEach((clause, c) => {
    for (const keyword of keywords) {
      if (keyword === '') continue;
      for (let at = clause.normalized.indexOf(keyword); at >= 0; at = clause.normalized.indexOf(keyword, at + 1)) {
        hits.push({ keyword, clause: c, negated: negatedAt(clause, tokenAt(clause, at)) });
      }
    }
  });
  return hits;
}

/** The index of the token that holds normalized offset `at`. */
function tokenAt(clause: Clause, at: number): number {
  let lo = 0;
  let hi = clause.tokens.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (clause.tokens[mid]!.start <= at) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** `affirm`: some keyword is said and not under a negation. */
export function affirms(analysis: AnswerAnalysis, keywords: readonly string[]): boolean {
  return keywordHits(analysis, keywords).some((h) => !h.negated);
}

/** `negate`: some keyword is said under a negation. */
export function negates(analysis: AnswerAnalysis, keywords: readonly string[]): boolean {
  return keywordHits(analysis, keywords).some((h) => h.negated);
}

// ———————————————————————————————— times

const ZH_NUM = '[0-9零〇一二两三四五六七八九十百半]+';
const ZH_PART_OF_DAY = '(?:早上|上午|中午|下午|傍晚|晚上|夜里|凌晨|白天|下班前|下班之前|午饭前|天黑前)';
const ZH_DAY = '(?:大后天|今天|明天|后天|当天)';
const ZH_TIME_PATTERNS: readonly RegExp[] = [
  // a clock time: 十点, 10点半, 三点十五分, 两点钟 (一点 alone is "a little": see zhClockOk)
  new RegExp(`(${ZH_NUM})点(钟|半|${ZH_NUM}分?)?`, 'gu'),
  // a duration or a date with a unit: 两周, 3个工作日, 半个小时, 20分钟, 5月, 12日
  new RegExp(
    `(${ZH_NUM})(个工作日|工作日|个小时|小时|个钟头|钟头|分钟|秒钟|个星期|星期|个礼拜|个月|天|日|周|月|秒)`,
    'gu',
  ),
  // a date with 号 (see zhDateOk: 12号站 is a place, not a date)
  new RegExp(`(${ZH_NUM})号`, 'gu'),
  // a weekday: 周三, 星期五, 下周一, 礼拜天
  /(?:周|星期|礼拜)[一二三四五六日天末]/gu,
  // a day with a part of it or a deadline: 今晚, 明早, 明天上午, 后天下班前, 今天之内
  new RegExp(`今晚|今早|今夜|今晨|明晚|明早|明晨|${ZH_DAY}(?:${ZH_PART_OF_DAY}|之内|以内|内|之前|以前|前)`, 'gu'),
];

/** Words after a number + 点 that make it "points" rather than o'clock: 两点意见. */
const ZH_POINT_NOUNS = /^(意见|建议|问题|要求|原因|看法|理由|内容|注意|事|东西|儿)/u;
/** What may follow N号 when it is a date: an end, a time of day, a person, a verb of doing. */
const ZH_DATE_AFTER = /^($|[前后之以左当那上下中晚早凌白我你您他她咱们就再去来到给把会能可要完内起])/u;

function timesIn(clause: Clause): string[] {
  const zh = clause.normalized;
  const out: string[] = [];
  ZH_TIME_PATTERNS.forEach((re, p) => {
    for (const m of zh.matchAll(re)) {
      const before = zh.slice(0, m.index);
      const after = zh.slice(m.index + m[0].length);
      if (p === 0 && !zhClockOk(m, before, after)) continue;
      if (p === 1 && !zhUnitOk(m, before)) continue;
      if (p === 2 && !zhDateOk(before, after)) continue;
      out.push(m[0]);
    }
  });
  for (const re of EN_TIME_PATTERNS) for (const m of clause.text.matchAll(re)) out.push(m[0].trim());
  return out;
}

function zhClockOk(m: RegExpMatchArray, before: string, after: string): boolean {
  if (/第$/u.test(before) || ZH_POINT_NOUNS.test(after)) return false;
  // 一点 / 半点 without 钟, 半 or minutes is "a little" (快一点, 有一点) unless a part of day comes first
  if ((m[1] === '一' || m[1] === '半') && m[2] === undefined)
    return new RegExp(`${ZH_PART_OF_DAY}$|[午上晚]$`, 'u').test(before);
  return true;
}

function zhUnitOk(m: RegExpMatchArray, before: string): boolean {
  // 这两天, 前几天, 过两天: vague spans; 有一天: "some day"
  if (/[这那前过有每第]$/u.test(before)) return false;
  // 十分 is "very" and not matched (分 alone is not a unit here); 一日 in 一日三餐 is rare enough to allow
  return !(m[1] === '半' && m[2] === '天' && /等了?$/u.test(before));
}

function zhDateOk(before: string, after: string): boolean {
  return /月$/u.test(before) || ZH_DATE_AFTER.test(after);
}

const EN_NUM = '(?:\\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)';
const EN_COUNT =
  '(?:\\d+|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|forty-five|fifty|sixty|ninety)';
const EN_UNIT = '(?:minutes?|mins?|hours?|hrs?|days?|weeks?|months?|business days?|working days?|seconds?)';
const EN_WEEKDAY = '(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)';
const EN_MONTH =
  '(?:january|february|march|april|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec)';
const EN_TIME_PATTERNS: readonly RegExp[] = [
  /\b\d{1,2}:\d{2}\b/gu,
  new RegExp(`\\b${EN_NUM}\\s?(?:am|pm|a\\.m|p\\.m|o['’]clock)\\b`, 'gu'),
  new RegExp(
    `\\b(?:at|by|before|until|till|from)\\s+(?:${EN_NUM}|noon|midnight)\\b(?![:.]?\\d)(?!\\s*(?:%|percent|people|sites?|cells?|units?|boards?|times|of\\b))`,
    'gu',
  ),
  new RegExp(`\\b${EN_COUNT}\\s+(?:more\\s+)?${EN_UNIT}\\b`, 'gu'),
  new RegExp(`\\b(?:in|within)\\s+(?:a|an|one|half\\s+an?)\\s+${EN_UNIT}\\b`, 'gu'),
  /\bhalf\s+an\s+hour\b/gu,
  new RegExp(
    `\\btonight\\b|\\bthis\\s+(?:morning|afternoon|evening)\\b|\\b(?:today|tomorrow|${EN_WEEKDAY})\\s+(?:morning|afternoon|evening|night|noon|at\\b)`,
    'gu',
  ),
  new RegExp(`\\b${EN_WEEKDAY}\\b`, 'gu'),
  /\bby\s+(?:tomorrow|today|tonight|the\s+end\s+of\s+(?:the\s+)?(?:day|week)|end\s+of\s+(?:the\s+)?(?:day|week)|eod|cob)\b/gu,
  new RegExp(
    `\\b${EN_MONTH}\\.?\\s+\\d{1,2}(?:st|nd|rd|th)?\\b|\\b\\d{1,2}(?:st|nd|rd|th)?\\s+(?:of\\s+)?${EN_MONTH}\\b|\\bmay\\s+\\d{1,2}(?:st|nd|rd|th)?\\b`,
    'gu',
  ),
  /\b(?:on|by|before)\s+the\s+\d{1,2}(?:st|nd|rd|th)\b/gu,
];

// ———————————————————————————————— hedges

/** Vague commitments. 可能 under 不 (不可能, "impossible") is a refusal, not a hedge. */
export const ZH_HEDGES = [
  '大概',
  '大约',
  '尽快',
  '尽早',
  '尽量',
  '争取',
  '应该',
  '差不多',
  '看情况',
  '可能',
  '也许',
  '估计',
  '说不定',
  '没准',
  '不一定',
  '回头',
  '改天',
  '改日',
  '过几天',
  '过两天',
  '这两天',
  '有空',
  '抽空',
  '找时间',
  '马上',
  '很快',
  '一会儿',
  '稍后',
  '等等看',
  '左右',
];
export const EN_HEDGES = [
  'maybe',
  'probably',
  'perhaps',
  'asap',
  'as soon as',
  'should be',
  'hopefully',
  'i hope',
  'i think',
  'i guess',
  'soon',
  'shortly',
  'sometime',
  'some time',
  'at some point',
  'right away',
  'try to',
  "i'll try",
  "we'll try",
  'will try',
  'roughly',
  'more or less',
  'or so',
  'a few days',
  'a couple of days',
];
const EN_HEDGE_RE = new RegExp(
  `(?<![\\p{L}\\p{N}])(?:${EN_HEDGES.map((h) => h.replace(/'/g, "['’]").replace(/ /g, '\\s+')).join('|')})(?![\\p{L}\\p{N}])`,
  'gu',
);

function hedgesIn(clause: Clause): string[] {
  const out: string[] = [];
  for (const h of ZH_HEDGES) {
    for (let at = clause.normalized.indexOf(h); at >= 0; at = clause.normalized.indexOf(h, at + h.length)) {
      if (h === '可能' && clause.normalized[at - 1] === '不') continue;
      out.push(h);
    }
  }
  for (const m of clause.text.matchAll(EN_HEDGE_RE)) out.push(m[0].replace(/\s+/g, ' '));
  return out;
}
