/**
 * Localized text: a plain string, or a map of language codes to strings.
 * The UI picks one language and falls back to any language present, as the contract says.
 */
export type LocalizedText = string | Readonly<Record<string, string>>;

export const UI_LANGUAGES = ['zh', 'en'] as const;
export type Lang = (typeof UI_LANGUAGES)[number];

/**
 * Words for a person, in both interface languages, Chinese first: the one shape every layer
 * uses for a bilingual message (a finding, a refused step, a store failure). The code that
 * prints picks one with `text[lang]`.
 */
export interface Said {
  readonly zh: string;
  readonly en: string;
}

/** A Said from its two texts, Chinese first. */
export const said = (zh: string, en: string): Said => ({ zh, en });

export function isLang(value: string): value is Lang {
  return (UI_LANGUAGES as readonly string[]).includes(value);
}

/** The text in `lang`, else in the other UI language, else in any language present. */
export function localize(text: LocalizedText | undefined, lang: string): string {
  if (text === undefined) return '';
  if (typeof text === 'string') return text;
  const direct = text[lang];
  if (direct !== undefined) return direct;
  for (const fallback of UI_LANGUAGES) {
    const t = text[fallback];
    if (t !== undefined) return t;
  }
  const first = Object.values(text)[0];
  return first ?? '';
}

/** Language codes a text is written in; a plain string counts as untagged. */
export function languagesOf(text: LocalizedText): readonly string[] {
  return typeof text === 'string' ? [] : Object.keys(text);
}
