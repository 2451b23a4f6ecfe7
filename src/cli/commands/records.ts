/**
 * The records commands: sessions, review, report, export, verify, resume, and `run --record`.
 * Each opens the session store named by --db / ROLEPLAY_DB (default ~/.roleplay/roleplay.db)
 * and prints for a trainer or team lead; the store does the work.
 */
import { once } from 'node:events';
import { createWriteStream, writeFileSync, type WriteStream } from 'node:fs';
import type { Command } from 'commander';
import { SimulatedClock } from 'xstate';
import {
  Play,
  StepError,
  takeStep,
  reportOf,
  safeLine,
  terminalSafeJson,
  type Lang,
  type RunReport,
  type Scenario,
  type StepRecord,
  type TestStep,
} from '../../core/index.js';
import { expectsSaid, stepMessages } from '../../core/step-messages.js';
import { DEFAULT_XAPI_BASE, jsonlOf, xapiOf } from '../../store/formats/export.js';
import { reportCsv, reportHtml, reportJson, reportText } from '../../store/formats/report.js';
import { parseSince } from '../../store/formats/since.js';
import { fit, table } from '../../store/formats/bars.js';
import { recordStrings } from '../../store/formats/strings.js';
import { dbPathFrom, openStore, traineeFrom } from '../../store/open.js';
import { StoreRecorder } from '../../store/recorder.js';
import { Recording } from '../../store/recording.js';
import { restorePoint } from '../../store/resume.js';
import { compiledFromSource } from '../../store/scenario-source.js';
import { StoreError } from '../../store/store.js';
import { sourceLineOf } from '../../store/sync/jsonl.js';
import type { SessionFilter, SessionRow, SessionStore } from '../../store/store.js';
import { chainProblem, verifyJson, verifyStore } from '../../store/verify.js';
import type { Recorder } from '../../ui/recorder.js';
import { timelineOf, type Timeline } from '../../ui/review/timeline.js';
import { say, UserError } from '../env.js';
import { prepareTerminalUi } from '../terminal-ui.js';
import { langOf } from '../program.js';
import { fileLibrary } from './play.js';
import { readSteps, runCommand, type RunHooks, type RunOptions } from './run.js';

export interface StoreOptions {
  readonly db?: string;
  readonly trainee?: string;
}

/** Opens the store, runs `fn`, closes it; store failures become one clear line. */
export async function withStore<T>(
  opts: StoreOptions,
  lang: Lang,
  fn: (store: SessionStore) => Promise<T>,
): Promise<T> {
  let store: SessionStore;
  try {
    store = await openStore(dbPathFrom(opts.db), lang);
  } catch (e) {
    throw new UserError(e instanceof StoreError ? e.in(lang) : e instanceof Error ? e.message : String(e), 1);
  }
  try {
    return await fn(store);
  } catch (e) {
    if (e instanceof StoreError) throw new UserError(e.in(lang), 1);
    const refused = refusedWrite(e, store.location, lang);
    if (refused) throw new UserError(refused, 1);
    throw e;
  } finally {
    await store.close();
  }
}

/**
 * The database refused mid-command (disk full, read-only, damaged file): one line that names the
 * cause, not an "internal error" (found by the fault tests, issue 8). SQLite rolls a refused
 * write back, so what was recorded before it stays intact.
 */
function refusedWrite(e: unknown, location: string, lang: Lang): string | undefined {
  const code = (e as { code?: unknown } | null)?.code;
  if (typeof code !== 'string' || !code.startsWith('SQLITE_')) return undefined;
  const say = lang === 'zh' ? REFUSED.zh : REFUSED.en;
  if (code === 'SQLITE_FULL' || code.startsWith('SQLITE_IOERR')) return say.full(location);
  if (code.startsWith('SQLITE_READONLY') || code === 'SQLITE_CANTOPEN' || code === 'SQLITE_PERM')
    return say.readOnly(location);
  if (code === 'SQLITE_CORRUPT' || code === 'SQLITE_NOTADB') return say.damaged(location);
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) return say.locked(location);
  return say.other(location, (e as Error).message);
}

