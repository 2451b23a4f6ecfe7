/**
 * What the team store tells the person at the terminal while it works offline or uploads in
 * the background, in their language. The reasons inside (why the server cannot be reached)
 * are already in that language (see pgErrorMessage).
 */
import type { Lang } from '../../core/index.js';

export interface SyncNotices {
  offline(reason: string, localCopy: string): string;
  stillWaiting(sessions: number, reason: string): string;
  stepNotTaken(reason: string): string;
  notUploaded(sessionId: string, reason: string): string;
  waitingAtExit(sessions: number): string;
  unreachable(server: string): string;
  /** why a sync ended with sessions left: the server refused them (each was named as it happened) */
  refused(sessions: number): string;
}

const zh: SyncNotices = {
  offline: (reason, localCopy) =>
    `${reason}；改为离线练习：记录先保存在本机（${localCopy}），之后由 \`roleplay sync\` 上传`,
  stillWaiting: (n, reason) => `还有 ${n} 次练习记录等待上传：${reason}`,
  stepNotTaken: (reason) => `团队服务器没有收下最新一步：${reason}；这一步保存在本机，之后由 \`roleplay sync\` 上传`,
  notUploaded: (id, reason) => `练习记录 ${id} 没有上传成功：${reason}`,
  waitingAtExit: (n) => `本机有 ${n} 次练习记录等待上传；团队服务器能连上时，\`roleplay sync\` 会把它们上传`,
  unreachable: (server) => `连不上团队服务器 ${server}`,
  refused: (n) => `有 ${n} 个练习被团队服务器拒收（见上文）`,
};

const en: SyncNotices = {
  offline: (reason, localCopy) =>
    `${reason}; working offline: sessions stay on this computer (${localCopy}) until \`roleplay sync\` uploads them`,
  stillWaiting: (n, reason) =>
    `${n} session${n === 1 ? '' : 's'} still wait${n === 1 ? 's' : ''} to be uploaded: ${reason}`,
  stepNotTaken: (reason) =>
    `the team server did not take the latest step: ${reason}; it stays on this computer for \`roleplay sync\``,
  notUploaded: (id, reason) => `session ${id} was not uploaded: ${reason}`,
  waitingAtExit: (n) =>
    `${n} session${n === 1 ? '' : 's'} wait${n === 1 ? 's' : ''} on this computer; \`roleplay sync\` uploads ${n === 1 ? 'it' : 'them'} when the team server can be reached`,
  unreachable: (server) => `the team server ${server} cannot be reached`,
  refused: (n) => `${n} session(s) were refused by the server (see above)`,
};

export const SYNC_NOTICES: Readonly<Record<Lang, SyncNotices>> = { zh, en };
