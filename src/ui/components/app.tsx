/**
 * The trainee's whole session in the terminal: menu → briefing → encounter → debrief, and
 * back. Holds which screen is showing and the choices that outlive a screen (language,
 * mode); each screen owns its own keys.
 */
import { Text, useApp } from 'ink';
import { useEffect, useMemo, useState } from 'react';
import type { Clock, Lang, ProgressView, RunOutput } from '../../core/index.js';
import { stringsFor } from '../i18n.js';
import type { Mode } from '../../core/records/records.js';
import type { Library, MenuEntry, OpenedScenario, OpenResult, ResumeResult, UnfinishedSession } from '../library.js';
import type { Recorder, ResumePoint } from '../../core/records/recorder.js';
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
  /** where each new run's shuffle seed comes from (default: random; tests pass fixed ones) */
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

/**
 * A run of a case: a new run gets a new shuffle seed (practice and exam alike, a retry too);
 * a resumed run keeps its session's, so the replies come back in the order it showed them.
 */
function playScreen(props: AppProps, opened: OpenedScenario, run: number, resume?: ResumePoint): Screen {
  const seed = resume ? resume.shuffleSeed : props.shuffle === false ? undefined : (props.newSeed ?? randomSeed)();
  return {
    name: 'play',
    opened,
    run,
    ...(resume ? { resume } : {}),
    ...(seed !== undefined ? { seed } : {}),
  };
}

function initialScreen(props: AppProps): Screen {
  const start = props.start;
  switch (start.kind) {
    case 'menu':
      return { name: 'menu' };
    case 'briefing':
      return { name: 'briefing', opened: start.opened };
    case 'play':
      return playScreen(props, start.opened, 1, start.resume);
  }
}

/** Leaving draws one last, short frame (Ink leaves the last frame on screen) and then exits. */
function useLeaving(): [leaving: boolean, exit: () => void] {
  const { exit: exitApp } = useApp();
  const [leaving, setLeaving] = useState(false);
  useEffect(() => {
    if (leaving) exitApp();
  }, [leaving, exitApp]);
  return [leaving, () => setLeaving(true)];
}

/**
 * Read each time the menu shows, after its frame: the session database is not needed to draw
 * it; and again when `reread` changes (a session that could not be continued may be gone).
 */
function useUnfinished(onMenu: boolean, library: Library, reread: number): readonly UnfinishedSession[] {
  const [unfinished, setUnfinished] = useState<readonly UnfinishedSession[]>([]);
  useEffect(() => {
    if (!onMenu || !library.unfinished) return;
    let live = true;
    library.unfinished().then(
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
  }, [onMenu, library, reread]);
  return unfinished;
}

/** The trainee's progress, read each time the menu shows (after its frame), like the unfinished sessions. */
function useProgress(onMenu: boolean, library: Library): ProgressView | undefined {
  const [progress, setProgress] = useState<ProgressView | undefined>(undefined);
  useEffect(() => {
    if (!onMenu || !library.progress) return;
    let live = true;
    library.progress().then(
      (view) => {
        if (live) setProgress(view);
      },
      () => {
        /* the menu works without it */
      },
    );
    return () => {
      live = false;
    };
  }, [onMenu, library]);
  return progress;
}

/** Loaded in the background once the menu is up; a screen that needs them before then waits a moment. */
function useLoadedScreens(): Screens | undefined {
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
  return loaded;
}

/** What every screen is drawn with, and the moves between screens. */
interface Shell {
  readonly props: AppProps;
  readonly s: Screens;
  readonly lang: Lang;
  readonly mode: Mode;
  readonly width: number;
  readonly height: number;
  readonly setMode: (mode: Mode) => void;
  readonly setScreen: (screen: Screen) => void;
  readonly changeLang: (lang: Lang) => void;
  readonly toMenuOrExit: () => void;
  readonly exit: () => void;
}

/** The briefing, encounter or debrief for this screen. */
function runScreen(screen: Exclude<Screen, { name: 'menu' }>, x: Shell) {
  const { s, lang, mode, width, height, props } = x;
  const { Briefing, PlayScreen, Debrief } = s;
  switch (screen.name) {
    case 'briefing':
      return (
        <Briefing
          scenario={screen.opened.scenario}
          lang={lang}
          mode={mode}
          width={width}
          height={height}
          onMode={x.setMode}
          onLang={x.changeLang}
          onBack={x.toMenuOrExit}
          onStart={() => x.setScreen(playScreen(props, screen.opened, 1))}
        />
      );
    case 'play':
      return (
        <PlayScreen
          key={screen.run}
          opened={screen.opened}
          compiled={compiledOf(s, screen.opened)}
          mode={mode}
          lang={lang}
          clock={props.clock}
          width={width}
          height={height}
          {...(props.recorder ? { recorder: props.recorder } : {})}
          {...(screen.resume ? { resume: screen.resume } : {})}
          {...(screen.seed !== undefined ? { shuffleSeed: screen.seed } : {})}
          onDone={(output) => x.setScreen({ name: 'debrief', opened: screen.opened, output, run: screen.run })}
          onLeave={x.toMenuOrExit}
        />
      );
    case 'debrief':
      return (
        <Debrief
          compiled={compiledOf(s, screen.opened)}
          output={screen.output}
          mode={mode}
          lang={lang}
          width={width}
          height={height}
          onRetry={() => x.setScreen(playScreen(props, screen.opened, screen.run + 1))}
          onMenu={() => x.setScreen({ name: 'menu' })}
          onQuit={() => x.exit()}
        />
      );
  }
}

export function App(props: AppProps) {
  const [leaving, exit] = useLeaving();
  const terminal = useTerminalSize();
  const size = props.size ?? terminal;
  // One row short of the terminal: a frame exactly as tall as the screen makes it scroll.
  const width = Math.max(20, size.columns);
  const height = Math.max(8, size.rows - 1);
  const [lang, setLang] = useState<Lang>(props.lang);
  const [mode, setMode] = useState<Mode>(props.mode);
  const fromMenu = props.start.kind === 'menu';
  const [screen, setScreen] = useState<Screen>(() => initialScreen(props));
  const entries = useMemo(() => (screen.name === 'menu' ? props.library.entries() : []), [screen.name, props.library]);
  const [reread, setReread] = useState(0);
  const unfinished = useUnfinished(screen.name === 'menu', props.library, reread);
  const progress = useProgress(screen.name === 'menu', props.library);
  const loaded = useLoadedScreens();

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
    void props.library.resume?.(session).then((r: ResumeResult) => {
      if (!r.ok) {
        setScreen({ name: 'menu', error: r.message });
        // the session may have been finished in passing (see store/resume.ts, continuation), or be gone
        setReread((n) => n + 1);
        return;
      }
      setMode(r.mode);
      if (r.lang !== undefined && r.lang !== lang) changeLang(r.lang);
      setScreen(playScreen(props, r.opened, 1, r.resume));
    });
  };
  const toMenuOrExit = () => (fromMenu ? setScreen({ name: 'menu' }) : exit());

  if (leaving) return <Text dimColor>{stringsFor(lang).goodbye}</Text>;
  const s = loaded ?? screens;
  if (screen.name !== 'menu' && !s) return <Text dimColor>…</Text>;
  const content =
    screen.name === 'menu' ? (
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
        {...(progress ? { progress } : {})}
      />
    ) : (
      runScreen(screen, { props, s: s!, lang, mode, width, height, setMode, setScreen, changeLang, toMenuOrExit, exit })
    );
  return <ThemeContext.Provider value={props.theme}>{content}</ThemeContext.Provider>;
}
