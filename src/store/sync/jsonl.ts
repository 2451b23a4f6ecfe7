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
import type { Mode, ScenarioSource, SessionRow, StoredEvent } from '../store.js';
import { checkChain } from '../verify.js';
import type { SessionBundle } from './bundle.js';

/** The line that carries a scenario source, written by export before the sessions that use it. */
export function sourceLineOf(source: ScenarioSource): string {
  return JSON.stringify({ type: 'source', ...source });
}

export class ImportError extends Error {
  constructor(readonly line: number, message: string) {
    super(`line ${line}: ${message}`);
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
        throw new ImportError(nextLine, `session ${row.id} stops after event ${list.length} of ${row.eventCount}: the file is cut short or events were deleted`);
      }
      throw new ImportError(at ?? line, `session ${row.id}: ${broken.problem}`);
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
    if (raw.trim() === '') throw new ImportError(n, 'empty line (an export has none): the file was edited or damaged');
    let data: unknown;
    try {
      data = JSON.parse(raw);
    } catch {
      throw new ImportError(n, i === last - 1 && lines.length === last
        ? 'the line is incomplete: the file is cut short'
        : 'not valid JSON: the file was edited or damaged');
    }
    const type = (data as { type?: unknown } | null)?.type;
    if (type === 'source') {
      const s = sourceLine.safeParse(data);
      if (!s.success) throw new ImportError(n, `a scenario source line without ${problemOf(s.error)}`);
      const { type: _t, ...source } = s.data;
      if (sha256(canonicalJson({ source: source.source, catalog: source.catalog })) !== source.hash) {
        throw new ImportError(n, `the scenario source of '${source.scenarioId}' was altered (it does not match its hash)`);
      }
      sources.set(source.hash, source as ScenarioSource);
    } else if (type === 'session') {
      close(n);
      const s = sessionLine.safeParse(data);
      if (!s.success) throw new ImportError(n, `a session line without ${problemOf(s.error)}`);
      const { type: _t, result: r, seal, ...rest } = s.data;
      if (lineOf.has(rest.id)) throw new ImportError(n, `session ${rest.id} appears twice in the file`);
      const row: SessionRow = { ...rest, ...(r ? { result: r } : {}), ...(seal !== undefined ? { seal } : {}) };
      open = { row, line: n, events: [], eventLines: [] };
    } else if (type === 'event') {
      const e = eventLine.safeParse(data);
      if (!e.success) throw new ImportError(n, `an event line without ${problemOf(e.error)}`);
      if (!open || e.data.sessionId !== open.row.id) {
        throw new ImportError(n, `event ${e.data.seq} of session ${e.data.sessionId} is not after its session's line: lines were moved or deleted`);
      }
      const { type: _t, ...event } = e.data;
      open.events.push(event);
      open.eventLines.push(n);
      events++;
    } else {
      throw new ImportError(n, "not a line of a roleplay export (expected type 'session', 'event' or 'source')");
    }
  }
  close(last + 1);
  return { bundles, lineOf, events };
}

function problemOf(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return 'the expected fields';
  const path = issue.path.join('.');
  return path ? `a valid '${path}'` : 'the expected fields';
}
