// One of several terminals recording at once: plays `count` sessions of a scenario, each step
// written in its own transaction as it is taken, yielding between steps so that the writers'
// transactions interleave. Prints {"ids": [...]} at the end; any failure exits 1 with its message.
// Usage: node writer.mjs <db> <scenario.yaml> <trainee> <count>
import { readFileSync } from 'node:fs';
import { SimulatedClock } from 'xstate';

const dist = new URL('../../../dist/', import.meta.url);
const { loadFile, compile, Play, reportOf } = await import(new URL('core/index.js', dist).href);
const { openSqliteStore } = await import(new URL('store/sqlite/sqlite-store.js', dist).href);
const { Recording } = await import(new URL('store/recording.js', dist).href);

const [db, file, trainee, count] = process.argv.slice(2);
const source = readFileSync(file, 'utf8');
const scenario = loadFile(source, file).scenario;
const compiled = compile(scenario);
const store = openSqliteStore(db);
const steps = [{ say: '您好，我是讯达的张工，来处理电源告警' }, 'call-noc', 'wait-calmly'];
const ids = [];
try {
  for (let n = 0; n < Number(count); n++) {
    const rec = await Recording.start(store, { scenario, source, file, trainee, lang: 'zh', mode: 'practice' });
    const play = new Play(compiled, { clock: new SimulatedClock() });
    for (const step of steps) {
      const before = play.context.steps.length;
      if (typeof step === 'string') play.choose(step);
      else play.say(step.say);
      for (const s of play.context.steps.slice(before)) {
        await rec.step(s, { decisionMs: 1000 + n, feedbackShown: true }, { snapshot: play.persisted() });
      }
      await rec.flush();
      await new Promise((r) => setImmediate(r));
    }
    await rec.finish(reportOf(compiled, play.output));
    await rec.flush();
    play.stop();
    ids.push(rec.id);
  }
  await store.close();
  process.stdout.write(`${JSON.stringify({ ids })}\n`);
} catch (e) {
  process.stderr.write(`writer ${trainee}: ${e?.message}\n`);
  process.exit(1);
}
