import { randomBytes, timingSafeEqual } from 'node:crypto';
import { type Algorithm, hash, verify } from '@node-rs/argon2';

// Passwords are stored as argon2id hashes (OWASP's recommended parameters are the library's
// defaults: m=19 MiB, t=2, p=1). Session ids and API tokens are random 256-bit values, stored
// as SHA-256: they carry full entropy, so a slow hash would add cost and no safety.

// The library's Algorithm is an ambient const enum, which isolated modules cannot read.
const ARGON2ID: Algorithm.Argon2id = 2;

export function hashPassword(password: string): Promise<string> {
  return hash(password, { algorithm: ARGON2ID });
}

export async function verifyPassword(stored: string, password: string): Promise<boolean> {
  try {
    return await verify(stored, password);
  } catch {
    return false;
  }
}

// Verifying against this when the account does not exist takes as long as a real check, so the
// answer's timing does not tell which emails have accounts.
let dummyHash: Promise<string> | undefined;
export function dummyPasswordHash(): Promise<string> {
  dummyHash ??= hashPassword(randomBytes(16).toString('hex'));
  return dummyHash;
}

/** A password to hand to a person once: 20 characters from a 56-symbol alphabet (~116 bits). */
export function generatePassword(): string {
  const alphabet = 'abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';
  const bytes = randomBytes(40);
  let out = '';
  // Rejection sampling keeps every symbol equally likely.
  for (const b of bytes) {
    if (b < 224) out += alphabet[b % 56];
    if (out.length === 20) break;
  }
  return out.length === 20 ? out : generatePassword();
}

export function randomSecret(prefix = ''): string {
  return `${prefix}${randomBytes(32).toString('base64url')}`;
}

export { sha256 } from '../../platform/hash.js';

export function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
