/**
 * The file side of `roleplay play --watch`: chokidar watches the scenario file (chokidar
 * because editors save in different ways — in place, or by writing a copy and renaming it —
 * and it turns all of them into one "changed" event), every save is loaded through files.ts
 * like any other read, and the UI (src/ui/watch) gets either the new version or its problems.
 */
import { watch } from 'chokidar';
import { formatDiagnostic, safeLine, type Lang } from '../../core/index.js';
import type { Mode } from '../../core/records/records.js';
import type { Reload, WatchSource } from '../../ui/watch/source.js';
import { resolveScenario } from '../files.js';
import { said, printErr } from '../env.js';
import { onTerminalLoss } from '../terminal-loss.js';
import { prepareTerminalUi } from '../terminal-ui.js';
import { CASE_NOT_OPENED, caseFileOrReport } from './scenario-or-report.js';

/** The file now, as the UI should see it. */
/** `lang`: the language of the problems shown when the file does not load. */
export function reloadOf(file: string, lang: Lang): Reload {
  const r = resolveScenario(file, lang);
  if (r.ok) return { ok: true, opened: { scenario: r.scenario, source: r.source, file: r.file } };
  const problems = r.diagnostics.filter((d) => d.severity === 'error').map(formatDiagnostic);
  return {
    ok: false,
    problems:
      problems.length > 0 ? problems : [r.message ?? said(`${file}：无法载入`, `${file}: cannot be loaded`)[lang]],
  };
}

/** How long a file must stay unchanged before it is read: editors often write in several goes. */
export const SETTLE_MS = 80;

export function fileWatchSource(
  file: string,
  lang: Lang,
  options: { settleMs?: number } = {},
): WatchSource & { close(): Promise<void> } {
  const watchers = new Set<ReturnType<typeof watch>>();
  return {
    file,
    initial: reloadOf(file, lang),
    subscribe(listener) {
      const watcher = watch(file, {
        ignoreInitial: true,
        awaitWriteFinish: { stabilityThreshold: options.settleMs ?? SETTLE_MS, pollInterval: 20 },
      });
      watchers.add(watcher);
      const reload = () => listener(reloadOf(file, lang));
      watcher.on('change', reload);
      watcher.on('add', reload);
      watcher.on('unlink', () =>
        listener({
          ok: false,
          problems: [
            said(
              `${file}：文件不见了（被删除或改名）；等它回来`,
              `${file}: the file is gone (deleted or renamed); waiting for it to come back`,
            )[lang],
          ],
        }),
      );
      watcher.on('error', (e) => {
        const why = safeLine(String((e as Error).message ?? e));
        listener({
          ok: false,
          problems: [
            said(`${file}：无法再监视这个文件（${why}）`, `${file}: cannot watch the file any more (${why})`)[lang],
          ],
        });
      });
      return () => {
        watchers.delete(watcher);
        void watcher.close();
      };
    },
    async close() {
      await Promise.all([...watchers].map((w) => w.close()));
      watchers.clear();
    },
  };
}

/** `roleplay play --watch <file>`: live preview of a scenario file while it is being written. */
export async function playWatch(ref: string, options: { lang: Lang; mode: Mode }): Promise<number> {
  // found as every command finds a case; a file that does not load is still watched (that is the point)
  const file = caseFileOrReport(ref, options.lang);
  if (file === undefined) return CASE_NOT_OPENED;
  if (!process.stdin.isTTY || !process.stdout.isTTY) {
    printErr(
      said(
        'roleplay: play --watch 需要交互式终端；没有终端时请用 `roleplay lint` 和 `roleplay test` 检查文件\n',
        'roleplay: play --watch needs an interactive terminal; to check a file without one, use `roleplay lint` and `roleplay test`\n',
      )[options.lang],
    );
    return 2;
  }
  const source = fileWatchSource(file, options.lang);
  prepareTerminalUi();
  const { runWatch } = await import('../../ui/watch/run-watch.js');
  const gone = new AbortController();
  const release = onTerminalLoss(() => gone.abort());
  try {
    return await runWatch({ source, ...options, signal: gone.signal });
  } finally {
    release();
    await source.close();
  }
}
