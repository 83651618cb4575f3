import { create as attachment } from 'content-disposition';
import Type from 'typebox';
import { ValidationError } from '../../platform/errors.js';
import { problems } from '../../platform/http/problem.js';
import type { App } from '../../platform/http/server.js';
import { DOCUMENT_CONTENT_TYPE, MAX_DOCUMENT_BYTES, uploadFilename } from './documents.js';
import { Certificate, CertificateFilter, CertificateInput, CertificatePatch, DocumentMeta } from './schemas.js';
import type { CertificateService } from './service.js';

// Staff API for the certificate registry: certificates, their CSV import and export, and their
// documents. Registered as its own plugin, so the CSV and PDF body parsers serve these routes only.

const CSV_CONTENT_TYPE = 'text/csv';
/** A registry of thousands of certificates is well under a MiB of CSV. */
const MAX_CSV_BYTES = 5 * 1024 * 1024;

const Params = Type.Object({ id: Type.String({ format: 'uuid', description: 'certificate id' }) });
const DocumentParams = Type.Object({
  id: Type.String({ format: 'uuid', description: 'certificate id' }),
  documentId: Type.String({ format: 'uuid' }),
});
const tags = ['compliance'];
const read = { permission: 'readiness:read' } as const;
const write = { permission: 'compliance:write' } as const;

export function certificateRoutes(app: App, certificates: CertificateService): void {
  app.register(async (scope: App) => {
    scope.addContentTypeParser(CSV_CONTENT_TYPE, { parseAs: 'buffer' }, (request, body, done) => {
      try {
        done(null, csvText(body as Buffer, request.headers['content-type']));
      } catch (error) {
        done(error as Error, undefined);
      }
    });
    scope.addContentTypeParser(DOCUMENT_CONTENT_TYPE, { parseAs: 'buffer' }, (_request, body, done) =>
      done(null, body),
    );
    registerCertificates(scope, certificates);
    registerCsv(scope, certificates);
    registerDocuments(scope, certificates);
  });
}

/**
 * The file's text, in the charset its Content-Type names (UTF-8 when it names none). A spreadsheet
 * saves CSV in the machine's code page as often as in UTF-8: bytes that are not text in the
 * charset are refused, not stored as replacement characters.
 */
function csvText(body: Buffer, contentType: string | undefined): string {
  const charset = /;\s*charset="?([^";\s]+)"?/i.exec(contentType ?? '')?.[1] ?? 'utf-8';
  let decoder: InstanceType<typeof TextDecoder>;
  try {
    decoder = new TextDecoder(charset, { fatal: true });
  } catch {
    throw ValidationError.field('Content-Type', `charset "${charset}" is not one this server reads; use utf-8`);
  }
  try {
    return decoder.decode(body);
  } catch {
    throw ValidationError.field(
      'body',
      `is not ${charset} text: save the file as UTF-8, or name its charset (text/csv; charset=windows-1252)`,
    );
  }
}

function registerCertificates(app: App, certificates: CertificateService): void {
  app.get(
    '/api/admin/certificates',
    {
      schema: {
        tags,
        summary: 'List certificates with their coverage, documents and expiry warning',
        querystring: CertificateFilter,
        response: { 200: Type.Object({ certificates: Type.Array(Certificate) }), ...problems(400) },
      },
      config: read,
    },
    async (request) => ({ certificates: await certificates.list(request.query) }),
  );

  app.post(
    '/api/admin/certificates',
    {
      schema: {
        tags,
        summary: 'Record a certificate',
        body: CertificateInput,
        response: { 201: Certificate, ...problems(400, 409) },
      },
      config: write,
    },
    async (request, reply) => reply.status(201).send(await certificates.create(request.body)),
  );

  app.get(
    '/api/admin/certificates/:id',
    {
      schema: { tags, summary: 'Read a certificate', params: Params, response: { 200: Certificate, ...problems(404) } },
      config: read,
    },
    async (request) => certificates.get(request.params.id),
  );

  app.patch(
    '/api/admin/certificates/:id',
    {
      schema: {
        tags,
        summary: 'Change a certificate (fields given replace the stored ones; coverage is replaced whole)',
        params: Params,
        body: CertificatePatch,
        response: { 200: Certificate, ...problems(400, 404, 409) },
      },
      config: write,
    },
    async (request) => certificates.update(request.params.id, request.body),
  );

  app.delete(
    '/api/admin/certificates/:id',
    {
      schema: {
        tags,
        summary: 'Delete a certificate with its coverage and documents',
        params: Params,
        response: { 204: Type.Null(), ...problems(404) },
      },
      config: write,
    },
    async (request, reply) => {
      await certificates.delete(request.params.id);
      return reply.status(204).send(null);
    },
  );
}

