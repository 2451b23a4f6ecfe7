/**
 * A diagnostic quotes what the file says, and a file can say anything: every message is one
 * short, printable line however long the names in it are (found by fuzzing: an id of
 * 'a a a …', 10,000 words long, listed among a node's rules made a 20,000-character message).
 */
import { describe, expect, it } from 'vitest';
import { tidyMessage } from '../../src/core/format/diagnostics.js';
import { yamlMessages } from '../../src/core/format/messages.js';

describe('tidyMessage', () => {
  it('shortens a name with spaces in it, thousands long, in a list of known names', () => {
    const long = 'a '.repeat(10_000).trim();
    const m = tidyMessage(`node 'overrun' has no rule 'vague' (use one of: exact, ${long}, hedged)`);
    expect(m.length).toBeLessThan(300);
    expect(m).toMatch(/^node 'overrun' has no rule 'vague' \(use one of: exact, a a a .*…, hedged\)$/);
  });

  it('leaves our own longest sentences whole', () => {
    for (const lang of ['zh', 'en'] as const) {
      const text = yamlMessages.slip({ kind: 'text-after-quote', offset: 0, quote: '"' }).text[lang];
      expect(tidyMessage(text)).toBe(text);
    }
  });
});
