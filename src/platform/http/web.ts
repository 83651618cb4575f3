import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';

// Serves the built React app (storefront at /, admin at /admin) and the demo media.
// Client-side routes (/us, /admin/products, ...) get index.html from the not-found handler.

export const WEB_ROOT = fileURLToPath(new URL('../../../dist/web', import.meta.url));
export const DEMO_MEDIA_ROOT = fileURLToPath(new URL('../../../data/demo/media', import.meta.url));

// The first segment of the paths that answer data (JSON, plain text), not documents: the API, its
// OpenAPI document, health and metrics, and the Akismet-compatible API's /1.1 and /1.2.
const API_SEGMENTS = ['api', 'openapi\\.json', 'healthz', 'readyz', 'metrics', '1\\.1', '1\\.2'];

const startsWithSegment = (segments: string[]) => new RegExp(`^/(${segments.join('|')})(/|$|\\?)`);

/** Paths that answer data, not documents: they get the API's security headers. */
const API_PATHS = startsWithSegment(API_SEGMENTS);

/** Paths that belong to the server; everything else may be a client-side route of the web app. */
const SERVER_PATHS = startsWithSegment([...API_SEGMENTS, 'docs', 'media']);

export function isApiPath(url: string): boolean {
  return API_PATHS.test(url);
}

export function isWebRoute(method: string, url: string): boolean {
  return (method === 'GET' || method === 'HEAD') && !SERVER_PATHS.test(url);
}

export async function registerWeb(app: FastifyInstance): Promise<{ hasApp: boolean }> {
  if (existsSync(DEMO_MEDIA_ROOT)) {
    await app.register(fastifyStatic, {
      root: DEMO_MEDIA_ROOT,
      prefix: '/media/demo/',
      decorateReply: false,
      wildcard: false,
      maxAge: '1h',
    });
  }
  const hasApp = existsSync(`${WEB_ROOT}/index.html`);
  if (hasApp) {
    await app.register(fastifyStatic, {
      root: WEB_ROOT,
      prefix: '/',
      wildcard: false,
      index: ['index.html'],
      setHeaders(res, path) {
        // Vite puts a content hash in every asset name: they never change under one URL.
        res.header('cache-control', path.includes('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache');
      },
    });
  }
  return { hasApp };
}
