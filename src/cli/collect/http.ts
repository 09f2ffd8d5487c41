import type { CollectedCall } from '../../engine';

/**
 * The collection's HTTP client: Node's own `fetch`, at most `concurrency` requests in flight, `429` and `5xx`
 * retried after `Retry-After` (or an exponential backoff), every call recorded for the manifest. The bearer
 * token travels in a header only: URLs, records and messages never hold it, and a URL that leaves the base
 * URL's origin (a `nextLink` pointing elsewhere) is refused rather than sent the token.
 */

export type Fetch = (url: string, init: { method: string; headers: Record<string, string>; body?: string }) => Promise<Response>;

export interface HttpOptions {
  fetch: Fetch;
  concurrency: number;
  /** Attempts per call, the first included. */
  maxAttempts: number;
  /** First backoff without `Retry-After`; doubles each attempt. */
  backoffMs: number;
  /** Longest single wait, whatever `Retry-After` says. */
  maxWaitMs: number;
  sleep: (ms: number) => Promise<void>;
}

/** What one call ended with: the parsed body, or why there is none. */
export type CallResult =
  | { ok: true; body: unknown; status: number }
  | { ok: false; outcome: Exclude<CollectedCall['outcome'], 'ok'>; status?: number; note: string };

/**
 * An action path segment that hands out secrets (`listKeys`, `listSecrets`, `listCredentials`,
 * `listConnectionString`...): every ARM `list*` action is one, so none is ever called.
 */
export function isSecretAction(url: string): boolean {
  const path = url.split('?')[0] ?? '';
  return path.split('/').some((segment) => /^list[A-Z]/.test(segment) || /^list(keys|secrets|credentials)/i.test(segment));
}

const RETRIED = new Set([429, 500, 502, 503, 504]);

/** Seconds or an HTTP date, as `Retry-After` may say; undefined when absent or unreadable. */
function retryAfterMs(header: string | null): number | undefined {
  if (header === null) return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const date = Date.parse(header);
  return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}

export class HttpClient {
  readonly calls: CollectedCall[] = [];
  private active = 0;
  private readonly waiting: (() => void)[] = [];
  /** Bytes of response bodies read, for the progress line and the bench. */
  bytes = 0;

  constructor(
    private readonly options: HttpOptions,
    /** Origins the token may go to, each with its token (ARM and Resource Graph share one). */
    private readonly tokens: ReadonlyMap<string, () => Promise<string>>,
  ) {}

  /** Calls in flight or waiting for a slot, for the progress line. */
  get pending(): number {
    return this.active + this.waiting.length;
  }

  /** Calls `url` and parses its JSON body; never throws for HTTP or network faults (they are results). */
  async json(method: 'GET' | 'POST', url: string, body?: unknown): Promise<CallResult> {
    const record: CollectedCall = { method, url, outcome: 'ok', attempts: 0 };
    this.calls.push(record);
    const result = await this.attempt(method, url, body, record);
    record.outcome = result.ok ? 'ok' : result.outcome;
    if (result.status !== undefined) record.status = result.status;
    if (!result.ok) record.note = result.note;
    return result;
  }

  private async attempt(method: string, url: string, body: unknown, record: CollectedCall): Promise<CallResult> {
    if (isSecretAction(url)) return { ok: false, outcome: 'failed', note: 'refused: a list* action hands out secrets' };
    let origin: string;
    try {
      origin = new URL(url).origin;
    } catch {
      return { ok: false, outcome: 'malformed', note: 'not a URL' };
    }
    const token = this.tokens.get(origin);
    if (token === undefined) return { ok: false, outcome: 'failed', note: `refused: ${origin} is not the ARM or Graph base URL, so it gets no token` };
    for (let attempt = 1; ; attempt++) {
      record.attempts = attempt;
      let response: Response;
      let text: string;
      try {
        const headers: Record<string, string> = { authorization: `Bearer ${await token()}`, accept: 'application/json' };
        if (body !== undefined) headers['content-type'] = 'application/json';
        response = await this.limited(() =>
          this.options.fetch(url, { method, headers, ...(body !== undefined ? { body: JSON.stringify(body) } : {}) }).then(async (r) => {
            text = await r.text();
            return r;
          }),
        );
      } catch (error) {
        // Network faults (reset, refused) are retried like a 503; their messages name hosts, never headers.
        if (attempt < this.options.maxAttempts) {
          await this.options.sleep(this.backoff(attempt));
          continue;
        }
        return { ok: false, outcome: 'failed', note: `network error: ${(error as Error).message}` };
      }
      text = text!;
      this.bytes += text.length;
      const status = response.status;
      if (RETRIED.has(status) && attempt < this.options.maxAttempts) {
        await this.options.sleep(Math.min(this.options.maxWaitMs, retryAfterMs(response.headers.get('retry-after')) ?? this.backoff(attempt)));
        continue;
      }
      if (status === 403 || status === 401) return { ok: false, outcome: 'forbidden', status, note: `${status} ${errorCode(text) ?? 'Forbidden'}` };
      if (status === 404) return { ok: false, outcome: 'not-found', status, note: `404 ${errorCode(text) ?? 'Not Found'}` };
      if (status < 200 || status >= 300)
        return { ok: false, outcome: 'failed', status, note: `${status} ${errorCode(text) ?? 'error'}${RETRIED.has(status) ? ` after ${attempt} attempts` : ''}` };
      try {
        return { ok: true, body: JSON.parse(text), status };
      } catch (error) {
        return { ok: false, outcome: 'malformed', status, note: `malformed JSON (${(error as Error).message})` };
      }
    }
  }

  private backoff(attempt: number): number {
    const base = this.options.backoffMs * 2 ** (attempt - 1);
    // Jitter spreads the retries of concurrent calls that failed together.
    return Math.min(this.options.maxWaitMs, base / 2 + Math.random() * (base / 2));
  }

  private async limited<T>(task: () => Promise<T>): Promise<T> {
    while (this.active >= this.options.concurrency) await new Promise<void>((resolve) => this.waiting.push(resolve));
    this.active += 1;
    try {
      return await task();
    } finally {
      this.active -= 1;
      this.waiting.shift()?.();
    }
  }
}

/** The `error.code` of an ARM or Graph error body, when it has one. */
function errorCode(text: string): string | undefined {
  try {
    const parsed = JSON.parse(text) as { error?: { code?: unknown } };
    return typeof parsed.error?.code === 'string' ? parsed.error.code.slice(0, 80) : undefined;
  } catch {
    return undefined;
  }
}
