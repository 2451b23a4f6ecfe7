/**
 * Sending xAPI 1.0.3 statements to a learning record store (LRS).
 *
 * Statements go in batches (POST /statements with an array). Every statement carries a stable
 * id, so sending the same sessions twice is harmless: the LRS keeps the first copy. Network
 * failures, 5xx and 429 answers are retried with exponential backoff (honouring Retry-After);
 * any other refusal stops at once with one line that says what the LRS said.
 *
 * An LRS may answer 409 Conflict to a batch that contains a statement it already holds
 * (the spec lets it choose between 409 and 200). The batch is then re-sent one statement at a
 * time with PUT /statements?statementId=…, where an identical copy is answered 204: only a
 * statement whose stored copy differs is a real conflict.
 *
 * Failures carry both languages (LrsError is a StoreError): the command that prints picks one.
 */
import type { Lang, Said } from '../../core/index.js';
import { StoreError } from '../store.js';

/** The least we need of a statement: its stable id. The rest is the LRS's business. */
export interface XapiStatementLike {
  readonly id: string;
}

export interface LrsAuth {
  readonly user: string;
  readonly password: string;
}

export interface LrsOptions {
  /** the LRS endpoint (…/xAPI), or its statements resource (…/xAPI/statements) */
  readonly endpoint: string;
  readonly auth?: LrsAuth;
  /** statements per POST (default 50) */
  readonly batchSize?: number;
  /** attempts per request before giving up (default 6) */
  readonly attempts?: number;
  /** first backoff delay in ms, doubled each retry (default 500) */
  readonly backoffMs?: number;
  /** per-request time limit in ms (default 30 s) */
  readonly timeoutMs?: number;
  /** injected for tests, so retries do not really wait */
  readonly sleep?: (ms: number) => Promise<void>;
  /** progress after each batch */
  readonly onBatch?: (done: number, total: number) => void;
}

export interface LrsResult {
  readonly sent: number;
  readonly batches: number;
  /** requests that were retried after a failure */
  readonly retries: number;
  /** batches answered 409 and re-sent one statement at a time */
  readonly resentOneByOne: number;
}

/**
 * What went wrong, and, once sending had begun, how far it got. `in(lang)` says both;
 * `reasonIn(lang)` only the first, for a caller that counts what was sent across calls.
 */
export class LrsError extends StoreError {
  constructor(
    private readonly reason: Said,
    readonly progress?: { readonly sent: number; readonly total: number },
  ) {
    super(
      progress
        ? {
            zh: `${reason.zh}；${progress.total} 条记录中已发送 ${progress.sent} 条（重新发送是安全的）`,
            en: `${reason.en}; ${progress.sent} of ${progress.total} statements were sent (sending again is safe)`,
          }
        : reason,
    );
  }
  reasonIn(lang: Lang): string {
    return this.reason[lang];
  }
}

export const XAPI_VERSION = '1.0.3';

/** `USER:PASS` as given to --auth (the password may itself contain colons). */
export function parseAuth(value: string): LrsAuth {
  const colon = value.indexOf(':');
  if (colon <= 0) {
    throw new LrsError({
      zh: '--auth 的格式是 USER:PASS（学习记录库的 key 和 secret）',
      en: '--auth expects USER:PASS (the key and secret of the learning record store)',
    });
  }
  return { user: value.slice(0, colon), password: value.slice(colon + 1) };
}

export function statementsUrl(endpoint: string): URL {
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch {
    throw new LrsError({
      zh: `'${endpoint}' 不是网址；请给出学习记录库的地址，例如 https://lrs.example.com/xAPI`,
      en: `'${endpoint}' is not a URL; give the LRS endpoint, e.g. https://lrs.example.com/xAPI`,
    });
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new LrsError({ zh: `'${endpoint}' 不是 http(s) 网址`, en: `'${endpoint}' is not an http(s) URL` });
  }
  if (!/\/statements\/?$/.test(url.pathname)) url.pathname = url.pathname.replace(/\/?$/, '/statements');
  return url;
}

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

type Attempt =
  | { readonly kind: 'ok'; readonly status: number; readonly body: string }
  | { readonly kind: 'retry'; readonly why: Said; readonly waitMs?: number }
  | { readonly kind: 'fail'; readonly status: number; readonly body: string };

function headersOf(auth: LrsAuth | undefined): Record<string, string> {
  const headers: Record<string, string> = {
    'Content-Type': 'application/json',
    'X-Experience-API-Version': XAPI_VERSION,
  };
  if (auth) headers.Authorization = `Basic ${Buffer.from(`${auth.user}:${auth.password}`).toString('base64')}`;
  return headers;
}

/** One upload: requests retried with backoff, and how far it got (for the message if it stops). */
class Upload {
  private readonly url: URL;
  private readonly headers: Record<string, string>;
  private readonly attempts: number;
  retries = 0;
  sent = 0;

  constructor(
    private readonly options: LrsOptions,
    private readonly total: number,
  ) {
    this.url = statementsUrl(options.endpoint);
    this.headers = headersOf(options.auth);
    this.attempts = Math.max(1, options.attempts ?? 6);
  }

