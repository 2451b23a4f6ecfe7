/**
 * A trainee's progress as the menu and `roleplay progress` show it: their standing from the
 * session store, the cases on offer with the lessons each trains (read from the files: the
 * YAML is parsed, not validated, so a case with a problem still counts), lesson titles from
 * the cases and their catalog, and the case to play next.
 */
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import {
  recommendNext,
  type CaseLessons,
  type Lang,
  type LocalizedText,
  type ProgressView,
  type TraineeProgress,
} from '../core/index.js';
import type { MenuEntry } from '../ui/library.js';
import { catalogFor } from './files.js';

type Data = Record<string, unknown>;
const isMap = (v: unknown): v is Data => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Lessons some way out of a node gives points in (a reply, a rule, a timeout or a branch). */
function lessonsScored(nodes: unknown): string[] {
  const out = new Set<string>();
  const take = (way: unknown) => {
    if (!isMap(way) || !isMap(way.score)) return;
    for (const [lesson, points] of Object.entries(way.score))
      if (typeof points === 'number' && points > 0) out.add(lesson);
  };
  for (const node of isMap(nodes) ? Object.values(nodes) : []) {
    if (!isMap(node)) continue;
    for (const list of [node.choices, isMap(node.input) ? node.input.rules : undefined, node.when])
      if (Array.isArray(list)) list.forEach(take);
    take(node.timeout);
    if (isMap(node.input)) take(node.input.timeout);
  }
  return [...out].sort();
}

function isText(v: unknown): v is LocalizedText {
  return typeof v === 'string' || (isMap(v) && Object.values(v).every((x) => typeof x === 'string'));
}

/** The lessons each case trains, and the titles of every lesson they or their catalog name. */
export function caseLessonsOf(
  entries: readonly MenuEntry[],
  lang: Lang,
): { cases: CaseLessons[]; lessonTitles: Record<string, LocalizedText> } {
  const lessonTitles: Record<string, LocalizedText> = {};
  const cases = entries.map((e) => {
    let data: Data = {};
    try {
      const parsed: unknown = parse(readFileSync(e.file, 'utf8'), { maxAliasCount: 100 });
      if (isMap(parsed)) data = parsed;
    } catch {
      /* a case that does not parse trains nothing we can see; opening it says why */
    }
    try {
      for (const [id, l] of Object.entries(catalogFor(e.file, lang).lessons)) lessonTitles[id] ??= l.title;
    } catch {
      /* no catalog */
    }
    if (isMap(data.lessons))
      for (const [id, l] of Object.entries(data.lessons)) if (isMap(l) && isText(l.title)) lessonTitles[id] = l.title;
    return { id: e.id, lessons: lessonsScored(data.nodes) };
  });
  return { cases, lessonTitles };
}

export function progressViewOf(progress: TraineeProgress, entries: readonly MenuEntry[], lang: Lang): ProgressView {
  const { cases, lessonTitles } = caseLessonsOf(entries, lang);
  const next = recommendNext(progress, cases);
  return { progress, cases, lessonTitles, ...(next ? { next } : {}) };
}