function registerCsv(app: App, certificates: CertificateService): void {
  app.post(
    '/api/admin/certificates/import',
    {
      schema: {
        tags,
        summary: 'Import certificates from CSV: every row or none',
        description:
          'Columns: requirement_code, identifier, holder, issued_by, issued_on, expires_on, status, products ' +
          '(slugs separated by ";"), variants (SKUs separated by ";", optional), notes. Every row is checked ' +
          'first; one bad row answers 400 naming each "row N: column" and imports nothing.',
        consumes: [CSV_CONTENT_TYPE],
        body: Type.String({ description: 'the CSV file, header first' }),
        response: { 201: Type.Object({ imported: Type.Integer() }), ...problems(400, 409, 413, 415) },
      },
      config: write,
      bodyLimit: MAX_CSV_BYTES,
    },
    async (request, reply) => reply.status(201).send(await certificates.importCsv(request.body)),
  );

  app.get(
    '/api/admin/certificates/export',
    {
      schema: {
        tags,
        summary: 'Every certificate as CSV, in the columns the import takes',
        produces: [CSV_CONTENT_TYPE],
        response: { 200: Type.String({ description: 'CSV' }) },
      },
      config: read,
    },
    async (_request, reply) => {
      const csv = await certificates.exportCsv();
      return reply
        .type(`${CSV_CONTENT_TYPE}; charset=utf-8`)
        .header('content-disposition', attachment('certificates.csv'))
        .send(csv);
    },
  );
}

function registerDocuments(app: App, certificates: CertificateService): void {
  app.post(
    '/api/admin/certificates/:id/documents',
    {
      schema: {
        tags,
        summary: 'Attach a PDF document (the raw file as the body, at most 10 MiB)',
        description:
          'Send the PDF itself with content-type application/pdf; name it with ?filename= or a ' +
          'Content-Disposition header. Stored with its SHA-256.',
        consumes: [DOCUMENT_CONTENT_TYPE],
        params: Params,
        querystring: Type.Object({ filename: Type.Optional(Type.String({ minLength: 1, maxLength: 255 })) }),
        response: { 201: DocumentMeta, ...problems(400, 404, 413, 415) },
      },
      config: write,
      bodyLimit: MAX_DOCUMENT_BYTES,
    },
    async (request, reply) => {
      const content = request.body;
      if (!Buffer.isBuffer(content)) {
        throw ValidationError.field('body', `must be the PDF itself, sent as ${DOCUMENT_CONTENT_TYPE}`);
      }
      const filename = uploadFilename(request.query.filename, request.headers['content-disposition']);
      const document = await certificates.addDocument(request.params.id, {
        filename,
        contentType: DOCUMENT_CONTENT_TYPE,
        content,
      });
      return reply.status(201).send(document);
    },
  );

  app.get(
    '/api/admin/certificates/:id/documents/:documentId',
    {
      schema: {
        tags,
        summary: 'Download a document, byte for byte as uploaded',
        produces: [DOCUMENT_CONTENT_TYPE],
        params: DocumentParams,
        response: {
          200: Type.Unsafe<Buffer>({ type: 'string', format: 'binary', description: 'the file' }),
          ...problems(404),
        },
      },
      config: read,
    },
    async (request, reply) => {
      const document = await certificates.document(request.params.id, request.params.documentId);
      return reply
        .type(document.contentType)
        .header('content-disposition', attachment(document.filename))
        .header('cache-control', 'private, no-store')
        .send(document.content);
    },
  );

  app.delete(
    '/api/admin/certificates/:id/documents/:documentId',
    {
      schema: {
        tags,
        summary: 'Delete a document',
        params: DocumentParams,
        response: { 204: Type.Null(), ...problems(404) },
      },
      config: write,
    },
    async (request, reply) => {
      await certificates.deleteDocument(request.params.id, request.params.documentId);
      return reply.status(204).send(null);
    },
  );
}
