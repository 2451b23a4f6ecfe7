/**
 * A scenario whose every piece of text is hostile: escape sequences that clear the screen,
 * set the window title, make hyperlinks (OSC 8), write the clipboard (OSC 52), query the
 * terminal (DSR, DCS), 8-bit C1 controls, bidi overrides, zero-width characters, bells,
 * backspaces, carriage returns, and lines thousands of columns long. Built in code so the
 * repository does not hold a file full of control characters.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const PAYLOADS: Readonly<Record<string, string>> = {
  csi: '\u001b[2J\u001b[H\u001b[6n\u001b[38;5;201m',
  title: '\u001b]0;pwned-title\u0007',
  hyperlink: '\u001b]8;;http://evil.example/\u001b\\click\u001b]8;;\u001b\\',
  clipboard: '\u001b]52;c;cm0gLXJmIH4=\u0007',
  dcs: '\u001bP+q544e\u001b\\',
  apc: '\u001b_Gpayload\u001b\\',
  pm: '\u001b^privacy\u001b\\',
  c1: '\u009b31m\u009d0;c1-title\u009c\u0090dcs\u009c',
  reset: '\u001bc\u001b7\u001b8',
  bidi: '\u202eevil\u202c \u2066iso\u2069 \u200f',
  zeroWidth: 'a\u200bb\u200dc\ufeffd\u2060e\u061c',
  controls: 'bell\u0007 back\u0008\u0008space car\rreturn nul? \u0001\u001f\u007f',
  separators: 'line\u2028sep\u2029para',
};

/** All payloads in one string around a visible word, so a test can find where it was shown. */
export function hostile(word: string): string {
  return `${word} ${Object.values(PAYLOADS).join(' ')} ${word}-end`;
}

export const LONG_LINE = `long-${'很长的一行'.repeat(1200)}-line`;

const q = (s: string) => JSON.stringify(s); // a JSON string is a YAML double-quoted scalar

export function hostileScenario(): string {
  return `id: hostile-everywhere
title: ${q(hostile('TITLE'))}
summary: ${q(`${hostile('SUMMARY')} ${LONG_LINE}`)}
difficulty: 2
tags: [${q(`tag${PAYLOADS.csi}`)}]
cast:
  boss:
    name: { en: ${q(hostile('BOSS'))}, zh: ${q(hostile('老板'))} }
    role: ${q(hostile('ROLE'))}
    type: angry
meters:
  mood: { initial: 0, min: -2, max: 2, label: ${q(`Mood${PAYLOADS.title}${PAYLOADS.bidi}`)} }
lessons:
  calm:
    title: ${q(hostile('LESSON'))}
    principle: ${q(hostile('PRINCIPLE'))}
start: open
nodes:
  open:
    speaker: boss
    text: ${q(`${hostile('OPENING')}\n${LONG_LINE}`)}
    choices:
      - id: good
        text: ${q(hostile('CHOICE-GOOD'))}
        score: { calm: 2 }
        effects: { mood: 1 }
        feedback: ${q(hostile('FEEDBACK'))}
        goto: ask
      - id: bad
        text: ${q(hostile('CHOICE-BAD'))}
        score: { calm: -1 }
        goto: ask
  ask:
    speaker: boss
    text: ${q(hostile('ASK'))}
    input:
      prompt: ${q(hostile('PROMPT'))}
      rules:
        - match: { any: [sorry] }
          score: { calm: 1 }
          feedback: ${q(hostile('RULE-FEEDBACK'))}
          goto: done
        - goto: done
          feedback: ${q(hostile('FALLBACK-FEEDBACK'))}
  done:
    speaker: narrator
    text: ${q(hostile('ENDING'))}
    end: { outcome: success }
tests:
  - name: ${q(hostile('TEST-NAME'))}
    steps: [good, { say: sorry }]
    expect: { outcome: success, percent: 100 }
`;
}

/** Writes the scenario into a fresh folder and returns its path. */
export function writeHostileScenario(): string {
  const dir = mkdtempSync(join(tmpdir(), 'roleplay-hostile-'));
  const file = join(dir, 'hostile-everywhere.yaml');
  writeFileSync(file, hostileScenario());
  return file;
}

/** What may never reach a terminal from content: C0 (but \n), DEL, C1, bidi and invisible characters. */
export const UNSAFE =
  /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff\u061c\u2028\u2029]/;
