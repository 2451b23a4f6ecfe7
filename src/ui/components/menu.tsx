/** The menu of cases: pick with arrows or number keys, `/` to filter, `l` for the language. */
import { Box } from 'ink';
import { useMemo } from 'react';
import type { Lang, ProgressView } from '../../core/index.js';
import { safeLine } from '../../core/sanitize.js';
import { localize } from '../../core/text.js';
import { helpLines } from '../help.js';
import { type MenuState, useMenuKeys, useMenuState } from '../hooks/use-menu.js';
import { stringsFor } from '../i18n.js';
import type { MenuEntry, UnfinishedSession } from '../library.js';
import { blank, fitLine, keyLines, paragraph, plain, rule, type Line } from '../lines.js';
import { padEnd, truncate, widthOf, wrapText } from '../../text/layout.js';
import { caseMark, nextLine, progressLines, progressStrings } from '../progress.js';
import { Lines } from './lines.js';
import { TextField } from './text-field.js';
import { bodyRoom, Frame } from './frame.js';
import { useKeys } from '../hooks/use-keys.js';
import { useScroll } from '../hooks/use-scroll.js';

export interface MenuProps {
  readonly entries: readonly MenuEntry[];
  readonly lang: Lang;
  readonly width: number;
  readonly height: number;
  /** why the last pick could not be opened */
  readonly error?: string;
  readonly onPick: (entry: MenuEntry) => void;
  readonly onLang: (lang: Lang) => void;
  readonly onQuit: () => void;
  /** the trainee's unfinished sessions, once read (after the first frame) */
  readonly unfinished?: readonly UnfinishedSession[];
  readonly onResume?: (session: UnfinishedSession) => void;
  /** the trainee's progress, once read (after the first frame): marks, the next case, `p` */
  readonly progress?: ProgressView;
}

export function stars(difficulty: number | undefined): string {
  return difficulty ? '★'.repeat(difficulty) + '☆'.repeat(Math.max(0, 3 - difficulty)) : '   ';
}

/** Everything a filter may match: titles in every language, id, tags, customer type. */
function haystack(e: MenuEntry): string {
  const titles = typeof e.title === 'string' ? [e.title] : Object.values(e.title);
  const types = e.customerType
    ? [e.customerType, stringsFor('zh').customerTypes[e.customerType], stringsFor('en').customerTypes[e.customerType]]
    : [];
  return [...titles, e.id, ...e.tags, ...types].join('\u0000').toLowerCase();
}

export function filterEntries(entries: readonly MenuEntry[], filter: string): readonly MenuEntry[] {
  const words = filter.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return entries;
  return entries.filter((e) => {
    const h = haystack(e);
    return words.every((w) => h.includes(w));
  });
}

/** "11-27 08:12" in the trainee's time zone: enough to tell sessions apart. */
export function whenText(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '';
  const two = (n: number) => String(n).padStart(2, '0');
  return `${two(d.getMonth() + 1)}-${two(d.getDate())} ${two(d.getHours())}:${two(d.getMinutes())}`;
}

export function Menu(props: MenuProps) {
  const { entries, lang, width, height, unfinished = [] } = props;
  const m = useMenuState();
  const filter = m.filter;
  const shown = useMemo(() => filterEntries(entries, filter), [entries, filter]);
  useMenuKeys(m, { ...props, unfinished, hasProgress: props.progress !== undefined }, shown);

  const header = menuHeader(lang, width);
  if (m.help) return <Lines lines={[...header, ...helpLines(lang)].slice(0, height)} width={width} />;
  if (m.progress[2] && props.progress) {
    const body = progressLines(props.progress, entries, lang, width);
    return <ProgressScreen header={header} body={body} lang={lang} width={width} height={height} />;
  }
  if (m.continuing[2]) return <Lines lines={unfinishedLines(props, unfinished, m.picked[2], header)} width={width} />;
  return <CaseList {...props} unfinished={unfinished} state={m} shown={shown} header={header} />;
}

