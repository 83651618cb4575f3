import Type from 'typebox';
import { UnauthorizedError } from '../../platform/errors.js';
import { problems } from '../../platform/http/problem.js';
import type { App } from '../../platform/http/server.js';
import { SESSION_COOKIE } from './auth.js';
import { PERMISSIONS, ROLE_PERMISSIONS, ROLES } from './permissions.js';
import { ApiToken, LoginInput, SessionInfo, StaffUser, TokenInput, UserInput, UserPatch } from './schemas.js';
import type { AccountsService } from './service.js';

const IdParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 254, description: 'id (or email)' }) });
const Password = Type.Object({ password: Type.String() });

export interface AuthRouteOptions {
  sessionMaxMs: number;
  /** Attempts per minute per client address on the login route (on top of the failure throttle). */
  loginRateLimit: number;
}

export function accountRoutes(app: App, accounts: AccountsService, options: AuthRouteOptions): void {
  app.post(
    '/api/auth/login',
    {
      schema: {
        tags: ['auth'],
        summary: 'Log in with email and password; sets the session cookie',
        body: LoginInput,
        response: { 200: SessionInfo, ...problems(400, 401, 429) },
      },
      config: { rateLimit: { max: options.loginRateLimit, timeWindow: 60_000 }, auditAction: 'auth.login' },
    },
    async (request, reply) => {
      const { sessionId, info } = await accounts.login(request.body.email, request.body.password, {
        ip: request.ip,
        userAgent: request.headers['user-agent'],
      });
      reply.setCookie(SESSION_COOKIE, sessionId, {
        httpOnly: true,
        sameSite: 'lax',
        secure: request.protocol === 'https',
        path: '/',
        maxAge: Math.floor(options.sessionMaxMs / 1000),
      });
      return info;
    },
  );

  app.get(
    '/api/auth/session',
    {
      schema: { tags: ['auth'], summary: 'The logged-in staff user', response: { 200: SessionInfo, ...problems(401) } },
      config: { authenticated: true },
    },
    async (request) => {
      if (!request.sessionId) throw new UnauthorizedError('This request carries no session: log in');
      const actor = await accounts.sessionActor(request.sessionId);
      if (!actor) throw new UnauthorizedError('The session has ended: log in again');
      return actor.info;
    },
  );

  app.post(
    '/api/auth/logout',
    {
      schema: { tags: ['auth'], summary: 'End the session', response: { 204: Type.Null(), ...problems(401, 403) } },
      config: { authenticated: true, auditAction: 'auth.logout' },
    },
    async (request, reply) => {
      if (request.sessionId) await accounts.logout(request.sessionId);
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/api/admin/permissions',
    {
      schema: {
        tags: ['auth'],
        summary: 'The roles and what each may do',
        response: {
          200: Type.Object({
            roles: Type.Array(Type.String()),
            permissions: Type.Record(Type.String(), Type.String()),
            grants: Type.Record(Type.String(), Type.Array(Type.String())),
          }),
        },
      },
      config: { permission: 'users:manage' },
    },
    async () => ({
      roles: [...ROLES],
      permissions: { ...PERMISSIONS },
      grants: Object.fromEntries(ROLES.map((role) => [role, [...ROLE_PERMISSIONS[role]]])),
    }),
  );

  app.get(
    '/api/admin/users',
    {
      schema: {
        tags: ['auth'],
        summary: 'Staff users',
        response: { 200: Type.Object({ users: Type.Array(StaffUser) }) },
      },
      config: { permission: 'users:manage' },
    },
    async () => ({ users: await accounts.listUsers() }),
  );

  app.post(
    '/api/admin/users',
    {
      schema: {
        tags: ['auth'],
        summary: 'Create a staff user; without a password one is generated and shown once',
        body: UserInput,
        response: { 201: Type.Object({ user: StaffUser, password: Type.String() }), ...problems(400, 409) },
      },
      config: { permission: 'users:manage' },
    },
    async (request, reply) => reply.status(201).send(await accounts.createUser(request.body)),
  );

  app.patch(
    '/api/admin/users/:id',
    {
      schema: {
        tags: ['auth'],
        summary: "Change a user's name, role or disabled flag (ends their sessions on a role change)",
        params: IdParams,
        body: UserPatch,
        response: { 200: StaffUser, ...problems(400, 404, 409) },
      },
      config: { permission: 'users:manage' },
    },
    async (request) => accounts.updateUser(request.params.id, request.body, request.actor),
  );

  app.post(
    '/api/admin/users/:id/password',
    {
      schema: {
        tags: ['auth'],
        summary: "Reset a user's password to a generated one, shown once; ends their sessions",
        params: IdParams,
        response: { 200: Password, ...problems(404) },
      },
      config: { permission: 'users:manage', auditAction: 'users.password.reset' },
    },
    async (request) => ({ password: await accounts.resetPassword(request.params.id) }),
  );

  app.get(
    '/api/admin/tokens',
    {
      schema: {
        tags: ['auth'],
        summary: 'API tokens',
        response: { 200: Type.Object({ tokens: Type.Array(ApiToken) }) },
      },
      config: { permission: 'users:manage' },
    },
    async () => ({ tokens: await accounts.listTokens() }),
  );

  app.post(
    '/api/admin/tokens',
    {
      schema: {
        tags: ['auth'],
        summary: 'Issue an API token for a role; the secret is shown once',
        body: TokenInput,
        response: { 201: Type.Object({ token: ApiToken, secret: Type.String() }), ...problems(400) },
      },
      config: { permission: 'users:manage' },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(await accounts.createToken(request.body, request.actor?.kind === 'user' ? request.actor.id : null)),
  );

  app.delete(
    '/api/admin/tokens/:id',
    {
      schema: {
        tags: ['auth'],
        summary: 'Revoke an API token; it stops working at once',
        params: Type.Object({ id: Type.String({ format: 'uuid' }) }),
        response: { 204: Type.Null(), ...problems(404) },
      },
      config: { permission: 'users:manage', auditAction: 'tokens.revoke' },
    },
    async (request, reply) => {
      await accounts.revokeToken(request.params.id);
      return reply.status(204).send(null);
    },
  );
}
