/** `roleplay review`: one recorded step at a time; ← → move between steps, ↑ ↓ scroll a long one. */
import { useApp } from 'ink';
import { useState } from 'react';
import type { Lang } from '../../core/index.js';
import { Frame, bodyRoom } from '../components/frame.js';
import { useKeys } from '../hooks/use-keys.js';
import { useScroll } from '../hooks/use-scroll.js';
import { plain, rule } from '../lines.js';
import { headerLines, reviewStrings, stepLines } from './review-lines.js';
import type { Timeline } from './timeline.js';

export interface ReviewScreenProps {
  readonly timeline: Timeline;
  readonly lang: Lang;
  readonly width: number;
  readonly height: number;
  /** which step to open on (default: the first) */
  readonly initialStep?: number;
}

export function ReviewScreen({ timeline, lang, width, height, initialStep = 0 }: ReviewScreenProps) {
  const { exit } = useApp();
  const t = reviewStrings(lang);
  const count = timeline.steps.length;
  const [index, setIndex] = useState(Math.min(Math.max(0, initialStep), Math.max(0, count - 1)));
  const header = headerLines(timeline, lang, width);
  const footer = [rule(width), plain(t.keys, 'muted')];
  const step = timeline.steps[index];
  const body = step ? stepLines(step, index, count, lang, width, timeline.labels) : [plain(t.noSteps)];
  const scroll = useScroll(body.length, bodyRoom(height, header.length, footer.length));
  // Functional updates: two quick keys must not both start from the same step.
  const go = (move: (i: number) => number) => {
    setIndex((i) => Math.min(Math.max(0, move(i)), Math.max(0, count - 1)));
    scroll.reset();
  };

  useKeys((input, key) => {
    if (key.rightArrow || input === 'l' || input === 'n') go((i) => i + 1);
    else if (key.leftArrow || input === 'h' || input === 'p') go((i) => i - 1);
    else if (key.home && !key.ctrl) go(() => 0);
    else if (key.end && !key.ctrl) go(() => count - 1);
    else if (input === 'q' || key.escape) exit();
    else scroll.onKey(input, key);
  });

  return <Frame header={header} body={body} footer={footer} height={height} offset={scroll.offset} />;
}
