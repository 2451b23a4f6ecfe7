/**
 * The cases on disk as the play UI's library: the menu's rows, read cheaply, and a case opened
 * fully when it is picked. On the menu's path to its first frame, so it loads only the file
 * list and YAML (for each case's head); the validator loads on the first pick (open-scenario.ts).
 */
import { basename, extname } from 'node:path';
import { parse } from 'yaml';
import { CUSTOMER_TYPES, type CustomerType } from '../../core/format/model.js';
import type { LocalizedText } from '../../core/text.js';
import type { Library, MenuEntry } from '../../ui/run-app.js';
import { readTextFile } from '../read-file.js';
import { listScenarioFiles, MAX_FILE_BYTES } from '../scenario-paths.js';

function isText(v: unknown): v is LocalizedText {
  return (
    typeof v === 'string' ||
    (typeof v === 'object' && v !== null && !Array.isArray(v) && Object.values(v).every((x) => typeof x === 'string'))
  );
}

/**
 * A menu row read cheaply (YAML parse, no validation), so the menu appears at once; the full
 * check happens when a case is opened, and a broken case then says why instead of opening.
 */
export function menuEntryOf(file: string, text: string): MenuEntry {
  // The menu needs only the head of the file; parsing the node graph of a dozen cases would
  // double the time to the first frame. Cut before `nodes:` (or `lessons:`/`tests:`) when the
  // head has what we need, else parse the whole file.
  const cut = text.search(/^(nodes|lessons|tests|meters):/m);
  const head = cut > 0 ? text.slice(0, cut) : text;
  let data = mapOf(head);
  if (data.title === undefined || data.cast === undefined) data = mapOf(text);
  const id = typeof data.id === 'string' ? data.id : basename(file, extname(file));
  const cast =
    data.cast && typeof data.cast === 'object' ? Object.values(data.cast as Record<string, unknown>)[0] : undefined;
  const type = cast && typeof cast === 'object' ? (cast as { type?: unknown }).type : undefined;
  return {
    id,
    file,
    title: isText(data.title) ? data.title : id,
    ...(isText(data.summary) ? { summary: data.summary } : {}),
    ...(typeof data.difficulty === 'number' && [1, 2, 3].includes(data.difficulty)
      ? { difficulty: data.difficulty }
      : {}),
    tags: Array.isArray(data.tags) ? data.tags.filter((t): t is string => typeof t === 'string') : [],
    ...(typeof type === 'string' && (CUSTOMER_TYPES as readonly string[]).includes(type)
      ? { customerType: type as CustomerType }
      : {}),
  };
}

function mapOf(text: string): Record<string, unknown> {
  try {
    const parsed: unknown = parse(text, { maxAliasCount: 100 });
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) return parsed as Record<string, unknown>;
  } catch {
    /* shown with its file name; opening it reports the error */
  }
  return {};
}

/** The cases on disk. */
export const fileLibrary: Library = {
  entries() {
    const out: MenuEntry[] = [];
    for (const { file } of listScenarioFiles()) {
      const read = readTextFile(file, MAX_FILE_BYTES);
      if (!read.ok) continue;
      out.push(menuEntryOf(file, read.text));
    }
    return out.sort((a, b) => (a.difficulty ?? 0) - (b.difficulty ?? 0) || a.id.localeCompare(b.id));
  },
  // The validator loads on the first pick (menu-run.ts starts loading it after the first frame).
  open: async (entry, lang) => (await import('./open-scenario.js')).openScenario(entry.file, lang),
};
