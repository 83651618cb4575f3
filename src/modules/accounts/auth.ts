import type { FastifyRequest } from 'fastify';
import { ForbiddenError, UnauthorizedError } from '../../platform/errors.js';
import type { App } from '../../platform/http/server.js';
import { can, PERMISSIONS, type Permission } from './permissions.js';
import { sameSecret } from './secrets.js';
import type { AccountsService, Actor } from './service.js';

// Authentication and authorisation for every staff route, in one hook. A route opts in by
// declaring what it needs in its config; an /api/admin route that declares nothing does not
// start at all, so a new route cannot slip through unguarded.

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The permission a caller's role must hold. Required on every /api/admin route. */
    permission?: Permission;
    /** Any logged-in caller (a session or a token) may use the route. */
    authenticated?: boolean;
  }
  interface FastifyRequest {
    actor: Actor | undefined;
    /** The cookie session behind the request, when there is one. */
    sessionId: string | undefined;
  }
}

export const SESSION_COOKIE = 'mg_session';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export function registerAuth(app: App, accounts: AccountsService): void {
  app.decorateRequest('actor', undefined);
  app.decorateRequest('sessionId', undefined);

  const guard = async (request: FastifyRequest): Promise<void> => {
    const { permission } = request.routeOptions.config;
    const actor = await authenticate(request, accounts);
    if (!actor) {
      throw new UnauthorizedError('Log in, or send an API token as "Authorization: Bearer <token>"');
    }
    // A cookie is sent by the browser whoever made the page that sends it: a state-changing
    // request must prove it comes from our own app by echoing the session's CSRF token.
    if (actor.csrfToken && !SAFE_METHODS.has(request.method)) {
      const sent = request.headers['x-csrf-token'];
      if (typeof sent !== 'string' || !sameSecret(sent, actor.csrfToken)) {
        throw new ForbiddenError(
          'A request made with a session cookie must send the x-csrf-token header from /api/auth/session',
          'csrf-token-invalid',
        );
      }
    }
    if (permission && !can(actor.role, permission)) {
      throw new ForbiddenError(`The ${actor.role} role may not ${PERMISSIONS[permission]} (${permission})`);
    }
    request.actor = actor;
  };

  app.addHook('onRoute', (route) => {
    if (route.url.startsWith('/api/admin') && !route.config?.permission) {
      throw new Error(`${String(route.method)} ${route.url} must declare the permission it needs (config.permission)`);
    }
    if (!route.config?.permission && !route.config?.authenticated) return;
    // Tells the OpenAPI document (and Swagger UI's "Authorize") how to call the route.
    route.schema = { ...route.schema, security: [{ bearerToken: [] }, { sessionCookie: [] }] };
    if (route.config.permission) {
      route.schema.description = `Requires the permission \`${route.config.permission}\`.`;
    }
    // The guard is the route's first hook; public routes carry none, so they pay nothing for it.
    route.onRequest = [guard, ...[route.onRequest ?? []].flat()];
  });
}

async function authenticate(request: FastifyRequest, accounts: AccountsService): Promise<Actor | undefined> {
  const header = request.headers.authorization;
  if (header) {
    const [scheme, secret] = header.split(' ');
    if (scheme?.toLowerCase() !== 'bearer' || !secret) return undefined;
    return accounts.tokenActor(secret);
  }
  const sessionId = request.cookies[SESSION_COOKIE];
  if (!sessionId) return undefined;
  const actor = await accounts.sessionActor(sessionId);
  if (actor) request.sessionId = sessionId;
  return actor;
}
