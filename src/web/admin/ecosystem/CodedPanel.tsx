import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type ReactNode, useState } from 'react';
import { problemText } from '../../api';
import { ConfirmButton } from '../../components/ConfirmButton';
import { ecosystemKey } from './api';
import { type Coded, CodedForm, type CodedKind } from './CodedForm';
import { Notice } from './Notice';

/** A column after the code and the name. */
export interface CodedColumn<T> {
  label: string;
  /** On the header and the cells. */
  className?: string;
  /** On the cells instead. */
  cellClassName?: string;
  cell: (record: T) => ReactNode;
}

/** A table of services or regions, with the form to add one and, per row, to change or delete it. */
export function CodedPanel<T extends Coded>({
  kind,
  headingId,
  title,
  intro,
  records,
  columns,
  deleteQuestion = (record) => `Delete ${record.code}?`,
  canWrite,
}: {
  kind: CodedKind<T>;
  headingId: string;
  title: string;
  /** Said under the heading. */
  intro?: ReactNode;
  records: T[];
  columns: CodedColumn<T>[];
  deleteQuestion?: (record: T) => string;
  canWrite: boolean;
}) {
  const [editing, setEditing] = useState<T | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  return (
    <section className="panel" aria-labelledby={headingId}>
      <h2 id={headingId}>
        {title} <span className="muted">({records.length})</span>
      </h2>
      {intro ? <p className="muted">{intro}</p> : null}
      <div className="table-wrap">
        <table className="table" aria-labelledby={headingId}>
          <thead>
            <tr>
              <th scope="col">Code</th>
              <th scope="col">Name</th>
              {columns.map((column) => (
                <th key={column.label} scope="col" className={column.className}>
                  {column.label}
                </th>
              ))}
              {canWrite ? (
                <th scope="col" className="actions">
                  <span className="visually-hidden">Actions</span>
                </th>
              ) : null}
            </tr>
          </thead>
          <tbody>
            {records.map((record) => (
              <CodedRow
                key={record.code}
                kind={kind}
                record={record}
                columns={columns}
                deleteQuestion={deleteQuestion(record)}
                canWrite={canWrite}
                onEdit={() => {
                  setNotice(null);
                  setEditing(record);
                }}
                onDeleted={() => {
                  if (editing?.code === record.code) setEditing(null);
                  setNotice(`Deleted the ${kind.noun} ${record.code}.`);
                }}
              />
            ))}
          </tbody>
        </table>
      </div>
      {canWrite ? (
        <CodedForm
          key={editing?.code ?? 'new'}
          kind={kind}
          record={editing ?? undefined}
          onSaved={(text) => {
            setEditing(null);
            setNotice(text);
          }}
          onCancel={() => setEditing(null)}
        />
      ) : null}
      <Notice text={notice} />
    </section>
  );
}

function CodedRow<T extends Coded>({
  kind,
  record,
  columns,
  deleteQuestion,
  canWrite,
  onEdit,
  onDeleted,
}: {
  kind: CodedKind<T>;
  record: T;
  columns: CodedColumn<T>[];
  deleteQuestion: string;
  canWrite: boolean;
  onEdit: () => void;
  onDeleted: () => void;
}) {
  const queryClient = useQueryClient();
  const remove = useMutation({
    mutationFn: () => kind.remove(record.code),
    onSuccess: onDeleted,
    onSettled: () => queryClient.invalidateQueries({ queryKey: ecosystemKey }),
  });
  return (
    <tr className={remove.isPending ? 'is-pending' : undefined}>
      <td>
        <code>{record.code}</code>
      </td>
      <th scope="row">{record.name}</th>
      {columns.map((column) => (
        <td key={column.label} className={column.cellClassName ?? column.className}>
          {column.cell(record)}
        </td>
      ))}
      {canWrite ? (
        <td className="actions">
          <span className="actions__group">
            <button
              type="button"
              className="button button--ghost-dark button--small"
              aria-label={`Change ${record.code}`}
              onClick={onEdit}
            >
              Change
            </button>
            <ConfirmButton
              question={deleteQuestion}
              confirmLabel="Delete"
              disabled={remove.isPending}
              onConfirm={() => remove.mutate()}
            >
              Delete
            </ConfirmButton>
          </span>
          {remove.isError ? (
            <p className="text-error" role="alert">
              {problemText(remove.error)}
            </p>
          ) : null}
        </td>
      ) : null}
    </tr>
  );
}
