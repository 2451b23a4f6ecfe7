// A trainee at a terminal, minus the terminal: plays a scenario on a real clock, one step per
// line of standard input, reporting to the store-backed recorder exactly as the play screen
// does (onStart, onStep for every step, onSnapshot after each decision). Prints "ok N" once a
// step is recorded ("session <id>" before the first). It never ends by itself: the crash test
// kills it with SIGKILL.
// Usage: node slow-player.mjs <db> <scenario.yaml> <trainee>
// A line is a choice id, or JSON ({"say": "..."}); prefix "nosnap " to skip the snapshot
// (as if the process died between the step and its snapshot).
import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';

const dist = new URL('../../../dist/', import.meta.url);
const { loadFile, compile, Play } = await import(new URL('core/index.js', dist).href);
const { openSqliteStore } = await import(new URL('store/sqlite/sqlite-store.js', dist).href);
const { StoreRecorder } = await import(new URL('store/recorder.js', dist).href);

const [db, file, trainee] = process.argv.slice(2);
const source = readFileSync(file, 'utf8');
const scenario = loadFile(source, file).scenario;
const compiled = compile(scenario);
const store = openSqliteStore(db);
const recorder = new StoreRecorder(store, trainee);
const clock = { setTimeout: (f, ms) => setTimeout(f, ms), clearTimeout: (h) => clearTimeout(h), now: () => Date.now() };
const play = new Play(compiled, { clock });
recorder.onStart({ scenario, source, file, mode: 'practice', lang: 'zh', resumed: false });
// The recorder stores the session at the first step: its id is known from then on.
let told = false;

for await (const raw of createInterface({ input: process.stdin })) {
  const nosnap = raw.startsWith('nosnap ');
  const line = nosnap ? raw.slice(7) : raw;
  const step = line.startsWith('{') ? JSON.parse(line) : line;
  const shown = play.turn().choices.map((c) => c.id);
  const entered = play.nodeEnteredAt;
  const before = play.context.steps.length;
  if (typeof step === 'string') play.choose(step);
  else play.say(step.say);
  for (const s of play.context.steps.slice(before)) {
    const own = s.action.kind !== 'auto';
    recorder.onStep(s, {
      shownChoices: own ? shown : [],
      decisionMs: own ? Date.now() - entered : 0,
      feedbackShown: true,
    });
  }
  if (!nosnap) recorder.onSnapshot(play.persisted(), { node: play.node });
  await new Promise((r) => setImmediate(r));
  if (!told) {
    told = true;
    process.stdout.write(`session ${await recorder.sessionId()}\n`);
  }
  process.stdout.write(`ok ${play.context.steps.length}\n`);
}
