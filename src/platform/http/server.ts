import { randomUUID } from 'node:crypto';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify, {
  type FastifyBaseLogger,
  type FastifyInstance,
  type RawReplyDefaultExpression,
  type RawRequestDefaultExpression,
  type RawServerDefault,
} from 'fastify';
import Type from 'typebox';
import type { LogLevel } from '../../config.js';
import { errorHandler, problemType, sendProblem } from './problem.js';
import { isWebRoute, registerWeb } from './web.js';

export type App = FastifyInstance<
  RawServerDefault,
  RawRequestDefaultExpression,
  RawReplyDefaultExpression,
  FastifyBaseLogger,
  TypeBoxTypeProvider
>;

export interface HttpOptions {
  logLevel: LogLevel;
  trustProxy: boolean;
  version: string;
  /** Answers /readyz: resolves when the database answers. */
  ready(): Promise<void>;
}

const REQUEST_ID = /^[\w.:-]{1,128}$/;

export async function createHttpServer(options: HttpOptions): Promise<App> {
  const app = Fastify({
    logger: { level: options.logLevel },
    trustProxy: options.trustProxy,
    // A caller's (or the load balancer's) request id is kept, so one id follows a request across hops.
    genReqId: (req) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
    },
    ajv: {
      // Report every invalid field at once, and refuse unknown fields instead of dropping them.
      customOptions: { allErrors: true, removeAdditional: false, coerceTypes: 'array', useDefaults: true },
    },
    return503OnClosing: true,
  }).withTypeProvider<TypeBoxTypeProvider>() as unknown as App;

  app.addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });
  app.setErrorHandler(errorHandler);

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
      tags: [
        { name: 'store', description: 'public storefront API' },
        { name: 'catalog', description: 'products, variants, categories (staff)' },
        { name: 'markets', description: 'markets and their assortment (staff)' },
        { name: 'operations', description: 'health and documentation' },
      ],
    },
  });
  await app.register(swaggerUi, { routePrefix: '/docs' });

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
    return sendProblem(reply, {
      type: problemType('not-found'),
      title: 'Not found',
      status: 404,
      detail: `No route ${request.method} ${request.url.split('?')[0]}`,
      instance: request.url,
    });
  });
  return app;
}
