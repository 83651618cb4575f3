import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useId, useState } from 'react';
import { Field, FormProblem, fieldIssues, messagesFor } from '../../components/Field';
import { useReveal } from '../../components/useReveal';
import { ecosystemKey } from './api';

// Services and regions are both records with a kebab-case code that others name (so it never changes), a name,
// and one more text field; one form adds and changes either, told by a CodedKind what to call things.

export interface Coded {
  code: string;
  name: string;
}

/** What a save sends besides the code: the name and the third field, trimmed (and normalised). */
export interface CodedFields {
  name: string;
  detail: string;
}

/** The third field: a service's description, a region's country. */
export interface DetailField<T> {
  /** The server's name for it, where its errors go. */
  field: string;
  label: string;
  hint?: string;
  className?: string;
  required?: boolean;
  maxLength?: number;
  /** False for a code-like value. */
  spellCheck?: false;
  /** Trimmed when absent. */
  normalise?: (value: string) => string;
  of: (record: T) => string;
}

export interface CodedKind<T extends Coded> {
  /** Lower case, singular: "service". */
  noun: string;
  code: { hint: string; placeholder: string };
  detail: DetailField<T>;
  create: (code: string, fields: CodedFields) => Promise<Coded>;
  update: (code: string, fields: CodedFields) => Promise<Coded>;
  remove: (code: string) => Promise<void>;
}

export const capitalised = (noun: string) => noun.charAt(0).toUpperCase() + noun.slice(1);

/** Records one, or changes one's name and third field (its code stays). */
export function CodedForm<T extends Coded>({
  kind,
  record,
  onSaved,
  onCancel,
}: {
  kind: CodedKind<T>;
  record?: T;
  onSaved: (notice: string) => void;
  onCancel: () => void;
}) {
  const { noun, detail: field } = kind;
  const queryClient = useQueryClient();
  const headingId = useId();
  const heading = useReveal<HTMLHeadingElement>(record !== undefined);
  const [code, setCode] = useState(record?.code ?? '');
  const [name, setName] = useState(record?.name ?? '');
  const [detail, setDetail] = useState(record ? field.of(record) : '');
  const save = useMutation({
    mutationFn: () => {
      const normalise = field.normalise ?? ((value: string) => value.trim());
      const fields = { name: name.trim(), detail: normalise(detail) };
      return record ? kind.update(record.code, fields) : kind.create(code.trim(), fields);
    },
    onSuccess: async (answer) => {
      await queryClient.invalidateQueries({ queryKey: ecosystemKey });
      setCode('');
      setName('');
      setDetail('');
      onSaved(`${record ? 'Changed' : 'Recorded'} the ${noun} ${answer.code}.`);
    },
  });
  const issues = fieldIssues(save.error);
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    save.mutate();
  };
  return (
    <form className="ecosystem-form ecosystem-form--sub" onSubmit={submit} aria-labelledby={headingId}>
      <h3 id={headingId} ref={heading} tabIndex={-1}>
        {record ? (
          <>
            Change <code>{record.code}</code>
          </>
        ) : (
          `Add a ${noun}`
        )}
      </h3>
      {save.isError ? <FormProblem error={save.error} fields={['code', 'name', field.field]} /> : null}
      <div className="form-grid">
        <Field label={`${capitalised(noun)} code`} errors={messagesFor(issues, 'code')} hint={kind.code.hint}>
          {(control) => (
            <input
              {...control}
              required
              readOnly={record !== undefined}
              autoComplete="off"
              spellCheck={false}
              placeholder={kind.code.placeholder}
              value={code}
              onChange={(e) => setCode(e.target.value)}
            />
          )}
        </Field>
        <Field label={`${capitalised(noun)} name`} errors={messagesFor(issues, 'name')}>
          {(control) => (
            <input {...control} required autoComplete="off" value={name} onChange={(e) => setName(e.target.value)} />
          )}
        </Field>
        <Field
          label={field.label}
          errors={messagesFor(issues, field.field)}
          hint={field.hint}
          className={field.className}
        >
          {(control) => (
            <input
              {...control}
              required={field.required}
              autoComplete="off"
              spellCheck={field.spellCheck}
              maxLength={field.maxLength}
              value={detail}
              onChange={(e) => setDetail(e.target.value)}
            />
          )}
        </Field>
      </div>
      <p className="ecosystem-form__actions">
        <button className="button button--primary" type="submit" disabled={save.isPending}>
          {save.isPending ? 'Saving…' : record ? 'Save changes' : `Add ${noun}`}
        </button>
        {record ? (
          <button type="button" className="button button--ghost-dark" onClick={onCancel}>
            Cancel
          </button>
        ) : null}
      </p>
    </form>
  );
}