/** A write that failed during play, told once the screen has closed. */
export function unrecorded(failure: unknown, location: string, lang: Lang): UserError {
  const why =
    refusedWrite(failure, location, lang) ??
    (failure instanceof StoreError ? failure.in(lang) : failure instanceof Error ? failure.message : String(failure));
  return new UserError(say(lang, `the session could not be recorded: ${why}`, `练习记录写入失败：${why}`), 1);
}

const REFUSED = {
  en: {
    full: (db: string) =>
      `the session database ${db} could not be written: the disk refused the write (is it full?); the steps recorded before are intact (check with \`roleplay verify\`)`,
    readOnly: (db: string) =>
      `the session database ${db} cannot be written here (read-only file or folder); the steps recorded before are intact (check with \`roleplay verify\`)`,
    damaged: (db: string) =>
      `the session database ${db} is damaged, and was left as it is: restore it from a backup, or record into another file with --db`,
    locked: (db: string) => `the session database ${db} was kept locked by another program; try again`,
    other: (db: string, why: string) => `the session database ${db} cannot be used: ${why}`,
  },
  zh: {
    full: (db: string) =>
      `练习记录库 ${db} 写入失败：磁盘拒绝写入（空间满了？）；之前记录的步骤完好无损（可用 \`roleplay verify\` 检查）`,
    readOnly: (db: string) =>
      `练习记录库 ${db} 在这里不能写入（文件或文件夹是只读的）；之前记录的步骤完好无损（可用 \`roleplay verify\` 检查）`,
    damaged: (db: string) => `练习记录库 ${db} 已损坏，已保持原样未动：请从备份恢复，或用 --db 记录到另一个文件`,
    locked: (db: string) => `练习记录库 ${db} 一直被另一个程序锁着；请稍后再试`,
    other: (db: string, why: string) => `练习记录库 ${db} 无法使用：${why}`,
  },
} as const;

export const badBase = (lang: Lang) =>
  new UserError(
    say(
      lang,
      `--base must be an http(s) address, e.g. ${DEFAULT_XAPI_BASE}`,
      `--base 必须是 http(s) 地址，例如 ${DEFAULT_XAPI_BASE}`,
    ),
    2,
  );

/** The sessions named by --trainee, --scenario and --since. */
export function filterOf(opts: { trainee?: string; scenario?: string; since?: string }, lang: Lang): SessionFilter {
  let since: string | undefined;
  if (opts.since !== undefined) {
    since = parseSince(opts.since);
    if (since === undefined) {
      throw new UserError(
        say(
          lang,
          `--since '${opts.since}' is not a date: use 2026-11-01, 2026-11-01T08:00Z, or a span such as 7d, 12h, 2w`,
          `--since '${opts.since}' 不是日期：请写成 2026-11-01、2026-11-01T08:00Z，或 7d、12h、2w 这样的时长`,
        ),
        2,
      );
    }
  }
  return {
    ...(opts.trainee !== undefined ? { trainee: opts.trainee } : {}),
    ...(opts.scenario !== undefined ? { scenario: opts.scenario } : {}),
    ...(since !== undefined ? { since } : {}),
  };
}

/** A session named by id or id prefix; a clear error when there is none or several. */
async function sessionNamed(store: SessionStore, ref: string, lang: Lang): Promise<SessionRow> {
  const found = await store.findSession(ref.trim().toLowerCase());
  if (found === 'ambiguous') {
    throw new UserError(
      say(
        lang,
        `more than one session starts with '${ref}'; give more of the id (\`roleplay sessions\` lists them)`,
        `不止一次练习的编号以 '${ref}' 开头；请多写几位编号（\`roleplay sessions\` 会列出它们）`,
      ),
      2,
    );
  }
  if (!found) {
    throw new UserError(
      say(
        lang,
        `no session '${ref}' in ${store.location} (\`roleplay sessions\` lists them)`,
        `${store.location} 里没有编号为 '${ref}' 的练习（\`roleplay sessions\` 会列出它们）`,
      ),
      1,
    );
  }
  return found;
}

export async function scenarioOf(store: SessionStore, session: SessionRow, lang: Lang) {
  const source = await store.loadSource(session.scenarioHash);
  if (!source) {
    const hash = session.scenarioHash.slice(0, 12);
    throw new UserError(
      say(
        lang,
        `the scenario of session ${session.id} is missing from the database (hash ${hash}…)`,
        `练习 ${session.id} 所用的案例不在数据库里（哈希 ${hash}…）`,
      ),
      1,
    );
  }
  return { compiled: compiledFromSource(source), source };
}

