/**
 * The trainee's whole session in the terminal: menu → briefing → encounter → debrief, and
 * back. Holds which screen is showing and the choices that outlive a screen (language,
 * mode); each screen owns its own keys.
 */
import { Text, useApp } from 'ink';
import { useEffect, useMemo, useState } from 'react';
import type { Clock, Lang, RunOutput } from '../../core/index.js';
import { stringsFor, type Mode } from '../i18n.js';
import type { Library, MenuEntry, OpenedScenario, OpenResult, ResumeResult, UnfinishedSession } from '../library.js';
import type { Recorder, ResumePoint } from '../recorder.js';
import { ThemeContext, type Theme } from '../theme.js';
import { useTerminalSize } from '../hooks/use-terminal-size.js';
import { Menu } from './menu.js';
import { randomSeed } from '../seed.js';

type Screens = typeof import('./screens.js');
let screens: Screens | undefined;
let loading: Promise<Screens> | undefined;
/**
 * The briefing, encounter and debrief load behind the menu's first frame (they bring XState
 * and the core). Starting anywhere but the menu, call this before rendering the App.
 */
export function loadScreens(): Promise<Screens> {
  loading ??= import('./screens.js').then((m) => (screens = m));
  return loading;
}

export type Start =
  | { readonly kind: 'menu' }
  | { readonly kind: 'briefing'; readonly opened: OpenedScenario }
  /** straight into a run, e.g. to resume a recorded session */
  | { readonly kind: 'play'; readonly opened: OpenedScenario; readonly resume?: ResumePoint };

export interface AppProps {
  readonly library: Library;
  readonly start: Start;
  readonly lang: Lang;
  readonly mode: Mode;
  readonly clock: Clock;
  readonly theme: Theme;
  readonly recorder?: Recorder;
  /** false: replies in file order (--no-shuffle, for trainers previewing); default true */
  readonly shuffle?: boolean;
  /** where each new run's shuffle seed comes from (default: random; tests pass a fixed one) */
  readonly newSeed?: () => number;
  /** override the terminal size (tests) */
  readonly size?: { readonly columns: number; readonly rows: number };
  readonly onLangChange?: (lang: Lang) => void;
}

type Screen =
  | { readonly name: 'menu'; readonly error?: string }
  | { readonly name: 'briefing'; readonly opened: OpenedScenario }
  | {
      readonly name: 'play';
      readonly opened: OpenedScenario;
      readonly run: number;
      readonly resume?: ResumePoint;
      /** the replies' order for this run (core shuffle.ts); absent: file order */
      readonly seed?: number;
    }
  | { readonly name: 'debrief'; readonly opened: OpenedScenario; readonly output: RunOutput; readonly run: number };

const compiledCache = new WeakMap<OpenedScenario, ReturnType<Screens['compile']>>();
function compiledOf(s: Screens, opened: OpenedScenario) {
  let c = compiledCache.get(opened);
  if (!c) {
    c = s.compile(opened.scenario);
    compiledCache.set(opened, c);
  }
  return c;
}

