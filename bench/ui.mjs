#!/usr/bin/env node
// The play UI benchmark (issue 4):
//  1. startup: process start to the first interactive frame of the menu (`roleplay` with no
//     arguments), as a ratio to a minimal Ink "hello" app (bench/ui-hello.mjs) measured in
//     the same run, both in a pseudo-terminal made by script(1). Goal: ratio <= 1.3.
//  2. latency: keypress to rendered frame over a scripted 300-step play of the all-features
//     test case (practice mode, typed answers, feedback screens, debrief, retry), rendering
//     through Ink's real (throttled) renderer into an in-memory terminal. Goal: p99 < 16 ms.
// Prints a human report; with --json, one JSON object. Needs `npm run build` first.
import { spawn, spawnSync } from 'node:child_process';
import { EventEmitter } from 'node:events';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const json = process.argv.includes('--json');
const RUNS = Number(process.env.UI_BENCH_RUNS ?? 7);
const STEPS = 300;

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
};
const pct = (xs, p) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)];
};
const ms = (x) => `${x.toFixed(1)} ms`;

// ---------- 1. startup ----------

/** ms from spawn until `marker` appears on the pseudo-terminal. */
function timeToFrame(command, marker) {
  return new Promise((resolve, reject) => {
    const start = performance.now();
    const child = spawn('script', ['-qfec', `stty cols 100 rows 30 2>/dev/null; exec ${command}`, '/dev/null'], {
      // NODE_ENV=production for both: roleplay sets it itself, so the baseline gets it too.
      cwd: ROOT,
      env: { ...process.env, CI: 'false', LANG: 'C.UTF-8', ROLEPLAY_LANG: 'en', NODE_ENV: 'production' },
      stdio: ['pipe', 'pipe', 'ignore'],
      detached: true,
    });
    let out = '';
    const timer = setTimeout(() => {
      stop();
      reject(new Error(`no frame with "${marker}" within 20 s:\n${out.slice(-500)}`));
    }, 20_000);
    const stop = () => {
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        /* gone */
      }
    };
    child.stdout.on('data', (d) => {
      out += d.toString('utf8');
      if (out.includes(marker)) {
        const t = performance.now() - start;
        clearTimeout(timer);
        stop();
        resolve(t);
      }
    });
    child.on('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
  });
}

async function startup() {
  if (spawnSync('script', ['--version']).status !== 0)
    return { skipped: 'script(1) is not available to make a pseudo-terminal' };
  const app = [];
  const hello = [];
  // Warm the file cache once, then alternate so both see the same machine load.
  await timeToFrame(`bin/roleplay.js --lang en`, 'Choose a case');
  await timeToFrame(`node bench/ui-hello.mjs`, 'hello, press q');
  for (let i = 0; i < RUNS; i++) {
    hello.push(await timeToFrame(`node bench/ui-hello.mjs`, 'hello, press q'));
    app.push(await timeToFrame(`bin/roleplay.js --lang en`, 'Choose a case'));
  }
  const ratio = median(app) / median(hello);
  return { runs: RUNS, roleplayMs: median(app), helloMs: median(hello), ratio, goal: 1.3, met: ratio <= 1.3 };
}

// ---------- 2. keypress-to-frame latency ----------

class FakeStdin extends EventEmitter {
  isTTY = true;
  data = null;
  setEncoding() {}
  setRawMode() {}
  resume() {}
  pause() {}
  ref() {}
  unref() {}
  read() {
    const d = this.data;
    this.data = null;
    return d;
  }
  write(d) {
    this.data = d;
    this.emit('readable');
    this.emit('data', d);
  }
}

class FakeStdout extends EventEmitter {
  isTTY = true;
  columns = 100;
  rows = 30;
  writes = 0;
  lastWriteAt = 0;
  text = '';
  write(chunk) {
    this.writes++;
    this.lastWriteAt = performance.now();
    this.text = String(chunk);
    this.emit('frame');
    return true;
  }
}

async function latency() {
  // as `roleplay play` does before loading the UI (React's production build)
  (await import('../dist/cli/terminal-ui.js')).prepareTerminalUi();
  const { render } = await import('ink');
  const React = await import('react');
  const { App, loadScreens } = await import('../dist/ui/components/app.js');
  await loadScreens();
  const { openScenario } = await import('../dist/cli/commands/open-scenario.js');
  const { realClock } = await import('../dist/ui/clock.js');
  const opened = openScenario(fileURLToPath(new URL('../test/fixtures/ui/basement-alarm.yaml', import.meta.url)), 'en');
  if (!opened.ok) throw new Error(opened.message);
  const stdin = new FakeStdin();
  const stdout = new FakeStdout();
  const library = { entries: () => [], open: () => opened };
  const instance = render(
    React.createElement(App, {
      library,
      start: { kind: 'play', opened: opened.opened },
      lang: 'zh',
      mode: 'practice',
      clock: realClock,
      theme: { color: true },
    }),
    { stdin, stdout, stderr: stdout, exitOnCtrlC: false, patchConsole: false, maxFps: 60, debug: false },
  );
  const sleep = (t) => new Promise((r) => setTimeout(r, t));
  await sleep(200);

  // One run of the case: the typed answer (as an input method delivers it), Enter, then
  // feedback / choice keys, and `r` on the debrief to start again.
  const script = ['您好，我是讯达的张工，来处理电源告警', '\r', '\r', '2', ' ', '1', '\r', 'r'];
  const samples = [];
  let missed = 0;
  for (let i = 0; i < STEPS; i++) {
    const key = script[i % script.length];
    const before = stdout.writes;
    const frame = new Promise((resolve) => {
      const t = setTimeout(() => {
        stdout.off('frame', on);
        resolve(false);
      }, 1000);
      const on = () => {
        clearTimeout(t);
        stdout.off('frame', on);
        resolve(true);
      };
      stdout.on('frame', on);
    });
    const sent = performance.now();
    stdin.write(key);
    const drawn = await frame;
    if (drawn && stdout.writes > before) samples.push(stdout.lastWriteAt - sent);
    else missed++;
    // Let Ink's frame throttle (maxFps 60 → 17 ms) go idle, as between a person's keypresses.
    await sleep(20);
  }
  instance.unmount();
  return {
    steps: STEPS,
    frames: samples.length,
    missed,
    p50: pct(samples, 50),
    p99: pct(samples, 99),
    max: Math.max(...samples),
    goalP99: 16,
    met: pct(samples, 99) < 16,
  };
}

const result = { startup: await startup(), latency: await latency() };
if (json) {
  process.stdout.write(`${JSON.stringify(result)}\n`);
} else {
  const s = result.startup;
  if (s.skipped) console.log(`startup: skipped (${s.skipped})`);
  else
    console.log(
      `startup to first interactive frame (median of ${s.runs}): roleplay menu ${ms(s.roleplayMs)}, minimal Ink app ${ms(s.helloMs)} → ratio ${s.ratio.toFixed(2)}× (goal ≤ ${s.goal}×) ${s.met ? 'OK' : 'MISSED'}`,
    );
  const l = result.latency;
  console.log(
    `keypress to frame over a ${l.steps}-step play: p50 ${ms(l.p50)}, p99 ${ms(l.p99)}, max ${ms(l.max)} (goal p99 < ${l.goalP99} ms) ${l.met ? 'OK' : 'MISSED'}${l.missed ? `; ${l.missed} keys drew no frame` : ''}`,
  );
}
process.exit(0);
