/** The briefing: the situation, who the customer is, the lessons at stake, pass mark, mode. */
import { useKeys } from '../hooks/use-keys.js';
import { useState } from 'react';
import type { Lang, Scenario } from '../../core/index.js';
import { safeLine, safeText } from '../../core/sanitize.js';
import { localize } from '../../core/text.js';
import { helpLines } from '../help.js';
import { stringsFor } from '../i18n.js';
import type { Mode } from '../../core/records/records.js';
import { blank, fitLine, keyLines, lineWidth, paragraph, plain, rule, type Line, type Piece } from '../lines.js';
import { useScroll } from '../hooks/use-scroll.js';
import { lessonTitle } from '../describe.js';
import { Frame, bodyRoom } from './frame.js';
import { stars } from './menu.js';

export interface BriefingProps {
  readonly scenario: Scenario;
  readonly lang: Lang;
  readonly mode: Mode;
  readonly width: number;
  readonly height: number;
  readonly onMode: (mode: Mode) => void;
  readonly onLang: (lang: Lang) => void;
  readonly onStart: () => void;
  readonly onBack: () => void;
}

/** The briefing's body: situation, customer, lessons, pass mark (scrolls when taller than the room). */
export function briefingLines(scenario: Scenario, lang: Lang, width: number): Line[] {
  const t = stringsFor(lang);
  const lines: Line[] = [];
  const heading = (text: string) => {
    lines.push(blank, plain(text, 'accent', true));
  };
  if (scenario.summary !== undefined) {
    heading(t.briefingSituation);
    lines.push(...paragraph(safeText(localize(scenario.summary, lang)), width, { indent: 2, first: [{ text: '  ' }] }));
  }
  heading(t.briefingCustomer);
  scenario.cast.forEach((member, i) => {
    const pieces: Piece[] = [
      { text: '  ' },
      {
        text: safeLine(localize(member.name, lang)) || member.id,
        tone: i === 0 ? 'speaker' : undefined,
        bold: i === 0,
      } as Piece,
    ];
    const rest = [
      ...(member.role !== undefined ? [safeLine(localize(member.role, lang))] : []),
      ...(member.type ? [t.customerTypes[member.type]] : []),
    ];
    // name, role and type (in colour) on one line; role and type under the name when it is narrow
    const line: Line = [
      ...pieces,
      ...(member.role !== undefined ? [{ text: ` · ${rest[0]}` }] : []),
      ...(member.type ? [{ text: ` · ${t.customerTypes[member.type]}`, tone: 'accent' as const }] : []),
    ];
    if (lineWidth(line) <= width) lines.push(line);
    else lines.push(fitLine(pieces, width), ...paragraph(rest.join(' · '), width, { first: [{ text: '    ' }] }));
  });
  // The lessons by name only: their points would tell the trainee where to aim (they are in the debrief).
  heading(t.briefingLessons);
  for (const id of scenario.scoredLessons) {
    lines.push(...paragraph(lessonTitle(scenario, id, lang), width, { first: [{ text: '  • ' }] }));
  }
  lines.push(blank, plain(t.briefingPassMark(scenario.passScore), 'warn', true));
  return lines;
}

/**
 * The mode selector, its hint and the keys: in the footer, so that they stay on screen however
 * long the situation is (at 80×24 the body scrolls above them).
 */
export function briefingFooter(lang: Lang, mode: Mode, width: number): Line[] {
  const t = stringsFor(lang);
  const selector: Piece[] = [
    { text: `${t.briefingMode}${t.colon}` },
    ...(['practice', 'exam'] as const).flatMap((m): Piece[] => [
      { text: m === mode ? `[${t.modeNames[m]}]` : ` ${t.modeNames[m]} `, tone: m === mode ? 'selected' : 'muted' },
      { text: ' ' },
    ]),
  ];
  const hint = t.modeHints[mode];
  const oneRow: Line = [...selector, { text: ` ${hint}`, tone: 'muted' }];
  const rows =
    lineWidth(oneRow) <= width
      ? [oneRow]
      : [fitLine(selector, width), ...paragraph(hint, width, { tone: 'muted', indent: 2, first: [{ text: '  ' }] })];
  return [blank, ...rows, ...keyLines(t.briefingKeys, width)];
}

export function Briefing({ scenario, lang, mode, width, height, onMode, onLang, onStart, onBack }: BriefingProps) {
  const t = stringsFor(lang);
  const [help, setHelp] = useState(false);
  const header: Line[] = [
    fitLine(
      [
        { text: safeLine(localize(scenario.title, lang)), tone: 'title' },
        { text: `  ${stars(scenario.difficulty)}`, tone: 'warn' },
      ],
      width,
    ),
    fitLine([{ text: scenario.tags.map((g) => `#${safeLine(g)}`).join(' '), tone: 'muted' }], width),
    rule(Math.min(width, 60)),
  ];
  const footer: Line[] = help ? keyLines(t.helpClose, width) : briefingFooter(lang, mode, width);
  const body = help ? helpLines(lang) : briefingLines(scenario, lang, width);
  const scroll = useScroll(body.length, bodyRoom(height, header.length, footer.length) - 1);

  useKeys((input, key) => {
    if (help) {
      setHelp(false);
      return;
    }
    if (scroll.onKey(input, key)) return;
    if (key.return) {
      onStart();
      return;
    }
    if (key.tab || key.leftArrow || key.rightArrow) {
      onMode(mode === 'practice' ? 'exam' : 'practice');
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
    if (input === 'q' || key.escape) onBack();
  });

  return (
    <Frame
      header={header}
      body={body}
      footer={footer}
      height={height}
      width={width}
      offset={help ? 0 : scroll.offset}
    />
  );
}
