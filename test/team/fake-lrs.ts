/**
 * A small learning record store for the tests: node:http on 127.0.0.1, port 0. It checks
 * what a real LRS checks (the X-Experience-API-Version header, Basic auth, every statement
 * against @learninglocker/xapi-validation, duplicate ids) and can be told to fail the next
 * requests (503, 429, a dropped connection) to exercise retries.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import xapiValidation from '@learninglocker/xapi-validation';

// The package is CommonJS with `exports.default`: under ESM the function is one level down.
const validate = ((xapiValidation as unknown as { default?: unknown }).default ?? xapiValidation) as (
  data: unknown,
) => { path: string[]; typeName?: string; name: string }[];

export type Failure = '503' | '429' | 'drop';

export interface FakeLrsOptions {
  readonly user?: string;
  readonly password?: string;
  /** answer 409 to a batch holding any id already stored (Learning Locker style); else skip those */
  readonly conflictOnKnownIds?: boolean;
}

export interface LrsRequest {
  readonly method: string;
  readonly path: string;
  readonly version: string | undefined;
  readonly count: number;
  readonly status: number;
}

export class FakeLrs {
  readonly stored = new Map<string, string>();
  readonly requests: LrsRequest[] = [];
  /** problems the validator found, as "id: path" lines; must stay empty */
  readonly invalid: string[] = [];
  readonly failNext: Failure[] = [];
  private server: Server;

  private constructor(private readonly options: FakeLrsOptions) {
    this.server = createServer((req, res) => void this.handle(req, res));
  }

  static async start(options: FakeLrsOptions = {}): Promise<FakeLrs> {
    const lrs = new FakeLrs(options);
    await new Promise<void>((resolve) => lrs.server.listen(0, '127.0.0.1', resolve));
    return lrs;
  }

  get endpoint(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/xAPI`;
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async handle(req: IncomingMessage, res: ServerResponse) {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const url = new URL(req.url ?? '/', 'http://localhost');
    const version = req.headers['x-experience-api-version'] as string | undefined;
    const log = (status: number, count = 0) =>
      this.requests.push({ method: req.method ?? '', path: url.pathname, version, count, status });
    const reply = (status: number, body?: unknown, count = 0) => {
      log(status, count);
      res.writeHead(
        status,
        body === undefined ? {} : { 'Content-Type': 'application/json', 'X-Experience-API-Version': '1.0.3' },
      );
      res.end(body === undefined ? undefined : JSON.stringify(body));
    };

    const failure = this.failNext.shift();
    if (failure === 'drop') {
      log(0);
      req.socket.destroy();
      return;
    }
    if (failure === '503') return reply(503, { message: 'try later' });
    if (failure === '429') {
      log(429);
      res.writeHead(429, { 'Retry-After': '2' });
      return void res.end();
    }

    if (url.pathname !== '/xAPI/statements') return reply(404, { message: 'no such resource' });
    if (!version?.startsWith('1.0'))
      return reply(400, { message: 'X-Experience-API-Version header missing or unsupported' });
    const expected =
      this.options.user === undefined
        ? undefined
        : `Basic ${Buffer.from(`${this.options.user}:${this.options.password}`).toString('base64')}`;
    if (expected !== undefined && req.headers.authorization !== expected)
      return reply(401, { message: 'Unauthorized' });

    let body: unknown;
    try {
      body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
    } catch {
      return reply(400, { message: 'body is not JSON' });
    }
    const statements = (Array.isArray(body) ? body : [body]) as { id?: string }[];
    for (const s of statements) {
      const problems = validate(s);
      if (problems.length > 0) {
        this.invalid.push(...problems.map((p) => `${s.id}: ${p.path.join('.')} (${p.typeName ?? p.name})`));
        return reply(400, { message: `invalid statement ${s.id}: ${problems[0]!.path.join('.')}` }, statements.length);
      }
      if (!s.id) return reply(400, { message: 'statement without id' });
    }
    const ids = statements.map((s) => s.id!);
    if (new Set(ids).size !== ids.length)
      return reply(400, { message: 'duplicate ids in one batch' }, statements.length);

    if (req.method === 'PUT') {
      const id = url.searchParams.get('statementId');
      if (!id || id !== ids[0] || statements.length !== 1)
        return reply(400, { message: 'statementId must match the statement id' });
      const known = this.stored.get(id);
      if (known !== undefined && known !== canonical(statements[0]))
        return reply(409, { message: 'a different statement has this id' }, 1);
      this.stored.set(id, canonical(statements[0]));
      return reply(204, undefined, 1);
    }
    if (req.method !== 'POST') return reply(405, { message: 'method not allowed' });

    for (const s of statements) {
      const known = this.stored.get(s.id!);
      if (known !== undefined && (this.options.conflictOnKnownIds || known !== canonical(s))) {
        return reply(409, { message: `statement ${s.id} already exists` }, statements.length);
      }
    }
    for (const s of statements) if (!this.stored.has(s.id!)) this.stored.set(s.id!, canonical(s));
    return reply(200, ids, statements.length);
  }
}

/** The statement as the LRS compares it: keys sorted, so that equal content compares equal. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => a.localeCompare(b)))
      : v,
  );
}
