/**
 * A row of the `sessions` table as the databases return it. SQLite and PostgreSQL differ only
 * in the internal row id (an integer; a bigint string) and in booleans (0/1; true/false).
 */
export interface SessionColumns<RowId, Flag> {
  sid: RowId;
  id: string;
  trainee: string;
  scenario_id: string;
  scenario_hash: string;
  lang: string;
  mode: string;
  started_at: string;
  finished_at: string | null;
  outcome: string | null;
  ending: string | null;
  total: number | null;
  max: number | null;
  percent: number | null;
  passed: Flag | null;
  event_count: number;
  head_hash: string;
  seal: string | null;
}