/** The trainee's progress in place of the cases, scrolled with ↑↓ (Esc, p and l are the menu's keys). */
function ProgressScreen(props: { header: Line[]; body: Line[]; lang: Lang; width: number; height: number }) {
  const { header, body, lang, width, height } = props;
  const footer = [blank, plain(progressStrings(lang).keys, 'muted')];
  const scroll = useScroll(body.length, bodyRoom(height, header.length, footer.length) - 1);
  useKeys((input, key) => scroll.onKey(input, key));
  return <Frame header={header} body={body} footer={footer} height={height} width={width} offset={scroll.offset} />;
}

/** The app's name, and the other language to switch to with `l`. */
function menuHeader(lang: Lang, width: number): Line[] {
  return [
    fitLine(
      [
        { text: stringsFor(lang).appName, tone: 'title' },
        { text: `   ${stringsFor(lang === 'zh' ? 'en' : 'zh').languageName} (l)`, tone: 'muted' },
      ],
      width,
    ),
    rule(Math.min(width, 60)),
  ];
}

/** The trainee's unfinished sessions, scrolled to keep the picked one in view. */
function unfinishedLines(
  props: MenuProps,
  unfinished: readonly UnfinishedSession[],
  picked: number,
  header: Line[],
): Line[] {
  const { lang, width, height, error } = props;
  const t = stringsFor(lang);
  const at = Math.min(picked, Math.max(0, unfinished.length - 1));
  const titleOf = (u: UnfinishedSession) => safeLine(u.title !== undefined ? localize(u.title, lang) : u.scenarioId);
  const titleWidth = Math.min(
    Math.max(8, ...unfinished.map((u) => widthOf(titleOf(u)))),
    Math.max(10, Math.floor((width - 9) * 0.5)),
  );
  const rows: Line[] = unfinished.map((u, i) => {
    const tone = i === at ? 'selected' : undefined;
    return fitLine(
      [
        { text: `${i === at ? '›' : ' '} ${i < 9 ? String(i + 1) : ' '} `, ...(tone ? { tone } : {}) },
        { text: `${padEnd(titleOf(u), titleWidth)}  `, ...(tone ? { tone } : {}) },
        { text: `${whenText(u.startedAt)}  `, tone: 'muted' },
        { text: `${t.unfinishedSteps(u.steps)} · ${t.modeNames[u.mode]}`, tone: 'accent' },
      ],
      width,
    );
  });
  const errorLines: Line[] = error ? paragraph(error, width, { tone: 'bad' }).slice(0, 3) : [];
  const keys = keyLines(t.unfinishedKeys, width);
  const room = Math.max(1, height - header.length - 2 - keys.length - errorLines.length);
  const first = Math.min(Math.max(0, at - room + 1), Math.max(0, rows.length - room));
  const list = rows.length === 0 ? [plain(t.unfinishedNone, 'warn')] : rows.slice(first, first + room);
  return [...header, plain(t.unfinishedTitle, 'title', true), ...list, blank, ...errorLines, ...keys];
}

