// The flash sale's load: autocannon spreading its connections over every app instance (as a load
// balancer would), each request built by the caller from its sequence number n, and each answer
// handed back with its status, body and latency. autocannon builds a request just before sending
// it and reports its answer before building the next, so n, the moment it left and its answer
// line up one to one on each connection.

import autocannon from 'autocannon';

/**
 * Sends `amount` requests (or runs for `seconds`) with `connections` keep-alive connections over
 * the urls (round robin by connection). request(n) gives { method, path, body, headers };
 * onAnswer(n, status, body, ms, at) is called for each answer (at: ms since the load began).
 * Resolves with autocannon's result and the load's wall time.
 */
export async function fire({ urls, connections, amount, seconds, request, onAnswer }) {
  let next = 0;
  const began = performance.now();
  const result = await autocannon({
    url: urls,
    connections,
    ...(amount ? { amount } : { duration: seconds }),
    pipelining: 1,
    timeout: 10,
    requests: [
      {
        setupRequest(defaults, context) {
          const n = next++;
          const { method, path, body, headers } = request(n);
          context.n = n;
          context.sentAt = performance.now();
          return {
            ...defaults,
            method,
            path,
            body,
            headers: { ...defaults.headers, 'content-type': 'application/json', ...headers },
          };
        },
        onResponse(status, body, context) {
          const at = performance.now();
          onAnswer(context.n, status, body, at - context.sentAt, at - began);
        },
      },
    ],
  });
  return { result, sent: next, wallSeconds: (performance.now() - began) / 1000 };
}

/** The code a problem+json answer's type ends with (urn:marketgate:problem:sold-out): "sold-out", ... */
export function problemCode(body) {
  try {
    return /[^:/]*$/.exec(JSON.parse(body).type ?? '')[0] || 'unknown';
  } catch {
    return 'not problem+json';
  }
}

function percentile(sorted, p) {
  if (sorted.length === 0) return null;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

/** p50/p90/p99/max/mean of a list of ms, to 0.1 ms. */
export function latency(values) {
  const sorted = Float64Array.from(values).sort();
  const round = (v) => (v == null ? null : Math.round(v * 10) / 10);
  let sum = 0;
  for (const v of sorted) sum += v;
  return {
    count: sorted.length,
    p50: round(percentile(sorted, 50)),
    p90: round(percentile(sorted, 90)),
    p99: round(percentile(sorted, 99)),
    max: round(sorted.length ? sorted[sorted.length - 1] : null),
    mean: round(sorted.length ? sum / sorted.length : null),
  };
}
