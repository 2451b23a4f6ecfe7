/**
 * What the UI needs from the edge that reads files: the cases on offer (cheap to list, so
 * the menu appears at once) and a way to open one fully (validated, compiled by the UI).
 */
import type { CustomerType, LocalizedText, Scenario } from '../core/index.js';

export interface MenuEntry {
  readonly id: string;
  readonly file: string;
  readonly title: LocalizedText;
  readonly summary?: LocalizedText;
  readonly difficulty?: number;
  readonly tags: readonly string[];
  readonly customerType?: CustomerType;
}

export interface OpenedScenario {
  readonly scenario: Scenario;
  /** the file's text, for recording */
  readonly source: string;
  readonly file?: string;
}

export type OpenResult =
  | { readonly ok: true; readonly opened: OpenedScenario }
  | { readonly ok: false; readonly message: string };

export interface Library {
  entries(): readonly MenuEntry[];
  open(entry: MenuEntry): OpenResult;
}
