/**
 * Scenario text and typed answers come from people we do not control. Before anything
 * reaches a terminal we drop what a terminal would interpret: escape sequences, C0/C1
 * control characters, bidirectional overrides and zero-width characters (which can hide
 * or reorder what a trainer or trainee sees). Newlines are kept; tabs become spaces.
 */

// CSI (ESC [ ... final), OSC (ESC ] ... BEL or ST), DCS/PM/APC/SOS (ESC P|^|_|X ... ST),
// and two-character escapes (ESC followed by one byte). Also the 8-bit CSI (U+009B).
const ESCAPE_SEQUENCE =
  /\u001b\[[0-?]*[ -/]*[@-~]|\u009b[0-?]*[ -/]*[@-~]|\u001b\][^\u0007\u001b]*(?:\u0007|\u001b\\)?|\u001b[P^_X][^\u001b]*(?:\u001b\\)?|\u001b[@-Z\\-_ -~]?/g;

// C0 controls except \n and \t, DEL, C1 controls.
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;

// Bidi embeddings/overrides/isolates, LRM/RLM/ALM, zero-width space/non-joiner/joiner,
// word joiner and invisible operators, BOM, interlinear annotation, line/paragraph separators.
const INVISIBLE = /[\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb\u2028\u2029\u061c]/g;

export function safeText(text: string): string {
  return text
    .replace(ESCAPE_SEQUENCE, '')
    .replace(/\r\n?/g, '\n')
    .replace(/\t/g, '  ')
    .replace(CONTROL, '')
    .replace(INVISIBLE, '');
}

/** Like safeText, and folds newlines too: for one-line places (titles, list rows, inputs). */
export function safeLine(text: string): string {
  return safeText(text).replace(/\n+/g, ' ');
}

/**
 * JSON meant for a terminal or a pipe: the same data, with the characters safeText would drop
 * written as \uXXXX escapes. JSON.stringify escapes C0 controls but leaves DEL, C1 controls
 * (U+009B is an 8-bit CSI), bidi overrides and zero-width characters raw. Such characters can
 * only occur inside JSON strings, where an escape means exactly the same text.
 */
export function terminalSafeJson(json: string): string {
  return json.replace(
    /[\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb\u2028\u2029\u061c]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

/**
 * A text with the password of every URL in it (scheme://user:password@host) left out:
 * for whatever may quote a URL (an error from a driver, a URL given back to the user), so a
 * password typed into one never reaches a terminal, a log or a file.
 */
export function withoutUrlPasswords(text: string): string {
  return text.replace(/\b([a-z][a-z0-9+.-]*:\/\/[^\s:@/?#]*):[^\s@]*@/gi, '$1@');
}
