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
import { canonicalJson, sha256 } from '../chain.js';
import { StoreError, type Mode, type ScenarioSource, type SessionRow, type StoredEvent } from '../store.js';
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
    en: string,
    zh: string,
  ) {
    super(en, zh);
  }
}

const MODES = ['practice', 'exam', 'headless'] as const satisfies readonly Mode[];
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

/** Parses and checks a whole export; throws ImportError naming the first bad line. */
export function parseExport(text: string): ParsedFile {
  const sources = new Map<string, ScenarioSource>();
  const bundles: SessionBundle[] = [];
  const lineOf = new Map<string, number>();
  let events = 0;
  let open: Open | undefined;

  const close = (nextLine: number) => {
    if (!open) return;
    const { row, events: list, eventLines, line } = open;
    const broken = checkChain(row, list);
    if (broken) {
      const at = broken.seq === null ? line : eventLines[broken.seq - 1];
      // A chain that stops short of the count its session line recorded: the file was cut.
      if (broken.seq !== null && broken.seq > list.length) {
        throw new ImportError(
          nextLine,
          `session ${row.id} stops after event ${list.length} of ${row.eventCount}: the file is cut short or events were deleted`,
          `练习 ${row.id} 记录了 ${row.eventCount} 个步骤，文件里到第 ${list.length} 步就没有了：文件不完整，或有步骤被删除`,
        );
      }
      throw new ImportError(
        at ?? line,
        `session ${row.id}: ${chainProblem(broken, 'en')}`,
        `练习 ${row.id}：${chainProblem(broken, 'zh')}`,
      );
    }
    const { eventCount: _c, headHash: _h, result: r, seal, ...header } = row;
    const source = sources.get(row.scenarioHash);
    bundles.push({ header, ...(source ? { source } : {}), events: list, ...(r ? { result: r, seal: seal! } : {}) });
    lineOf.set(row.id, line);
    open = undefined;
  };

  const lines = text.replace(/^\uFEFF/, '').split('\n');
  // A final newline leaves one empty string; a file cut mid-line does not end in one.
  const last = lines[lines.length - 1] === '' ? lines.length - 1 : lines.length;
  for (let i = 0; i < last; i++) {
    const n = i + 1;
    const raw = lines[i]!.replace(/\r$/, '');
    if (raw.trim() === '')
      throw new ImportError(
        n,
        'empty line (an export has none): the file was edited or damaged',
        '空行（导出文件里没有空行）：文件被改动过或已损坏',
      );
    let data: unknown;
    try {
      data = JSON.parse(raw);
    } catch {
      throw i === last - 1 && lines.length === last
        ? new ImportError(n, 'the line is incomplete: the file is cut short', '这一行不完整：文件被截断了')
        : new ImportError(n, 'not valid JSON: the file was edited or damaged', '不是有效的 JSON：文件被改动过或已损坏');
    }
    const type = (data as { type?: unknown } | null)?.type;
    if (type === 'source') {
      const s = sourceLine.safeParse(data);
      if (!s.success) throw lacking(n, s.error, 'a scenario source line', '案例来源行');
      const { type: _t, ...source } = s.data;
      if (sha256(canonicalJson({ source: source.source, catalog: source.catalog })) !== source.hash) {
        throw new ImportError(
          n,
          `the scenario source of '${source.scenarioId}' was altered (it does not match its hash)`,
          `案例「${source.scenarioId}」的来源被改动过（与它的哈希不符）`,
        );
      }
      sources.set(source.hash, source as ScenarioSource);
    } else if (type === 'session') {
      close(n);
      const s = sessionLine.safeParse(data);
      if (!s.success) throw lacking(n, s.error, 'a session line', '练习行');
      const { type: _t, result: r, seal, ...rest } = s.data;
      if (lineOf.has(rest.id))
        throw new ImportError(n, `session ${rest.id} appears twice in the file`, `练习 ${rest.id} 在文件里出现了两次`);
      const row: SessionRow = { ...rest, ...(r ? { result: r } : {}), ...(seal !== undefined ? { seal } : {}) };
      open = { row, line: n, events: [], eventLines: [] };
    } else if (type === 'event') {
      const e = eventLine.safeParse(data);
      if (!e.success) throw lacking(n, e.error, 'an event line', '步骤行');
      if (!open || e.data.sessionId !== open.row.id) {
        throw new ImportError(
          n,
          `event ${e.data.seq} of session ${e.data.sessionId} is not after its session's line: lines were moved or deleted`,
          `练习 ${e.data.sessionId} 的第 ${e.data.seq} 步不在该练习那一行之后：有行被移动或删除`,
        );
      }
      const { type: _t, ...event } = e.data;
      open.events.push(event);
      open.eventLines.push(n);
      events++;
    } else {
      throw new ImportError(
        n,
        "not a line of a roleplay export (expected type 'session', 'event' or 'source')",
        '不是 roleplay 导出文件的行（type 应为「session」、「event」或「source」）',
      );
    }
  }
  close(last + 1);
  return { bundles, lineOf, events };
}

/** A line of the right type without the fields it needs: names the first field that is wrong. */
function lacking(line: number, error: z.ZodError, en: string, zh: string): ImportError {
  const path = error.issues[0]?.path.join('.') ?? '';
  return path
    ? new ImportError(line, `${en} without a valid '${path}'`, `${zh}缺少有效的「${path}」`)
    : new ImportError(line, `${en} without the expected fields`, `${zh}缺少应有的字段`);
}
