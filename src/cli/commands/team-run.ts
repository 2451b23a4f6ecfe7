/**
 * What `roleplay team …` does, on the team server named by --db / ROLEPLAY_DB with the admin's
 * role: init (tables, groups, rights, row-level security: store/pg/security.ts), add-trainee,
 * add-lead, passwd, list. A generated password is printed once, alone on standard output (so
 * that a script can take it); what it is for goes to standard error.
 */
import type pg from 'pg';
import { type Lang, safeLine } from '../../core/index.js';
import { dbPathFrom, isPostgresUrl } from '../../store/open.js';
import { describeUrl, openPgStore, type PgStore, storeErrorOf } from '../../store/pg/pg-store.js';
import {
  applySecurity,
  badPassword,
  badRoleName,
  createMember,
  generatePassword,
  groupsExist,
  type MemberKind,
  members,
  needsOwner,
  roleFacts,
  setPassword,
} from '../../store/pg/security.js';
import { PG_SCHEMA_VERSION } from '../../store/pg/migrations.js';
import { StoreError } from '../../store/store.js';
import { padEnd, widthOf } from '../../text/layout.js';
import { printLine, type Said, said, UserError } from '../env.js';
import { canPrompt, promptSecret, secretFromStdin } from '../secret-prompt.js';
import { passwordPrompt, warnIfPasswordInDbOption } from '../server-password.js';

interface TeamOptions {
  readonly db?: string;
  readonly passwordStdin?: boolean;
}

const KIND: Readonly<Record<MemberKind, Said>> = {
  trainee: said('学员', 'trainee'),
  lead: said('组长', 'team lead'),
};

/** The team server with the admin's role, open while `fn` runs; its refusals as one line. */
async function withServer<T>(
  opts: TeamOptions,
  lang: Lang,
  fn: (client: pg.PoolClient, store: PgStore) => Promise<T>,
): Promise<T> {
  const url = dbPathFrom(opts.db);
  if (!isPostgresUrl(url)) {
    throw new UserError(
      said(
        'team 命令用于团队服务器：请用 --db postgres://管理员@主机:5432/roleplay，或把 ROLEPLAY_DB 设为该地址',
        'team commands work on a team server: give --db postgres://admin@host:5432/roleplay, or set ROLEPLAY_DB to it',
      )[lang],
      2,
    );
  }
  let store: PgStore;
  warnIfPasswordInDbOption(opts.db, lang);
  const prompt = passwordPrompt(lang);
  try {
    store = await openPgStore(url, { askPassword: prompt.ask });
  } catch (e) {
    throw new UserError(reason(e, describeUrl(url), lang), 1);
  } finally {
    prompt.close();
  }
  try {
    const client = await store.pool.connect();
    try {
      return await fn(client, store);
    } finally {
      client.release();
    }
  } catch (e) {
    if (e instanceof UserError) throw e;
    throw new UserError(reason(e, store.location, lang), 1);
  } finally {
    await store.close();
  }
}

function reason(e: unknown, where: string, lang: Lang): string {
  if (e instanceof StoreError) return e.in(lang);
  if ((e as { code?: string }).code === '42501') return needsOwner(where).in(lang);
  return storeErrorOf(e, where).in(lang);
}

export async function teamInit(opts: TeamOptions, lang: Lang): Promise<number> {
  return withServer(opts, lang, async (client, store) => {
    const outcome = await applySecurity(client);
    const {
      rows: [owner],
    } = await client.query<{ owner: string }>(
      "SELECT tableowner AS owner FROM pg_tables WHERE tablename = 'sessions' AND schemaname = current_schema()",
    );
    for (const s of outcome.skipped) {
      process.stderr.write(
        said(
          `roleplay: warning: 没有做到${s.what.zh}（${safeLine(s.why)}）；表本身已受保护，这一步需要数据库所有者来做`,
          `roleplay: warning: skipped ${s.what.en} (${safeLine(s.why)}); the tables are protected without it, and the database's owner can do it`,
        )[lang],
      );
      process.stderr.write('\n');
    }
    const who = safeLine(owner?.owner ?? '?');
    printLine(
      said(
        `团队服务器 ${store.location} 已就绪：结构版本 ${PG_SCHEMA_VERSION}，组角色 roleplay_trainee 和 roleplay_lead，行级安全已开启，删除会记录在 roleplay_deletions 中。表的所有者是 '${who}'：只有它能删除记录，请不要把它的密码放在学员的电脑上。下一步：roleplay team add-trainee 名字`,
        `the team server ${store.location} is set up: schema ${PG_SCHEMA_VERSION}, group roles roleplay_trainee and roleplay_lead, row-level security on, deletions logged in roleplay_deletions. The tables' owner is '${who}': only it can delete records, so keep its password off the trainees' computers. Next: roleplay team add-trainee NAME`,
      )[lang],
    );
    return 0;
  });
}