const short = (id: string) => id.slice(0, 8);

// ───────────────────────────── sessions ─────────────────────────────

interface SessionsOptions extends StoreOptions {
  scenario?: string;
  since?: string;
  json?: boolean;
  limit?: string;
}

export async function sessionsCommand(opts: SessionsOptions, lang: Lang): Promise<number> {
  const filter = filterOf(opts, lang);
  const limit = opts.limit === undefined ? undefined : Number(opts.limit);
  if (limit !== undefined && (!Number.isInteger(limit) || limit < 0)) {
    throw new UserError(
      say(
        lang,
        `--limit must be a whole number, not '${opts.limit}'`,
        `--limit 必须是不小于 0 的整数，而不是 '${opts.limit}'`,
      ),
      2,
    );
  }
  return withStore(opts, lang, async (store) => {
    const rows = await store.listSessions({ ...filter, ...(limit !== undefined ? { limit } : {}) });
    if (opts.json) {
      process.stdout.write(
        `${JSON.stringify(
          rows.map((r) => ({
            id: r.id,
            trainee: r.trainee,
            scenario: r.scenarioId,
            scenarioHash: r.scenarioHash,
            lang: r.lang,
            mode: r.mode,
            startedAt: r.startedAt,
            finishedAt: r.result?.finishedAt ?? null,
            outcome: r.result?.outcome ?? null,
            ending: r.result?.ending ?? null,
            total: r.result?.total ?? null,
            max: r.result?.max ?? null,
            percent: r.result?.percent ?? null,
            passed: r.result?.passed ?? null,
            events: r.eventCount,
            headHash: r.headHash,
          })),
          null,
          2,
        )}\n`,
      );
      return 0;
    }
    const t = recordStrings(lang);
    if (rows.length === 0) {
      process.stdout.write(`${t.noSessions}\n`);
      return 0;
    }
    const lines = table(
      [
        [t.id, t.started, t.trainee, t.scenario, t.mode, t.outcome, t.score, t.passed],
        ...rows.map((r) => [
          short(r.id),
          r.startedAt.slice(0, 16).replace('T', ' '),
          fit(safeLine(r.trainee), 16),
          fit(r.scenarioId, 24),
          t.modes[r.mode] ?? r.mode,
          r.result ? (t.outcomes[r.result.outcome] ?? r.result.outcome) : t.unfinished,
          r.result ? `${r.result.percent}%` : '',
          r.result ? (r.result.passed ? t.yes : t.no) : '',
        ]),
      ],
      new Set([6]),
    );
    process.stdout.write(`${lines.join('\n')}\n`);
    return 0;
  });
}

// ───────────────────────────── review ─────────────────────────────

export async function reviewCommand(
  ref: string | undefined,
  opts: StoreOptions & { json?: boolean },
  lang: Lang,
): Promise<number> {
  const timeline = await withStore(opts, lang, async (store): Promise<Timeline> => {
    let session: SessionRow | undefined;
    if (ref !== undefined) session = await sessionNamed(store, ref, lang);
    else {
      session = (
        await store.listSessions({ ...(opts.trainee !== undefined ? { trainee: opts.trainee } : {}), limit: 1 })
      )[0];
      if (!session)
        throw new UserError(
          say(lang, `there are no recorded sessions in ${store.location} yet`, `${store.location} 里还没有练习记录`),
          1,
        );
    }
    const { compiled } = await scenarioOf(store, session, lang);
    return timelineOf(compiled.scenario, session, await store.events(session.id), lang);
  });
  if (opts.json) {
    process.stdout.write(`${terminalSafeJson(JSON.stringify(timeline, null, 2))}\n`);
    return 0;
  }
  prepareTerminalUi();
  const { showReview } = await import('../../ui/review/show.js');
  return showReview(timeline, lang);
}

// ───────────────────────────── report ─────────────────────────────

interface ReportOptions extends StoreOptions {
  scenario?: string;
  since?: string;
  json?: boolean;
  csv?: boolean;
  html?: string;
}

