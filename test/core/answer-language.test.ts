/**
 * What an answer says beyond its words: clauses, negation, times, hedges — in Chinese and
 * English, including every keyword bug of issue #16 (a refusal read as acceptance, a station
 * number read as a date, years of experience read as data, a hedge praised as a commitment).
 */
import { describe, expect, it } from 'vitest';
import { affirms, analyseAnswer, keywordHits, negates } from '../../src/core/play/answer-language.js';
import { normalizeAnswer } from '../../src/core/index.js';

const times = (answer: string) => analyseAnswer(answer).times.map((t) => t.text);
const hedges = (answer: string) => analyseAnswer(answer).hedges.map((h) => h.text);
const clauses = (answer: string) => analyseAnswer(answer).clauses.map((c) => c.normalized);
const kw = (...words: string[]) => words.map(normalizeAnswer);
const affirmed = (answer: string, ...words: string[]) => affirms(analyseAnswer(answer), kw(...words));
const negated = (answer: string, ...words: string[]) => negates(analyseAnswer(answer), kw(...words));

describe('clauses', () => {
  it.each([
    ['我不敢打包票，但今晚可以一起去站上测', ['我不敢打包票', '今晚可以一起去站上测']],
    ['谢谢，不过这个我不能签', ['谢谢', '这个我不能签']],
    ['这不是我们的问题而是传输的问题', ['这不是我们的问题', '传输的问题']],
    ['不但快而且好', ['不但快而且好']], // 不但 is "not only", not 但
    ["I can't promise, but we'll test it together", ['icantpromise', 'welltestittogether']],
    ['It is not ours; however, we will check', ['itisnotours', 'wewillcheck']],
    ['See you at 3:30.', ['seeyouat330']], // the colon of a time does not end a clause
  ])('%j → %j', (answer, expected) => {
    expect(clauses(answer)).toEqual(expected);
  });
});

describe('negation', () => {
  it.each([
    // [answer, keyword, negated?]
    ['我不敢打包票', '打包票', true],
    ['我敢打包票', '打包票', false],
    ['我不敢打包票，但今晚可以一起去站上测', '一起', false], // 但 ends the negated clause
    ['这个我不能签', '签', true],
    ['谢谢，不过这个我不能签', '谢谢', false],
    ['没问题，我们一起去', '一起', false],
    ['我们没法一起去', '一起', true],
    ['非常感谢您的配合', '感谢', false], // 非常 is "very"
    ['无线信号已经恢复', '恢复', false], // 无线 is "wireless"
    ['特别感谢', '感谢', false],
    ['不好意思，我们今晚去', '今晚', false],
    ['我不知道那边的具体情况到底怎么样了会不会修好', '修好', true], // the nearest cue (会不会) is close
    ['我不觉得那边的具体情况和客户说的一样修好', '修好', false], // 不 is too far away
    ["I can't guarantee that", 'guarantee', true],
    ['I can’t guarantee that', 'guarantee', true], // a typographic apostrophe
    ['I will not be able to promise that', 'promise', true], // four words between: still in reach
    ['I do not think that anyone here could ever promise that', 'promise', false], // too far
    ["I guarantee it, don't worry", 'guarantee', false],
    ["It won't work, but we'll test it together", 'together', false],
    ['not only today but tomorrow', 'today', false],
  ])('%j: %s negated = %s', (answer, keyword, isNegated) => {
    const hits = keywordHits(analyseAnswer(answer), kw(keyword));
    expect(hits.length).toBeGreaterThan(0);
    expect(hits.some((h) => h.negated)).toBe(isNegated);
  });

  it('a keyword that starts with a cue is matched as written, not negated by its own cue', () => {
    expect(affirmed('这个不能签', '不能签')).toBe(true);
    expect(negated('这个不能签', '不能签')).toBe(false);
    expect(affirmed('这样不行', '不行')).toBe(true);
    expect(affirmed("we can't sign this", "can't sign")).toBe(true);
  });

  it('affirm needs one occurrence not under a negation; negate needs one under it', () => {
    expect(affirmed('我不敢打包票', '打包票', 'guarantee')).toBe(false);
    expect(negated('我不敢打包票', '打包票', 'guarantee')).toBe(true);
    expect(affirmed('我不敢打包票，但我打包票今晚一定到', '打包票')).toBe(true);
    expect(affirmed('谢谢，不过这个我不能签', '签', 'sign')).toBe(false);
    expect(negated('谢谢，不过这个我不能签', '签', 'sign')).toBe(true);
    expect(affirmed('好的，谢谢，我签', '签', 'sign')).toBe(true);
    expect(negated('好的，谢谢，我签', '签', 'sign')).toBe(false);
    expect(negated("Thanks, but I can't sign this", 'sign')).toBe(true);
    expect(affirmed("Thanks, but I can't sign this", 'sign')).toBe(false);
    expect(affirmed('', '签')).toBe(false);
  });
});

