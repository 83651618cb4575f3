import Type from 'typebox';
import { problems } from '../../../platform/http/problem.js';
import type { App } from '../../../platform/http/server.js';
import type { SpamKeys } from './keys.js';

// Admins issue a key per site for the Akismet-compatible API, see what each key is used for,
// and revoke it.

const Counts = {
  calls: Type.Integer({ description: 'comment-check calls' }),
  spam: Type.Integer({ description: 'comment-checks answered spam' }),
  ham: Type.Integer({ description: 'comment-checks answered ham' }),
  missedSpam: Type.Integer({ description: 'submit-spam: spam the check let through' }),
  falsePositives: Type.Integer({ description: 'submit-ham: ham the check called spam' }),
};

const SpamKey = Type.Object({
  id: Type.String(),
  key: Type.String({ description: '12 hex characters, as Akismet keys are' }),
  site: Type.String(),
  createdAt: Type.String({ format: 'date-time' }),
  revokedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  month: Type.Object({ month: Type.String({ description: 'YYYY-MM, UTC' }), ...Counts }),
  total: Type.Object(Counts),
});

export function keysAdminRoutes(app: App, keys: SpamKeys): void {
  const tags = ['akismet'];

  app.get(
    '/api/admin/spam/keys',
    {
      schema: {
        tags,
        summary: "Keys for other sites' spam checks, newest first, with this month's usage and the totals",
        response: { 200: Type.Object({ keys: Type.Array(SpamKey) }) },
      },
      config: { permission: 'spam-keys:manage' },
    },
    async () => ({ keys: await keys.list() }),
  );

  app.post(
    '/api/admin/spam/keys',
    {
      schema: {
        tags,
        summary: 'Issue a key for a site to use the Akismet-compatible API',
        body: Type.Object(
          {
            site: Type.String({
              minLength: 1,
              maxLength: 2048,
              description: 'the http(s) address of the site, e.g. https://blog.example.com',
            }),
          },
          { additionalProperties: false },
        ),
        response: { 201: SpamKey, ...problems(400) },
      },
      config: { permission: 'spam-keys:manage', auditAction: 'spam.keys.create' },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(await keys.create(request.body.site, request.actor?.kind === 'user' ? request.actor.id : null)),
  );

  app.delete(
    '/api/admin/spam/keys/:id',
    {
      schema: {
        tags,
        summary: 'Revoke a key; the API answers `invalid` to it from then on',
        params: Type.Object({ id: Type.String({ format: 'uuid' }) }),
        response: { 204: Type.Null(), ...problems(404) },
      },
      config: { permission: 'spam-keys:manage', auditAction: 'spam.keys.revoke' },
    },
    async (request, reply) => {
      await keys.revoke(request.params.id);
      return reply.status(204).send(null);
    },
  );
}
