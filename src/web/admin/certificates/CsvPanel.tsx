import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useRef, useState } from 'react';
import { ErrorPanel } from '../../components/Status';
import { plural } from '../../format';
import { certificateCommands, certificateQueries, exportUrl } from './api';

/** The registry as a spreadsheet: export every certificate, import a file of them (every row or none). */
export function CsvPanel({ canImport }: { canImport: boolean }) {
  return (
    <section className="panel" aria-labelledby="csv-heading">
      <header className="csv-panel__header">
        <h2 id="csv-heading">Import and export</h2>
        <a className="button button--ghost-dark" href={exportUrl} download>
          Export CSV
        </a>
      </header>
      <p className="muted">
        One certificate a row, in the columns the export writes: <code>requirement_code</code>, <code>identifier</code>,{' '}
        <code>holder</code>, <code>issued_by</code>, <code>issued_on</code>, <code>expires_on</code>,{' '}
        <code>status</code>, <code>products</code> and <code>variants</code> (slugs and SKUs separated by <code>;</code>
        ), <code>notes</code>. An import with one bad row imports nothing.
      </p>
      {canImport ? <ImportForm /> : null}
    </section>
  );
}

function ImportForm() {
  const queryClient = useQueryClient();
  const input = useRef<HTMLInputElement>(null);
  const [file, setFile] = useState<File | null>(null);
  const importCsv = useMutation({
    mutationFn: async (csv: File) => certificateCommands.importCsv(await csv.text()),
    onSuccess: async () => {
      setFile(null);
      if (input.current) input.current.value = '';
      await queryClient.invalidateQueries({ queryKey: certificateQueries.all().queryKey });
    },
  });
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (file) importCsv.mutate(file);
  };
  return (
    <>
      <form className="form form--inline" onSubmit={submit} aria-label="Import certificates">
        <label className="field">
          <span className="field__label">CSV file</span>
          <input
            ref={input}
            type="file"
            accept=".csv,text/csv"
            onChange={(event) => {
              importCsv.reset();
              setFile(event.target.files?.[0] ?? null);
            }}
          />
        </label>
        <button className="button button--primary" type="submit" disabled={!file || importCsv.isPending}>
          {importCsv.isPending ? 'Importing…' : 'Import'}
        </button>
      </form>
      {importCsv.isError ? <ErrorPanel error={importCsv.error} /> : null}
      {importCsv.isSuccess ? (
        <p className="status status--ok" role="status">
          Imported {plural(importCsv.data.imported, 'certificate')}.
        </p>
      ) : null}
    </>
  );
}
