/**
 * Reading a `roleplay export --format jsonl` file back (for `roleplay import`): every line
 * checked for shape, every session's chain recomputed and compared with the hashes the file
 * carries, and the session's recorded event count and head hash compared with what the file
 * holds, so an edited, reordered or cut-short file is refused naming its first bad line
 * before anything is stored.
 *
 * The export writes one `source` line (the scenario the sessions were played on) before the
 * first session that uses it, then each session line followed by its events.
 */
import * as z from 'zod';
import { ID_PATTERN, type Said, safeLine } from '../../core/index.js';
import { canonicalJson, sha256 } from '../chain.js';
import { StoreError, type SessionMode, type ScenarioSource, type SessionRow, type StoredEvent } from '../store.js';
import { chainProblem, checkChain } from '../verify.js';
import { EXPORT_FORMAT, EXPORT_VERSION } from '../export-format.js';
import type { SessionOrigin } from '../ledger.js';
import { isRecordedTime, RECORD_LIMITS } from '../record-limits.js';
import type { SessionBundle } from './bundle.js';

/** The line that carries a scenario source, written by export before the sessions that use it. */
export function sourceLineOf(source: ScenarioSource): string {
  return JSON.stringify({ type: 'source', ...source });
}

/** What is wrong with the file, in both languages, and at which line (the command prints `file:line: …`). */
export class ImportError extends StoreError {
  constructor(
    readonly line: number,
    text: Said,
  ) {
    super(text);
  }
}

const MODES = ['practice', 'exam', 'headless'] as const satisfies readonly SessionMode[];
const L = RECORD_LIMITS;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const HASH = /^[0-9a-f]{64}$/;
/** an id a scenario gives (node, choice, lesson, meter) */
const id = z.string().min(1).max(L.id);
const time = z.string().max(40).refine(isRecordedTime, { message: 'not-a-time' });
const stepNumber = z.number().min(-L.stepNumber).max(L.stepNumber);
const resultNumber = z.number().min(-L.resultNumber).max(L.resultNumber);
const numbers = (n: z.ZodNumber) =>
  z.record(id, n).refine((r) => Object.keys(r).length <= L.entries, { message: 'too-many' });
const action = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('choice'), choice: id }),
  z.object({ kind: z.literal('say'), text: z.string().max(L.answer), rule: z.number().int().min(0).max(L.entries) }),
  z.object({ kind: z.literal('timeout') }),
  z.object({ kind: z.literal('auto'), branch: z.number().int().min(0).max(L.entries) }),
]);
const result = z.object({
  finishedAt: time,
  outcome: z.enum(['success', 'partial', 'failure']),
  ending: id,
  total: resultNumber,
  max: resultNumber,
  percent: z.number().int().min(0).max(100),
  passed: z.boolean(),
  lessons: z
    .record(id, z.object({ points: resultNumber, max: resultNumber }))
    .refine((r) => Object.keys(r).length <= L.entries, { message: 'too-many' }),
});
const ledger = z.object({
  store: z.string().regex(UUID),
  entries: z
    .array(
      z.object({
        n: z.number().int().min(1),
        kind: z.enum(['session', 'result']),
        prevHash: z.string().regex(HASH),
        hash: z.string().regex(HASH),
      }),
    )
    .max(2),
});
const sessionLine = z.object({
  type: z.literal('session'),
  id: z.string().regex(UUID),
  trainee: z
    .string()
    .min(1)
    .max(L.trainee)
    .refine((t) => safeLine(t).trim() === t, { message: 'not-a-name' }),
  scenarioId: z.string().max(L.id).regex(ID_PATTERN),
  scenarioHash: z.string().regex(HASH),
  lang: z.enum(['zh', 'en']),
  mode: z.enum(MODES),
  startedAt: time,
  shuffleSeed: z.number().int().min(0).max(0x7fffffff).optional(),
  eventCount: z.number().int().min(0).max(L.events),
  headHash: z.string().regex(HASH),
  seal: z.string().regex(HASH).optional(),
  result: result.nullable(),
  ledger: ledger.optional(),
});
const eventLine = z.object({
  type: z.literal('event'),
  sessionId: z.string().regex(UUID),
  seq: z.number().int().min(1).max(L.events),
  at: time,
  node: id,
  action,
  shown: z.array(id).max(L.entries),
  decisionMs: z.number().int().min(0).max(L.decisionMs),
  points: numbers(stepNumber),
  meters: numbers(stepNumber),
  feedback: z.string().max(L.feedback).nullable(),
  goto: id,
  prevHash: z.string().regex(HASH),
  hash: z.string().regex(HASH),
});
const sourceLine = z.object({
  type: z.literal('source'),
  hash: z.string().regex(HASH),
  scenarioId: z.string().max(L.id).regex(ID_PATTERN),
  file: z.string().max(L.fileName),
  source: z.string().max(L.sourceChars),
  catalog: z
    .object({ lessons: z.record(id, z.unknown()) })
    .loose()
    .refine((c) => Object.keys(c.lessons).length <= L.entries, { message: 'too-many' }),
});
const headerLine = z.object({
  type: z.literal('export'),
  format: z.string(),
  version: z.number().int().min(1),
});