  private async once(method: 'POST' | 'PUT', target: URL, body: string): Promise<Attempt> {
    let response: Response;
    try {
      response = await fetch(target, {
        method,
        headers: this.headers,
        body,
        signal: AbortSignal.timeout(this.options.timeoutMs ?? 30_000),
      });
    } catch (e) {
      const cause = (e as { cause?: { code?: string } }).cause?.code ?? (e as Error).name;
      return {
        kind: 'retry',
        why: { zh: `连不上 ${target.host}（${cause}）`, en: `cannot reach ${target.host} (${cause})` },
      };
    }
    const text = await response.text().catch(() => '');
    if (response.ok) return { kind: 'ok', status: response.status, body: text };
    if (response.status === 429 || response.status >= 500) {
      const after = Number(response.headers.get('retry-after'));
      const why = { zh: `学习记录库返回了 ${response.status}`, en: `the LRS answered ${response.status}` };
      return { kind: 'retry', why, ...(after > 0 ? { waitMs: after * 1000 } : {}) };
    }
    return { kind: 'fail', status: response.status, body: text };
  }

  /** One request, retried with backoff; a final failure or refusal is returned, not thrown. */
  async request(
    method: 'POST' | 'PUT',
    target: URL,
    body: string,
  ): Promise<Exclude<Attempt, { kind: 'retry' }> | { kind: 'gave-up'; why: Said }> {
    const backoff = this.options.backoffMs ?? 500;
    const sleep = this.options.sleep ?? defaultSleep;
    for (let attempt = 1; ; attempt++) {
      const result = await this.once(method, target, body);
      if (result.kind !== 'retry') return result;
      if (attempt >= this.attempts) return { kind: 'gave-up', why: result.why };
      this.retries++;
      const delay = result.waitMs ?? backoff * 2 ** (attempt - 1) * (1 + Math.random() * 0.25);
      await sleep(Math.min(delay, 60_000));
    }
  }

  /** Stopped: why, and how many statements were sent before. */
  failed(why: Said): LrsError {
    return new LrsError(why, { sent: this.sent, total: this.total });
  }

  gaveUp(why: Said): LrsError {
    return this.failed({
      zh: `${why.zh}，已尝试 ${this.attempts} 次`,
      en: `${why.en} after ${this.attempts} attempts`,
    });
  }

  /** A batch with a statement the LRS already holds (409): each one with PUT, so the duplicates drop out. */
  async sendOneByOne(batch: readonly XapiStatementLike[]): Promise<void> {
    for (const statement of batch) {
      const target = new URL(this.url);
      target.searchParams.set('statementId', statement.id);
      const result = await this.request('PUT', target, JSON.stringify(statement));
      if (result.kind === 'gave-up') throw this.gaveUp(result.why);
      if (result.kind === 'fail') {
        if (result.status === 409) {
          throw this.failed({
            zh: `学习记录库里已有一条编号为 ${statement.id} 但内容不同的记录（409 Conflict）`,
            en: `the LRS already holds a different statement with id ${statement.id} (409 Conflict)`,
          });
        }
        throw this.failed(refusal(result.status, result.body));
      }
      // 204: stored now, or an identical copy was already there; either way it is in the LRS.
    }
  }

  async sendAll(statements: readonly XapiStatementLike[]): Promise<LrsResult> {
    const batchSize = Math.max(1, this.options.batchSize ?? 50);
    let batches = 0;
    let resentOneByOne = 0;
    for (let start = 0; start < statements.length; start += batchSize) {
      const batch = statements.slice(start, start + batchSize);
      const result = await this.request('POST', this.url, JSON.stringify(batch));
      batches++;
      if (result.kind === 'gave-up') throw this.gaveUp(result.why);
      if (result.kind === 'fail' && result.status === 409) {
        await this.sendOneByOne(batch);
        resentOneByOne++;
      } else if (result.kind === 'fail') {
        throw this.failed(refusal(result.status, result.body));
      }
      this.sent += batch.length;
      this.options.onBatch?.(this.sent, statements.length);
    }
    return { sent: this.sent, batches, retries: this.retries, resentOneByOne };
  }
}

export async function sendStatements(
  statements: readonly XapiStatementLike[],
  options: LrsOptions,
): Promise<LrsResult> {
  return new Upload(options, statements.length).sendAll(statements);
}

function refusal(status: number, body: string): Said {
  // What the LRS said is quoted as it said it, in whatever language that is.
  const said = lrsMessage(body);
  const en = said ? `: ${said}` : '';
  const zh = said ? `：${said}` : '';
  switch (status) {
    case 401:
      return {
        zh: '学习记录库拒绝了这组凭据（401）；请检查 --auth USER:PASS',
        en: 'the learning record store refused the credentials (401); check --auth USER:PASS',
      };
    case 403:
      return {
        zh: `学习记录库不允许这组凭据写入记录（403）${zh}`,
        en: `the learning record store does not allow these credentials to write statements (403)${en}`,
      };
    case 404:
      return {
        zh: `这个网址上没有 xAPI statements 资源（404）；请给出学习记录库的地址，例如 https://lrs.example.com/xAPI${zh}`,
        en: `no xAPI statements resource at that URL (404); give the LRS endpoint, e.g. https://lrs.example.com/xAPI${en}`,
      };
    case 400:
      return {
        zh: `学习记录库拒收了这些记录（400）${zh}`,
        en: `the learning record store rejected the statements (400)${en}`,
      };
    default:
      return { zh: `学习记录库返回了 ${status}${zh}`, en: `the learning record store answered ${status}${en}` };
  }
}

/** The human part of an LRS error body, if it has one (JSON `message`/`error`, else text). */
function lrsMessage(body: string): string | undefined {
  const trimmed = body.trim();
  if (!trimmed) return undefined;
  try {
    const data = JSON.parse(trimmed) as { message?: unknown; error?: unknown };
    const message =
      typeof data.message === 'string' ? data.message : typeof data.error === 'string' ? data.error : undefined;
    if (message) return message.split('\n')[0]!.slice(0, 200);
  } catch {
    // not JSON
  }
  return trimmed.split('\n')[0]!.slice(0, 200);
}