/** The new password: typed twice on a terminal or read from a pipe with --password-stdin, else generated. */
async function newPassword(
  opts: TeamOptions,
  name: string,
  lang: Lang,
): Promise<{ password: string; generated: boolean }> {
  if (!opts.passwordStdin) return { password: generatePassword(), generated: true };
  let password: string | undefined;
  if (canPrompt()) {
    password = await promptSecret(said(`${name} 的新密码：`, `new password for ${name}: `)[lang]);
    const again = password === undefined ? undefined : await promptSecret(said('再输入一次：', 'again: ')[lang]);
    if (password !== undefined && again !== password)
      throw new UserError(said('两次输入的密码不一样', 'the two passwords differ')[lang], 2);
  } else {
    password = secretFromStdin();
  }
  if (password === undefined || password === '')
    throw new UserError(said('标准输入里没有密码', 'no password on standard input')[lang], 2);
  const bad = badPassword(password);
  if (bad) throw new UserError(bad[lang], 2);
  return { password, generated: false };
}

/** What the person puts on their computer: the URL without a password, and the ~/.pgpass line. */
function setupHint(url: string, name: string, lang: Lang): string {
  const u = new URL(url);
  const host = u.hostname;
  const port = u.port || '5432';
  const db = decodeURIComponent(u.pathname.slice(1)) || name;
  const theirUrl = `postgres://${encodeURIComponent(name)}@${u.host}${u.pathname}`;
  return said(
    `在 ${name} 的电脑上：ROLEPLAY_DB=${theirUrl}，并在 ~/.pgpass（权限 0600）中加一行 ${host}:${port}:${db}:${name}:密码`,
    `on ${name}'s computer: ROLEPLAY_DB=${theirUrl}, and one line in ~/.pgpass (mode 0600): ${host}:${port}:${db}:${name}:PASSWORD`,
  )[lang];
}

function handOver(generated: boolean, password: string, lines: Said, lang: Lang): void {
  process.stderr.write(`${lines[lang]}\n`);
  if (generated) process.stdout.write(`${password}\n`);
}

export async function teamAdd(kind: MemberKind, name: string, opts: TeamOptions, lang: Lang): Promise<number> {
  const bad = badRoleName(name);
  if (bad) throw new UserError(bad[lang], 2);
  const { password, generated } = await newPassword(opts, name, lang);
  return withServer(opts, lang, async (client, store) => {
    if (!(await groupsExist(client)))
      throw new UserError(
        said(
          `${store.location} 还没有设置团队角色：请先运行 \`roleplay team init\``,
          `${store.location} has no team roles yet: run \`roleplay team init\` first`,
        )[lang],
        1,
      );
    const facts = await roleFacts(client, name);
    if (facts.exists) {
      const already = facts.kind;
      throw new UserError(
        (already === kind
          ? said(
              `${name} 已经是${KIND[kind].zh}；要换密码请用 \`roleplay team passwd ${name}\``,
              `${name} is already a ${KIND[kind].en}; \`roleplay team passwd ${name}\` gives a new password`,
            )
          : already
            ? said(`${name} 已经是${KIND[already].zh}`, `${name} is already a ${KIND[already].en}`)
            : said(
                `服务器上已经有一个叫 ${name} 的角色，它不是团队成员：请换一个名字`,
                `a role ${name} already exists on this server and is not one of the team's: choose another name`,
              ))[lang],
        1,
      );
    }
    await createMember(client, kind, name, password);
    const url = dbPathFrom(opts.db);
    handOver(
      generated,
      password,
      said(
        `已在 ${store.location} 添加${KIND[kind].zh} ${name}。${generated ? '密码只显示这一次（见标准输出），请私下交给本人。' : ''}${setupHint(url, name, 'zh')}`,
        `added ${KIND[kind].en} ${name} to ${store.location}.${generated ? ' The password is shown this once (standard output): hand it over privately.' : ''} ${setupHint(url, name, 'en')}`,
      ),
      lang,
    );
    return 0;
  });
}

export async function teamPasswd(name: string, opts: TeamOptions, lang: Lang): Promise<number> {
  const bad = badRoleName(name);
  if (bad) throw new UserError(bad[lang], 2);
  const { password, generated } = await newPassword(opts, name, lang);
  return withServer(opts, lang, async (client, store) => {
    const facts = await roleFacts(client, name);
    if (!facts.kind)
      throw new UserError(
        said(
          `${name} 不是 ${store.location} 的团队成员（\`roleplay team list\` 会列出成员）`,
          `${name} is not a member of the team on ${store.location} (\`roleplay team list\` lists them)`,
        )[lang],
        1,
      );
    await setPassword(client, name, password);
    handOver(
      generated,
      password,
      said(
        `${name} 的密码已更换；旧密码不再有效。${generated ? '新密码只显示这一次（见标准输出），请私下交给本人，由其更新 ~/.pgpass。' : ''}`,
        `${name}'s password was changed; the old one no longer works.${generated ? ' The new one is shown this once (standard output): hand it over privately, for their ~/.pgpass.' : ''}`,
      ),
      lang,
    );
    return 0;
  });
}

export async function teamList(opts: TeamOptions, lang: Lang): Promise<number> {
  return withServer(opts, lang, async (client, store) => {
    const people = await members(client);
    if (people.length === 0) {
      printLine(said(`${store.location} 还没有团队成员`, `no one on ${store.location} yet`)[lang]);
      return 0;
    }
    // Columns padded by display width (Chinese role names take two cells a character).
    const width = Math.max(...people.map((p) => widthOf(KIND[p.kind][lang])));
    for (const p of people) printLine(`${padEnd(KIND[p.kind][lang], width)}  ${safeLine(p.name)}`);
    return 0;
  });
}