export interface ParsedFile {
  readonly bundles: SessionBundle[];
  /** line of each session's header, for messages about a session */
  readonly lineOf: ReadonlyMap<string, number>;
  /** line of each session's events, in order (event seq n is at index n - 1) */
  readonly eventLinesOf: ReadonlyMap<string, readonly number[]>;
  readonly events: number;
  /** the file's format version (1: an export from before versions) */
  readonly version: number;
}

interface Open {
  readonly row: SessionRow;
  readonly line: number;
  readonly events: StoredEvent[];
  readonly eventLines: number[];
  readonly origin?: SessionOrigin;
}

/** Reads an export line by line, keeping the session whose events come next open. */
class ExportReader {
  readonly sources = new Map<string, ScenarioSource>();
  readonly bundles: SessionBundle[] = [];
  readonly lineOf = new Map<string, number>();
  readonly eventLinesOf = new Map<string, number[]>();
  events = 0;
  version = 1;
  private open: Open | undefined;

  /** The header line: only first, and of a format and version this roleplay reads. */
  header(n: number, data: unknown): void {
    if (n !== 1)
      throw new ImportError(n, {
        zh: '导出文件的文件头只能在第一行：文件被拼接或改动过',
        en: "an export's header belongs on its first line: the file was joined or edited",
      });
    const h = headerLine.safeParse(data);
    if (!h.success || h.data.format !== EXPORT_FORMAT)
      throw new ImportError(n, {
        zh: '不是 roleplay 的练习导出文件（文件头的格式不对）',
        en: 'not a roleplay export of sessions (its header names another format)',
      });
    if (h.data.version > EXPORT_VERSION)
      throw new ImportError(n, {
        zh: `这个文件是更新版本的 roleplay 导出的（格式版本 ${h.data.version}；本版本能读 1 到 ${EXPORT_VERSION}）；请先升级 roleplay 再导入`,
        en: `this file is in format version ${h.data.version}, written by a newer roleplay (this one reads versions 1 to ${EXPORT_VERSION}); update roleplay to import it`,
      });
    this.version = h.data.version;
  }

  /** Ends the open session: its chain must be whole (checked as verify does). */
  close(nextLine: number): void {
    if (!this.open) return;
    const { row, events: list, eventLines, line } = this.open;
    const broken = checkChain(row, list);
    if (broken) {
      const at = broken.seq === null ? line : eventLines[broken.seq - 1];
      // A chain that stops short of the count its session line recorded: the file was cut.
      if (broken.seq !== null && broken.seq > list.length) {
        throw new ImportError(nextLine, {
          zh: `练习 ${row.id} 记录了 ${row.eventCount} 个步骤，文件里到第 ${list.length} 步就没有了：文件不完整，或有步骤被删除`,
          en: `session ${row.id} stops after event ${list.length} of ${row.eventCount}: the file is cut short or events were deleted`,
        });
      }
      throw new ImportError(at ?? line, {
        zh: `练习 ${row.id}：${chainProblem(broken, 'zh')}`,
        en: `session ${row.id}: ${chainProblem(broken, 'en')}`,
      });
    }
    const { eventCount: _c, headHash: _h, result: r, seal, ...header } = row;
    const source = this.sources.get(row.scenarioHash);
    const origin = this.open.origin;
    this.bundles.push({
      header,
      ...(source ? { source } : {}),
      events: list,
      ...(r ? { result: r, seal: seal! } : {}),
      ...(origin ? { origin } : {}),
      format: this.version,
    });
    this.lineOf.set(row.id, line);
    this.eventLinesOf.set(row.id, eventLines);
    this.open = undefined;
  }

  source(n: number, data: unknown): void {
    const s = sourceLine.safeParse(data);
    if (!s.success) throw lacking(n, s.error, { zh: '案例来源行', en: 'a scenario source line' });
    const { type: _t, ...source } = s.data;
    if (sha256(canonicalJson({ source: source.source, catalog: source.catalog })) !== source.hash) {
      throw new ImportError(n, {
        zh: `案例「${source.scenarioId}」的来源被改动过（与它的哈希不符）`,
        en: `the scenario source of '${source.scenarioId}' was altered (it does not match its hash)`,
      });
    }
    this.sources.set(source.hash, source as ScenarioSource);
  }

  session(n: number, data: unknown): void {
    this.close(n);
    const s = sessionLine.safeParse(data);
    if (!s.success) throw lacking(n, s.error, { zh: '练习行', en: 'a session line' });
    const { type: _t, result: r, seal, ledger: origin, ...rest } = s.data;
    if (this.lineOf.has(rest.id))
      throw new ImportError(n, {
        zh: `练习 ${rest.id} 在文件里出现了两次`,
        en: `session ${rest.id} appears twice in the file`,
      });
    const row: SessionRow = { ...rest, ...(r ? { result: r } : {}), ...(seal !== undefined ? { seal } : {}) };
    this.open = { row, line: n, events: [], eventLines: [], ...(origin ? { origin } : {}) };
  }

