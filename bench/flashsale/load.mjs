// The flash sale's load: keep-alive HTTP/1.1 connections spread over every app instance (as a load
// balancer would), each sending one request at a time, built by the caller from its sequence
// number n, and handing back each answer with its status, body and latency.
//
// It is a few lines of `net` rather than autocannon. Both were measured on this benchmark: after
// the sale sold out, autocannon used a whole core (it rebuilds and re-parses every request and
// answer in JavaScript, ~130 µs each on the 2-core machine) while the two instances it loaded sat
// idle half the time, so the rush measured the load generator. Hello-world and the rush go
// through this same code, so the ratio compares the servers. docs/BENCHMARKS.md, "Flash sales".

import net from 'node:net';

const HEAD_END = Buffer.from('\r\n\r\n');
const CONTENT_LENGTH = /\r\ncontent-length:[ \t]*(\d+)/i;
const CHUNKED = /\r\ntransfer-encoding:[^\r]*chunked/i;

/**
 * Sends `amount` requests (or as many as `seconds` allow) over `connections` keep-alive
 * connections to the urls (round robin by connection), one request in flight on each.
 * request(n) gives { method, path, body?, headers? } (a body is sent as JSON); onAnswer(n,
 * status, body, ms, at) is called for each answer, ms from the write of the request, at since
 * the load began. A request unanswered after timeoutMs, or cut by its connection closing, is
 * counted (timeouts, errors) and its connection opened again. Resolves with those counts, how
 * many requests were sent, and the wall time.
 */
export function fire({ urls, connections, amount, seconds, request, onAnswer, timeoutMs = 10_000 }) {
  const targets = urls.map((u) => new URL(u));
  const began = performance.now();
  const deadline = seconds ? began + seconds * 1000 : Number.POSITIVE_INFINITY;
  const counts = { errors: 0, timeouts: 0 };
  let next = 0;
  let open = 0;
  const more = () => (amount ? next < amount : performance.now() < deadline);

  return new Promise((resolve, reject) => {
    const live = new Set();
    const watchdog = setInterval(() => {
      const now = performance.now();
      for (const c of live) {
        if (c.n !== undefined && now - c.sentAt > timeoutMs) {
          counts.timeouts++;
          c.retire();
        }
      }
    }, 250);
    const closed = () => {
      if (--open > 0) return;
      clearInterval(watchdog);
      resolve({ result: counts, sent: next, wallSeconds: (performance.now() - began) / 1000 });
    };

    function connect(target, failures = 0) {
      open++;
      const host = `${target.hostname}:${target.port}`;
      const socket = net.connect({ host: target.hostname, port: Number(target.port), noDelay: true });
      let pending = Buffer.alloc(0);
      const c = {
        n: undefined,
        sentAt: 0,
        send() {
          if (!more()) {
            c.n = undefined;
            socket.end();
            return;
          }
          const n = next++;
          const { method, path, body, headers } = request(n);
          let head = `${method} ${path} HTTP/1.1\r\nHost: ${host}\r\nConnection: keep-alive\r\n`;
          if (body !== undefined) {
            head += `Content-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n`;
          }
          if (headers) for (const name in headers) head += `${name}: ${headers[name]}\r\n`;
          c.n = n;
          c.sentAt = performance.now();
          socket.write(body === undefined ? `${head}\r\n` : `${head}\r\n${body}`);
        },
        /** Gives up on this connection (its request, if any, is counted already) and opens another. */
        retire() {
          c.n = undefined;
          socket.destroy();
        },
      };
      live.add(c);
      let connected = false;
      socket.on('connect', () => {
        connected = true;
        c.send();
      });
      socket.on('data', (chunk) => {
        pending = pending.length === 0 ? chunk : Buffer.concat([pending, chunk]);
        for (;;) {
          const headEnd = pending.indexOf(HEAD_END);
          if (headEnd < 0) return;
          const head = pending.toString('latin1', 0, headEnd);
          if (CHUNKED.test(head)) {
            reject(new Error(`a chunked answer from ${host}: the load generator reads Content-Length only`));
            return;
          }
          const length = Number(CONTENT_LENGTH.exec(head)?.[1] ?? 0);
          const end = headEnd + HEAD_END.length + length;
          if (pending.length < end) return;
          const at = performance.now();
          const status = Number(head.slice(9, 12));
          const body = pending.toString('utf8', headEnd + HEAD_END.length, end);
          pending = pending.subarray(end);
          const n = c.n;
          c.n = undefined;
          if (n !== undefined) onAnswer(n, status, body, at - c.sentAt, at - began);
          c.send();
        }
      });
      socket.on('error', () => {});
      socket.on('close', () => {
        live.delete(c);
        if (c.n !== undefined || !connected) counts.errors++;
        // A connection that drops mid-load is replaced; one that cannot open gives up after 3 tries.
        if (more() && (connected || failures < 3)) connect(target, connected ? 0 : failures + 1);
        closed();
      });
    }

    for (let i = 0; i < connections; i++) connect(targets[i % targets.length]);
  });
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
