/**
 * SIGKILL at random moments: a headless recorded session (`run --record`, then `resume
 * --steps` after each kill) is killed at least 50 times at random points of its life — while
 * starting, opening the database, recording a step, finishing. After every kill the steps on
 * record are a prefix of the steps played, and never fewer than before (no answered step is
 * lost); `resume` continues from there; `verify` passes; and every session that finishes has
 * the score a headless run of the same steps gives.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compile, loadScenario, runSteps, type TestStep } from '../../src/core/index.js';
import { prng } from '../../bench/lib/generate.mjs';
import { recordedSessions, rp, rpKilled, tempDir } from './helpers.js';

const KILLS = Number(process.env.FAULT_KILLS ?? 50);

describe('SIGKILL at random points of a recorded session', () => {
  it(`loses no answered step over ${KILLS} kills; resume continues; verify passes`, async () => {
    const file = join(import.meta.dirname, 'fixtures', 'loop.yaml');
    const loaded = loadScenario(readFileSync(file, 'utf8'), file);
    if (!loaded.scenario) throw new Error(loaded.diagnostics.map((d) => d.message).join('; '));
    const compiled = compile(loaded.scenario);
    const tmp = tempDir();
    const db = join(tmp.dir, 'sessions.db');
    const rnd = prng(8);
    try {
      let killedMidPlay = 0; // kills that landed after some steps of that very process were recorded
      let kills = 0,
        finishedSessions = 0,
        window = 1500,
        attempts = 0;
      let plan: TestStep[] = [];
      let id: string | undefined;
      let answered = 0;
      const known = new Set<string>();
      // 40 to 160 rounds of asking (or letting the clock run out) and answering, then leaving:
      // long enough that the recording itself takes a good part of each process's life
      const ANSWERS = ['谢谢', 'thanks a lot', '嗯', '', 'what?'];
      const newPlan = (): TestStep[] => {
        const steps: TestStep[] = [];
        const rounds = 40 + Math.floor(rnd() * 120);
        for (let k = 0; k < rounds; k++) {
          steps.push(rnd() < 0.2 ? { wait: true } : 'ask', { say: ANSWERS[Math.floor(rnd() * ANSWERS.length)]! });
        }
        return [...steps, 'leave'];
      };
      plan = newPlan();
      while (kills < KILLS) {
        if (++attempts > KILLS * 6) throw new Error(`only ${kills} kills landed in ${attempts} attempts`);
        const remaining = plan.slice(answered);
        const stepsFile = join(tmp.dir, `steps-${attempts}.json`);
        writeFileSync(stepsFile, JSON.stringify(remaining));
        const args =
          id === undefined
            ? ['run', file, '--steps', stepsFile, '--record', '--db', db]
            : ['resume', id, '--steps', stepsFile, '--db', db];
        // most kills aimed at the second half of a run, where the steps are being recorded
        const r = await rpKilled(args, Math.floor(window * (rnd() < 0.25 ? rnd() : 0.4 + 0.6 * rnd())));
        if (r.killed) kills++;
        else {
          expect(r.stderr, `${args.join(' ')}`).not.toMatch(
            /internal error|roleplay: .*(cannot|could not|corrupt|malformed)|\n\s+at /i,
          );
          expect(r.status, r.stderr).toBe(0);
          window = Math.max(200, Math.round(r.ms * 1.1)); // aim the kills inside a whole run
        }

        const sessions = recordedSessions(db);
        // a session this test has not seen before is the one the killed `run` started
        if (id === undefined) id = sessions.find((s) => !known.has(s.id))?.id;
        for (const s of sessions) known.add(s.id);
        const current = id === undefined ? undefined : sessions.find((s) => s.id === id);
        if (current) {
          // what is on record is exactly the first steps played, and nothing answered went missing
          expect(current.steps).toEqual(plan.slice(0, current.steps.length));
          expect(current.steps.length).toBeGreaterThanOrEqual(answered);
          if (r.killed && !current.finished && current.steps.length > answered) killedMidPlay++;
          answered = current.steps.length;
          if (current.finished) {
            const expected = runSteps(compiled, plan);
            if (!expected.ok) throw new Error(expected.error);
            expect(current.steps).toEqual(plan);
            expect(current.total).toBe(expected.report.score.total);
            expect(current.percent).toBe(expected.report.score.percent);
            expect(current.ending).toBe(expected.report.ending);
            finishedSessions++;
            id = undefined;
            answered = 0;
            plan = newPlan();
          }
        }
        if (kills % 10 === 0 && r.killed) {
          const v = rp(['verify', '--db', db]);
          expect(v.stderr + v.stdout, 'verify').not.toMatch(/internal error/);
          expect(v.status, v.stdout + v.stderr).toBe(0);
        }
      }
      console.log(
        `fault loop: ${kills} kills (${killedMidPlay} in the middle of recording), ${finishedSessions} sessions finished, ${attempts} processes`,
      );
      // finish whatever is open, then check the whole database once more
      if (id !== undefined) {
        const stepsFile = join(tmp.dir, 'last.json');
        writeFileSync(stepsFile, JSON.stringify(plan.slice(answered)));
        const r = rp(['resume', id, '--steps', stepsFile, '--db', db]);
        expect(r.status, r.stderr).toBe(0);
        const done = recordedSessions(db).find((s) => s.id === id)!;
        expect(done.finished).toBe(true);
        expect(done.steps).toEqual(plan);
      }
      const v = rp(['verify', '--db', db]);
      expect(v.status, v.stdout + v.stderr).toBe(0);
      expect(kills).toBeGreaterThanOrEqual(KILLS);
      expect(finishedSessions).toBeGreaterThan(0);
      expect(killedMidPlay, 'no kill landed in the middle of recording').toBeGreaterThan(0);
      // no session was left behind half-way: every `run` that was killed was resumed to its end
      expect(recordedSessions(db).every((s) => s.finished)).toBe(true);
    } finally {
      tmp.done();
    }
  }, 600_000);
});
