import { randomBytes } from 'node:crypto';

// The secret in a link sent by email (a flash-sale registration, a comment-data export or
// erasure, a notify-me unsubscribe): 192 random bits, URL-safe, 32 characters. A link that is
// never sent again is stored only as its sha256 (hash.ts); the unsubscribe link goes out with
// every later email, so notify keeps it.

export function linkToken(): string {
  return randomBytes(24).toString('base64url');
}
