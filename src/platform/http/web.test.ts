import { describe, expect, it } from 'vitest';
import { isApiPath, isWebRoute } from './web.js';

describe('which paths are what', () => {
  it('gives the web app the client-side routes, and no path of the server', () => {
    for (const url of ['/', '/us', '/us/products/x?tab=1', '/admin/flash-sales', '/apis', '/1.3/x'])
      expect(isWebRoute('GET', url), url).toBe(true);
    for (const url of ['/api/store/markets', '/docs', '/docs/json', '/openapi.json', '/media/demo/a.png', '/healthz'])
      expect(isWebRoute('GET', url), url).toBe(false);
    for (const url of ['/1.1/comment-check', '/1.2/usage-limit', '/1.2/unknown', '/readyz?x', '/metrics'])
      expect(isWebRoute('GET', url), url).toBe(false);
    expect(isWebRoute('POST', '/us')).toBe(false);
  });

  it('gives the data paths the API headers, and the documents (the web app, /docs) the pages headers', () => {
    for (const url of [
      '/api/admin/users',
      '/openapi.json',
      '/healthz',
      '/readyz',
      '/metrics',
      '/1.1/verify-key',
      '/1.2/key-sites',
    ])
      expect(isApiPath(url), url).toBe(true);
    for (const url of ['/', '/us', '/docs', '/docs/static/index.html', '/media/demo/a.png', '/apis', '/1.3/x'])
      expect(isApiPath(url), url).toBe(false);
  });
});
