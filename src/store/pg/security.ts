/**
 * Who may do what on the team server: two group roles, the rights on the roleplay tables and
 * the row-level security policies (`roleplay team init`), and the people's login roles
 * (`roleplay team add-trainee|add-lead|passwd`). PostgreSQL enforces all of it, so a trainee's
 * password used from `psql` can do no more than roleplay itself does with it:
 *
 * - roleplay_trainee: inserts sessions, events, lesson points and results only under their own
 *   name (the login role, `session_user`), reads only their own, and updates only the head,
 *   event count and snapshot of their own unfinished sessions; never a finished session, never
 *   an event, never a delete.
 * - roleplay_lead: reads everything, writes nothing.
 * - the owner of the tables (whoever ran `team init`, or a superuser): everything; each row it
 *   deletes is copied into roleplay_deletions, which refuses updates, deletes and truncation.
 *
 * The policies compare with `session_user`, the role that logged in, not `current_user`: a
 * member may `SET ROLE roleplay_trainee`, which would otherwise let them write under the group's
 * name, shared by every trainee.
 *
 * Everything here is idempotent: `team init` is run again after an upgrade of roleplay (the
 * migrations it applies may add tables, and these statements grant on them). A new table must
 * be added to TABLES below, with its policies, or trainees and leads cannot use it.
 */
import { randomBytes } from 'node:crypto';
import type pg from 'pg';
import { said, type Said } from '../../core/index.js';
import { StoreError } from '../store.js';
import { scramVerifier } from './scram.js';

export const TRAINEE_GROUP = 'roleplay_trainee';
export const LEAD_GROUP = 'roleplay_lead';

export type MemberKind = 'trainee' | 'lead';

const GROUP_OF: Readonly<Record<MemberKind, string>> = { trainee: TRAINEE_GROUP, lead: LEAD_GROUP };

/** Every roleplay table (the deletion log included). */
const DATA_TABLES = ['scenario_sources', 'sessions', 'events', 'session_lessons', 'session_results'] as const;
const TABLES = [...DATA_TABLES, 'roleplay_migrations', 'roleplay_deletions'] as const;

/** A trainee's own session, as a condition over a table with a `sid` column. */
const own = (table: string) =>
  `EXISTS (SELECT 1 FROM sessions s WHERE s.sid = ${table}.sid AND s.trainee = session_user::text)`;
/** …that has no result yet. */
const open = (table: string) =>
  `${own(table)} AND NOT EXISTS (SELECT 1 FROM session_results r WHERE r.sid = ${table}.sid)`;

interface Policy {
  readonly table: string;
  readonly name: string;
  readonly command: 'SELECT' | 'INSERT' | 'UPDATE';
  readonly to: string;
  readonly using?: string;
  readonly check?: string;
}

const POLICIES: readonly Policy[] = [
  {
    table: 'sessions',
    name: 'trainee_reads_own',
    command: 'SELECT',
    to: TRAINEE_GROUP,
    using: 'trainee = session_user::text',
  },
  {
    table: 'sessions',
    name: 'trainee_starts_own',
    command: 'INSERT',
    to: TRAINEE_GROUP,
    check: 'trainee = session_user::text',
  },
  {
    table: 'sessions',
    name: 'trainee_continues_own_unfinished',
    command: 'UPDATE',
    to: TRAINEE_GROUP,
    using: `trainee = session_user::text AND NOT EXISTS (SELECT 1 FROM session_results r WHERE r.sid = sessions.sid)`,
    check: 'trainee = session_user::text',
  },
  { table: 'events', name: 'trainee_reads_own', command: 'SELECT', to: TRAINEE_GROUP, using: own('events') },
  {
    table: 'events',
    name: 'trainee_appends_to_own_unfinished',
    command: 'INSERT',
    to: TRAINEE_GROUP,
    check: open('events'),
  },
  {
    table: 'session_lessons',
    name: 'trainee_reads_own',
    command: 'SELECT',
    to: TRAINEE_GROUP,
    using: own('session_lessons'),
  },
  {
    table: 'session_lessons',
    name: 'trainee_scores_own_unfinished',
    command: 'INSERT',
    to: TRAINEE_GROUP,
    check: open('session_lessons'),
  },
  {
    table: 'session_results',
    name: 'trainee_reads_own',
    command: 'SELECT',
    to: TRAINEE_GROUP,
    using: own('session_results'),
  },
  {
    table: 'session_results',
    name: 'trainee_finishes_own',
    command: 'INSERT',
    to: TRAINEE_GROUP,
    check: own('session_results'),
  },
  ...(['sessions', 'events', 'session_lessons', 'session_results'] as const).map(
    (table): Policy => ({ table, name: 'lead_reads_all', command: 'SELECT', to: LEAD_GROUP, using: 'true' }),
  ),
];

