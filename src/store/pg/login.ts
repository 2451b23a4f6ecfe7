/**
 * Who a team server URL logs in as, worked out the way node-postgres does it (the URL's user,
 * else PGUSER, else USER), without connecting: on a team server that role is the trainee's
 * name on every session, also while the laptop records offline.
 */
import { userInfo } from 'node:os';

export function loginRoleOf(url: string, env: NodeJS.ProcessEnv = process.env): string {
  let user = '';
  try {
    user = decodeURIComponent(new URL(url).username);
  } catch {
    // an unparsable URL fails later, when it is used, with its own message
  }
  return user || env.PGUSER || env.USER || osUser();
}

function osUser(): string {
  try {
    return userInfo().username;
  } catch {
    return '';
  }
}
