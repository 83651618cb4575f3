import { useMutation } from '@tanstack/react-query';
import { useEffect, useMemo } from 'react';
import { Link, useSearchParams } from 'react-router';
import { isNotFound } from '../../api';
import { ConfirmButton } from '../../components/ConfirmButton';
import { ErrorPanel } from '../../components/Status';
import { formatDateTime, plural } from '../../format';
import { StandalonePage } from '../StoreLayout';
import { type CommentExport, discussionCommands } from './api';
import { PRIVACY_PATH } from './CommentForm';
import '../commerce.css';
import './discussion.css';

/**
 * Where the emailed export or erasure link lands. It asks before it acts: mail scanners open links on
 * their own, and the link works once.
 */
export function CommentDataPage() {
  const [params] = useSearchParams();
  const token = params.get('token') ?? '';
  const action = params.get('action');
  const valid = token.length >= 10 && (action === 'export' || action === 'erase');
  const title = action === 'erase' ? 'Erase your comments' : 'Export your comments';

  return (
    <StandalonePage>
      <title>{`${title} — Mi Store`}</title>
      <section className="data-page summary" aria-labelledby="data-heading">
        <h1 id="data-heading">{title}</h1>
        {!valid ? <BrokenLink /> : action === 'erase' ? <Erase token={token} /> : <Export token={token} />}
      </section>
    </StandalonePage>
  );
}

function BrokenLink({ used = false }: { used?: boolean }) {
  return (
    <div className="status status--error" role="alert">
      <p className="status__title">{used ? 'This link does not work any more' : 'This link doesn’t work'}</p>
      <p>
        {used
          ? 'Each link works once, for 24 hours: this one was used already or has expired.'
          : 'It may be incomplete: open it from the email again, or copy the whole address.'}{' '}
        <Link to={PRIVACY_PATH}>Ask for a new link</Link>.
      </p>
    </div>
  );
}

function Export({ token }: { token: string }) {
  const run = useMutation({ mutationFn: () => discussionCommands.exportData(token) });
  if (run.isSuccess) return <Exported data={run.data} />;
  if (isNotFound(run.error)) return <BrokenLink used />;
  return (
    <>
      <p className="lede">
        Download a copy of everything stored about the comments written with your email address. The link works once:
        keep the file.
      </p>
      {run.isError ? <ErrorPanel error={run.error} /> : null}
      <p>
        <button type="button" className="button button--primary" disabled={run.isPending} onClick={() => run.mutate()}>
          {run.isPending ? 'Preparing…' : 'Export my comments'}
        </button>
      </p>
    </>
  );
}

function Exported({ data }: { data: CommentExport }) {
  // The file is made here, from the answer: the one-time link cannot be asked again.
  const file = useMemo(
    () => URL.createObjectURL(new Blob([JSON.stringify(data, null, 2)], { type: 'application/json' })),
    [data],
  );
  useEffect(() => () => URL.revokeObjectURL(file), [file]);
  return (
    <>
      <p role="status">
        {data.comments.length === 0
          ? `No comments are stored for ${data.email}.`
          : `${plural(data.comments.length, 'comment')} written with ${data.email}.`}
      </p>
      <p>
        <a className="button button--primary" href={file} download="comment-data.json">
          Download the file (JSON)
        </a>
      </p>
      {data.comments.length > 0 ? (
        <ul className="data-page__list" aria-label="Your comments">
          {data.comments.map((c) => (
            <li key={c.id}>
              <span className="muted">
                {formatDateTime(c.createdAt)} · {c.product} · {c.state}
              </span>
              <p>{c.content || '(erased)'}</p>
            </li>
          ))}
        </ul>
      ) : null}
    </>
  );
}

function Erase({ token }: { token: string }) {
  const run = useMutation({ mutationFn: () => discussionCommands.eraseData(token) });
  if (run.isSuccess) {
    return (
      <p role="status">
        {plural(run.data.erased, 'comment')} erased. Each one now reads “Comment removed at the author’s request.”
      </p>
    );
  }
  if (isNotFound(run.error)) return <BrokenLink used />;
  return (
    <>
      <p className="lede">
        Remove your name, email address, website, IP address, user agent and text from every comment written with your
        email address. Replies by others stay, under “Comment removed at the author’s request.” This cannot be undone.
      </p>
      {run.isError ? <ErrorPanel error={run.error} /> : null}
      <p>
        <ConfirmButton
          question="Erase all your comments?"
          confirmLabel="Erase them"
          disabled={run.isPending}
          onConfirm={() => run.mutate()}
        >
          {run.isPending ? 'Erasing…' : 'Erase my comments'}
        </ConfirmButton>
      </p>
    </>
  );
}
