/**
 * The encounter: an actor of the compiled machine (core Play) drawn as speaker and line,
 * a short transcript, meters with their latest changes, numbered choices or a text field,
 * a countdown on timed nodes, and — in practice mode — feedback after every decision.
 * Recording plugs in through `recorder` (see recorder.ts); `resume` reopens a stopped run.
 */
import { Box, Text } from 'ink';
import { useKeys } from '../hooks/use-keys.js';
import TextInput from 'ink-text-input';
import { useEffect, useMemo, useReducer, useRef, useState } from 'react';
import { useSyncedState } from '../hooks/use-synced-state.js';
import type { Clock, CompiledScenario, Lang, RunOutput, StepRecord } from '../../core/index.js';
import { safeLine, safeText } from '../../core/sanitize.js';
import { Play, reportOf, StepError } from '../../core/session.js';
import { shuffledChoices } from '../../core/shuffle.js';
import { localize } from '../../core/text.js';
import { PausableClock } from '../clock.js';
import { preparedDebriefLines } from '../debrief.js';
import { actionText, lessonTitle, speakerName, transcriptOf } from '../describe.js';
import { helpLines } from '../help.js';
import { stringsFor, type Mode } from '../i18n.js';
import { blank, fitLine, labelled, paragraph, plain, rule, type Line, type Piece } from '../lines.js';
import { meterDeltas, meterLabel, meterRows, signed } from '../meters.js';
import type { OpenedScenario } from '../library.js';
import type { Recorder, ResumePoint } from '../recorder.js';
import { padEnd, widthOf } from '../text-layout.js';
import { useClockTick } from '../hooks/use-clock-tick.js';
import { useScroll } from '../hooks/use-scroll.js';
import { Frame, bodyRoom } from './frame.js';
import { Lines } from './lines.js';

export interface PlayScreenProps {
  readonly opened: OpenedScenario;
  readonly compiled: CompiledScenario;
  readonly mode: Mode;
  readonly lang: Lang;
  readonly clock: Clock;
  readonly width: number;
  readonly height: number;
  readonly recorder?: Recorder;
  readonly resume?: ResumePoint;
  /** the seed the replies are shown in (core shuffle.ts); absent: file order */
  readonly shuffleSeed?: number;
  /** the run reached an ending (after the last feedback, in practice mode) */
  readonly onDone: (output: RunOutput) => void;
  /** the trainee confirmed leaving the case */
  readonly onLeave: () => void;
}

type Overlay = 'none' | 'help' | 'quit';

/** Longer answers are cut while typing: matching reads only the first 2,000 characters anyway. */
const MAX_ANSWER_CHARS = 500;

/** The steps one decision caused: the trainee's own step and any automatic ones after it. */
interface Decision {
  readonly steps: readonly StepRecord[];
  readonly deltas: Readonly<Record<string, number>>;
}

interface TurnStart {
  readonly node: string;
  readonly enteredAt: number;
  readonly shown: readonly string[];
  readonly meters: Readonly<Record<string, number>>;
}

const sumScores = (steps: readonly StepRecord[]) => {
  const out: Record<string, number> = {};
  for (const s of steps) for (const [l, p] of Object.entries(s.score)) out[l] = (out[l] ?? 0) + p;
  return out;
};