export async function reportCommand(opts: ReportOptions, lang: Lang): Promise<number> {
  const formats = [opts.json, opts.csv, opts.html !== undefined].filter(Boolean).length;
  if (formats > 1)
    throw new UserError(say(lang, 'choose one of --json, --csv and --html', '--json、--csv 和 --html 只能选一个'), 2);
  const filter = filterOf(opts, lang);
  return withStore(opts, lang, async (store) => {
    const data = await store.report(filter);
    // Titles and the points of each choice (for the charts) come from the scenario as last
    // played; JSON and CSV are the bare aggregates and skip loading the scenarios.
    const scenarios = new Map<string, Scenario>();
    const charts = !opts.json && !opts.csv;
    for (const s of charts ? data.scenarios : []) {
      const latest = (await store.listSessions({ ...filter, scenario: s.id, limit: 1 }))[0];
      const source = latest ? await store.loadSource(latest.scenarioHash) : undefined;
      if (!source) continue;
      try {
        scenarios.set(s.id, compiledFromSource(source).scenario);
      } catch {
        /* report without titles */
      }
    }
    const ctx = {
      lang,
      scenarios,
      generatedAt: new Date().toISOString(),
      filter: {
        ...(filter.scenario !== undefined ? { scenario: filter.scenario } : {}),
        ...(filter.trainee !== undefined ? { trainee: filter.trainee } : {}),
        ...(filter.since !== undefined ? { since: filter.since } : {}),
      },
    };
    if (opts.json) process.stdout.write(`${JSON.stringify(reportJson(data, ctx), null, 2)}\n`);
    else if (opts.csv) process.stdout.write(reportCsv(data));
    else if (opts.html !== undefined) {
      try {
        writeFileSync(opts.html, reportHtml(data, ctx));
      } catch (e) {
        const why = (e as NodeJS.ErrnoException).code ?? (e as Error).message;
        throw new UserError(say(lang, `cannot write ${opts.html}: ${why}`, `无法写入 ${opts.html}：${why}`), 1);
      }
      process.stderr.write(say(lang, `report written to ${opts.html}\n`, `报告已写入 ${opts.html}\n`));
    } else process.stdout.write(reportText(data, ctx, process.stdout.columns || 80));
    return 0;
  });
}

// ───────────────────────────── export ─────────────────────────────

interface ExportOptions extends StoreOptions {
  format: 'jsonl' | 'xapi';
  scenario?: string;
  since?: string;
  output?: string;
  base?: string;
}

export async function exportCommand(opts: ExportOptions, lang: Lang): Promise<number> {
  const filter = filterOf(opts, lang);
  if (opts.base !== undefined && !/^https?:\/\/[^\s/]+/.test(opts.base)) throw badBase(lang);
  let file: WriteStream | undefined;
  await withStore(opts, lang, async (store) => {
    // The file is created only once the database has opened, so a wrong --db leaves no empty file.
    if (opts.output !== undefined) {
      file = createWriteStream(opts.output);
      try {
        await once(file, 'open'); // rejects with the 'error' event instead
      } catch (e) {
        const why = (e as NodeJS.ErrnoException).code ?? String(e);
        throw new UserError(say(lang, `cannot write ${opts.output}: ${why}`, `无法写入 ${opts.output}：${why}`), 1);
      }
    }
    const out: NodeJS.WritableStream = file ?? process.stdout;
    const write = async (text: string) => {
      if (!out.write(text)) await once(out, 'drain');
    };
    if (opts.format === 'xapi') {
      // A JSON array, as a learning record store's statements endpoint takes it.
      let first = true;
      await write('[');
      await store.eachSession(filter, async (session, events) => {
        for (const st of xapiOf(session, events, opts.base)) {
          await write(`${first ? '\n' : ',\n'}${terminalSafeJson(JSON.stringify(st))}`);
          first = false;
        }
      });
      await write('\n]\n');
    } else {
      // Each scenario source once, before its first session, so `roleplay import` on another
      // machine can replay and score the sessions exactly (see store/sync/jsonl.ts).
      const sourcesWritten = new Set<string>();
      await store.eachSession(filter, async (session, events) => {
        if (!sourcesWritten.has(session.scenarioHash)) {
          sourcesWritten.add(session.scenarioHash);
          const source = await store.loadSource(session.scenarioHash);
          if (source) await write(`${terminalSafeJson(sourceLineOf(source))}\n`);
        }
        await write(`${jsonlOf(session, events).join('\n')}\n`);
      });
    }
  });
  if (file) {
    file.end();
    await once(file, 'finish');
  }
  return 0;
}

