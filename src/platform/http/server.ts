import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import cookie from '@fastify/cookie';
import rateLimit from '@fastify/rate-limit';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify, {
  type FastifyBaseLogger,
  type FastifyInstance,
  type FastifyReply,
  type FastifyRequest,
  type FastifyServerOptions,
  type RawReplyDefaultExpression,
  type RawRequestDefaultExpression,
  type RawServerDefault,
} from 'fastify';
import FindMyWay, { type HTTPMethod } from 'find-my-way';
import type { Redis } from 'ioredis';
import Type from 'typebox';
import type { LogLevel } from '../../config.js';
import { type AppError, TooManyRequestsError } from '../errors.js';
import {
  appErrorProblem,
  clientProblem,
  errorHandler,
  PROBLEM_CONTENT_TYPE,
  problemType,
  sendProblem,
} from './problem.js';
import { securityHeaders } from './security-headers.js';
import { buildValidator } from './validation.js';
import { isApiPath, isWebRoute, registerWeb } from './web.js';

export type App = FastifyInstance<
  RawServerDefault,
  RawRequestDefaultExpression,
  RawReplyDefaultExpression,
  FastifyBaseLogger,
  TypeBoxTypeProvider
>;

/** What the server routes, as registered: for the security test and the docs. */
export interface RouteInfo {
  method: string;
  url: string;
  permission: string | undefined;
}

/**
 * Refuses a request before Fastify routes it, or gives undefined to let Fastify have it. For the
 * refusals that must cost next to nothing: after a flash sale sells out, its rush is tens of
 * thousands of attempts a second that all get the same answer (docs/BENCHMARKS.md). The refusal
 * is answered as the error handler would (problem+json, the API's headers, the request id); no
 * hook runs, no body is read and no request is logged for it.
 */
export type EarlyRefusal = (request: IncomingMessage) => AppError | undefined;

export interface HttpOptions {
  logLevel: LogLevel;
  trustProxy: boolean;
  version: string;
  /** Answers /readyz: resolves when the database answers. */
  ready(): Promise<void>;
  /** Largest request body accepted, in bytes. */
  bodyLimit: number;
  /** Shared store for rate limits across instances; in-process when absent. */
  redis?: Redis | undefined;
  redisKeyPrefix: string;
}

// The web app loads nothing from elsewhere and runs no inline code, so the policy can be strict.
const CONTENT_SECURITY_POLICY = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'"],
  styleSrc: ["'self'"],
  imgSrc: ["'self'", 'data:'],
  connectSrc: ["'self'"],
  fontSrc: ["'self'"],
  objectSrc: ["'none'"],
  baseUri: ["'self'"],
  formAction: ["'self'"],
  frameAncestors: ["'none'"],
  upgradeInsecureRequests: null,
};

// A JSON or plain-text answer is no document: helmet's headers for pages do nothing for it (the
// OWASP REST Security Cheat Sheet says as much), so the API sends the ones that do: a policy that
// lets nothing load or frame it, no framing, no sniffing, no reading from another origin, no
// referrer. Each answer then writes ~450 bytes less, which a flash sale's rush of tens of thousands
// a second notices (docs/BENCHMARKS.md). HSTS stays with the TLS-terminating proxy.
const API_HEADERS = {
  'content-security-policy': "default-src 'none'; frame-ancestors 'none'",
  'cross-origin-resource-policy': 'same-origin',
  'referrer-policy': 'no-referrer',
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
};

/** The methods a 405's Allow may name, in the order it names them. */
const METHODS: HTTPMethod[] = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'];

const REQUEST_ID = /^[\w.:-]{1,128}$/;

// A caller's (or the load balancer's) request id is kept, so one id follows a request across hops.
function requestId(req: IncomingMessage): string {
  const given = req.headers['x-request-id'];
  return typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
}

function answerEarly(req: IncomingMessage, res: ServerResponse, error: AppError): void {
  const { problem, headers } = appErrorProblem(error, req.url ?? '/');
  const body = JSON.stringify(problem);
  res.writeHead(problem.status, {
    'x-request-id': requestId(req),
    ...API_HEADERS,
    ...headers,
    'content-type': PROBLEM_CONTENT_TYPE,
    'content-length': Buffer.byteLength(body),
  });
  res.end(body);
}

// HSTS belongs to the TLS-terminating proxy, which knows whether the site is https-only.
const DOCUMENT_HEADERS = securityHeaders({
  contentSecurityPolicy: { useDefaults: false, directives: CONTENT_SECURITY_POLICY },
  strictTransportSecurity: false,
});

/** The request id and the security headers every answer carries, the API's or a page's. */
function answerHeaders(request: FastifyRequest, reply: FastifyReply): void {
  reply.header('x-request-id', request.id);
  reply.headers(isApiPath(request.url) ? API_HEADERS : DOCUMENT_HEADERS);
}

