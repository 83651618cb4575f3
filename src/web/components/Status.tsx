import { ProblemError } from '../api';

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
  const detail = problem ? problem.detail : error instanceof Error ? error.message : String(error);
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
