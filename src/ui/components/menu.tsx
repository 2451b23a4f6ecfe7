/** The menu of cases: pick with arrows or number keys, `/` to filter, `l` for the language. */
import { Box, Text } from 'ink';
import { useKeys } from '../hooks/use-keys.js';
import TextInput from 'ink-text-input';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useSyncedState } from '../hooks/use-synced-state.js';
import type { Lang } from '../../core/index.js';
import { safeLine } from '../../core/sanitize.js';
import { localize } from '../../core/text.js';
import { helpLines } from '../help.js';
import { stringsFor } from '../i18n.js';
import type { MenuEntry, UnfinishedSession } from '../library.js';
import { blank, fitLine, paragraph, plain, rule, type Line } from '../lines.js';
import { padEnd, widthOf } from '../../text/layout.js';
import { Lines } from './lines.js';

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

export function Menu({
  entries,
  lang,
  width,
  height,
  error,
  onPick,
  onLang,
  onQuit,
  unfinished = [],
  onResume,
}: MenuProps) {
  const t = stringsFor(lang);
  const [, setFilter, filter] = useSyncedState('');
  const [filteringNow, setFiltering, filtering] = useSyncedState(false);
  // True once the filter's text field listens: until then (the rest of the chunk that had
  // the `/`), typed characters are ours to add to the filter.
  const fieldReady = useRef(false);
  useEffect(() => {
    fieldReady.current = filtering;
  }, [filtering]);
  const [selectedNow, setSelected, selected] = useSyncedState(0);
  const [help, setHelp] = useState(false);
  // `c` shows the unfinished sessions in place of the cases; numbers then pick a session.
  const [continuingNow, setContinuing, continuing] = useSyncedState(false);
  const [pickedNow, setPicked, picked] = useSyncedState(0);
  const shown = useMemo(() => filterEntries(entries, filter), [entries, filter]);
  const sel = Math.min(selected, Math.max(0, shown.length - 1));

  useKeys((input, key) => {
    const sel = Math.min(selectedNow(), Math.max(0, shown.length - 1));
    if (help) {
      setHelp(false);
      return;
    }
    if (continuingNow()) {
      const at = Math.min(pickedNow(), Math.max(0, unfinished.length - 1));
      if (key.upArrow) setPicked(Math.max(0, at - 1));
      else if (key.downArrow) setPicked(Math.max(0, Math.min(unfinished.length - 1, at + 1)));
      else if (key.return) {
        if (unfinished[at] && onResume) onResume(unfinished[at]);
      } else if (/^[1-9]$/.test(input)) {
        const u = unfinished[Number(input) - 1];
        if (u && onResume) {
          setPicked(Number(input) - 1);
          onResume(u);
        }
      } else if (input === 'l' || input === 'L') onLang(lang === 'zh' ? 'en' : 'zh');
      else if (input === '?') setHelp(true);
      else if (key.escape || input === 'q' || input === 'c') setContinuing(false);
      return;
    }
    if (key.upArrow) {
      setSelected(Math.max(0, sel - 1));
      return;
    }
    if (key.downArrow) {
      setSelected(Math.max(0, Math.min(shown.length - 1, sel + 1)));
      return;
    }
    if (filteringNow()) {
      if (key.escape) {
        setFilter('');
        setFiltering(false);
        setSelected(0);
      } else if (!fieldReady.current && input && !key.return && !key.ctrl && !key.meta) {
        setFilter((f) => f + safeLine(input));
        setSelected(0);
      }
      return;
    }
    if (key.return) {
      if (shown[sel]) onPick(shown[sel]);
      return;
    }
    if (/^[1-9]$/.test(input)) {
      const entry = shown[Number(input) - 1];
      if (entry) {
        setSelected(Number(input) - 1);
        onPick(entry);
      }
      return;
    }
    if (input === '/') {
      setFiltering(true);
      return;
    }
    if ((input === 'c' || input === 'C') && unfinished.length > 0 && onResume) {
      setPicked(0);
      setContinuing(true);
      return;
    }
    if (input === 'l' || input === 'L') {
      onLang(lang === 'zh' ? 'en' : 'zh');
      return;
    }
    if (input === '?') {
      setHelp(true);
      return;
    }
    if (key.escape && filter) {
      setFilter('');
      setSelected(0);
      return;
    }
    if (input === 'q' || key.escape) onQuit();
  });

  const header: Line[] = [
    fitLine(
      [
        { text: t.appName, tone: 'title' },
        { text: `   ${stringsFor(lang === 'zh' ? 'en' : 'zh').languageName} (l)`, tone: 'muted' },
      ],
      width,
    ),
    rule(Math.min(width, 60)),
  ];
  if (help) {
    return <Lines lines={[...header, ...helpLines(lang)].slice(0, height)} width={width} />;
  }

  if (continuing) {
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
    const room = Math.max(1, height - header.length - 3 - errorLines.length);
    const first = Math.min(Math.max(0, at - room + 1), Math.max(0, rows.length - room));
    const list = rows.length === 0 ? [plain(t.unfinishedNone, 'warn')] : rows.slice(first, first + room);
    return (
      <Lines
        lines={[
          ...header,
          plain(t.unfinishedTitle, 'title', true),
          ...list,
          blank,
          ...errorLines,
          plain(t.unfinishedKeys, 'muted'),
        ]}
        width={width}
      />
    );
  }

  // Columns: marker+number, stars, title, customer type, tags (the rest, cut to fit).
  const titles = shown.map((e) => safeLine(localize(e.title, lang)));
  const types = shown.map((e) => (e.customerType ? t.customerTypes[e.customerType] : ''));
  const typeWidth = Math.min(10, Math.max(0, ...types.map(widthOf)));
  const rest = width - 4 - 5;
  const titleWidth = Math.min(Math.max(8, ...titles.map(widthOf)), Math.max(10, Math.floor(rest * 0.5)));
  const rows: Line[] = shown.map((e, i) => {
    const mark = i === sel ? '›' : ' ';
    const tone = i === sel ? 'selected' : undefined;
    const num = i < 9 ? String(i + 1) : ' ';
    return fitLine(
      [
        { text: `${mark} ${num} `, ...(tone ? { tone } : {}) },
        { text: `${stars(e.difficulty)}  `, tone: 'warn' },
        { text: `${padEnd(titles[i]!, titleWidth)}  `, ...(tone ? { tone } : {}) },
        { text: `${padEnd(types[i]!, typeWidth)}  `, tone: 'accent' },
        { text: e.tags.map((g) => `#${safeLine(g)}`).join(' '), tone: 'muted' },
      ],
      width,
    );
  });

  const current = shown[sel];
  const detail: Line[] =
    current?.summary !== undefined
      ? paragraph(safeLine(localize(current.summary, lang)), width, { tone: 'muted' }).slice(0, 3)
      : [];
  const errorLines: Line[] = error ? paragraph(error, width, { tone: 'bad' }).slice(0, 3) : [];
  const filterRows = filtering || filter ? 1 : 0;
  const offer: Line[] =
    unfinished.length > 0 && onResume && !filtering ? [plain(t.unfinishedOffer(unfinished.length), 'accent')] : [];
  const footer: Line[] = [...offer, plain(filtering ? t.filterKeys : t.menuKeys, 'muted')];
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
        <Box>
          <Text color={undefined}>{t.filterLabel}</Text>
          {filtering ? (
            <TextInput
              value={filter}
              onChange={(v) => {
                setFilter(safeLine(v));
                setSelected(0);
              }}
              onSubmit={() => setFiltering(false)}
            />
          ) : (
            <Text>{filter}</Text>
          )}
        </Box>
      )}
      <Lines lines={[...list, blank, ...detail, ...errorLines, ...footer]} width={width} />
    </Box>
  );
}
