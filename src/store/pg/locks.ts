/**
 * The advisory locks the PostgreSQL store takes, in one place so that no two share a number.
 * Each is transaction-scoped (pg_advisory_xact_lock): released at COMMIT or ROLLBACK.
 */

/** One per database: two processes opening a new database do not both migrate it. */
export const MIGRATION_LOCK = 7_265_706;
/** The class of the per-session locks (two-key form: this class and a hash of the session id). */
export const SESSION_LOCK = 7_265_707;
/** One per database: the store-wide ledger takes its next number under it (ledger-sql.ts). */
export const LEDGER_LOCK = 7_265_708;