function policySql(p: Policy): string {
  return [
    `DROP POLICY IF EXISTS ${p.name} ON ${p.table};`,
    `CREATE POLICY ${p.name} ON ${p.table} FOR ${p.command} TO ${p.to}`,
    p.using ? ` USING (${p.using})` : '',
    p.check ? ` WITH CHECK (${p.check})` : '',
    ';',
  ].join('');
}

/** The group roles (roles belong to the whole server, so they may exist already). */
const GROUPS_SQL = `
  DO $$ BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '${TRAINEE_GROUP}') THEN CREATE ROLE ${TRAINEE_GROUP} NOLOGIN; END IF;
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '${LEAD_GROUP}') THEN CREATE ROLE ${LEAD_GROUP} NOLOGIN; END IF;
  END $$;`;

/** The append-only deletion log, and the triggers that fill it and guard it. */
const DELETION_LOG_SQL = `
  CREATE TABLE IF NOT EXISTS roleplay_deletions (
    seq        bigserial PRIMARY KEY,
    deleted_at timestamptz NOT NULL DEFAULT now(),
    login      text NOT NULL,
    role       text NOT NULL,
    table_name text NOT NULL,
    old_row    jsonb NOT NULL
  );
  -- SECURITY DEFINER: the copy is written whoever deletes (a superuser, a role granted DELETE).
  CREATE OR REPLACE FUNCTION roleplay_log_deletion() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER SET search_path FROM CURRENT AS $$
  BEGIN
    INSERT INTO roleplay_deletions (login, role, table_name, old_row)
      VALUES (session_user, current_setting('role'), TG_TABLE_NAME, to_jsonb(OLD));
    RETURN OLD;
  END $$;
  CREATE OR REPLACE FUNCTION roleplay_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
  BEGIN
    IF TG_OP = 'TRUNCATE' THEN
      RAISE EXCEPTION 'roleplay: % cannot be truncated: delete its rows instead, so that each deletion is logged', TG_TABLE_NAME
        USING ERRCODE = 'insufficient_privilege';
    END IF;
    RAISE EXCEPTION 'roleplay: % is append-only: its rows cannot be %d', TG_TABLE_NAME, lower(TG_OP)
      USING ERRCODE = 'insufficient_privilege';
  END $$;
  DROP TRIGGER IF EXISTS append_only ON roleplay_deletions;
  CREATE TRIGGER append_only BEFORE UPDATE OR DELETE ON roleplay_deletions
    FOR EACH ROW EXECUTE FUNCTION roleplay_refuse_change();
  ${TABLES.filter((t) => t !== 'roleplay_migrations')
    .map(
      (t) => `DROP TRIGGER IF EXISTS no_truncate ON ${t};
  CREATE TRIGGER no_truncate BEFORE TRUNCATE ON ${t} FOR EACH STATEMENT EXECUTE FUNCTION roleplay_refuse_change();`,
    )
    .join('\n  ')}
  ${DATA_TABLES.map(
    (t) => `DROP TRIGGER IF EXISTS log_deletions ON ${t};
  CREATE TRIGGER log_deletions AFTER DELETE ON ${t} FOR EACH ROW EXECUTE FUNCTION roleplay_log_deletion();`,
  ).join('\n  ')}
  -- For the owner: a whole session in the order the foreign keys need, each row logged.
  CREATE OR REPLACE FUNCTION roleplay_delete_session(session_id text) RETURNS integer
    LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
  DECLARE target bigint; removed integer;
  BEGIN
    SELECT sid INTO target FROM sessions WHERE id = session_id;
    IF target IS NULL THEN RAISE EXCEPTION 'roleplay: no session %', session_id; END IF;
    DELETE FROM events WHERE sid = target;
    GET DIAGNOSTICS removed = ROW_COUNT;
    DELETE FROM session_lessons WHERE sid = target;
    DELETE FROM session_results WHERE sid = target;
    DELETE FROM sessions WHERE sid = target;
    RETURN removed;
  END $$;
  REVOKE ALL ON FUNCTION roleplay_delete_session(text) FROM PUBLIC;`;

