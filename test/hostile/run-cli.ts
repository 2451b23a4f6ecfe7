/**
 * The built CLI as a subprocess for the input-hardening tests: a time limit far above what a
 * correct run needs, so that a regression (a hang on a FIFO, a regex that backtracks for
 * minutes) fails the test instead of hanging the suite.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Loaded, Scenario } from '../../src/core/index.js';
import { BIN, runCli, type Ran } from '../run-cli.js';

export { BIN };
export type { Ran };

export function rp(
  args: readonly string[],
  options: { cwd?: string; lang?: 'zh' | 'en'; timeoutMs?: number; input?: string } = {},
): Ran {
  const { lang, timeoutMs, ...rest } = options;
  return runCli(args, {
    ...rest,
    timeoutMs: timeoutMs ?? 30_000,
    env: { ROLEPLAY_LANG: lang ?? 'en', LANG: 'C.UTF-8' },
  });
}

export function tempDir(): { dir: string; done: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'roleplay-harden-'));
  return { dir, done: () => rmSync(dir, { recursive: true, force: true }) };
}

/** A small valid scenario: a choice node that scores, a typed node with `rule`, an ending. */
export function scenarioWith(parts: { score?: string; regex?: string; model?: string; extra?: string } = {}): string {
  return `id: harden-case
title: { zh: 加固, en: Hardening }
cast:
  boss: { name: Boss }
lessons:
  calm: { title: Calm, principle: Stay calm. }
meters:
  mood: { initial: 0, min: -5, max: 5 }
start: open
nodes:
  open:
    text: Hello
    choices:
      - id: greet
        score: { calm: ${parts.score ?? '2'} }
        effects: { mood: 1 }
        goto: ask
      - id: shout
        score: { calm: -1 }
        goto: ask
  ask:
    text: Why?
    input:
      model: ${parts.model ?? 'sorry'}
      rules:
        - match: { regex: '${parts.regex ?? 'sorry'}' }
          score: { calm: 1 }
          goto: done
        - goto: done
  done:
    text: Bye
    end: { outcome: success }
${parts.extra ?? ''}`;
}

/** The scenario a load gave, or a failed test naming its first problem. */
export function scenarioOf(loaded: Loaded): Scenario {
  if (loaded.kind !== 'scenario' || !loaded.scenario)
    throw new Error(`did not load: ${loaded.diagnostics[0]?.message ?? loaded.kind}`);
  return loaded.scenario;
}
