/** What `roleplay verify` does: walk every session's hash chain; exit 1 naming the first break. */
import type { Lang } from '../../core/index.js';
import { recordStrings } from '../../report/strings.js';
import { chainProblem, verifyJson, verifyStore } from '../../store/verify.js';
import { printLine } from '../env.js';
import { printJson } from '../json-output.js';
import { type StoreOptions, withStore } from '../store-access.js';

export async function verifyCommand(opts: StoreOptions & { json?: boolean }, lang: Lang): Promise<number> {
  return withStore(opts, lang, async (store) => {
    const result = await verifyStore(store);
    const t = recordStrings(lang);
    if (opts.json) printJson({ ...verifyJson(result) });
    else if (result.ok) printLine(t.verifyOk(result.sessions, result.events));
    else printLine(t.verifyBroken(result.sessionId, chainProblem(result.broken, lang)));
    return result.ok ? 0 : 1;
  });
}
