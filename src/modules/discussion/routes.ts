import Type, { type Static } from 'typebox';
import { problems } from '../../platform/http/problem.js';
import type { App } from '../../platform/http/server.js';
import type { AccountsService } from '../accounts/index.js';
import { LIMITS } from './comment-input.js';
import type { ModerationService } from './moderation.js';
import type { CommentDataService } from './privacy.js';
import type { DiscussionService } from './service.js';
import { COMMENT_STATES } from './tables.js';
import type { PublicComment } from './thread.js';

// HTTP for discussions: the public thread and form, the commenter's data requests, and the
// moderators' queue. The public answers never carry an email address.

const commentFields = {
  id: Type.String(),
  parentId: Type.Union([Type.String(), Type.Null()]),
  name: Type.Union([Type.String(), Type.Null()]),
  website: Type.Union([Type.String(), Type.Null()]),
  content: Type.Union([Type.String(), Type.Null()], { description: 'plain text: render it as text' }),
  staff: Type.Boolean({ description: 'written by the shop' }),
  createdAt: Type.String({ format: 'date-time' }),
  removed: Type.Union([Type.Literal('author-request'), Type.Literal('moderator'), Type.Null()], {
    description: 'removed comments keep their place (content null) while replies to them are shown',
  }),
};
/** Threads are two replies deep, so the schema is three comments deep. */
const ReplyToReply = Type.Object({ ...commentFields, replies: Type.Array(Type.Never(), { maxItems: 0 }) });
const Reply = Type.Object({ ...commentFields, replies: Type.Array(ReplyToReply) });
const PublicCommentSchema = Type.Object({ ...commentFields, replies: Type.Array(Reply) });
/** thread.ts builds at most three levels; its type is recursive, the schema spells the levels out. */
const asSchema = (comment: PublicComment) => comment as Static<typeof PublicCommentSchema>;

const Slug = Type.Object({ slug: Type.String({ maxLength: 100 }) });
const Cursor = Type.Optional(Type.String({ maxLength: 200, description: 'nextCursor of the previous page' }));
const Token = Type.Object({ token: Type.String({ minLength: 10, maxLength: 100 }) }, { additionalProperties: false });

const PostBody = Type.Object(
  {
    name: Type.Optional(Type.String({ description: `required, 1-${LIMITS.name} characters` })),
    email: Type.Optional(Type.String({ description: 'required; never shown' })),
    website: Type.Optional(Type.String({ description: 'optional http(s) URL' })),
    content: Type.Optional(Type.String({ description: `required, 1-${LIMITS.content} characters, plain text` })),
    parentId: Type.Optional(Type.String({ format: 'uuid', description: 'the comment this one answers' })),
    loadedAt: Type.Optional(Type.Integer({ description: 'when the form was shown, ms since the epoch' })),
    address: Type.Optional(Type.String({ description: 'leave empty: a field hidden from people (honeypot)' })),
  },
  { additionalProperties: false },
);

export interface DiscussionRouteOptions {
  /** Comments one address may post per minute. */
  postsPerMinute: number;
}

