import { type ReactNode, useId } from 'react';
import { ProblemError } from '../api';
import { ErrorPanel } from './Status';
import './field.css';

// Form fields that show what the server said about them: a problem+json answer's errors[{field, message}]
// go next to the field they name, and the form says once, at its top, that it was refused.

export interface FieldIssue {
  field: string;
  message: string;
}

/** The field errors of a refused request; none for any other failure. */
export function fieldIssues(error: unknown): FieldIssue[] {
  return error instanceof ProblemError ? (error.problem.errors ?? []) : [];
}

/** The messages about a field or anything inside it: "coverage" takes "coverage.0.product" too. */
export function messagesFor(issues: readonly FieldIssue[], field: string): string[] {
  return issues.filter((i) => i.field === field || i.field.startsWith(`${field}.`)).map((i) => i.message);
}

export interface ControlProps {
  id: string;
  'aria-invalid': true | undefined;
  'aria-describedby': string | undefined;
}

/** A labelled control with its hint and its server-side error; the control itself comes from the caller. */
export function Field({
  label,
  errors = [],
  hint,
  className,
  children,
}: {
  label: string;
  errors?: readonly string[];
  hint?: ReactNode;
  className?: string;
  children: (control: ControlProps) => ReactNode;
}) {
  const id = useId();
  const invalid = errors.length > 0;
  const describedBy = [invalid ? `${id}-error` : '', hint ? `${id}-hint` : ''].filter(Boolean).join(' ');
  return (
    <div className={['field', invalid ? 'field--invalid' : '', className ?? ''].filter(Boolean).join(' ')}>
      <label className="field__label" htmlFor={id}>
        {label}
      </label>
      {children({ id, 'aria-invalid': invalid || undefined, 'aria-describedby': describedBy || undefined })}
      {hint ? (
        <span id={`${id}-hint`} className="field__hint">
          {hint}
        </span>
      ) : null}
      {invalid ? (
        <span id={`${id}-error`} className="field__error">
          {errors.join('; ')}
        </span>
      ) : null}
    </div>
  );
}

/**
 * The top of a refused form: with field errors, a line pointing at them and any the form has no field for;
 * otherwise the whole problem.
 */
export function FormProblem({ error, fields }: { error: unknown; fields: readonly string[] }) {
  const issues = fieldIssues(error);
  if (!(error instanceof ProblemError) || issues.length === 0) return <ErrorPanel error={error} />;
  const shown = (issue: FieldIssue) => fields.some((f) => issue.field === f || issue.field.startsWith(`${f}.`));
  const elsewhere = issues.filter((i) => !shown(i));
  const placed = new Set(issues.filter(shown).map((i) => i.field.split('.')[0])).size;
  return (
    <div className="status status--error" role="alert">
      <p className="status__title">
        {error.problem.title}
        <span className="status__code"> ({error.problem.status})</span>
      </p>
      {placed > 0 ? (
        <p>{placed === 1 ? 'One field needs a change' : `${placed} fields need a change`}: see the messages below.</p>
      ) : null}
      {elsewhere.length > 0 ? (
        <ul>
          {elsewhere.map((e) => (
            <li key={`${e.field}:${e.message}`}>
              <code>{e.field}</code>: {e.message}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
