/**
 * `roleplay team`: setting up the team server and its people (init, add-trainee, add-lead,
 * passwd, list), run by the admin with the owner's URL. Its work (team-run.ts, node-postgres)
 * loads when a subcommand runs. See docs/team-server.md.
 */
import type { Command } from 'commander';
import { type CliEnv, langOf, said } from '../env.js';
import { allOpts, dbOption, langOption } from '../options.js';
import type { MemberKind } from '../../store/pg/security.js';

export function register(program: Command, env: CliEnv): void {
  const { lang } = env;
  const team = program
    .command('team')
    .description(
      said(
        '设置团队服务器（PostgreSQL）：表、角色和行级安全，以及每位成员的登录角色；由管理员用所有者的地址运行',
        "set up the team server (PostgreSQL): tables, roles and row-level security, and each person's login role; run by the admin with the owner's URL",
      )[lang],
    )
    .helpCommand('help [command]', said('显示某个子命令的帮助', 'display help for a subcommand')[lang])
    .addHelpText(
      'after',
      said(
        '\n服务器由 --db 或 ROLEPLAY_DB 指定（postgres://管理员@主机:5432/roleplay）；密码来自 ~/.pgpass、PGPASSWORD，或在终端上询问。详见 docs/team-server.md。',
        '\nThe server is --db or ROLEPLAY_DB (postgres://admin@host:5432/roleplay); the password comes from ~/.pgpass, PGPASSWORD, or a prompt on a terminal. See docs/team-server.md.',
      )[lang],
    );
  const sub = (name: string, description: string) =>
    team.command(name).description(description).addOption(dbOption(lang)).addOption(langOption(lang));
  const passwordStdin = said(
    '从标准输入读入密码（一行），而不是生成一个',
    'read the password from standard input (one line) instead of generating one',
  )[lang];
  const nameArgument = said('登录角色名（字母、数字、_ . -）', 'login role name (letters, digits, _ . -)')[lang];

  sub(
    'init',
    said(
      '建立或升级表，创建 roleplay_trainee 和 roleplay_lead 两个组角色、权限、行级安全和删除日志；可重复运行（升级 roleplay 后再运行一次）',
      'create or upgrade the tables, the roleplay_trainee and roleplay_lead group roles, rights, row-level security and the deletion log; safe to repeat (run again after upgrading roleplay)',
    )[lang],
  ).action(env.withExit(init));
  for (const kind of ['trainee', 'lead'] as const) {
    sub(
      `add-${kind}`,
      kind === 'trainee'
        ? said(
            '添加一位学员：只能记录和查看自己的练习，不能修改已完成的练习',
            'add a trainee: records and sees only their own sessions, never changes a finished one',
          )[lang]
        : said(
            '添加一位组长：可以查看所有人的练习，不能写入',
            "add a team lead: reads everyone's sessions, writes nothing",
          )[lang],
    )
      .argument('<name>', nameArgument)
      .option('--password-stdin', passwordStdin)
      .action(env.withExit(addMember(kind)));
  }
  sub(
    'passwd',
    said(
      '为一位成员设置新密码（生成，或从标准输入读入）',
      'give a member a new password (generated, or read from standard input)',
    )[lang],
  )
    .argument('<name>', nameArgument)
    .option('--password-stdin', passwordStdin)
    .action(env.withExit(passwd));
  sub('list', said('列出团队成员和他们的角色', "list the team's members and their roles")[lang]).action(
    env.withExit(list),
  );
}

export async function init(_opts: unknown, cmd: Command): Promise<number> {
  return (await import('./team-run.js')).teamInit(allOpts(cmd), langOf(cmd));
}

function addMember(kind: MemberKind) {
  return async (name: string, _opts: unknown, cmd: Command): Promise<number> =>
    (await import('./team-run.js')).teamAdd(kind, name, allOpts(cmd), langOf(cmd));
}

export async function passwd(name: string, _opts: unknown, cmd: Command): Promise<number> {
  return (await import('./team-run.js')).teamPasswd(name, allOpts(cmd), langOf(cmd));
}

export async function list(_opts: unknown, cmd: Command): Promise<number> {
  return (await import('./team-run.js')).teamList(allOpts(cmd), langOf(cmd));
}