export function discussionRoutes(
  app: App,
  services: {
    discussion: DiscussionService;
    moderation: ModerationService;
    commentData: CommentDataService;
    accounts: AccountsService;
  },
  options: DiscussionRouteOptions,
): void {
  const { discussion, moderation, commentData, accounts } = services;

  app.get(
    '/api/store/products/:slug/comments',
    {
      schema: {
        tags: ['discussion'],
        summary: "A product's discussion: comments with their replies (two levels deep), a page at a time",
        params: Slug,
        querystring: Type.Object({
          order: Type.Optional(Type.Union([Type.Literal('newest'), Type.Literal('oldest')], { default: 'newest' })),
          limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20 })),
          cursor: Cursor,
        }),
        response: {
          200: Type.Object({
            comments: Type.Array(PublicCommentSchema),
            total: Type.Integer({ description: 'published comments, replies included' }),
            nextCursor: Type.Union([Type.String(), Type.Null()]),
          }),
          ...problems(400, 404),
        },
      },
    },
    (request) =>
      discussion.thread(request.params.slug, {
        order: request.query.order ?? 'newest',
        limit: request.query.limit ?? 20,
        cursor: request.query.cursor,
      }),
  );

  app.post(
    '/api/store/products/:slug/comments',
    {
      schema: {
        tags: ['discussion'],
        summary: 'Post a comment or a reply',
        description:
          'Every comment is checked by the spam filter. 201: published. 202: waiting for a moderator ' +
          '(also the answer for comments taken as spam, so the answer teaches spammers nothing). ' +
          '400 names each bad field with a message for the form.',
        params: Slug,
        body: PostBody,
        response: {
          201: Type.Object({ status: Type.Literal('published'), comment: PublicCommentSchema }),
          202: Type.Object({ status: Type.Literal('held'), message: Type.String() }),
          ...problems(400, 404, 413, 429),
        },
      },
      bodyLimit: 32 * 1024,
      config: { rateLimit: { max: options.postsPerMinute, timeWindow: 60_000 } },
    },
    async (request, reply) => {
      const posted = await discussion.post(request.params.slug, request.body, {
        ipAddress: request.ip,
        userAgent: request.headers['user-agent'],
        referrer: request.headers.referer,
      });
      if (posted.status === 'published')
        return reply.status(201).send({ ...posted, comment: asSchema(posted.comment) });
      return reply.status(202).send({ status: 'held', message: 'Thank you. Your comment is awaiting moderation.' });
    },
  );

  app.post(
    '/api/store/comment-data/requests',
    {
      schema: {
        tags: ['discussion'],
        summary: 'Ask for a one-time link, by email, to export or erase the comments written with an address',
        description: 'The answer is the same whether or not the address wrote comments.',
        body: Type.Object(
          {
            email: Type.String({ format: 'email', maxLength: 254 }),
            action: Type.Union([Type.Literal('export'), Type.Literal('erase')]),
          },
          { additionalProperties: false },
        ),
        response: { 202: Type.Object({ message: Type.String() }), ...problems(400, 429) },
      },
      config: { rateLimit: { max: 5, timeWindow: 60_000 } },
    },
    async (request, reply) => {
      await commentData.request(request.body.email, request.body.action);
      return reply.status(202).send({
        message: `If comments were written with ${request.body.email}, a link is on its way there. It works once, for 24 hours.`,
      });
    },
  );

  app.post(
    '/api/store/comment-data/export',
    {
      schema: {
        tags: ['discussion'],
        summary: 'Everything stored about the comments of the address the one-time link was sent to',
        body: Token,
        response: {
          200: Type.Object({
            email: Type.String(),
            exportedAt: Type.String({ format: 'date-time' }),
            comments: Type.Array(
              Type.Object({
                id: Type.String(),
                product: Type.String({ description: 'the product slug' }),
                name: Type.Union([Type.String(), Type.Null()]),
                email: Type.Union([Type.String(), Type.Null()]),
                website: Type.Union([Type.String(), Type.Null()]),
                content: Type.String(),
                state: Type.String(),
                ipAddress: Type.Union([Type.String(), Type.Null()]),
                userAgent: Type.Union([Type.String(), Type.Null()]),
                createdAt: Type.String({ format: 'date-time' }),
              }),
            ),
          }),
          ...problems(400, 404),
        },
      },
    },
    (request) => commentData.export(request.body.token),
  );

  app.post(
    '/api/store/comment-data/erase',
    {
      schema: {
        tags: ['discussion'],
        summary: 'Erase the comments of the address the one-time link was sent to',
        description: 'Name, email, website, address, user agent and text are removed; the thread keeps a placeholder.',
        body: Token,
        response: { 200: Type.Object({ erased: Type.Integer() }), ...problems(400, 404) },
      },
    },
    async (request) => ({ erased: await commentData.erase(request.body.token) }),
  );

  const QueuedSchema = Type.Object({
    id: Type.String(),
    product: Type.Object({ slug: Type.String(), name: Type.String() }),
    parentId: Type.Union([Type.String(), Type.Null()]),
    name: Type.Union([Type.String(), Type.Null()]),
    email: Type.Union([Type.String(), Type.Null()]),
    website: Type.Union([Type.String(), Type.Null()]),
    content: Type.String(),
    state: Type.Enum([...COMMENT_STATES]),
    staff: Type.Boolean(),
    score: Type.Number(),
    reasons: Type.Array(Type.Object({ code: Type.String(), detail: Type.String() })),
    ipAddress: Type.Union([Type.String(), Type.Null()]),
    userAgent: Type.Union([Type.String(), Type.Null()]),
    createdAt: Type.String({ format: 'date-time' }),
    moderatedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  });

  app.get(
    '/api/admin/comments',
    {
      schema: {
        tags: ['discussion'],
        summary: 'The moderation queue: comments in one state (held by default), newest first, with score and reasons',
        querystring: Type.Object({
          state: Type.Optional(Type.Enum([...COMMENT_STATES], { default: 'held' })),
          limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
          cursor: Cursor,
        }),
        response: {
          200: Type.Object({
            comments: Type.Array(QueuedSchema),
            nextCursor: Type.Union([Type.String(), Type.Null()]),
          }),
        },
      },
      config: { permission: 'comments:moderate' },
    },
    (request) =>
      moderation.queue({
        state: request.query.state ?? 'held',
        limit: request.query.limit ?? 50,
        cursor: request.query.cursor,
      }),
  );

  app.get(
    '/api/admin/comments/counts',
    {
      schema: {
        tags: ['discussion'],
        summary: 'How many comments wait for a moderator (held) and how many were taken as spam',
        response: { 200: Type.Object({ held: Type.Integer(), spam: Type.Integer() }) },
      },
      config: { permission: 'comments:moderate' },
    },
    () => moderation.counts(),
  );

  const ModerateBody = Type.Object(
    {
      ids: Type.Array(Type.String({ format: 'uuid' }), { minItems: 1, maxItems: 200, uniqueItems: true }),
      action: Type.Union([Type.Literal('approve'), Type.Literal('spam'), Type.Literal('delete')]),
    },
    { additionalProperties: false },
  );

  app.post(
    '/api/admin/comments/moderation',
    {
      schema: {
        tags: ['discussion'],
        summary: 'Approve, mark as spam or delete comments (one or many)',
        description: 'Approving and marking as spam teach the spam filter.',
        body: ModerateBody,
        response: { 200: Type.Object({ changed: Type.Integer() }), ...problems(400) },
      },
      config: { permission: 'comments:moderate', auditAction: 'comments.moderate' },
    },
    async (request) => ({
      changed: await moderation.moderate(
        request.body.ids,
        request.body.action,
        request.actor?.kind === 'user' ? request.actor.id : undefined,
      ),
    }),
  );

  app.post(
    '/api/admin/comments/:id/replies',
    {
      schema: {
        tags: ['discussion'],
        summary: 'Reply as staff: published at once and marked as written by the shop',
        params: Type.Object({ id: Type.String({ format: 'uuid' }) }),
        body: Type.Object({ content: Type.String({ maxLength: LIMITS.content * 2 }) }, { additionalProperties: false }),
        response: { 201: PublicCommentSchema, ...problems(400, 404) },
      },
      config: { permission: 'comments:moderate', auditAction: 'comments.reply' },
    },
    async (request, reply) => {
      const actor = request.actor!;
      const author =
        actor.kind === 'user'
          ? await accounts.findUser(actor.id).then((u) => ({ name: u.name, email: u.email, userId: u.id }))
          : { name: actor.label, email: 'staff@marketgate.invalid' };
      return reply
        .status(201)
        .send(asSchema(await discussion.staffReply(request.params.id, request.body.content, author)));
    },
  );
}
