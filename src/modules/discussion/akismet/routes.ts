import formbody from '@fastify/formbody';
import type { FastifyReply } from 'fastify';
import Type, { type TSchema } from 'typebox';
import type { App } from '../../../platform/http/server.js';
import type { SpamFilter } from '../spam-filter.js';
import { keysAdminRoutes } from './admin-routes.js';
import type { SpamKeys } from './keys.js';
import {
  type Answer,
  checkAnswer,
  type Form,
  field,
  INVALID_KEY,
  keyOf,
  missingField,
  readCommentForm,
  THANKS,
  usageLimit,
  VALID_KEY,
  verdictOf,
} from './protocol.js';

// The Akismet-compatible API on our own server: other sites point their Akismet plugin or
// library here, with a key an admin issued for them. Public (the key is the credential), form
// bodies only, plain-text answers exactly as Akismet gives them. comment-check is a hot path:
// the key comes from memory, the text is scored by the in-memory model, usage is counted in
// memory (benchmarked in bench/akismet).

export interface AkismetDeps {
  keys: SpamKeys;
  filter: Pick<SpamFilter, 'assess' | 'teach'>;
  /** Requests per minute per client address on these routes (a key guesser's budget). */
  rateLimit: number;
  /** Calls per key and month that usage-limit reports as the limit; undefined: none. */
  usageLimit: number | undefined;
}

const tags = ['akismet'];

const text = (description: string) => ({ description, content: { 'text/plain': { schema: Type.String() } } });

const param = (description: string) => Type.Optional(Type.String({ description }));

const KEY_PARAMS = {
  api_key: param('the API key; or `key`, or the first label of the host name (`<key>.<this host>`)'),
  key: param('the API key, as verify-key took it in the older docs'),
};

const COMMENT_FORM = Type.Object(
  {
    ...KEY_PARAMS,
    blog: param('required: the front page of the site, a full URL (https://blog.example.com)'),
    user_ip: param("required: the commenter's IP address"),
    user_agent: param("the commenter's browser user agent"),
    referrer: param('the Referer header the commenter sent'),
    permalink: param('the page commented on'),
    comment_type: param('comment, forum-post, reply, blog-post, contact-form, signup, message, ...'),
    comment_author: param('the name given; `viagra-test-123` is always spam (a test trigger)'),
    comment_author_email: param('the email given; `akismet-guaranteed-spam@example.com` is always spam'),
    comment_author_url: param('the website given'),
    comment_content: param('the text'),
    comment_date_gmt: param('ISO 8601; accepted, not used'),
    comment_post_modified_gmt: param('ISO 8601; accepted, not used'),
    blog_lang: param('accepted, not used'),
    blog_charset: param('accepted, not used'),
    user_role: param('`administrator` (one of a comma-separated list) is never spam'),
    is_test: param('1 or true: a test; submissions are not learnt from'),
    recheck_reason: param('accepted, not used'),
    honeypot_field_name: param('the name of a hidden form field; the field itself is sent too, and filled means a bot'),
  },
  {
    additionalProperties: true,
    description:
      'application/x-www-form-urlencoded; other fields (WordPress sends POST_* and HTTP_* copies) are ignored',
  },
);

const Usage = Type.Object({
  limit: Type.Union([Type.Integer(), Type.Literal('none')]),
  usage: Type.Integer(),
  percentage: Type.String({ description: 'of the limit used, two decimals' }),
  throttled: Type.Boolean(),
});

function answer(reply: FastifyReply, { body, headers }: Answer): FastifyReply {
  return reply.type('text/plain; charset=utf-8').headers(headers).send(body);
}

const formOf = (body: unknown): Form => (body && typeof body === 'object' ? (body as Form) : {});

