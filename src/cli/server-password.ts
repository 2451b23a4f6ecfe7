/**
 * The team server's password from the person at the terminal, when neither the URL,
 * PGPASSWORD nor ~/.pgpass has it (store/pg/connection.ts). Asked at most once, and only while
 * the store opens: once a command's screen is up the terminal is the screen's, so a later
 * reconnection (after working offline) reuses the answer or goes without.
 */
import type { Lang } from '../core/index.js';
import { safeLine } from '../core/index.js';
import { printProblem, said } from './env.js';
import { canPrompt, promptSecret } from './secret-prompt.js';

export interface PasswordPrompt {
  ask(who: { user: string; host: string; port: number; database: string }): Promise<string | undefined>;
  /** from now on, no more questions */
  close(): void;
}

export function passwordPrompt(lang: Lang): PasswordPrompt {
  let open = true;
  let answer: Promise<string | undefined> | undefined;
  return {
    ask(who) {
      if (answer) return answer;
      if (!open || !canPrompt()) return Promise.resolve(undefined);
      const where = safeLine(`${who.user}@${who.host}:${who.port}/${who.database}`);
      answer = promptSecret(said(`团队服务器 ${where} 的密码：`, `password for the team server ${where}: `)[lang]);
      return answer;
    },
    close() {
      open = false;
    },
  };
}

/**
 * A password inside a --db URL works, but every user of this computer can read it in `ps`, and
 * it stays in the shell's history: said once, with where to put it instead.
 */
export function warnIfPasswordInDbOption(db: string | undefined, lang: Lang): void {
  if (db === undefined || !/^postgres(ql)?:\/\//i.test(db)) return;
  let password = '';
  try {
    password = new URL(db).password;
  } catch {
    return;
  }
  if (password === '') return;
  printProblem(
    said(
      'warning: --db 地址里的密码，这台电脑上的其他用户用 ps 就能看到，它还会留在 shell 历史里：请从地址中去掉密码，改放在 ~/.pgpass（权限 0600）或 PGPASSWORD 里（参见 docs/team-server.md）',
      'warning: the password in the --db URL can be seen by other users of this computer (ps) and stays in the shell history: leave it out of the URL and put it in ~/.pgpass (mode 0600) or PGPASSWORD (see docs/team-server.md)',
    )[lang],
  );
}
