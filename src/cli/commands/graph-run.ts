/** What `roleplay graph` does: print the case as Mermaid or DOT (the drawing is core/analysis/graph-export.ts). */
import { type GraphFormat, graphData, renderGraph } from '../../core/analysis/graph-export.js';
import type { Lang } from '../../core/index.js';
import { bestPath } from '../../core/analysis/best-path.js';
import { printProblem, printText } from '../env.js';
import { printJson } from '../json-output.js';
import { graphMessages } from '../tool-messages.js';
import { CASE_NOT_OPENED, scenarioOrReport } from './scenario-or-report.js';
import { withinLimit } from './within-limit.js';

export function graphCommand(
  ref: string,
  opts: { format: GraphFormat; best?: boolean; json?: boolean; lang: Lang },
): number {
  const scenario = scenarioOrReport(ref, opts.lang)?.scenario;
  if (!scenario) return CASE_NOT_OPENED;
  let highlight;
  if (opts.best) {
    highlight = withinLimit(() => bestPath(scenario), opts.lang);
    if (!highlight) printProblem(graphMessages.noBestPath()[opts.lang]);
  }
  if (opts.json) {
    printJson({ ...graphData(scenario, { lang: opts.lang, ...(highlight ? { highlight } : {}) }) });
    return 0;
  }
  printText(renderGraph(scenario, { format: opts.format, lang: opts.lang, ...(highlight ? { highlight } : {}) }));
  return 0;
}