/** One row per case in columns: marker+number, stars, title, customer type, tags (the rest, cut to fit). */
function caseRows(
  shown: readonly MenuEntry[],
  sel: number,
  lang: Lang,
  width: number,
  progress: ProgressView | undefined,
): Line[] {
  const t = stringsFor(lang);
  const titles = shown.map((e) => safeLine(localize(e.title, lang)));
  const marks = shown.map((e) => caseMark(progress, e.id));
  const markWidth = Math.max(0, ...marks.map((m) => widthOf(m.text)));
  const types = shown.map((e) => (e.customerType ? t.customerTypes[e.customerType] : ''));
  const typeWidth = Math.min(10, Math.max(0, ...types.map(widthOf)));
  const rest = width - 4 - 5;
  const titleWidth = Math.min(Math.max(8, ...titles.map(widthOf)), Math.max(10, Math.floor(rest * 0.5)));
  return shown.map((e, i) => {
    const mark = i === sel ? '›' : ' ';
    const tone = i === sel ? 'selected' : undefined;
    const num = i < 9 ? String(i + 1) : ' ';
    return fitLine(
      [
        { text: `${mark} ${num} `, ...(tone ? { tone } : {}) },
        { text: `${stars(e.difficulty)}  `, tone: 'warn' },
        { text: `${padEnd(titles[i]!, titleWidth)}  `, ...(tone ? { tone } : {}) },
        ...(markWidth ? [{ text: `${padEnd(marks[i]!.text, markWidth)}  `, tone: marks[i]!.tone }] : []),
        { text: `${padEnd(types[i]!, typeWidth)}  `, tone: 'accent' },
        { text: e.tags.map((g) => `#${safeLine(g)}`).join(' '), tone: 'muted' },
      ],
      width,
    );
  });
}

interface CaseListProps extends MenuProps {
  readonly unfinished: readonly UnfinishedSession[];
  readonly state: MenuState;
  readonly shown: readonly MenuEntry[];
  readonly header: Line[];
}

/** The cases (scrolled to keep the selected one in view), the filter field, the selected case's summary, keys. */
function CaseList(props: CaseListProps) {
  const { entries, lang, width, height, error, unfinished, onResume, state: m, shown, header } = props;
  const t = stringsFor(lang);
  const filter = m.filter;
  const [, , filtering] = m.filtering;
  const sel = Math.min(m.selected[2], Math.max(0, shown.length - 1));
  const rows = caseRows(shown, sel, lang, width, props.progress);
  const current = shown[sel];
  const detail: Line[] =
    current?.summary !== undefined
      ? paragraph(safeLine(localize(current.summary, lang)), width, { tone: 'muted' }).slice(0, 3)
      : [];
  const errorLines: Line[] = error ? paragraph(error, width, { tone: 'bad' }).slice(0, 3) : [];
  const filterRows = filtering || filter ? 1 : 0;
  const offer: Line[] =
    unfinished.length > 0 && onResume && !filtering
      ? paragraph(t.unfinishedOffer(unfinished.length), width, { tone: 'accent' })
      : [];
  const next = filtering ? undefined : nextLine(props.progress, entries, lang);
  const nextLines: Line[] = next ? twoRows(next, width).map((row) => plain(row, 'accent')) : [];
  const keys = filtering
    ? t.filterKeys
    : props.progress
      ? `${t.menuKeys} · ${progressStrings(lang).offer}`
      : t.menuKeys;
  const footer: Line[] = [...offer, ...nextLines, ...keyLines(keys, width)];
  const fixed = header.length + 1 + filterRows + 1 + detail.length + errorLines.length + footer.length;
  const listRoom = Math.max(1, height - fixed);
  const start = Math.min(Math.max(0, sel - listRoom + 1), Math.max(0, rows.length - listRoom));
  const list =
    rows.length === 0
      ? [plain(entries.length === 0 ? t.menuEmpty : t.menuNoMatch(safeLine(filter)), 'warn')]
      : rows.slice(start, start + listRoom);

  return (
    <Box flexDirection="column">
      <Lines lines={[...header, plain(t.menuTitle, 'title', true)]} width={width} />
      {filterRows > 0 && (
        <TextField
          editor={m.filterEditor}
          prefix={[{ text: t.filterLabel }]}
          focus={filtering}
          width={width}
          maxRows={1}
        />
      )}
      <Lines lines={[...list, blank, ...detail, ...errorLines, ...footer]} width={width} />
    </Box>
  );
}

/** The next case and its reason: wrapped on a narrow terminal, and cut (…) at the end of a second row. */
function twoRows(text: string, width: number): string[] {
  const [first = '', ...rest] = wrapText(text, width);
  if (!rest.length) return [first];
  return [first, truncate(text.slice(first.length).trimStart(), width)];
}
