/** What `roleplay progress` does: the trainee's standing as the menu's progress screen shows it, or as JSON. */
import {
  localize,
  recommendationReason,
  safeLine,
  shareOf,
  standingOf,
  type Lang,
  type ProgressView,
} from '../../core/index.js';
import { traineeFrom } from '../../store/open.js';
import { progressLines } from '../../ui/progress.js';
import type { MenuEntry } from '../../ui/library.js';
import { printLine } from '../env.js';
import { printJson } from '../json-output.js';
import { progressViewOf } from '../progress-view.js';
import { type StoreOptions, withStore } from '../store-access.js';
import { fileLibrary } from './file-library.js';

interface ProgressOptions extends StoreOptions {
  json?: boolean;
}

export async function progressCommand(opts: ProgressOptions, lang: Lang): Promise<number> {
  const entries = fileLibrary.entries();
  return withStore(opts, lang, async (store) => {
    // "you" on a team server is the role this computer logs in as (store-access.ts traineeFor);
    // a lead may name anyone with --trainee, and the server shows what the role may read
    const trainee =
      opts.trainee !== undefined ? traineeFrom(opts.trainee) : (store.recordsAs ?? traineeFrom(undefined));
    const view = progressViewOf(await store.progress(trainee), entries, lang);
    if (opts.json) printJson(progressJson(view, entries, lang));
    else {
      const width = process.stdout.columns || Number(process.env.COLUMNS) || 80;
      printLine(
        progressLines(view, entries, lang, width)
          .map((line) => line.map((p) => p.text).join(''))
          .join('\n'),
      );
    }
    return 0;
  });
}

/** For tools: every case on offer (null figures when unplayed), every lesson with its standing, the next case. */
function progressJson(view: ProgressView, entries: readonly MenuEntry[], lang: Lang) {
  const title = (t: Parameters<typeof localize>[0], id: string) => safeLine(localize(t, lang)) || id;
  return {
    trainee: view.progress.trainee,
    cases: entries.map((e) => {
      const c = view.progress.cases.find((p) => p.scenarioId === e.id);
      return {
        id: e.id,
        title: title(e.title, e.id),
        attempts: c?.attempts ?? 0,
        exams: c?.exams ?? 0,
        bestExamPercent: c?.bestExamPercent ?? null,
        passed: c?.passed ?? false,
        bestPercent: c?.bestPercent ?? null,
        lastAt: c?.lastAt ?? null,
        lessons: view.cases.find((x) => x.id === e.id)?.lessons ?? [],
      };
    }),
    lessons: view.progress.lessons.map((l) => ({
      ...l,
      title: title(view.lessonTitles[l.lesson], l.lesson),
      percent: Math.round(shareOf(l) * 100),
      standing: standingOf(l),
    })),
    next: view.next ? { ...view.next, reason: recommendationReason(view, view.next)[lang] } : null,
  };
}
