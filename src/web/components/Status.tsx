import { type Problem, ProblemError } from '../api';

export function Loading({ what }: { what: string }) {
  return (
    <p className="status status--loading" role="status">
      <span className="spinner" aria-hidden="true" /> Loading {what}…
    </p>
  );
}

/** Shows a failed request: the problem's title and detail, and field errors when the server sent them. */
export function ErrorPanel({ error }: { error: unknown }) {
  const problem = error instanceof ProblemError ? error.problem : undefined;
  const title = problem?.title ?? 'Something went wrong';
  const detail = problem ? ownDetail(problem) : error instanceof Error ? error.message : String(error);
  return (
    <div className="status status--error" role="alert">
      <p className="status__title">
        {title}
        {problem ? <span className="status__code"> ({problem.status})</span> : null}
      </p>
      {detail ? <p>{detail}</p> : null}
      {problem?.errors?.length ? (
        <ul>
          {problem.errors.map((e) => (
            <li key={`${e.field}:${e.message}`}>
              <code>{e.field}</code>: {e.message}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

/** The detail, unless it only repeats the field errors on one line (as the server words it when it has no other). */
function ownDetail(problem: Problem): string | undefined {
  const errors = problem.errors ?? [];
  const repeated = errors.map((e) => `${e.field}: ${e.message}`).join('; ');
  return errors.length > 0 && problem.detail === repeated ? undefined : problem.detail;
}
