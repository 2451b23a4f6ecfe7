/** The session filter as a PostgreSQL WHERE clause over sessions aliased `s`. */
import type { SessionFilter } from '../store.js';

/** WHERE over sessions aliased `s`, with $n placeholders numbered from `first`. */
export function pgWhereOf(filter: SessionFilter, first = 1, ...extra: string[]): { where: string; params: unknown[] } {
  const parts = [...extra];
  const params: unknown[] = [];
  const add = (sql: string, value: unknown) => {
    params.push(value);
    parts.push(sql.replace('?', `$${first + params.length - 1}`));
  };
  if (filter.trainee !== undefined) add('s.trainee = ?', filter.trainee);
  if (filter.scenario !== undefined) add('s.scenario_id = ?', filter.scenario);
  if (filter.since !== undefined) add('s.started_at >= ?', filter.since);
  if (filter.finished === true) parts.push('s.finished_at IS NOT NULL');
  if (filter.finished === false) parts.push('s.finished_at IS NULL');
  if (filter.withSteps) parts.push('(s.event_count > 0 OR s.finished_at IS NOT NULL)');
  return { where: parts.length ? `WHERE ${parts.join(' AND ')}` : '', params };
}