const GRANTS_SQL = `
  REVOKE ALL ON ${TABLES.join(', ')} FROM PUBLIC, ${TRAINEE_GROUP}, ${LEAD_GROUP};
  GRANT SELECT ON ${TABLES.join(', ')} TO ${LEAD_GROUP};
  GRANT SELECT ON ${TABLES.filter((t) => t !== 'roleplay_deletions').join(', ')} TO ${TRAINEE_GROUP};
  GRANT INSERT ON ${DATA_TABLES.join(', ')} TO ${TRAINEE_GROUP};
  GRANT UPDATE (event_count, head_hash, play) ON sessions TO ${TRAINEE_GROUP};
  GRANT USAGE ON SEQUENCE sessions_sid_seq TO ${TRAINEE_GROUP};
  ${['sessions', 'events', 'session_lessons', 'session_results'].map((t) => `ALTER TABLE ${t} ENABLE ROW LEVEL SECURITY;`).join('\n  ')}
  ${POLICIES.map(policySql).join('\n  ')}`;

/**
 * What the server's owner may not let us change (we are not the database's or the schema's
 * owner): tried, and a warning when refused, since the tables are protected without it.
 */
function hardeningSql(database: string, schema: string, q: (id: string) => string): { sql: string; what: Said }[] {
  return [
    {
      sql: `REVOKE CONNECT, TEMPORARY ON DATABASE ${q(database)} FROM PUBLIC;
            GRANT CONNECT ON DATABASE ${q(database)} TO ${TRAINEE_GROUP}, ${LEAD_GROUP}`,
      what: said(
        `只允许团队成员连接数据库 ${database}`,
        `letting only the team's roles connect to the database ${database}`,
      ),
    },
    {
      sql: `REVOKE CREATE ON SCHEMA ${q(schema)} FROM PUBLIC; GRANT USAGE ON SCHEMA ${q(schema)} TO ${TRAINEE_GROUP}, ${LEAD_GROUP}`,
      what: said(`禁止其他人在模式 ${schema} 中建表`, `keeping others from creating tables in the schema ${schema}`),
    },
  ];
}

export interface InitOutcome {
  /** hardening steps the server refused (we are not the owner of the database or schema) */
  readonly skipped: readonly { readonly what: Said; readonly why: string }[];
}

/**
 * `team init` after the migrations: groups, rights, policies, the deletion log; one
 * transaction, so a refusal half-way leaves the server as it was.
 */
export async function applySecurity(client: pg.PoolClient): Promise<InitOutcome> {
  const skipped: { what: Said; why: string }[] = [];
  await client.query('BEGIN');
  try {
    await client.query(GROUPS_SQL);
    await client.query(DELETION_LOG_SQL);
    await client.query(GRANTS_SQL);
    const {
      rows: [where],
    } = await client.query<{ db: string; schema: string }>(
      'SELECT current_database() AS db, current_schema() AS schema',
    );
    for (const step of hardeningSql(where!.db, where!.schema, (id) => client.escapeIdentifier(id))) {
      await client.query('SAVEPOINT hardening');
      try {
        await client.query(step.sql);
        await client.query('RELEASE SAVEPOINT hardening');
      } catch (e) {
        await client.query('ROLLBACK TO SAVEPOINT hardening');
        if ((e as { code?: string }).code !== '42501') throw e;
        skipped.push({ what: step.what, why: (e as Error).message });
      }
    }
    await client.query('COMMIT');
  } catch (e) {
    await client.query('ROLLBACK').catch(() => {});
    throw e;
  }
  return { skipped };
}

/** What a role is to the team, if it exists. */
export interface RoleFacts {
  readonly exists: boolean;
  readonly kind?: MemberKind;
  readonly canLogin: boolean;
}

export async function roleFacts(q: Pick<pg.PoolClient, 'query'>, name: string): Promise<RoleFacts> {
  const { rows } = await q.query<{ login: boolean; trainee: boolean; lead: boolean }>(
    `SELECT r.rolcanlogin AS login,
            EXISTS (SELECT 1 FROM pg_auth_members m JOIN pg_roles g ON g.oid = m.roleid
                     WHERE m.member = r.oid AND g.rolname = $2) AS trainee,
            EXISTS (SELECT 1 FROM pg_auth_members m JOIN pg_roles g ON g.oid = m.roleid
                     WHERE m.member = r.oid AND g.rolname = $3) AS lead
       FROM pg_roles r WHERE r.rolname = $1`,
    [name, TRAINEE_GROUP, LEAD_GROUP],
  );
  const r = rows[0];
  if (!r) return { exists: false, canLogin: false };
  const kind = r.trainee ? 'trainee' : r.lead ? 'lead' : undefined;
  return { exists: true, canLogin: r.login, ...(kind ? { kind } : {}) };
}

