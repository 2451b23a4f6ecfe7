/**
 * Opening a session database only to read it (sessions, review, report, export, verify). A
 * team lead inspects a copy or a backup: a file made read-only (chmod 444), in a read-only
 * folder or on a read-only mount. Such a file is opened read-only, and nothing is written to
 * it — not even the WAL switch a writer makes.
 *
 * What the file is, is said before anything is read from it: missing, empty (0 bytes), not a
 * SQLite file, someone else's SQLite file, a newer roleplay's, or an older one's (migrated in
 * place when the file may be written, else in a copy in memory, so an old backup still reads).
 *
 * SQLite cannot open a WAL database read-only in a folder where it may not create the shared
 * memory file (`-shm`); then the file is read into memory once and opened from there (it is
 * a consistent snapshot, since nobody can be writing to it).
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import type { Database as Db } from 'better-sqlite3';
import { StoreError } from '../store.js';
import {
  BUSY_TIMEOUT_MS,
  DEFAULT_DB_PATH,
  defaultFolder,
  foreignTables,
  migrate,
  noFolder,
  notRoleplays,
  openSqliteStore,
  SqliteStore,
  tooNew,
} from './sqlite-store.js';
import { SCHEMA_VERSION } from './migrations.js';

export interface ReaderOptions {
  /** when the file does not exist: read it as empty (sessions, report) or refuse (verify) */
  readonly missing: 'empty' | 'refuse';
}

const says = {
  missing: (file: string) =>
    new StoreError({
      zh: `${file} 不存在：这里还没有记录过练习（或文件被删除、移走了）`,
      en: `there is no session database at ${file}: nothing was recorded here (or the file was deleted or moved)`,
    }),
  empty: (file: string) =>
    new StoreError({
      zh: `练习记录库 ${file} 是空的（0 字节或没有任何表）：它不是 roleplay 的练习记录库，或已被清空`,
      en: `the session database ${file} is empty (no bytes or no tables): it is not a roleplay database, or it was emptied`,
    }),
  notAFile: (file: string) =>
    new StoreError({
      zh: `${file} 不是普通文件，不能作为练习记录库`,
      en: `${file} is not a regular file, so it cannot be a session database`,
    }),
  notSqlite: (file: string) =>
    new StoreError({
      zh: `练习记录库 ${file} 已损坏，或根本不是数据库（不是 SQLite 文件）`,
      en: `the session database ${file} is damaged, or not a database at all (not a SQLite file)`,
    }),
  walNeedsFolder: (file: string) =>
    new StoreError({
      zh: `练习记录库 ${file} 还有未写回的日志（${file}-wal），而所在文件夹是只读的；请把数据库连同 -wal 文件复制到可写的地方再查看`,
      en: `the session database ${file} has a write-ahead log (${file}-wal) not yet written back, and its folder is read-only; copy the database with its -wal file somewhere writable to read it`,
    }),
};

/** Opens `file` for reading only; see the module comment for what it refuses and how. */
export function openSqliteReader(file: string, options: ReaderOptions): SqliteStore {
  if (file === ':memory:') return openSqliteStore(file);
  let size: number;
  try {
    const st = statSync(file);
    if (!st.isFile()) throw says.notAFile(file);
    size = st.size;
  } catch (e) {
    if (e instanceof StoreError) throw e;
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw says.notSqlite(file);
    // the default folder is made as by any command (and a HOME it cannot be made in said so);
    // a folder the user named is never made
    if (file === DEFAULT_DB_PATH) defaultFolder();
    else if (!existsSync(dirname(file))) throw noFolder(file);
    if (options.missing === 'refuse') throw says.missing(file);
    return emptyAt(file);
  }
  if (size === 0) throw says.empty(file);
  const db = openReadOnly(file);
  const version = schemaOf(db, file);
  if (version === SCHEMA_VERSION) return configured(db, file);
  db.close();
  // An older roleplay's file: migrated in place when it may be written, as every command did.
  try {
    return openSqliteStore(file);
  } catch (e) {
    if (!isReadOnlyFailure(e)) throw e;
  }
  const copy = inMemory(file);
  migrate(copy, file);
  return configured(copy, file);
}

/** No file: an empty store that is never written to disk, named after the path for messages. */
function emptyAt(file: string): SqliteStore {
  const db = new Database(':memory:');
  migrate(db);
  return new SqliteStore(db, file);
}

function openReadOnly(file: string): Db {
  try {
    const db = new Database(file, { readonly: true, fileMustExist: true, timeout: BUSY_TIMEOUT_MS });
    db.prepare('SELECT count(*) FROM sqlite_master').get();
    return db;
  } catch (e) {
    const code = (e as { code?: string }).code ?? '';
    if (code === 'SQLITE_READONLY_DIRECTORY' || code === 'SQLITE_CANTOPEN' || code.startsWith('SQLITE_READONLY'))
      return inMemory(file);
    throw says.notSqlite(file);
  }
}

/** The file's schema version, after making sure it is roleplay's. */
function schemaOf(db: Db, file: string): number {
  try {
    const version = db.pragma('user_version', { simple: true }) as number;
    if (version > SCHEMA_VERSION) throw tooNew(version);
    if (version === 0) throw foreignTables(db) > 0 ? notRoleplays(file) : says.empty(file);
    return version;
  } catch (e) {
    db.close();
    if (e instanceof StoreError) throw e;
    throw says.notSqlite(file);
  }
}

/** A copy of the file in memory (a WAL file's header says so: it is made to read as a plain one). */
function inMemory(file: string): Db {
  const wal = `${file}-wal`;
  if (existsSync(wal) && statSync(wal).size > 0) throw says.walNeedsFolder(file);
  const bytes = readFileSync(file);
  if (bytes.length >= 20 && bytes[18] === 2 && bytes[19] === 2) {
    bytes[18] = 1;
    bytes[19] = 1;
  }
  try {
    const db = new Database(bytes);
    db.prepare('SELECT count(*) FROM sqlite_master').get();
    return db;
  } catch {
    throw says.notSqlite(file);
  }
}

function configured(db: Db, file: string): SqliteStore {
  db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
  db.pragma('query_only = ON');
  db.pragma(`mmap_size = ${256 * 1024 * 1024}`);
  db.pragma('temp_store = MEMORY');
  db.pragma('cache_size = -65536');
  return new SqliteStore(db, file);
}

function isReadOnlyFailure(e: unknown): boolean {
  const text = e instanceof Error ? e.message : String(e);
  return /readonly|read-only|unable to open|EACCES|EROFS|EPERM/i.test(text);
}