export function App(props: AppProps) {
  const { exit: exitApp } = useApp();
  // Leaving draws one last, short frame (Ink leaves the last frame on screen) and then exits.
  const [leaving, setLeaving] = useState(false);
  useEffect(() => {
    if (leaving) exitApp();
  }, [leaving, exitApp]);
  const exit = () => setLeaving(true);
  const terminal = useTerminalSize();
  const size = props.size ?? terminal;
  // One row short of the terminal: a frame exactly as tall as the screen makes it scroll.
  const width = Math.max(20, size.columns);
  const height = Math.max(8, size.rows - 1);
  const [lang, setLang] = useState<Lang>(props.lang);
  const [mode, setMode] = useState<Mode>(props.mode);
  const fromMenu = props.start.kind === 'menu';
  // A new run, a new order (practice and exam alike); a resumed run keeps its session's.
  const seedOf = (resume?: ResumePoint): { seed?: number } => {
    if (resume) return resume.shuffleSeed !== undefined ? { seed: resume.shuffleSeed } : {};
    return props.shuffle === false ? {} : { seed: (props.newSeed ?? randomSeed)() };
  };
  const [screen, setScreen] = useState<Screen>(() => {
    switch (props.start.kind) {
      case 'menu':
        return { name: 'menu' };
      case 'briefing':
        return { name: 'briefing', opened: props.start.opened };
      case 'play':
        return {
          name: 'play',
          opened: props.start.opened,
          run: 1,
          ...(props.start.resume ? { resume: props.start.resume } : {}),
          ...seedOf(props.start.resume),
        };
    }
  });
  const entries = useMemo(() => (screen.name === 'menu' ? props.library.entries() : []), [screen.name, props.library]);
  // Read each time the menu shows, after its frame: the session database is not needed to draw it.
  const [unfinished, setUnfinished] = useState<readonly UnfinishedSession[]>([]);
  const onMenu = screen.name === 'menu';
  useEffect(() => {
    if (!onMenu || !props.library.unfinished) return;
    let live = true;
    props.library.unfinished().then(
      (list) => {
        if (live) setUnfinished(list);
      },
      () => {
        /* the menu works without them */
      },
    );
    return () => {
      live = false;
    };
  }, [onMenu, props.library]);

  // Loaded in the background once the menu is up; a screen that needs them before then waits a moment.
  const [loaded, setLoaded] = useState<Screens | undefined>(screens);
  useEffect(() => {
    if (loaded) return;
    let live = true;
    void loadScreens().then((m) => {
      if (live) setLoaded(m);
    });
    return () => {
      live = false;
    };
  }, [loaded]);

  const changeLang = (l: Lang) => {
    setLang(l);
    props.onLangChange?.(l);
  };
  const pick = (entry: MenuEntry) => {
    const show = (r: OpenResult) =>
      setScreen(r.ok ? { name: 'briefing', opened: r.opened } : { name: 'menu', error: r.message });
    const r = props.library.open(entry, lang);
    if (r instanceof Promise) void r.then(show);
    else show(r);
  };
  const resumeSession = (session: UnfinishedSession) => {
    const resume = props.library.resume;
    if (!resume) return;
    void resume(session).then((r: ResumeResult) => {
      if (!r.ok) {
        setScreen({ name: 'menu', error: r.message });
        return;
      }
      setMode(r.mode);
      setScreen({ name: 'play', opened: r.opened, run: 1, resume: r.resume, ...seedOf(r.resume) });
    });
  };
  const toMenuOrExit = () => (fromMenu ? setScreen({ name: 'menu' }) : exit());

  let content;
  if (leaving) return <Text dimColor>{stringsFor(lang).goodbye}</Text>;
  const s = loaded ?? screens;
  if (screen.name !== 'menu' && !s) return <Text dimColor>…</Text>;
  const { Briefing, PlayScreen, Debrief } = (s ?? {}) as Screens; // only the menu is drawn without them
  switch (screen.name) {
    case 'menu':
      content = (
        <Menu
          entries={entries}
          lang={lang}
          width={width}
          height={height}
          {...(screen.error ? { error: screen.error } : {})}
          onPick={pick}
          onLang={changeLang}
          onQuit={() => exit()}
          unfinished={unfinished}
          {...(props.library.resume ? { onResume: resumeSession } : {})}
        />
      );
      break;
    case 'briefing':
      content = (
        <Briefing
          scenario={screen.opened.scenario}
          lang={lang}
          mode={mode}
          width={width}
          height={height}
          onMode={setMode}
          onLang={changeLang}
          onBack={toMenuOrExit}
          onStart={() => setScreen({ name: 'play', opened: screen.opened, run: 1, ...seedOf() })}
        />
      );
      break;
    case 'play':
      content = (
        <PlayScreen
          key={screen.run}
          opened={screen.opened}
          compiled={compiledOf(s!, screen.opened)}
          mode={mode}
          lang={lang}
          clock={props.clock}
          width={width}
          height={height}
          {...(props.recorder ? { recorder: props.recorder } : {})}
          {...(screen.resume ? { resume: screen.resume } : {})}
          {...(screen.seed !== undefined ? { shuffleSeed: screen.seed } : {})}
          onDone={(output) => setScreen({ name: 'debrief', opened: screen.opened, output, run: screen.run })}
          onLeave={toMenuOrExit}
        />
      );
      break;
    case 'debrief':
      content = (
        <Debrief
          compiled={compiledOf(s!, screen.opened)}
          output={screen.output}
          mode={mode}
          lang={lang}
          width={width}
          height={height}
          onRetry={() => setScreen({ name: 'play', opened: screen.opened, run: screen.run + 1, ...seedOf() })}
          onMenu={() => setScreen({ name: 'menu' })}
          onQuit={() => exit()}
        />
      );
      break;
  }
  return <ThemeContext.Provider value={props.theme}>{content}</ThemeContext.Provider>;
}