export function PlayScreen(props: PlayScreenProps) {
  const { opened, compiled, mode, lang, width, height } = props;
  const scenario = compiled.scenario;
  const t = stringsFor(lang);
  const [clock] = useState(() => new PausableClock(props.clock));
  const [play] = useState(
    () =>
      new Play(compiled, {
        clock,
        ...(props.resume
          ? {
              snapshot: props.resume.snapshot,
              ...(props.resume.remainingMs !== undefined ? { remainingMs: props.resume.remainingMs } : {}),
            }
          : {}),
      }),
  );
  const [, redraw] = useReducer((n: number) => n + 1, 0);
  const [feedbackNow, setFeedback, feedback] = useSyncedState<Decision | undefined>(undefined);
  const [deltas, setDeltas] = useState<Readonly<Record<string, number>>>({});
  const [overlayNow, setOverlay, overlay] = useSyncedState<Overlay>('none');
  const [selectedNow, setSelected, selected] = useSyncedState(0);
  const [answerRows, setAnswerRows] = useState(1);

  /** The visible choices in the order this session shows them; keys 1-9 and the record follow it. */
  const shownChoices = () => shuffledChoices(play.turn().choices, props.shuffleSeed, play.node);
  const turnStartOf = (): TurnStart => ({
    node: play.node,
    enteredAt: play.nodeEnteredAt,
    shown: shownChoices().map((c) => c.id),
    meters: play.context.meters,
  });
  const handled = useRef(props.resume ? play.context.steps.length : 0);
  const turnStart = useRef<TurnStart>(turnStartOf());
  /** set by a keypress just before it sends the step; absent when a timeout fired */
  const decisionMs = useRef<number | undefined>(undefined);
  const finished = useRef(false);
  const latest = useRef(props);
  latest.current = props;

  // The run has ended and its last feedback is on the screen: prepare the debrief meanwhile,
  // after this frame is drawn, so the key that opens it does not wait for the search.
  const ended = play.output;
  useEffect(() => {
    if (!ended || finished.current) return;
    const later = setTimeout(() => {
      preparedDebriefLines(compiled, ended, mode, lang, width);
    }, 0);
    return () => clearTimeout(later);
  }, [ended, compiled, mode, lang, width]);

  const finish = () => {
    if (finished.current || !play.output) return;
    finished.current = true;
    const output = play.output;
    latest.current.recorder?.onFinish?.(reportOf(compiled, output), output);
    latest.current.onDone(output);
  };

  /** Report and show the steps the machine recorded since last time. */
  const takeNewSteps = () => {
    const steps = play.context.steps;
    if (steps.length <= handled.current) return;
    const fresh = steps.slice(handled.current);
    handled.current = steps.length;
    const start = turnStart.current;
    const node = scenario.nodes[start.node]!;
    const timedOut = fresh.some((s) => s.action.kind === 'timeout');
    const ms =
      decisionMs.current ??
      (timedOut && (node.kind === 'choice' || node.kind === 'input') && node.timeout
        ? node.timeout.seconds * 1000
        : clock.now() - start.enteredAt);
    decisionMs.current = undefined;
    const decided = fresh.some((s) => s.action.kind !== 'auto');
    const showFeedback = mode === 'practice' && decided;
    const rec = latest.current.recorder;
    for (const s of fresh) {
      const own = s.action.kind !== 'auto';
      rec?.onStep?.(s, {
        shownChoices: own && node.kind === 'choice' ? start.shown : [],
        decisionMs: own ? ms : 0,
        feedbackShown: showFeedback,
      });
    }
    const d = meterDeltas(start.meters, play.context.meters);
    turnStart.current = turnStartOf();
    if (!play.done) {
      const deadline = play.turn().deadline;
      rec?.onSnapshot?.(play.persisted(), {
        node: play.node,
        ...(deadline !== undefined ? { remainingMs: Math.max(0, deadline - clock.now()) } : {}),
      });
    }
    setDeltas(d);
    setSelected(0);
    setAnswerRows(1);
    if (showFeedback) {
      clock.pause();
      setFeedback({ steps: fresh, deltas: d });
    } else if (play.done) {
      finish();
    }
    redraw();
  };

  useEffect(() => {
    latest.current.recorder?.onStart?.({
      scenario,
      source: opened.source,
      ...(opened.file !== undefined ? { file: opened.file } : {}),
      mode,
      lang,
      resumed: props.resume !== undefined,
      ...(props.shuffleSeed !== undefined ? { shuffleSeed: props.shuffleSeed } : {}),
    });
    // Automatic steps taken before the first decision (a `when` start node) are reported too.
    takeNewSteps();
    const sub = play.actor.subscribe(() => takeNewSteps());
    return () => {
      sub.unsubscribe();
      play.stop();
      clock.dispose();
    };
    // The play lives as long as this screen; a retry mounts a new one.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  const turn = play.done ? undefined : play.turn();
  const counting = turn?.deadline !== undefined && !feedback && overlay === 'none';
  useClockTick(clock, 250, counting);

  const openOverlay = (o: Overlay) => {
    clock.pause();
    setOverlay(o);
  };
  const closeOverlay = () => {
    setOverlay('none');
    if (!feedbackNow()) clock.resume();
  };
  const continueAfterFeedback = () => {
    setFeedback(undefined);
    clock.resume();
    if (play.done) finish();
  };

  const decide = (send: () => void) => {
    decisionMs.current = clock.now() - turnStart.current.enteredAt;
    try {
      send();
    } catch (e) {
      // The screen only offers valid steps; a StepError here means it fell behind a timeout.
      if (!(e instanceof StepError)) throw e;
      decisionMs.current = undefined;
      redraw();
    }
  };
  // Read the play itself, not this render's `turn`: a timeout may have moved it since.
  const choose = (index: number) => {
    const choice = play.done ? undefined : shownChoices()[index];
    if (choice) decide(() => play.choose(choice.id));
  };
  const submit = (text: string) => {
    if (text.trim() === '') return;
    decide(() => play.say(text));
  };

  const isInput = turn?.node.kind === 'input';
  const feedbackBody = useMemo(
    () => (feedback ? feedbackLines(feedback, compiled, lang, width) : []),
    [feedback, compiled, lang, width],
  );
  const feedbackHeader: Line[] = [
    fitLine(
      [
        { text: safeLine(localize(scenario.title, lang)), tone: 'title' },
        { text: ` · ${t.feedbackTitle}`, tone: 'accent' },
      ],
      width,
    ),
    rule(Math.min(width, 60)),
  ];
  const feedbackFooter: Line[] = [plain(t.feedbackKeys, 'muted')];
  const scroll = useScroll(feedbackBody.length, bodyRoom(height, feedbackHeader.length, feedbackFooter.length) - 1);

  useKeys((input, key) => {
    const overlay = overlayNow();
    const feedback = feedbackNow();
    if (overlay === 'help') {
      closeOverlay();
      return;
    }
    if (overlay === 'quit') {
      if (input === 'y' || input === 'Y') {
        latest.current.recorder?.onLeave?.();
        latest.current.onLeave();
      } else if (input === 'n' || input === 'N' || key.escape || key.return) closeOverlay();
      return;
    }
    if (feedback) {
      if (scroll.onKey(input, key)) return;
      if (key.return || input === ' ') {
        scroll.reset();
        continueAfterFeedback();
        return;
      }
      if (input === '?') {
        openOverlay('help');
        return;
      }
      if (input === 'q' || key.escape) openOverlay('quit');
      return;
    }
    const live = play.done ? undefined : play.turn();
    if (!live) return;
    if (live.node.kind === 'input') {
      // Typing goes to the text field; only Esc is ours (and `?` on an empty field, see onChange).
      if (key.escape) openOverlay('quit');
      return;
    }
    const n = live.choices.length;
    if (/^[1-9]$/.test(input)) {
      const i = Number(input) - 1;
      if (i < n) choose(i);
      return;
    }
    if (key.upArrow) {
      setSelected((s) => (n === 0 ? 0 : (s - 1 + n) % n));
      return;
    }
    if (key.downArrow) {
      setSelected((s) => (n === 0 ? 0 : (s + 1) % n));
      return;
    }
    if (key.return) {
      choose(Math.min(selectedNow(), n - 1));
      return;
    }
    if (input === '?') {
      openOverlay('help');
      return;
    }
    if (input === 'q' || key.escape) openOverlay('quit');
  });

  if (overlay === 'help') {
    return <Lines lines={helpLines(lang).slice(0, height)} width={width} />;
  }
  if (feedback) {
    const footer = overlay === 'quit' ? quitLines(lang) : feedbackFooter;
    return (
      <Frame
        header={feedbackHeader}
        body={feedbackBody}
        footer={footer}
        height={height}
        width={width}
        offset={scroll.offset}
      />
    );
  }
  if (!turn) return <Lines lines={[]} width={width} />;

  // ---- the encounter ----
  const remaining =
    turn.deadline !== undefined ? Math.max(0, Math.ceil((turn.deadline - clock.now()) / 1000)) : undefined;
  const title = safeLine(localize(scenario.title, lang));
  const right = remaining !== undefined ? `⏱ ${remaining > 0 ? t.secondsLeft(remaining) : t.timeUp}` : '';
  const left = `${title} · ${t.modeNames[mode]}`;
  const gap = Math.max(1, width - widthOf(left) - widthOf(right));
  const header: Line[] = [
    fitLine(
      [
        { text: title, tone: 'title' },
        { text: ` · ${t.modeNames[mode]}`, tone: 'muted' },
        { text: ' '.repeat(gap) },
        { text: right, tone: remaining !== undefined && remaining <= 5 ? 'bad' : 'warn', bold: true },
      ],
      width,
    ),
    ...meterRows(scenario.meters, play.context.meters, deltas, lang, width),
    rule(width),
  ];

  const node = turn.node;
  const current: Line[] =
    node.text !== undefined
      ? labelled(
          { text: speakerName(scenario, node.speaker, lang) + t.colon, tone: 'speaker', bold: true },
          safeText(localize(node.text, lang)),
          width,
        )
      : [];

  let action: Line[] = [];
  let inputRows = 0;
  if (node.kind === 'choice') {
    const shown = shuffledChoices(turn.choices, props.shuffleSeed, node.id);
    const numWidth = String(shown.length).length;
    shown.forEach((c, i) => {
      const on = i === Math.min(selected, shown.length - 1);
      action.push(
        ...paragraph(safeLine(localize(c.text, lang)), width, {
          first: [{ text: `${on ? '›' : ' '} ${padEnd(String(i + 1), numWidth)}. `, tone: on ? 'selected' : 'accent' }],
          ...(on ? { tone: 'selected' as const } : {}),
        }),
      );
    });
  } else if (node.kind === 'input') {
    if (node.prompt !== undefined) action = paragraph(safeText(localize(node.prompt, lang)), width, { tone: 'accent' });
    inputRows = answerRows;
  }
  const footer: Line[] = overlay === 'quit' ? quitLines(lang) : [plain(isInput ? t.inputKeys : t.choiceKeys, 'muted')];

  // The transcript gets whatever rows are left, newest last.
  const fixed = header.length + current.length + 1 + action.length + inputRows + footer.length;
  const room = Math.max(0, height - fixed - 1);
  const history = transcriptLines(transcriptOf(scenario, play.context, lang), width, lang);
  const past = room > 0 ? history.slice(Math.max(0, history.length - room)) : [];
  const full: Line[] = [...past, ...(past.length > 0 ? [rule(Math.min(width, 20))] : []), ...current, blank, ...action];
  // In a very small terminal keep the bottom (the choices) and lose the top of the line.
  const body = full.slice(Math.max(0, full.length - Math.max(1, height - header.length - inputRows - footer.length)));

  return (
    <Box flexDirection="column">
      <Lines lines={[...header, ...body]} width={width} />
      {inputRows > 0 && (
        <AnswerField
          key={play.context.steps.length}
          focus={overlay === 'none'}
          placeholder={t.inputPlaceholder}
          width={width}
          onHelp={() => openOverlay('help')}
          onRows={setAnswerRows}
          onSubmit={submit}
        />
      )}
      <Lines lines={footer} width={width} />
    </Box>
  );
}

/**
 * The text field of an input node. It keeps its own text, so a keystroke redraws the field
 * and not the whole encounter; the screen only hears how many rows the field wraps onto.
 */
function AnswerField(props: {
  readonly focus: boolean;
  readonly placeholder: string;
  readonly width: number;
  readonly onHelp: () => void;
  readonly onRows: (rows: number) => void;
  readonly onSubmit: (text: string) => void;
}) {
  const [answer, setAnswer] = useState('');
  const rows = Math.max(1, Math.ceil((2 + widthOf(answer) + 1) / Math.max(1, props.width)));
  const { onRows } = props;
  useEffect(() => {
    onRows(rows);
  }, [rows, onRows]);
  return (
    <Box>
      <Text>{'› '}</Text>
      <TextInput
        value={answer}
        focus={props.focus}
        placeholder={props.placeholder}
        onChange={(v) => {
          // `?` on an empty field opens the help instead of being typed.
          if (answer === '' && v === '?') {
            props.onHelp();
            return;
          }
          setAnswer(safeLine(v).slice(0, MAX_ANSWER_CHARS));
        }}
        onSubmit={props.onSubmit}
      />
    </Box>
  );
}

function quitLines(lang: Lang): Line[] {
  const t = stringsFor(lang);
  return [
    [
      { text: `${t.quitAsk} `, tone: 'warn', bold: true },
      { text: t.quitKeys, tone: 'muted' },
    ],
  ];
}

function transcriptLines(entries: ReturnType<typeof transcriptOf>, width: number, lang: Lang): Line[] {
  const out: Line[] = [];
  for (const e of entries) {
    out.push(
      ...labelled(
        { text: e.name + stringsFor(lang).colon, tone: e.who === 'you' ? 'you' : 'speaker' },
        e.text,
        width,
        'muted',
      ),
    );
  }
  return out;
}

/** Practice feedback: what you did, the feedback, the points per lesson, the meter changes. */
export function feedbackLines(decision: Decision, compiled: CompiledScenario, lang: Lang, width: number): Line[] {
  const scenario = compiled.scenario;
  const t = stringsFor(lang);
  const lines: Line[] = [];
  for (const s of decision.steps) {
    const said = actionText(scenario, s, lang);
    if (said !== undefined)
      lines.push(...paragraph(said, width, { first: [{ text: t.you + t.colon, tone: 'you', bold: true }] }));
  }
  for (const s of decision.steps) {
    if (s.feedback !== undefined)
      lines.push(
        blank,
        ...paragraph(safeText(localize(s.feedback, lang)), width, { first: [{ text: '» ', tone: 'accent' }] }),
      );
  }
  lines.push(blank);
  const scores = Object.entries(sumScores(decision.steps)).filter(([, p]) => p !== 0);
  if (scores.length === 0) lines.push(plain(t.feedbackNoPoints, 'muted'));
  const pointsWidth = Math.max(0, ...scores.map(([, p]) => widthOf(t.points(p))));
  for (const [lesson, p] of scores) {
    lines.push(
      fitLine(
        [
          { text: `  ${padEnd(t.points(p), pointsWidth)}  `, tone: p > 0 ? 'good' : 'bad', bold: true },
          { text: lessonTitle(scenario, lesson, lang) },
        ],
        width,
      ),
    );
  }
  const meters = scenario.meters.filter((m) => (decision.deltas[m.id] ?? 0) !== 0);
  if (meters.length > 0) {
    lines.push(blank);
    const pieces: Piece[] = [];
    for (const m of meters) {
      const d = decision.deltas[m.id]!;
      pieces.push({ text: `  ${meterLabel(m, lang)} ${signed(d)}`, tone: d > 0 ? 'good' : 'bad', bold: true });
    }
    lines.push(fitLine(pieces, width));
  }
  return lines;
}
