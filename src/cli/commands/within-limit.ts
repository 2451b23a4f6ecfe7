/** What graph and paths share: the explorer's budget, when a case exceeds it, as one line (exit 1). */
import { ExplorationLimitError } from '../../core/analysis/explore.js';
import type { Lang } from '../../core/index.js';
import { UserError } from '../env.js';
import { graphMessages } from '../tool-messages.js';

export function withinLimit<T>(f: () => T, lang: Lang): T {
  try {
    return f();
  } catch (e) {
    if (e instanceof ExplorationLimitError) throw new UserError(graphMessages.tooComplex(e.limit)[lang], 1);
    throw e;
  }
}
