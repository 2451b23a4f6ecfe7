/**
 * The encounter: an actor of the compiled machine (core Play) drawn as speaker and line,
 * a short transcript, meters with their latest changes, numbered choices or a text field,
 * a countdown on timed nodes, and — in practice mode — feedback after every decision.
 * The state and the engine are usePlaySession's (recording plugs in through `recorder`, see
 * core/records/recorder.ts; `resume` reopens a stopped run); the keys are usePlayKeys'; this draws.
 */
import { Box } from 'ink';
import { useMemo } from 'react';
import { helpLines } from '../help.js';
import { usePlayKeys } from '../hooks/use-play-keys.js';
import { type PlaySession, type PlaySessionProps, usePlaySession } from '../hooks/use-play-session.js';
import { useScroll } from '../hooks/use-scroll.js';
import { stringsFor } from '../i18n.js';
import { keyLines, type Line } from '../lines.js';
import { AnswerField, encounterBody, encounterHeader, type EncounterView } from './encounter.js';
import { feedbackHeader, feedbackLines, quitLines } from './feedback.js';
import { Frame, bodyRoom } from './frame.js';
import { Lines } from './lines.js';

export interface PlayScreenProps extends PlaySessionProps {
  readonly height: number;
}

export function PlayScreen(props: PlayScreenProps) {
  const { compiled, lang, width, height } = props;
  const session = usePlaySession(props);
  const { feedback, overlay } = session;
  const feedbackBody = useMemo(
    () => (feedback ? feedbackLines(feedback, compiled, lang, width) : []),
    [feedback, compiled, lang, width],
  );
  const header = feedbackHeader(compiled, lang, width);
  const footer: Line[] = overlay === 'quit' ? quitLines(lang, width) : keyLines(stringsFor(lang).feedbackKeys, width);
  // the feedback scrolls above its keys (the quit question takes their place when asked)
  const scroll = useScroll(feedbackBody.length, bodyRoom(height, header.length, footer.length) - 1);
  usePlayKeys(session, scroll);

  if (overlay === 'help') return <Lines lines={helpLines(lang).slice(0, height)} width={width} />;
  if (feedback)
    return (
      <Frame header={header} body={feedbackBody} footer={footer} height={height} width={width} offset={scroll.offset} />
    );
  if (!session.turn) return <Lines lines={[]} width={width} />;
  return <Encounter {...props} session={session} turn={session.turn} />;
}

/** The encounter at a turn: header, transcript, line, choices or answer field, keys. */
function Encounter(props: PlayScreenProps & { readonly session: PlaySession; readonly turn: EncounterView['turn'] }) {
  const { session, turn, lang, width, height } = props;
  const t = stringsFor(lang);
  const remaining =
    turn.deadline !== undefined ? Math.max(0, Math.ceil((turn.deadline - session.clock.now()) / 1000)) : undefined;
  const view: EncounterView = {
    compiled: props.compiled,
    play: session.play,
    turn,
    mode: props.mode,
    lang,
    width,
    remaining,
    deltas: session.deltas,
    selected: session.selected,
  };
  const isInput = turn.node.kind === 'input';
  const inputRows = isInput ? session.answerRows : 0;
  const header = encounterHeader(view);
  const choiceKeys = session.typedAtChoice ? t.choiceNotTyped : t.choiceKeys;
  const footer: Line[] =
    session.overlay === 'quit' ? quitLines(lang, width) : keyLines(isInput ? t.inputKeys : choiceKeys, width);
  const body = encounterBody(view, height, header.length + footer.length, inputRows);
  return (
    <Box flexDirection="column">
      <Lines lines={[...header, ...body]} width={width} />
      {inputRows > 0 && (
        <AnswerField
          editor={session.answer}
          focus={session.overlay === 'none'}
          placeholder={t.inputPlaceholder}
          width={width}
          maxRows={Math.max(1, Math.floor(height / 4))}
          onRows={session.setAnswerRows}
        />
      )}
      <Lines lines={footer} width={width} />
    </Box>
  );
}
