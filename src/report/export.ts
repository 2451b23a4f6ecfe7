/**
 * `roleplay export`: sessions and events as JSON lines, or as xAPI 1.0.3 statements for a
 * learning record store. Statement ids are derived from the session id and step, so
 * exporting twice gives the same ids and a store can drop the duplicates.
 */
import { createHash } from 'node:crypto';
import { terminalSafeJson } from '../core/index.js';
import type { SessionResult, SessionRow, StoredEvent } from '../core/records/records.js';
import { EXPORT_VERSION } from '../store/export-format.js';
import type { SessionOrigin } from '../store/ledger.js';
import { DEFAULT_XAPI_BASE } from './xapi-base.js';

/**
 * A session as JSON lines: its line (with the exporting store's ledger entries for it, so that
 * the store it goes to can keep them; see store/ledger.ts), then one line per event.
 */
export function jsonlOf(session: SessionRow, events: readonly StoredEvent[], ledger?: SessionOrigin): string[] {
  const { result, ...header } = session;
  // answers and feedback are the trainee's and the author's text: keep them exact, but escaped
  const line = {
    type: 'session',
    ...header,
    ...(result ? { result } : { result: null }),
    ...(ledger ? { ledger } : {}),
  };
  const lines = [terminalSafeJson(JSON.stringify(line))];
  for (const e of events) lines.push(terminalSafeJson(JSON.stringify({ type: 'event', ...e })));
  return lines;
}

export { DEFAULT_XAPI_BASE } from './xapi-base.js';

const VERBS = {
  attempted: { id: 'http://adlnet.gov/expapi/verbs/attempted', display: { 'en-US': 'attempted', 'zh-CN': '开始练习' } },
  answered: { id: 'http://adlnet.gov/expapi/verbs/answered', display: { 'en-US': 'answered', 'zh-CN': '回答' } },
  passed: { id: 'http://adlnet.gov/expapi/verbs/passed', display: { 'en-US': 'passed', 'zh-CN': '通过' } },
  failed: { id: 'http://adlnet.gov/expapi/verbs/failed', display: { 'en-US': 'failed', 'zh-CN': '未通过' } },
} as const;

/** A name-based UUID (version 5 layout over SHA-256's first bytes) for a statement. */
export function statementId(...parts: readonly (string | number)[]): string {
  const b = createHash('sha256').update(parts.join('\u0000')).digest();
  b[6] = (b[6]! & 0x0f) | 0x50;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const h = b.subarray(0, 16).toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
}

/** ISO 8601 duration with seconds to two decimals (as xAPI recommends). */
export function isoDuration(ms: number): string {
  const total = Math.max(0, ms) / 1000;
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = Math.round((total % 60) * 100) / 100;
  return `PT${h ? `${h}H` : ''}${m ? `${m}M` : ''}${s}S`;
}

const seg = (text: string) => encodeURIComponent(text);

type Statement = Record<string, unknown>;

/** What every statement of one session shares: who, which scenario, in which language and context. */
interface SessionFrame {
  readonly root: string;
  readonly lang: string;
  readonly actor: Statement;
  readonly scenarioIri: string;
  readonly scenario: Statement;
  readonly context: (extra?: Statement) => Statement;
}

function frameOf(session: SessionRow, base: string): SessionFrame {
  const root = base.endsWith('/') ? base : `${base}/`;
  const lang = session.lang === 'zh' ? 'zh-CN' : 'en-US';
  const actor = { objectType: 'Agent', name: session.trainee, account: { homePage: root, name: session.trainee } };
  const scenarioIri = `${root}scenarios/${seg(session.scenarioId)}`;
  const scenario = {
    objectType: 'Activity',
    id: scenarioIri,
    definition: { type: 'http://adlnet.gov/expapi/activities/simulation', name: { [lang]: session.scenarioId } },
  };
  const context = (extra: Statement = {}) => ({
    registration: session.id,
    platform: 'roleplay',
    language: lang,
    extensions: {
      [`${root}extensions/mode`]: session.mode,
      [`${root}extensions/scenario-hash`]: session.scenarioHash,
      // the version of what roleplay exports (store/export-format.ts), on every statement
      [`${root}extensions/format`]: EXPORT_VERSION,
    },
    ...extra,
  });
  return { root, lang, actor, scenarioIri, scenario, context };
}

/** One decision (not an automatic step) as an `answered` statement on the node's interaction. */
function answeredStatement(f: SessionFrame, session: SessionRow, e: StoredEvent): Statement {
  const { root, lang, scenarioIri } = f;
  const points = Object.values(e.points).reduce((a, b) => a + b, 0);
  const response = e.action.kind === 'choice' ? e.action.choice : e.action.kind === 'say' ? e.action.text : 'timeout';
  return {
    id: statementId(session.id, e.seq),
    actor: f.actor,
    verb: VERBS.answered,
    object: {
      objectType: 'Activity',
      id: `${scenarioIri}/nodes/${seg(e.node)}`,
      definition: {
        type: 'http://adlnet.gov/expapi/activities/cmi.interaction',
        name: { [lang]: e.node },
        interactionType: e.action.kind === 'say' ? 'fill-in' : 'choice',
        ...(e.shown.length ? { choices: e.shown.map((id) => ({ id, description: { [lang]: id } })) } : {}),
      },
    },
    result: {
      response,
      duration: isoDuration(e.decisionMs),
      score: { raw: points },
      extensions: { [`${root}extensions/points`]: e.points, [`${root}extensions/meters`]: e.meters },
    },
    context: f.context({ contextActivities: { parent: [{ objectType: 'Activity', id: scenarioIri }] } }),
    timestamp: e.at,
    version: '1.0.3',
  };
}

/** A finished session's `passed` or `failed` statement with its score. */
function resultStatement(f: SessionFrame, session: SessionRow, r: SessionResult): Statement {
  const started = Date.parse(session.startedAt);
  const finished = Date.parse(r.finishedAt);
  return {
    id: statementId(session.id, 'result'),
    actor: f.actor,
    verb: r.passed ? VERBS.passed : VERBS.failed,
    object: f.scenario,
    result: {
      // scaled must lie in [-1, 1]; percent is already clamped to 0..100
      score: { scaled: r.percent / 100, raw: Math.max(0, Math.min(r.total, r.max)), min: 0, max: r.max },
      success: r.passed,
      completion: true,
      ...(Number.isFinite(finished - started) ? { duration: isoDuration(finished - started) } : {}),
      extensions: {
        [`${f.root}extensions/outcome`]: r.outcome,
        [`${f.root}extensions/ending`]: r.ending,
        [`${f.root}extensions/total`]: r.total,
      },
    },
    context: f.context(),
    timestamp: r.finishedAt,
    version: '1.0.3',
  };
}

/** A session as xAPI 1.0.3 statements: attempted, one answered per decision, and passed or failed once finished. */
export function xapiOf(
  session: SessionRow,
  events: readonly StoredEvent[],
  base: string = DEFAULT_XAPI_BASE,
): Statement[] {
  const f = frameOf(session, base);
  const attempted = {
    id: statementId(session.id, 'attempted'),
    actor: f.actor,
    verb: VERBS.attempted,
    object: f.scenario,
    context: f.context(),
    timestamp: session.startedAt,
    version: '1.0.3',
  };
  const answered = events.filter((e) => e.action.kind !== 'auto').map((e) => answeredStatement(f, session, e));
  return [attempted, ...answered, ...(session.result ? [resultStatement(f, session, session.result)] : [])];
}
