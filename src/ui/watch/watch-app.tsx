/**
 * `roleplay play --watch`: the play screen, reloaded in place whenever the trainer saves the
 * file. The trainee's steps are replayed on the new version as far as they still apply (see
 * replay.ts); a version with errors is shown as its errors above the screen while the last
 * good version keeps playing, so a typo never throws the trainer out of the preview.
 */
import { Box, useApp, useInput } from 'ink';
import { useEffect, useMemo, useReducer, useRef } from 'react';
import {
  compile,
  safeLine,
  type Clock,
  type CompiledScenario,
  type Lang,
  type RunOutput,
  type StepRecord,
  type TestStep,
} from '../../core/index.js';
import { Debrief } from '../components/debrief.js';
import { Lines } from '../components/lines.js';
import { PlayScreen } from '../components/play-screen.js';
import { useTerminalSize } from '../hooks/use-terminal-size.js';
import type { Mode } from '../../core/records/records.js';
import type { OpenedScenario } from '../library.js';
import { paragraph, plain, type Line, type Tone } from '../lines.js';
import type { Recorder, ResumePoint } from '../../core/records/recorder.js';
import { ThemeContext, type Theme } from '../theme.js';
import { replay, trainerSteps } from './replay.js';
import type { Reload, WatchSource } from './source.js';

/** At most this many problems are listed above the screen; the rest are counted. */
export const MAX_PROBLEM_LINES = 4;

const STRINGS = {
  zh: {
    watching: (file: string) => `实时预览 ${file}：保存文件即在此重新载入`,
    keptAll: (time: string, n: number) => `${time} 已重新载入：${n === 0 ? '从头开始' : `保留了全部 ${n} 步`}`,
    keptSome: (time: string, kept: number, total: number, step: string, reason: string) =>
      `${time} 已重新载入：保留了 ${total} 步中的 ${kept} 步；第 ${kept + 1} 步（${step}）在新版本中已不适用：${reason}`,
    keptBeforeEnd: (time: string, kept: number, step: string) =>
      `${time} 已重新载入：保留了 ${kept} 步；下一步（${step}）现在会结束案例，请重新选择`,
    problems: (n: number, playing: boolean) =>
      `保存的文件有 ${n} 个问题${playing ? '；仍在运行上一个能载入的版本' : ''}：`,
    more: (n: number) => `……还有 ${n} 个（roleplay lint 可列出全部）`,
    waiting: '正在等待能载入的文件版本。改正上面的问题并保存；按 q 退出。',
  },
  en: {
    watching: (file: string) => `live preview of ${file}: save the file to reload it here`,
    keptAll: (time: string, n: number) =>
      `reloaded at ${time}: ${n === 0 ? 'starting from the beginning' : n === 1 ? 'your step is kept' : `all ${n} of your steps are kept`}`,
    keptSome: (time: string, kept: number, total: number, step: string, reason: string) =>
      `reloaded at ${time}: kept ${kept} of ${total} steps; step ${kept + 1} (${step}) no longer applies: ${reason}`,
    keptBeforeEnd: (time: string, kept: number, step: string) =>
      `reloaded at ${time}: kept ${kept} step${kept === 1 ? '' : 's'}; your next step (${step}) now ends the case, so it is yours to take again`,
    problems: (n: number, playing: boolean) =>
      `the saved file has ${n} problem${n === 1 ? '' : 's'}${playing ? '; still playing the last version that loaded' : ''}:`,
    more: (n: number) => `…and ${n} more (roleplay lint shows them all)`,
    waiting: 'Waiting for a version of the file that loads. Fix the problems above and save; q quits.',
  },
} as const;

function stepName(step: TestStep): string {
  if (typeof step === 'string') return step;
  if ('say' in step) return `“${step.say}”`;
  return 'timeout';
}

function clockTime(ms: number): string {
  const d = new Date(ms);
  return [d.getHours(), d.getMinutes(), d.getSeconds()].map((n) => String(n).padStart(2, '0')).join(':');
}

interface Version {
  readonly opened: OpenedScenario;
  readonly compiled: CompiledScenario;
}

interface State {
  version?: Version;
  problems: readonly string[];
  notice?: { readonly text: string; readonly tone: Tone };
  /** a new number mounts a new play screen */
  run: number;
  resume?: ResumePoint;
  output?: RunOutput;
}

export interface WatchAppProps {
  readonly source: WatchSource;
  readonly lang: Lang;
  readonly mode: Mode;
  readonly clock: Clock;
  readonly theme: Theme;
  /** override the terminal size (tests) */
  readonly size?: { readonly columns: number; readonly rows: number };
}

type Words = (typeof STRINGS)[Lang];

function initialState(source: WatchSource): State {
  const first = source.initial;
  return first.ok
    ? { version: { opened: first.opened, compiled: compile(first.opened.scenario) }, problems: [], run: 1 }
    : { problems: first.problems, run: 1 };
}

