import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useId, useRef, useState } from 'react';
import { problemText } from '../../api';
import { ConfirmButton } from '../../components/ConfirmButton';
import { ErrorPanel } from '../../components/Status';
import { formatDateTime } from '../../format';
import {
  type Certificate,
  type CertificateDocument,
  certificateCommands,
  certificateQueries,
  documentUrl,
  MAX_DOCUMENT_BYTES,
} from './api';

function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(0)} KiB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MiB`;
}

/** The certificate's PDFs (the grant, the test report), kept beside it in the database. */
export function DocumentsPanel({ certificate, canWrite }: { certificate: Certificate; canWrite: boolean }) {
  const headingId = useId();
  return (
    <section className="documents" aria-labelledby={headingId}>
      <h3 id={headingId} className="documents__title">
        Documents
      </h3>
      {certificate.documents.length === 0 ? (
        <p className="muted">No documents yet.</p>
      ) : (
        <ul className="documents__list">
          {certificate.documents.map((document) => (
            <DocumentItem key={document.id} certificate={certificate} document={document} canWrite={canWrite} />
          ))}
        </ul>
      )}
      {canWrite ? <UploadForm certificate={certificate} /> : null}
    </section>
  );
}

function DocumentItem({
  certificate,
  document,
  canWrite,
}: {
  certificate: Certificate;
  document: CertificateDocument;
  canWrite: boolean;
}) {
  const queryClient = useQueryClient();
  const remove = useMutation({
    mutationFn: () => certificateCommands.deleteDocument(certificate.id, document.id),
    onSettled: () => queryClient.invalidateQueries({ queryKey: certificateQueries.all().queryKey }),
  });
  return (
    <li className={`documents__item${remove.isPending ? ' is-pending' : ''}`}>
      <a href={documentUrl(certificate.id, document.id)} download={document.filename}>
        {document.filename}
      </a>
      <span className="muted">
        {formatSize(document.size)} · uploaded{' '}
        <time dateTime={document.uploadedAt}>{formatDateTime(document.uploadedAt)}</time>
      </span>
      <code className="documents__hash" title={`SHA-256 ${document.sha256}`}>
        sha256 {document.sha256.slice(0, 12)}…
      </code>
      {canWrite ? (
        <ConfirmButton
          question={`Delete ${document.filename}?`}
          confirmLabel="Delete"
          disabled={remove.isPending}
          onConfirm={() => remove.mutate()}
        >
          Delete
        </ConfirmButton>
      ) : null}
      {remove.isError ? (
        <span className="text-error" role="alert">
          {problemText(remove.error)}
        </span>
      ) : null}
    </li>
  );
}

function UploadForm({ certificate }: { certificate: Certificate }) {
  const queryClient = useQueryClient();
  const input = useRef<HTMLInputElement>(null);
  const [file, setFile] = useState<File | null>(null);
  const [tooLarge, setTooLarge] = useState(false);
  const upload = useMutation({
    mutationFn: (pdf: File) => certificateCommands.uploadDocument(certificate.id, pdf),
    onSuccess: async () => {
      setFile(null);
      if (input.current) input.current.value = '';
      await queryClient.invalidateQueries({ queryKey: certificateQueries.all().queryKey });
    },
  });
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!file) return;
    // The server refuses more than 10 MiB too; saying so here spares sending it.
    if (file.size > MAX_DOCUMENT_BYTES) {
      setTooLarge(true);
      return;
    }
    upload.mutate(file);
  };
  return (
    <>
      <form className="form form--inline documents__upload" onSubmit={submit} aria-label="Upload a document">
        <label className="field">
          <span className="field__label">PDF document (at most 10 MiB)</span>
          <input
            ref={input}
            type="file"
            accept="application/pdf,.pdf"
            onChange={(event) => {
              setTooLarge(false);
              upload.reset();
              setFile(event.target.files?.[0] ?? null);
            }}
          />
        </label>
        <button className="button button--primary" type="submit" disabled={!file || upload.isPending}>
          {upload.isPending ? 'Uploading…' : 'Upload'}
        </button>
      </form>
      {tooLarge ? (
        <p className="text-error" role="alert">
          {file?.name} is larger than 10 MiB; the registry takes documents up to 10 MiB.
        </p>
      ) : null}
      {upload.isError ? <ErrorPanel error={upload.error} /> : null}
    </>
  );
}