// ───────────────────────────── verify ─────────────────────────────

export async function verifyCommand(opts: StoreOptions & { json?: boolean }, lang: Lang): Promise<number> {
  return withStore(opts, lang, async (store) => {
    const result = await verifyStore(store);
    const t = recordStrings(lang);
    if (opts.json) process.stdout.write(`${JSON.stringify(verifyJson(result), null, 2)}\n`);
    else if (result.ok) process.stdout.write(`${t.verifyOk(result.sessions, result.events)}\n`);
    else process.stdout.write(`${t.verifyBroken(result.sessionId, chainProblem(result.broken, lang))}\n`);
    return result.ok ? 0 : 1;
  });
}

// ───────────────────────────── recording headless runs ─────────────────────────────

/** Decision time of a headless step: a timeout took the node's full time, anything else none. */
function headlessDecisionMs(scenario: Scenario, record: StepRecord): number {
  const node = scenario.nodes[record.node];
  if (record.action.kind === 'timeout' && node && (node.kind === 'choice' || node.kind === 'input') && node.timeout)
    return node.timeout.seconds * 1000;
  return 0;
}

function reportRecorded(id: string, finished: boolean, lang: Lang) {
  process.stderr.write(
    finished
      ? say(lang, `recorded as session ${id}\n`, `已记录为练习 ${id}\n`)
      : say(
          lang,
          `recorded as session ${id} (unfinished: continue it with \`roleplay resume ${id}\`)\n`,
          `已记录为练习 ${id}（未完成：用 \`roleplay resume ${id}\` 继续）\n`,
        ),
  );
}

/** `roleplay run … --record`: the run as usual, with every step written as it is taken. */
export async function runRecorded(
  ref: string,
  opts: Omit<RunOptions, 'lang'> & StoreOptions,
  lang: Lang,
): Promise<number> {
  const steps = readSteps(opts, lang); // bad steps are reported before anything is recorded
  return withStore(opts, lang, async (store) => {
    let recording: Promise<Recording> | undefined;
    let finished = false;
    const hooks: RunHooks = {
      onStart: ({ scenario, source }) => {
        recording = Recording.start(store, {
          scenario,
          source,
          trainee: traineeFrom(opts.trainee),
          lang,
          mode: 'headless',
        });
        // a failed start is reported where `recording` is awaited below, not as an unhandled rejection here
        return (record) => {
          void recording!.then(
            (r) => r.step(record, { decisionMs: headlessDecisionMs(scenario, record), feedbackShown: false }),
            () => undefined,
          );
        };
      },
      onFinish: (report: RunReport) => {
        finished = true;
        void recording!.then(
          (r) => r.finish(report),
          () => undefined,
        );
      },
    };
    const code = runCommand(ref, { ...opts, lang }, hooks, steps);
    if (recording) {
      const r = await recording;
      await r.flush();
      reportRecorded(r.id, finished, lang);
    }
    return code;
  });
}

// ───────────────────────────── recording interactive play ─────────────────────────────

/**
 * For `play` and the menu: a recorder writing into the store named by --db / ROLEPLAY_DB for
 * the trainee named by --trainee / ROLEPLAY_TRAINEE / the user name, open while `fn` runs.
 * A write that failed during play is reported once the screen has closed.
 */
export async function withPlayRecorder(cmd: Command, fn: (recorder: Recorder) => Promise<number>): Promise<number> {
  const opts = cmd.optsWithGlobals() as StoreOptions;
  const lang = langOf(cmd);
  return withStore(opts, lang, async (store) => {
    const recorder = new StoreRecorder(store, traineeFrom(opts.trainee));
    const code = await fn(recorder);
    const failure = await recorder.close();
    if (failure !== undefined) throw unrecorded(failure, store.location, lang);
    return code;
  });
}

// ───────────────────────────── resume ─────────────────────────────

interface ResumeOptions extends StoreOptions, RunOptions {
  mode?: 'practice' | 'exam';
}

