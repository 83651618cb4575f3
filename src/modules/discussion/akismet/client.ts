import { THANKS } from './protocol.js';

// A client for Akismet (https://akismet.com/developers/detailed-docs/), written against the
// documented protocol with fetch: the key as `api_key` in a form body, plain-text answers. Any
// answer the protocol does not define (a network error, a timeout, an HTTP error, `invalid`, an
// error body) is an AkismetUnavailableError, so the caller can decide without Akismet.

export type AkismetVerdict = 'ham' | 'spam' | 'discard';

/** The comment-check / submit-* parameters, named as Akismet names them. */
export interface AkismetComment {
  /** The commenter's IP address (required by Akismet). */
  user_ip: string;
  user_agent?: string | undefined;
  referrer?: string | undefined;
  permalink?: string | undefined;
  comment_type?: string | undefined;
  comment_author?: string | undefined;
  comment_author_email?: string | undefined;
  comment_author_url?: string | undefined;
  comment_content?: string | undefined;
  /** ISO 8601, UTC. */
  comment_date_gmt?: string | undefined;
  comment_post_modified_gmt?: string | undefined;
  blog_lang?: string | undefined;
  blog_charset?: string | undefined;
  user_role?: string | undefined;
  /** A test: Akismet learns nothing from it. */
  is_test?: boolean | undefined;
  recheck_reason?: string | undefined;
  comment_context?: readonly string[] | undefined;
  /** A hidden form field and what was typed into it (only bots type there). */
  honeypot?: { name: string; value: string } | undefined;
}

export interface AkismetClientOptions {
  key: string;
  /** The site's front page, e.g. https://shop.example.com. */
  blog: string;
  /** marketgate's version, for the User-Agent. */
  version: string;
  baseUrl?: string;
  timeoutMs?: number;
}

export class AkismetUnavailableError extends Error {
  override readonly name = 'AkismetUnavailableError';

  constructor(
    readonly reason: string,
    options?: { cause?: unknown },
  ) {
    super(`Akismet is unavailable: ${reason}`, options);
  }
}

interface Reply {
  body: string;
  headers: Headers;
}

export class AkismetClient {
  private readonly key: string;
  private readonly blog: string;
  private readonly baseUrl: string;
  private readonly timeoutMs: number;
  private readonly userAgent: string;

  constructor(options: AkismetClientOptions) {
    this.key = options.key;
    this.blog = options.blog;
    this.baseUrl = (options.baseUrl ?? 'https://rest.akismet.com').replace(/\/+$/, '');
    this.timeoutMs = options.timeoutMs ?? 2000;
    // The docs ask for "<application>/<version> | <library>/<version>".
    this.userAgent = `marketgate/${options.version} | akismet-client`;
  }

  /** Whether Akismet knows the key; throws when it cannot tell. */
  async verifyKey(): Promise<boolean> {
    const reply = await this.post('verify-key', new URLSearchParams());
    if (reply.body === 'valid') return true;
    if (reply.body === 'invalid') return false;
    throw unexpected(reply);
  }

  async checkComment(comment: AkismetComment): Promise<AkismetVerdict> {
    const reply = await this.post('comment-check', form(comment));
    if (reply.body === 'false') return 'ham';
    if (reply.body === 'true') return reply.headers.get('x-akismet-pro-tip') === 'discard' ? 'discard' : 'spam';
    throw unexpected(reply);
  }

  /** Spam that comment-check let through. */
  async submitSpam(comment: AkismetComment): Promise<void> {
    await this.submit('submit-spam', comment);
  }

  /** Ham that comment-check called spam. */
  async submitHam(comment: AkismetComment): Promise<void> {
    await this.submit('submit-ham', comment);
  }

  private async submit(method: string, comment: AkismetComment): Promise<void> {
    const reply = await this.post(method, form(comment));
    if (reply.body !== THANKS) throw unexpected(reply);
  }

  private async post(method: string, body: URLSearchParams): Promise<Reply> {
    body.set('api_key', this.key);
    body.set('blog', this.blog);
    let response: Response;
    let text: string;
    try {
      response = await fetch(`${this.baseUrl}/1.1/${method}`, {
        method: 'POST',
        headers: {
          'content-type': 'application/x-www-form-urlencoded; charset=utf-8',
          'user-agent': this.userAgent,
        },
        body,
        // Covers the body too: a server that sends headers and then stalls times out as well.
        signal: AbortSignal.timeout(this.timeoutMs),
      });
      text = await response.text();
    } catch (error) {
      throw new AkismetUnavailableError(failure(error, this.timeoutMs), { cause: error });
    }
    if (!response.ok) {
      const help = response.headers.get('x-akismet-debug-help');
      throw new AkismetUnavailableError(`${method} answered HTTP ${response.status}${help ? ` (${help})` : ''}`);
    }
    return { body: text.trim(), headers: response.headers };
  }
}

function form(comment: AkismetComment): URLSearchParams {
  const { honeypot, comment_context, is_test, ...fields } = comment;
  const body = new URLSearchParams();
  for (const [name, value] of Object.entries(fields)) if (value !== undefined) body.set(name, value);
  comment_context?.forEach((tag, i) => {
    body.set(`comment_context[${i}]`, tag);
  });
  if (is_test) body.set('is_test', '1');
  if (honeypot) {
    body.set('honeypot_field_name', honeypot.name);
    body.set(honeypot.name, honeypot.value);
  }
  return body;
}

function unexpected(reply: Reply): AkismetUnavailableError {
  const help = reply.headers.get('x-akismet-debug-help');
  if (reply.body === 'invalid') return new AkismetUnavailableError(`the API key is invalid${help ? ` (${help})` : ''}`);
  const shown = reply.body.length > 200 ? `${reply.body.slice(0, 200)}...` : reply.body;
  return new AkismetUnavailableError(`unexpected answer "${shown}"${help ? ` (${help})` : ''}`);
}

function failure(error: unknown, timeoutMs: number): string {
  if (error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError')) {
    return `no answer within ${timeoutMs} ms`;
  }
  // fetch says "fetch failed"; what failed (ECONNREFUSED, ENOTFOUND, ...) is in its cause.
  const cause = error instanceof Error ? (error.cause as { code?: string; message?: string } | undefined) : undefined;
  return cause?.code ?? cause?.message ?? (error instanceof Error ? error.message : String(error));
}
