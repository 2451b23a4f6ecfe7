/**
 * What a trainee is told when the team server cannot be reached, in their language: the
 * notice from the team store and the reason inside it. No server is needed: nothing listens
 * on port 1 of this computer.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { pgErrorMessage } from '../../src/store/pg/pg-store.js';
import { TeamStore } from '../../src/store/sync/team-store.js';
import { SYNC_NOTICES } from '../../src/store/sync/notices.js';
import { BASEMENT, rp, tempHome } from './helpers.js';

const DOWN = 'postgres://roleplay:secret@127.0.0.1:1/team';
/** the same server as a person would name it on the command line: no password (docs/team-server.md) */
const DOWN_NO_PASSWORD = 'postgres://roleplay@127.0.0.1:1/team';
const home = tempHome();
afterAll(() => home.done());

describe('offline notices', () => {
  it.each([
    [
      'zh',
      /^连不上团队服务器 postgres:\/\/roleplay@127\.0\.0\.1:1\/team：那里没有服务在监听（connection refused）；改为离线练习：记录先保存在本机（.*laptop-zh\.db），之后由 `roleplay sync` 上传$/,
    ],
    [
      'en',
      /^cannot reach the team server postgres:\/\/roleplay@127\.0\.0\.1:1\/team: nothing is listening there \(connection refused\); working offline: sessions stay on this computer \(.*laptop-en\.db\) until `roleplay sync` uploads them$/,
    ],
  ] as const)('the team store says it works offline in %s, once, without the password', async (lang, expected) => {
    const notices: string[] = [];
    const store = await TeamStore.open(DOWN, {
      localPath: join(home.home, `laptop-${lang}.db`),
      lang,
      notice: (l) => notices.push(l),
      connectTimeoutMs: 2_000,
    });
    expect(store.online).toBe(false);
    await store.listSessions();
    await store.close();
    expect(notices).toHaveLength(1);
    expect(notices[0]).toMatch(expected);
    expect(notices[0]).not.toContain('secret');
  });

  it('says again at close that sessions wait here, when asked to (a full-screen play drew over the first notice)', async () => {
    for (const repeatAtClose of [true, false]) {
      const notices: string[] = [];
      const store = await TeamStore.open(DOWN, {
        localPath: join(home.home, `laptop-repeat-${repeatAtClose}.db`),
        notice: (l) => notices.push(l),
        repeatAtClose,
        connectTimeoutMs: 2_000,
      });
      await store.saveSource({ hash: 'h', scenarioId: 's', file: 's.yaml', source: 'x', catalog: { lessons: {} } });
      await store.startSession({
        id: `repeat-${repeatAtClose}`,
        trainee: 'wang',
        scenarioId: 's',
        scenarioHash: 'h',
        lang: 'en',
        mode: 'practice',
        startedAt: '2026-01-01T08:00:00.000Z',
      });
      await store.close();
      expect(notices.at(-1)).toBe(repeatAtClose ? SYNC_NOTICES.en.waitingAtExit(1) : notices[0]);
    }
  });

  it('every notice and every server problem reads in both languages', () => {
    for (const lang of ['zh', 'en'] as const) {
      const say = SYNC_NOTICES[lang];
      for (const line of [
        say.offline('r', '/x.db'),
        say.stillWaiting(2, 'r'),
        say.stepNotTaken('r'),
        say.notUploaded('s1', 'r'),
        say.waitingAtExit(2),
        say.unreachable('postgres://h/db'),
        say.refused(2),
      ]) {
        expect(/[\u4e00-\u9fff]/.test(line)).toBe(lang === 'zh');
      }
      for (const code of ['ECONNREFUSED', 'ENOTFOUND', 'ETIMEDOUT', '28P01', '3D000', '42501', undefined]) {
        const line = pgErrorMessage({ code, message: 'boom' }, 'postgres://h/db', lang);
        expect(line).toContain('postgres://h/db');
        expect(/[\u4e00-\u9fff]/.test(line)).toBe(lang === 'zh');
      }
    }
    expect(SYNC_NOTICES.en.waitingAtExit(1)).toBe(
      '1 session waits on this computer; `roleplay sync` uploads it when the team server can be reached',
    );
  });

  it('`roleplay run --record --lang zh` with the server down: the result is printed, the notice is Chinese, the session stays on this computer', () => {
    const steps = join(home.home, 'steps.yaml');
    writeFileSync(steps, '- say: 您好 我是讯达的 来修电源\n- show-permit\n');
    const ran = rp(['run', BASEMENT, '--steps', steps, '--record', '--db', DOWN_NO_PASSWORD, '--lang', 'zh'], {
      HOME: home.home,
    });
    expect(ran.status, ran.stderr).toBe(0);
    expect(JSON.parse(ran.stdout)).toMatchObject({ outcome: 'success' });
    expect(ran.stderr).toMatch(/^roleplay: 连不上团队服务器 .*改为离线练习/);
    const local = rp(['sessions', '--json'], {
      HOME: home.home,
      ROLEPLAY_DB: join(home.home, '.roleplay', 'roleplay.db'),
    });
    expect(JSON.parse(local.stdout).sessions).toHaveLength(1);
  });
});