export async function resumeCommand(ref: string | undefined, opts: ResumeOptions, lang: Lang): Promise<number> {
  const headless = opts.steps !== undefined || opts.choices !== undefined;
  const steps = headless ? readSteps(opts, lang) : [];
  return withStore(opts, lang, async (store) => {
    let session: SessionRow | undefined;
    if (ref !== undefined) session = await sessionNamed(store, ref, lang);
    else {
      const trainee = traineeFrom(opts.trainee);
      session = (await store.listSessions({ trainee, finished: false, limit: 1 }))[0];
      if (!session)
        throw new UserError(
          say(lang, `${trainee} has no unfinished session to resume`, `${trainee} 没有可以继续的未完成练习`),
          1,
        );
    }
    if (session.result) {
      throw new UserError(
        say(
          lang,
          `session ${short(session.id)} is already finished (${session.result.percent}%); start a new one instead`,
          `练习 ${short(session.id)} 已经完成（${session.result.percent}%），请开始新的练习`,
        ),
        1,
      );
    }
    const { compiled, source } = await scenarioOf(store, session, lang);
    const events = await store.events(session.id);
    const point = restorePoint(compiled, events, await store.savedPlay(session.id));
    if (headless) return resumeHeadless(store, session, compiled, events, point, steps, lang);
    if (!process.stdin.isTTY || !process.stdout.isTTY) {
      throw new UserError(
        say(
          lang,
          `resume needs an interactive terminal; without one, continue with \`roleplay resume ${short(session.id)} --choices a,b,c\``,
          `继续练习需要交互式终端；没有终端时可以用 \`roleplay resume ${short(session.id)} --choices a,b,c\` 继续`,
        ),
        2,
      );
    }
    // The play screen continues the actor from the snapshot; the recorder appends to the same session.
    const recorder = new StoreRecorder(store, session.trainee, { session, events });
    prepareTerminalUi();
    const { runApp } = await import('../../ui/run-app.js');
    const code = await runApp({
      library: fileLibrary,
      start: {
        kind: 'play',
        opened: { scenario: compiled.scenario, source: source.source, file: source.file },
        resume: {
          snapshot: point.snapshot,
          ...(point.remainingMs !== undefined ? { remainingMs: point.remainingMs } : {}),
          ...(session.shuffleSeed !== undefined ? { shuffleSeed: session.shuffleSeed } : {}),
        },
      },
      lang,
      mode: session.mode === 'exam' ? 'exam' : 'practice',
      recorder,
    });
    const failure = await recorder.close();
    if (failure !== undefined) throw unrecorded(failure, store.location, lang);
    return code;
  });
}

async function resumeHeadless(
  store: SessionStore,
  session: SessionRow,
  compiled: ReturnType<typeof compiledFromSource>,
  events: Awaited<ReturnType<SessionStore['events']>>,
  point: ReturnType<typeof restorePoint>,
  steps: readonly TestStep[],
  lang: Lang,
): Promise<number> {
  const scenario = compiled.scenario;
  const recording = Recording.continue(store, session, scenario, events);
  const clock = new SimulatedClock();
  const play = new Play(compiled, {
    clock,
    snapshot: point.snapshot,
    ...(point.remainingMs !== undefined ? { remainingMs: point.remainingMs } : {}),
  });
  let code = 0;
  try {
    for (let i = 0; i < steps.length && !play.done; i++) {
      const step = steps[i]!;
      const before = play.context.steps.length;
      try {
        takeStep(play, clock, step);
      } catch (e) {
        if (!(e instanceof StepError)) throw e;
        process.stderr.write(`roleplay: ${safeLine(stepMessages.atStep(i + 1, e.text)[lang])}\n`);
        code = 2;
        break;
      }
      for (const r of play.context.steps.slice(before)) {
        void recording.step(
          r,
          { decisionMs: headlessDecisionMs(scenario, r), feedbackShown: false },
          { snapshot: play.persisted() },
        );
      }
    }
    const output = play.output;
    if (output) {
      const report = reportOf(compiled, output);
      void recording.finish(report);
      await recording.flush();
      process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
    } else {
      await recording.flush();
      if (code === 0) {
        const turn = play.turn();
        process.stderr.write(
          `roleplay: ${safeLine(stepMessages.ranOut(turn.node.id, expectsSaid(turn.node, turn.choices))[lang])}\n`,
        );
        code = 2;
      }
    }
    reportRecorded(session.id, output !== undefined, lang);
    return code;
  } finally {
    play.stop();
  }
}