/** What to tell the trainer after a reload: all steps kept, or where the replay stopped and why. */
function noticeOf(replayed: ReturnType<typeof replay>, time: string, t: Words, lang: Lang): State['notice'] {
  const d = replayed.dropped;
  if (!d) return { text: t.keptAll(time, replayed.total), tone: 'good' };
  if (d.why === 'ends') return { text: t.keptBeforeEnd(time, replayed.kept, stepName(d.step)), tone: 'good' };
  return {
    text: t.keptSome(time, replayed.kept, replayed.total, stepName(d.step), d.reason[lang]),
    tone: 'warn',
  };
}

/**
 * The preview's state across reloads: the version playing, the problems of the last save, and
 * the trainee's steps so far (replayed onto each new version). A ref, not React state: the
 * play screen's recorder writes the steps as they happen, without a redraw.
 */
function useWatchState(props: WatchAppProps) {
  const [, redraw] = useReducer((n: number) => n + 1, 0);
  /** the run's steps so far, as the machine recorded them */
  const records = useRef<StepRecord[]>([]);
  const state = useRef<State>(undefined as unknown as State);
  if (state.current === undefined) state.current = initialState(props.source);

  useEffect(
    () =>
      props.source.subscribe((reload: Reload) => {
        const s = state.current;
        if (!reload.ok) {
          state.current = { ...s, problems: reload.problems };
          redraw();
          return;
        }
        const compiled = compile(reload.opened.scenario);
        const replayed = replay(compiled, trainerSteps(records.current));
        records.current = [...replayed.records];
        const notice = noticeOf(replayed, clockTime(props.clock.now()), STRINGS[props.lang], props.lang);
        state.current = {
          version: { opened: reload.opened, compiled },
          problems: [],
          ...(notice ? { notice } : {}),
          run: s.run + 1,
          ...(replayed.resume ? { resume: replayed.resume } : {}),
        };
        redraw();
      }),
    [props.source],
  );

  const recorder = useMemo<Recorder>(
    () => ({
      onStart: (start) => {
        if (!start.resumed) records.current = [];
      },
      onStep: (record) => {
        records.current.push(record);
      },
    }),
    [],
  );
  const restart = () => {
    records.current = [];
    const { resume: _dropped, output: _done, ...rest } = state.current;
    state.current = { ...rest, run: state.current.run + 1 };
    redraw();
  };
  const finished = (output: RunOutput) => {
    state.current = { ...state.current, output };
    redraw();
  };
  return { state: state.current, recorder, restart, finished };
}

/** Above the screen: what is watched, the last reload's notice, and the problems of the last save. */
function bannerLines(s: State, t: Words, file: string, width: number): Line[] {
  const banner: Line[] = [plain(safeLine(t.watching(file)), 'muted')];
  if (s.notice) banner.push(...paragraph(safeLine(s.notice.text), width, { tone: s.notice.tone }));
  if (s.problems.length > 0) {
    banner.push(plain(t.problems(s.problems.length, s.version !== undefined), 'bad', true));
    for (const p of s.problems.slice(0, MAX_PROBLEM_LINES))
      banner.push(...paragraph(safeLine(p), width, { tone: 'bad', first: [{ text: '  ' }] }));
    if (s.problems.length > MAX_PROBLEM_LINES)
      banner.push(plain(`  ${t.more(s.problems.length - MAX_PROBLEM_LINES)}`, 'bad'));
  }
  return banner;
}

export function WatchApp(props: WatchAppProps) {
  const { exit } = useApp();
  const terminal = useTerminalSize();
  const size = props.size ?? terminal;
  const width = Math.max(20, size.columns);
  const height = Math.max(8, size.rows - 1);
  const t = STRINGS[props.lang];
  const { state: s, recorder, restart, finished } = useWatchState(props);
  const banner = bannerLines(s, t, props.source.file, width);
  const room = Math.max(8, height - banner.length);
  const common = { mode: props.mode, lang: props.lang, width, height: room };
  const content = !s.version ? (
    <Waiting text={t.waiting} width={width} onQuit={() => exit()} />
  ) : s.output ? (
    <Debrief
      {...common}
      compiled={s.version.compiled}
      output={s.output}
      onRetry={restart}
      onMenu={() => exit()}
      onQuit={() => exit()}
    />
  ) : (
    <PlayScreen
      {...common}
      key={s.run}
      opened={s.version.opened}
      compiled={s.version.compiled}
      clock={props.clock}
      recorder={recorder}
      {...(s.resume ? { resume: s.resume } : {})}
      onDone={finished}
      onLeave={() => exit()}
    />
  );
  return (
    <ThemeContext.Provider value={props.theme}>
      <Box flexDirection="column">
        <Lines lines={banner} width={width} />
        {content}
      </Box>
    </ThemeContext.Provider>
  );
}

function Waiting({
  text,
  width,
  onQuit,
}: {
  readonly text: string;
  readonly width: number;
  readonly onQuit: () => void;
}) {
  useInput((input) => {
    if (input === 'q' || input === 'Q') onQuit();
  });
  return <Lines lines={[[], plain(text)]} width={width} />;
}