export function akismetRoutes(app: App, deps: AkismetDeps): void {
  const { keys, filter } = deps;
  keysAdminRoutes(app, keys);
  // Counts still in memory are written before the database closes.
  app.addHook('onClose', async () => {
    await keys.flush().catch((error) => app.log.error({ err: error }, 'could not write the spam API usage counts'));
  });

  // Its own scope, so that only these routes read form bodies and the rest of the API keeps
  // refusing them. The forms are read by protocol.ts, which answers bad input in Akismet's
  // words: the schemas here document the parameters and validate nothing.
  void app.register(async (scope) => {
    scope.removeAllContentTypeParsers();
    await scope.register(formbody);
    scope.setValidatorCompiler(() => () => true);
    const config = { rateLimit: { max: deps.rateLimit, timeWindow: 60_000 } };
    const bodyLimit = 256 * 1024;
    const form = (summary: string, description: string, body: TSchema, response: Record<number, unknown>) => ({
      schema: { tags, summary, description, consumes: ['application/x-www-form-urlencoded'], body, response },
      config,
      bodyLimit,
    });

    scope.post(
      '/1.1/verify-key',
      form(
        'Akismet: check an API key',
        '`valid` or `invalid` (with `X-akismet-debug-help`), as text/plain.',
        Type.Object({ ...KEY_PARAMS, blog: param('the site asking') }, { additionalProperties: true }),
        { 200: text('`valid` or `invalid`') },
      ),
      async (request, reply) => {
        const key = await keys.resolve(keyOf(formOf(request.body), request.hostname));
        return answer(reply, key ? VALID_KEY : INVALID_KEY);
      },
    );

    scope.post(
      '/1.1/comment-check',
      form(
        'Akismet: is this comment spam?',
        '`true` (spam; with `X-akismet-pro-tip: discard` when it is blatant and may be dropped unseen) or `false`; ' +
          '`invalid` for a bad key; any other body is an error explained in `X-akismet-debug-help`. Counted as a call.',
        COMMENT_FORM,
        { 200: text('`true`, `false`, `invalid` or an error') },
      ),
      async (request, reply) => {
        const posted = formOf(request.body);
        const key = await keys.resolve(keyOf(posted, request.hostname));
        if (!key) return answer(reply, INVALID_KEY);
        const missing = missingField(posted);
        if (missing) return answer(reply, missing);
        const comment = readCommentForm(posted);
        const verdict = comment.trigger ?? verdictOf(filter.assess(comment.submission, comment.signals).outcome);
        keys.count(key.id, verdict === 'ham' ? 'ham' : 'spam');
        return answer(reply, checkAnswer(verdict));
      },
    );

    for (const spam of [true, false]) {
      scope.post(
        spam ? '/1.1/submit-spam' : '/1.1/submit-ham',
        form(
          spam ? 'Akismet: report spam the check missed' : 'Akismet: report a comment wrongly called spam',
          `"${THANKS}" once recorded; the filter learns from it unless \`is_test\` is set. ` +
            'Same parameters as comment-check.',
          COMMENT_FORM,
          { 200: text(`"${THANKS}", \`invalid\` or an error`) },
        ),
        async (request, reply) => {
          const posted = formOf(request.body);
          const key = await keys.resolve(keyOf(posted, request.hostname));
          if (!key) return answer(reply, INVALID_KEY);
          const missing = missingField(posted);
          if (missing) return answer(reply, missing);
          const comment = readCommentForm(posted);
          if (!comment.test && comment.submission.content) {
            await filter.teach(comment.submission.content, spam, `akismet:${key.id}`);
          }
          keys.count(key.id, spam ? 'missedSpam' : 'falsePositives');
          return answer(reply, { body: THANKS, headers: {} });
        },
      );
    }

    // Akismet takes these two by GET (query string) or POST (form).
    const usageRoute = (summary: string, description: string, params: TSchema, response: TSchema) => ({
      // Fastify refuses a body schema on a GET route: the form's fields are the query's.
      schema: { tags, summary, description, querystring: params, response: { 200: response } },
      config,
      bodyLimit,
    });
    const formAndQuery = (request: { body: unknown; query: unknown }): Form => ({
      ...formOf(request.query),
      ...formOf(request.body),
    });

    scope.route({
      method: ['GET', 'POST'],
      url: '/1.2/usage-limit',
      ...usageRoute(
        "Akismet: this month's comment-checks against the key's limit",
        `\`limit\` is \`none\` unless the server sets SPAM_API_USAGE_LIMIT; calls over it are still answered (\`throttled\` is always false). \`invalid\` (text/plain) for a bad key.`,
        Type.Object(KEY_PARAMS, { additionalProperties: true }),
        Usage,
      ),
      handler: async (request, reply) => {
        const key = await keys.resolve(keyOf(formAndQuery(request), request.hostname));
        if (!key) return answer(reply, INVALID_KEY);
        return usageLimit(deps.usageLimit, (await keys.usage(key.id)).calls);
      },
    });

    scope.route({
      method: ['GET', 'POST'],
      url: '/1.2/key-sites',
      ...usageRoute(
        "Akismet: the key's site and its counts in a month",
        'JSON only (`format=csv` is not offered). One site per key: the site it was issued for. ' +
          'Counts are strings, as Akismet sends them. `invalid` (text/plain) for a bad key.',
        Type.Object(
          {
            ...KEY_PARAMS,
            month: param('YYYY-MM (default: this month, UTC)'),
            filter: param('only sites whose address contains this'),
          },
          { additionalProperties: true },
        ),
        Type.Object(
          { limit: Type.Integer(), offset: Type.Integer(), total: Type.Integer() },
          { additionalProperties: true, description: 'plus one property named after the month: the list of sites' },
        ),
      ),
      handler: async (request, reply) => {
        const posted = formAndQuery(request);
        const key = await keys.resolve(keyOf(posted, request.hostname));
        if (!key) return answer(reply, INVALID_KEY);
        const asked = field(posted, 'month');
        const month = asked && /^\d{4}-(0[1-9]|1[0-2])$/.test(asked) ? asked : keys.thisMonth();
        const only = field(posted, 'filter');
        const sites = only && !key.site.includes(only) ? [] : [key];
        const rows = await Promise.all(
          sites.map(async (site) => {
            const counts = await keys.usage(site.id, month);
            return {
              site: site.site,
              api_calls: String(counts.calls),
              spam: String(counts.spam),
              ham: String(counts.ham),
              missed_spam: String(counts.missedSpam),
              false_positives: String(counts.falsePositives),
              is_revoked: false,
            };
          }),
        );
        return { [month]: rows, limit: 500, offset: 0, total: rows.length };
      },
    });
  });
}
