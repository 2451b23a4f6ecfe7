/** The debrief screen: scrollable report, then retry / menu / quit. */
import { useKeys } from '../hooks/use-keys.js';
import { useMemo, useState } from 'react';
import type { CompiledScenario, Lang, RunOutput } from '../../core/index.js';
import { safeLine } from '../../core/sanitize.js';
import { localize } from '../../core/text.js';
import { preparedDebriefLines } from '../debrief.js';
import { helpLines } from '../help.js';
import { stringsFor } from '../i18n.js';
import type { Mode } from '../../core/records/records.js';
import { fitLine, keyLines, rule, type Line } from '../lines.js';
import { useScroll } from '../hooks/use-scroll.js';
import { Frame, bodyRoom } from './frame.js';

export interface DebriefProps {
  readonly compiled: CompiledScenario;
  readonly output: RunOutput;
  readonly mode: Mode;
  readonly lang: Lang;
  readonly width: number;
  readonly height: number;
  readonly onRetry: () => void;
  readonly onMenu: () => void;
  readonly onQuit: () => void;
}

export function Debrief({ compiled, output, mode, lang, width, height, onRetry, onMenu, onQuit }: DebriefProps) {
  const t = stringsFor(lang);
  const [help, setHelp] = useState(false);
  const content = useMemo(
    () => preparedDebriefLines(compiled, output, mode, lang, width),
    [compiled, output, mode, lang, width],
  );
  const body = help ? helpLines(lang) : content;
  const header: Line[] = [
    fitLine(
      [
        { text: safeLine(localize(compiled.scenario.title, lang)), tone: 'title' },
        { text: ` · ${t.debriefTitle} · ${t.modeNames[mode]}`, tone: 'accent' },
      ],
      width,
    ),
    rule(Math.min(width, 60)),
  ];
  const footer: Line[] = keyLines(help ? t.helpClose : t.debriefKeys, width);
  const scroll = useScroll(body.length, bodyRoom(height, header.length, footer.length) - 1);

  useKeys((input, key) => {
    if (help) {
      setHelp(false);
      return;
    }
    if (scroll.onKey(input, key) || input === ' ') {
      if (input === ' ') scroll.onKey('', { ...key, pageDown: true });
      return;
    }
    if (input === 'r' || input === 'R') {
      onRetry();
      return;
    }
    if (input === 'm' || input === 'M') {
      onMenu();
      return;
    }
    if (input === '?') {
      setHelp(true);
      return;
    }
    if (input === 'q' || key.escape) onQuit();
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