export async function createHttpServer(
  options: HttpOptions,
): Promise<{ app: App; routes: RouteInfo[]; refuseEarly(refusal: EarlyRefusal): void }> {
  const earlyRefusals: EarlyRefusal[] = [];
  const app = Fastify({
    logger: { level: options.logLevel },
    trustProxy: options.trustProxy,
    genReqId: requestId,
    serverFactory: (handler, factoryOptions) => {
      const settings = factoryOptions as FastifyServerOptions;
      const server = createServer((req, res) => {
        for (const refuse of earlyRefusals) {
          const refusal = refuse(req);
          if (refusal) return answerEarly(req, res, refusal);
        }
        handler(req, res);
      });
      // What Fastify sets on a server it makes itself.
      if (settings.keepAliveTimeout) server.keepAliveTimeout = settings.keepAliveTimeout;
      if (settings.requestTimeout) server.requestTimeout = settings.requestTimeout;
      if (settings.maxRequestsPerSocket) server.maxRequestsPerSocket = settings.maxRequestsPerSocket;
      server.setTimeout(settings.connectionTimeout ?? 0);
      return server;
    },
    ajv: {
      // Report every invalid field at once, and refuse unknown fields instead of dropping them.
      // Which parts are read as text, and the refusal of NUL characters: validation.ts.
      customOptions: { allErrors: true, removeAdditional: false, useDefaults: true },
    },
    schemaController: { compilersFactory: { buildValidator: buildValidator() } },
    // A URL the router cannot read (bad percent-encoding, a path segment over 100 characters) is
    // refused before any hook runs: it gets the hooks' headers and a problem, not Fastify's JSON.
    frameworkErrors: (error, request, reply) => {
      answerHeaders(request, reply);
      errorHandler(error, request, reply);
    },
    return503OnClosing: true,
    bodyLimit: options.bodyLimit,
  }).withTypeProvider<TypeBoxTypeProvider>() as unknown as App;

  const routes: RouteInfo[] = [];
  // The routes again, by path alone: which methods a path that exists allows (405 and Allow).
  const paths = FindMyWay({ ignoreTrailingSlash: false });
  app.addHook('onRoute', (route) => {
    for (const method of [route.method].flat()) {
      routes.push({ method, url: route.url, permission: route.config?.permission });
      const known = method.toUpperCase() as HTTPMethod;
      if (!paths.hasRoute(known, route.url)) paths.on(known, route.url, () => {});
    }
  });
  app.setErrorHandler(errorHandler);

  app.addHook('onRequest', (request, reply, done) => {
    answerHeaders(request, reply);
    done();
  });
  await app.register(cookie);
  // Limits are declared per route (config.rateLimit) on the public endpoints that write.
  await app.register(rateLimit, {
    global: false,
    ...(options.redis
      ? { redis: options.redis, nameSpace: `${options.redisKeyPrefix}rate-limit:`, skipOnError: false }
      : {}),
    errorResponseBuilder: (_request, context) => {
      const error = new TooManyRequestsError(
        `Rate limit: at most ${context.max} requests in ${context.after}; try again later`,
        Math.max(1, Math.ceil(context.ttl / 1000)),
      );
      return error;
    },
  });

  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'marketgate',
        version: options.version,
        description:
          'May this product be sold in this market today, and if not, exactly why not. ' +
          'Errors are RFC 9457 application/problem+json.',
      },
      components: {
        securitySchemes: {
          bearerToken: { type: 'http', scheme: 'bearer', description: 'an API token: mg_...' },
          sessionCookie: {
            type: 'apiKey',
            in: 'cookie',
            name: 'mg_session',
            description: 'staff session (plus x-csrf-token)',
          },
        },
      },
      tags: [
        { name: 'store', description: 'public storefront API' },
        { name: 'catalog', description: 'products, variants, categories (staff)' },
        { name: 'markets', description: 'markets and their assortment (staff)' },
        { name: 'auth', description: 'staff login, users, roles and API tokens' },
        { name: 'audit', description: 'the audit log of staff actions' },
        {
          name: 'discussion',
          description: 'product discussions: comments, moderation, comment data export and erasure',
        },
        {
          name: 'akismet',
          description:
            "the Akismet-compatible spam API for other sites (form bodies, plain-text answers, Akismet's paths)",
        },
        { name: 'operations', description: 'health and documentation' },
      ],
    },
  });
  await app.register(swaggerUi, { routePrefix: '/docs', staticCSP: true });

  app.get(
    '/openapi.json',
    { schema: { tags: ['operations'], summary: 'The OpenAPI document', hide: true } },
    async () => app.swagger(),
  );
  app.get(
    '/healthz',
    {
      schema: {
        tags: ['operations'],
        summary: 'The process is up',
        response: { 200: Type.Object({ status: Type.Literal('ok') }) },
      },
    },
    async () => ({ status: 'ok' as const }),
  );
  app.get(
    '/readyz',
    {
      schema: {
        tags: ['operations'],
        summary: 'The database answers',
        response: {
          200: Type.Object({ status: Type.Literal('ready') }),
        },
      },
    },
    async (request, reply) => {
      try {
        await options.ready();
        return { status: 'ready' as const };
      } catch (error) {
        request.log.warn({ err: error }, 'readiness check failed');
        return sendProblem(reply, {
          type: problemType('not-ready'),
          title: 'Not ready',
          status: 503,
          detail: 'The database does not answer.',
        });
      }
    },
  );

  const { hasApp } = await registerWeb(app);
  app.setNotFoundHandler((request, reply) => {
    if (hasApp && isWebRoute(request.method, request.url) && request.headers.accept?.includes('text/html')) {
      return reply.type('text/html; charset=utf-8').header('cache-control', 'no-cache').sendFile('index.html');
    }
    const path = request.url.split('?')[0]!;
    const allowed = isApiPath(path) ? METHODS.filter((method) => paths.find(method, path)) : [];
    if (allowed.length > 0) {
      const detail = `${path} answers ${allowed.join(', ')}, not ${request.method}`;
      return sendProblem(reply.header('allow', allowed.join(', ')), clientProblem(405, detail, request.url));
    }
    return sendProblem(reply, clientProblem(404, `No route ${request.method} ${path}`, request.url));
  });
  return { app, routes, refuseEarly: (refusal) => earlyRefusals.push(refusal) };
}
