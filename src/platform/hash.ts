import { createHash } from 'node:crypto';

// The one digest: secrets stored only as their hash (sessions, API tokens, one-time links),
// files checked against a recorded checksum, texts compared for duplicates.

export function sha256(value: string | Uint8Array): string {
  return createHash('sha256').update(value).digest('hex');
}
