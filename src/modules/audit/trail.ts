import type { onSendHookHandler } from 'fastify';
import type { App } from '../../platform/http/server.js';
import { actionName, targetOf } from './action.js';
import type { AuditService } from './service.js';

// Records every state-changing staff request (and every login attempt) after it is answered:
// who, what, which record, when, from where, with what result. The hook is given to every such
// route as it is registered, so a new admin route is audited without anyone remembering to.

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Overrides the action name derived from the route, e.g. "users.password.reset". */
    auditAction?: string;
  }
}

const READS = new Set(['GET', 'HEAD', 'OPTIONS']);

export function registerAuditTrail(app: App, audit: AuditService): void {
  const record: onSendHookHandler = async (request, reply, payload) => {
    if (READS.has(request.method)) return payload;
    const url = request.routeOptions.url ?? '';
    const isLogin = url === '/api/auth/login';
    const actor = request.actor;
    if (!actor && !isLogin) return payload; // refused before authentication: not a staff action
    if (reply.statusCode >= 500) return payload;

    const body = reply.statusCode === 201 || (isLogin && reply.statusCode === 200) ? jsonOf(payload) : undefined;
    const created =
      reply.statusCode === 201 && body ? ((body.user ?? body.token ?? body) as Record<string, unknown>) : undefined;
    // A login that got in was made by the user it signed in, whom the answer names.
    const signedIn =
      isLogin && reply.statusCode === 200 ? (body?.user as { id?: string; email?: string } | undefined) : undefined;
    const attempted = isLogin ? String((request.body as { email?: unknown } | undefined)?.email ?? '') : '';
    try {
      await audit.record({
        actorKind: actor?.kind ?? (signedIn?.id ? 'user' : 'anonymous'),
        actorId: actor?.id ?? signedIn?.id ?? null,
        actorLabel: actor?.label ?? signedIn?.email ?? attempted.toLowerCase().slice(0, 254),
        action: request.routeOptions.config.auditAction ?? actionName(request.method, url),
        target: targetOf((request.params ?? {}) as Record<string, string>, created),
        ip: request.ip,
        status: reply.statusCode,
        details: { method: request.method, path: request.url.split('?')[0] },
      });
    } catch (error) {
      request.log.error({ err: error }, 'could not write the audit event');
    }
    return payload;
  };

  // Chosen per route as it is registered: the storefront's routes carry no audit hook at all.
  app.addHook('onRoute', (route) => {
    const methods = [route.method].flat();
    if (methods.every((m) => READS.has(m)) || !/^\/api\/(admin|auth)\//.test(route.url)) return;
    route.onSend = [...[route.onSend ?? []].flat(), record];
  });
}

function jsonOf(payload: unknown): Record<string, unknown> | undefined {
  if (typeof payload !== 'string') return undefined;
  try {
    return JSON.parse(payload) as Record<string, unknown>;
  } catch {
    return undefined;
  }
}