describe('times', () => {
  it.each([
    ['今晚十点我带仪表去3号站', ['十点', '今晚']],
    ['我不敢打包票，但今晚可以一起去站上测', ['今晚']],
    ['明天上午十点半到', ['十点半', '明天上午']],
    ['下午一点到', ['一点']],
    ['三点十分到', ['三点十分']],
    ['两个小时之内修好', ['两个小时']],
    ['半小时', ['半小时']],
    ['3个工作日内给您书面答复', ['3个工作日']],
    ['周三之前', ['周三']],
    ['下周一上午', ['周一']],
    ['12号我们去现场', ['12号']],
    ['3月5号', ['3月', '5号']],
    ['1分钟就好', ['1分钟']],
    ['大概两周吧，我尽快', ['两周']],
    ['tonight at ten we test it together', ['at ten', 'tonight']],
    ['I will be there at 10 am', ['10 am', 'at 10']],
    ['by 5', ['by 5']],
    ['see you at 3:30', ['3:30']],
    ['in 20 minutes', ['20 minutes']],
    ['two hours', ['two hours']],
    ['within an hour', ['within an hour']],
    ['tomorrow morning', ['tomorrow morning']],
    ['by Friday', ['friday']],
    ['by end of day', ['by end of day']],
    ['on March 5', ['march 5']],
  ])('%j → %j', (answer, expected) => {
    expect(times(answer)).toEqual(expected);
  });

  it.each([
    '12号站的板子我们尽快修', // a station number, not a date
    '3号机柜',
    '5号楼',
    '2号线',
    '凭我干了10年的经验', // years of experience: a number, not a time
    '我们有3个小区要割接',
    '快一点好吗', // 一点 is "a little"
    '有一点问题',
    '这两天吧', // a vague span
    '十分感谢', // 十分 is "very"
    '明天我们再说', // a day without a time of it
    '我说两点意见',
    'I have 10 years of experience',
    'at 3 sites',
    'we will fix it soon',
    'sometime tomorrow',
  ])('%j has no time', (answer) => {
    expect(times(answer)).toEqual([]);
  });
});

describe('hedges', () => {
  it.each([
    ['大概两周吧，我尽快', ['大概', '尽快']],
    ['12号站的板子我们尽快修', ['尽快']],
    ['应该差不多了', ['应该', '差不多']],
    ['回头有空再说', ['回头', '有空']],
    ['这个不一定', ['不一定']], // a hedge under negation is still a hedge
    ['大概这两天吧', ['大概', '这两天']],
    ['三点左右', ['左右']],
    ['maybe tomorrow', ['maybe']],
    ['OK, I will sort it out as soon as possible', ['as soon as']],
    ["I'll try to come by 5", ["i'll try"]],
    ['it should be fine, I think', ['should be', 'i think']],
    ['ASAP', ['asap']],
  ])('%j → %j', (answer, expected) => {
    expect(hedges(answer)).toEqual(expected);
  });

  it.each([
    '今晚十点我带仪表去3号站，请您派传输的同事一起测',
    '这不可能', // 不可能 refuses; it does not hedge
    'tonight at ten we test it together',
    'I reason it out', // "soon" and "asap" only as words
    'sometimes',
  ])('%j has no hedge', (answer) => {
    expect(hedges(answer)).toEqual([]);
  });
});

describe('bounds', () => {
  it('a very long answer is analysed in bounded time (it is cut first)', () => {
    const started = performance.now();
    const a = analyseAnswer(`${'不'.repeat(100_000)}一起 ${'not '.repeat(100_000)}`);
    expect(a.clauses.reduce((n, c) => n + c.normalized.length, 0)).toBeLessThanOrEqual(2000);
    expect(affirms(a, ['一起'])).toBe(false);
    expect(performance.now() - started).toBeLessThan(1000);
  });
});
