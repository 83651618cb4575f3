import { useRef } from 'react';
import { ProblemError } from './api';

// The Idempotency-Key of one attempt at a request that must not happen twice: placing an order,
// charging a card, refunding. A retry of the same request after no answer (the network failed, the
// server erred) sends the same key, so the server answers with what the first try did instead of
// doing it again; once the server has answered, the next attempt is a new one with a new key.

function newKey(): string {
  // randomUUID exists only in secure contexts (https, localhost); a shop tried over plain http on a
  // LAN address still needs a key, and getRandomValues works everywhere.
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join('');
}

/** Whether the server has answered the attempt (anything but a network failure or a server error). */
function answered(error: unknown): boolean {
  return error === null || (error instanceof ProblemError && error.status < 500);
}

export function useIdempotencyKey() {
  const attempt = useRef<{ key: string; body: string } | null>(null);
  return {
    /** The key for a request with this body: the pending attempt's when it is the same request. */
    keyFor(body: unknown): string {
      const text = JSON.stringify(body);
      if (attempt.current?.body !== text) attempt.current = { key: newKey(), body: text };
      return attempt.current.key;
    },
    /** Call when the request settles; null error for a success. */
    settled(error: unknown): void {
      if (answered(error)) attempt.current = null;
    },
  };
}