export async function groupsExist(q: Pick<pg.PoolClient, 'query'>): Promise<boolean> {
  const { rows } = await q.query<{ n: number }>('SELECT count(*)::int AS n FROM pg_roles WHERE rolname = ANY($1)', [
    [TRAINEE_GROUP, LEAD_GROUP],
  ]);
  return rows[0]!.n === 2;
}

/** The team's people: every login role in one of the groups. */
export async function members(q: Pick<pg.PoolClient, 'query'>): Promise<{ name: string; kind: MemberKind }[]> {
  const { rows } = await q.query<{ name: string; grp: string }>(
    `SELECT r.rolname AS name, g.rolname AS grp
       FROM pg_auth_members m JOIN pg_roles g ON g.oid = m.roleid JOIN pg_roles r ON r.oid = m.member
      WHERE g.rolname = ANY($1) ORDER BY r.rolname COLLATE "C"`,
    [[TRAINEE_GROUP, LEAD_GROUP]],
  );
  return rows.map((r) => ({ name: r.name, kind: r.grp === LEAD_GROUP ? 'lead' : 'trainee' }));
}

/**
 * A login role in the group, with the password sent only as a SCRAM verifier: the password
 * itself never reaches the server, nor its log (log_statement = all would print it).
 */
export async function createMember(
  client: pg.PoolClient,
  kind: MemberKind,
  name: string,
  password: string,
): Promise<void> {
  const role = client.escapeIdentifier(name);
  await client.query(
    `CREATE ROLE ${role} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS INHERIT
       PASSWORD ${client.escapeLiteral(scramVerifier(password))} IN ROLE ${GROUP_OF[kind]}`,
  );
}

export async function setPassword(client: pg.PoolClient, name: string, password: string): Promise<void> {
  await client.query(
    `ALTER ROLE ${client.escapeIdentifier(name)} PASSWORD ${client.escapeLiteral(scramVerifier(password))}`,
  );
}

/** A password to print once: 24 letters and digits (about 143 bits). */
export function generatePassword(): string {
  const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789';
  const out: string[] = [];
  while (out.length < 24) {
    for (const b of randomBytes(32)) {
      // rejection sampling keeps every letter equally likely
      if (b < alphabet.length * Math.floor(256 / alphabet.length) && out.length < 24)
        out.push(alphabet[b % alphabet.length]!);
    }
  }
  return out.join('');
}

/** Why a role name cannot be used, or undefined when it can. */
export function badRoleName(name: string): Said | undefined {
  if (Buffer.byteLength(name, 'utf8') > 63 || name.length === 0)
    return said(`角色名 '${name}' 必须是 1 到 63 个字节`, `the role name '${name}' must be 1 to 63 bytes long`);
  if (!/^[\p{L}\p{N}_.-]+$/u.test(name))
    return said(
      `角色名 '${name}' 只能包含字母、数字、'_'、'.' 和 '-'`,
      `the role name '${name}' may hold only letters, digits, '_', '.' and '-'`,
    );
  if (/^pg_/i.test(name) || name === TRAINEE_GROUP || name === LEAD_GROUP || name === 'public')
    return said(`角色名 '${name}' 是保留名`, `the role name '${name}' is reserved`);
  return undefined;
}

/** Why a password cannot be used, or undefined when it can. */
export function badPassword(password: string): Said | undefined {
  if (password.length < 12) return said('密码至少要有 12 个字符', 'the password must be at least 12 characters long');
  if (password.length > 200) return said('密码最多 200 个字符', 'the password may be at most 200 characters long');
  // Printable ASCII: every client (libpq, node-postgres) hashes it the same way (no SASLprep).
  if (!/^[\x21-\x7e]+$/.test(password))
    return said(
      '密码只能包含可打印的 ASCII 字符（字母、数字、标点），不能有空格',
      'the password may hold only printable ASCII (letters, digits, punctuation), no spaces',
    );
  return undefined;
}

/** A refusal of the server, when a team command needs more rights than the URL's role has. */
export function needsOwner(where: string): StoreError {
  return new StoreError(
    said(
      `${where} 中的角色不能设置团队服务器：需要 roleplay 表的所有者或超级用户（建角色还需要 CREATEROLE）`,
      `the role in ${where} cannot set up the team server: it takes the owner of the roleplay tables or a superuser (and CREATEROLE to add people)`,
    ),
  );
}
