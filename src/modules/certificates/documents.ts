import { createHash } from 'node:crypto';
import { basename } from 'node:path';
import { parse } from 'content-disposition';

// Certificate documents (the grant, the test report, the CPC as PDF): what is accepted and how
// it is named. Kept in the database beside the certificate, so a backup holds both.

export const DOCUMENT_CONTENT_TYPE = 'application/pdf';
/** Scanned certificates and test reports run to a few MiB; 10 MiB leaves room without inviting dumps. */
export const MAX_DOCUMENT_BYTES = 10 * 1024 * 1024;
const PDF_MAGIC = Buffer.from('%PDF-', 'latin1');
const DEFAULT_FILENAME = 'document.pdf';

/** Every PDF begins with its header, "%PDF-" and the version (ISO 32000-2, 7.5.2). */
export function isPdf(content: Buffer): boolean {
  return content.subarray(0, PDF_MAGIC.length).equals(PDF_MAGIC);
}

export function sha256Hex(content: Buffer): string {
  return createHash('sha256').update(content).digest('hex');
}

/** A name safe to store and to send back: no path, no control characters, at most 200 characters. */
export function safeFilename(raw: string | undefined): string {
  const name = basename((raw ?? '').replace(/\\/g, '/'))
    // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what it removes
    .replace(/[\u0000-\u001f\u007f"]/g, '')
    .trim()
    .slice(0, 200);
  return name && name !== '.' && name !== '..' ? name : DEFAULT_FILENAME;
}

/** The filename a client gave: the ?filename= query first, then its Content-Disposition header. */
export function uploadFilename(query: string | undefined, contentDisposition: string | undefined): string {
  if (query) return safeFilename(query);
  if (contentDisposition) {
    try {
      return safeFilename(parse(contentDisposition).parameters.filename);
    } catch {
      // A malformed header names nothing; the default name is as good as any.
    }
  }
  return DEFAULT_FILENAME;
}
