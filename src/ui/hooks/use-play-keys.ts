/**
 * The encounter's keys: on an overlay (help closes with any key; quit asks y/n), on practice
 * feedback (scroll, continue), and at a turn (a number or ↑↓⏎ chooses; at an input node the
 * keys edit the answer, ⏎ sends it, Esc asks to leave). Reads the session's state as of this
 * keypress, not as of the last frame: several keys can arrive in one chunk ("好的⏎", four
 * Backspaces), and each is handled in order, the answer's text included (session.answer).
 */
import type { Key } from 'ink';
import type { PlaySession } from './use-play-session.js';
import { DROP_REST, useKeys } from './use-keys.js';

interface Scroll {
  onKey(input: string, key: Key): boolean;
  reset(): void;
}

function onOverlayKey(s: PlaySession, input: string, key: Key): void {
  if (s.overlayNow() === 'help') {
    s.closeOverlay();
    return;
  }
  if (input === 'y' || input === 'Y') s.leave();
  else if (input === 'n' || input === 'N' || key.escape || key.return) s.closeOverlay();
}

function onFeedbackKey(s: PlaySession, scroll: Scroll, input: string, key: Key): void {
  if (scroll.onKey(input, key)) return;
  if (key.return || input === ' ') {
    scroll.reset();
    s.continueAfterFeedback();
    return;
  }
  if (input === '?') {
    s.openOverlay('help');
    return;
  }
  if (input === 'q' || key.escape) s.openOverlay('quit');
}

function onChoiceKey(s: PlaySession, choices: number, input: string, key: Key): void {
  const n = choices;
  if (/^[1-9]$/.test(input)) {
    const i = Number(input) - 1;
    if (i < n) {
      s.setTypedAtChoice(false);
      s.choose(i);
    }
    return;
  }
  if (key.upArrow || key.downArrow) s.setTypedAtChoice(false);
  if (key.upArrow) {
    s.setSelected((sel) => (n === 0 ? 0 : (sel - 1 + n) % n));
    return;
  }
  if (key.downArrow) {
    s.setSelected((sel) => (n === 0 ? 0 : (sel + 1) % n));
    return;
  }
  if (key.return) {
    if (!s.typedAtChoiceNow()) s.choose(Math.min(s.selectedNow(), n - 1));
    return;
  }
  if (input === '?') {
    s.openOverlay('help');
    return;
  }
  if (input === 'q' || key.escape) {
    s.openOverlay('quit');
    return;
  }
  // a sentence typed as if this were a text field: its Enter must not pick the highlighted reply
  if (/\p{L}/u.test(input) && !key.ctrl && !key.meta) s.setTypedAtChoice(true);
}

/** At an input node: ⏎ sends the answer, Esc asks to leave, `?` on an empty field is help; the rest edits. */
function onAnswerKey(s: PlaySession, input: string, key: Key, paste: boolean): void {
  if (paste) {
    s.answer.press(input, key);
    return;
  }
  if (key.return) {
    s.submit();
    return;
  }
  if (key.escape) {
    s.openOverlay('quit');
    return;
  }
  if (input === '?' && s.answer.text === '') {
    s.openOverlay('help');
    return;
  }
  s.answer.press(input, key);
}

/** One key press, to whatever takes keys now: an overlay, the feedback, the answer, the choices. */
function onPlayKey(s: PlaySession, scroll: Scroll, input: string, key: Key, paste: boolean): void {
  const live = s.play.done ? undefined : s.play.turn();
  if (s.overlayNow() !== 'none') {
    if (!paste) onOverlayKey(s, input, key);
  } else if (s.feedbackNow()) {
    if (!paste) onFeedbackKey(s, scroll, input, key);
  } else if (live?.node.kind === 'input') onAnswerKey(s, input, key, paste);
  else if (live && !paste) onChoiceKey(s, live.choices.length, input, key);
}

export function usePlayKeys(s: PlaySession, scroll: Scroll): void {
  useKeys(
    (input, key, paste) => {
      const steps = s.play.context.steps.length;
      const feedback = s.feedbackNow();
      onPlayKey(s, scroll, input, key, paste);
      // A decision, or leaving its feedback, shows something new: keys typed in the same
      // chunk were typed before the trainee saw it ("21" must not also pick on the next node).
      if (s.play.context.steps.length !== steps || s.feedbackNow() !== feedback) return DROP_REST;
    },
    { paste: true },
  );
}
