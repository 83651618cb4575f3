import type { IncomingMessage, ServerResponse } from 'node:http';
import helmet, { type HelmetOptions } from 'helmet';

// Security headers, computed once at start. @fastify/helmet runs helmet() and re-parses the
// Content-Security-Policy on every request, which cost the storefront listing half its
// throughput (docs/BENCHMARKS.md); the headers never vary by request, so we ask helmet once
// and replay its answer.

export function securityHeaders(options: HelmetOptions): Record<string, string> {
  const headers: Record<string, string> = {};
  const response = {
    setHeader(name: string, value: string | number | readonly string[]) {
      headers[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : String(value);
    },
    removeHeader(name: string) {
      delete headers[name.toLowerCase()];
    },
    getHeader(name: string) {
      return headers[name.toLowerCase()];
    },
  } as unknown as ServerResponse;
  let error: unknown;
  helmet(options)({ headers: {} } as IncomingMessage, response, (e?: unknown) => {
    error = e;
  });
  if (error) throw error;
  return headers;
}