  event(n: number, data: unknown): void {
    const e = eventLine.safeParse(data);
    if (!e.success) throw lacking(n, e.error, { zh: '步骤行', en: 'an event line' });
    if (!this.open || e.data.sessionId !== this.open.row.id) {
      throw new ImportError(n, {
        zh: `练习 ${e.data.sessionId} 的第 ${e.data.seq} 步不在该练习那一行之后：有行被移动或删除`,
        en: `event ${e.data.seq} of session ${e.data.sessionId} is not after its session's line: lines were moved or deleted`,
      });
    }
    const { type: _t, ...event } = e.data;
    this.open.events.push(event);
    this.open.eventLines.push(n);
    this.events++;
  }
}

/** One line as JSON; `cut`: it is the file's last line and has no newline after it. */
function jsonLine(raw: string, n: number, cut: boolean): unknown {
  if (raw.trim() === '')
    throw new ImportError(n, {
      zh: '空行（导出文件里没有空行）：文件被改动过或已损坏',
      en: 'empty line (an export has none): the file was edited or damaged',
    });
  try {
    return JSON.parse(raw);
  } catch {
    throw cut
      ? new ImportError(n, { zh: '这一行不完整：文件被截断了', en: 'the line is incomplete: the file is cut short' })
      : new ImportError(n, {
          zh: '不是有效的 JSON：文件被改动过或已损坏',
          en: 'not valid JSON: the file was edited or damaged',
        });
  }
}

/** Parses and checks a whole export; throws ImportError naming the first bad line. */
export function parseExport(text: string): ParsedFile {
  const reader = new ExportReader();
  const lines = text.replace(/^\uFEFF/, '').split('\n');
  // A final newline leaves one empty string; a file cut mid-line does not end in one.
  const last = lines[lines.length - 1] === '' ? lines.length - 1 : lines.length;
  for (let i = 0; i < last; i++) {
    const n = i + 1;
    if (lines[i]!.length > RECORD_LIMITS.lineChars)
      throw new ImportError(n, {
        zh: `这一行超过 ${RECORD_LIMITS.lineChars} 个字符：导出文件里没有这么长的行，文件被改动过`,
        en: `the line is longer than ${RECORD_LIMITS.lineChars} characters, which no export writes: the file was edited`,
      });
    const data = jsonLine(lines[i]!.replace(/\r$/, ''), n, i === last - 1 && lines.length === last);
    const type = (data as { type?: unknown } | null)?.type;
    if (type === 'export') reader.header(n, data);
    else if (type === 'source') reader.source(n, data);
    else if (type === 'session') reader.session(n, data);
    else if (type === 'event') reader.event(n, data);
    else
      throw new ImportError(n, {
        zh: '不是 roleplay 导出文件的行（type 应为「session」、「event」或「source」）',
        en: "not a line of a roleplay export (expected type 'session', 'event' or 'source')",
      });
  }
  reader.close(last + 1);
  return {
    bundles: reader.bundles,
    lineOf: reader.lineOf,
    eventLinesOf: reader.eventLinesOf,
    events: reader.events,
    version: reader.version,
  };
}

/** A line of the right type with a field that is missing, of the wrong type or over its limit: names the first. */
function lacking(line: number, error: z.ZodError, what: Said): ImportError {
  const issue = error.issues[0];
  const path = issue?.path.join('.') ?? '';
  if (!path)
    return new ImportError(line, { zh: `${what.zh}缺少应有的字段`, en: `${what.en} without the expected fields` });
  const said = issueText(issue!, path);
  return new ImportError(line, { zh: `${what.zh}的${said.zh}`, en: `${what.en} whose ${said.en}` });
}

/** What is wrong with one field, in words. */
function issueText(issue: z.core.$ZodIssue, path: string): Said {
  const limit = 'maximum' in issue ? Number(issue.maximum) : undefined;
  if (issue.code === 'too_big' && limit !== undefined)
    return { zh: `「${path}」超出上限（${limit}）`, en: `'${path}' is over its limit (${limit})` };
  if (issue.code === 'too_small' && 'minimum' in issue)
    return {
      zh: `「${path}」低于下限（${Number(issue.minimum)}）`,
      en: `'${path}' is under its limit (${Number(issue.minimum)})`,
    };
  if (issue.code === 'custom' && issue.message === 'not-a-time')
    return {
      zh: `「${path}」不是 UTC 日期时间（ISO 8601，且日期存在）`,
      en: `'${path}' is not a date and time in UTC (ISO 8601, a date that exists)`,
    };
  if (issue.code === 'custom' && issue.message === 'too-many')
    return {
      zh: `「${path}」条目过多（上限 ${RECORD_LIMITS.entries}）`,
      en: `'${path}' has too many entries (the limit is ${RECORD_LIMITS.entries})`,
    };
  return { zh: `「${path}」无效`, en: `'${path}' is not valid` };
}
