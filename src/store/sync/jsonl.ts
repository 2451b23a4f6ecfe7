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
import { z } from 'zod';
import type { Said } from '../../core/index.js';
import { canonicalJson, sha256 } from '../chain.js';
import { StoreError, type SessionMode, type ScenarioSource, type SessionRow, type StoredEvent } from '../store.js';
import { chainProblem, checkChain } from '../verify.js';
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
const points = z.record(z.string(), z.number());
const action = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('choice'), choice: z.string() }),
  z.object({ kind: z.literal('say'), text: z.string(), rule: z.number().int() }),
  z.object({ kind: z.literal('timeout') }),
  z.object({ kind: z.literal('auto'), branch: z.number().int() }),
]);
const result = z.object({
  finishedAt: z.string(),
  outcome: z.enum(['success', 'partial', 'failure']),
  ending: z.string(),
  total: z.number(),
  max: z.number(),
  percent: z.number(),
  passed: z.boolean(),
  lessons: z.record(z.string(), z.object({ points: z.number(), max: z.number() })),
});
const sessionLine = z.object({
  type: z.literal('session'),
  id: z.string().min(1),
  trainee: z.string(),
  scenarioId: z.string(),
  scenarioHash: z.string(),
  lang: z.enum(['zh', 'en']),
  mode: z.enum(MODES),
  startedAt: z.string(),
  shuffleSeed: z.number().int().min(0).max(0x7fffffff).optional(),
  eventCount: z.number().int().min(0),
  headHash: z.string(),
  seal: z.string().optional(),
  result: result.nullable(),
});
const eventLine = z.object({
  type: z.literal('event'),
  sessionId: z.string(),
  seq: z.number().int().min(1),
  at: z.string(),
  node: z.string(),
  action,
  shown: z.array(z.string()),
  decisionMs: z.number(),
  points,
  meters: points,
  feedback: z.string().nullable(),
  goto: z.string(),
  prevHash: z.string(),
  hash: z.string(),
});
const sourceLine = z.object({
  type: z.literal('source'),
  hash: z.string(),
  scenarioId: z.string(),
  file: z.string(),
  source: z.string(),
  catalog: z.object({ lessons: z.record(z.string(), z.unknown()) }).loose(),
});

export interface ParsedFile {
  readonly bundles: SessionBundle[];
  /** line of each session's header, for messages about a session */
  readonly lineOf: ReadonlyMap<string, number>;
  readonly events: number;
}

interface Open {
  readonly row: SessionRow;
  readonly line: number;
  readonly events: StoredEvent[];
  readonly eventLines: number[];
}

/** Reads an export line by line, keeping the session whose events come next open. */
class ExportReader {
  readonly sources = new Map<string, ScenarioSource>();
  readonly bundles: SessionBundle[] = [];
  readonly lineOf = new Map<string, number>();
  events = 0;
  private open: Open | undefined;

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
    this.bundles.push({
      header,
      ...(source ? { source } : {}),
      events: list,
      ...(r ? { result: r, seal: seal! } : {}),
    });
    this.lineOf.set(row.id, line);
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
    const { type: _t, result: r, seal, ...rest } = s.data;
    if (this.lineOf.has(rest.id))
      throw new ImportError(n, {
        zh: `练习 ${rest.id} 在文件里出现了两次`,
        en: `session ${rest.id} appears twice in the file`,
      });
    const row: SessionRow = { ...rest, ...(r ? { result: r } : {}), ...(seal !== undefined ? { seal } : {}) };
    this.open = { row, line: n, events: [], eventLines: [] };
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
    const data = jsonLine(lines[i]!.replace(/\r$/, ''), n, i === last - 1 && lines.length === last);
    const type = (data as { type?: unknown } | null)?.type;
    if (type === 'source') reader.source(n, data);
    else if (type === 'session') reader.session(n, data);
    else if (type === 'event') reader.event(n, data);
    else
      throw new ImportError(n, {
        zh: '不是 roleplay 导出文件的行（type 应为「session」、「event」或「source」）',
        en: "not a line of a roleplay export (expected type 'session', 'event' or 'source')",
      });
  }
  reader.close(last + 1);
  return { bundles: reader.bundles, lineOf: reader.lineOf, events: reader.events };
}

/** A line of the right type without the fields it needs: names the first field that is wrong. */
function lacking(line: number, error: z.ZodError, what: Said): ImportError {
  const path = error.issues[0]?.path.join('.') ?? '';
  return path
    ? new ImportError(line, { zh: `${what.zh}缺少有效的「${path}」`, en: `${what.en} without a valid '${path}'` })
    : new ImportError(line, { zh: `${what.zh}缺少应有的字段`, en: `${what.en} without the expected fields` });
}
