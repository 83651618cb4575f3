import { useQuery } from '@tanstack/react-query';
import { Link, useSearchParams } from 'react-router';
import { COMMENT_STATES, type CommentState, moderationQueries } from './api';
import { ModerationQueue } from './ModerationQueue';
import './comments.css';

const PATH = '/admin/comments';

const TAB_LABEL: Record<CommentState, string> = {
  held: 'Held',
  spam: 'Spam',
  published: 'Published',
  deleted: 'Deleted',
};

const isState = (value: string | null): value is CommentState =>
  (COMMENT_STATES as readonly (string | null)[]).includes(value);

export function CommentsPage() {
  const [params] = useSearchParams();
  // The queue shown lives in the address, so a moderator can bookmark "Spam" or send it to a colleague.
  const asked = params.get('state');
  const state: CommentState = isState(asked) ? asked : 'held';
  const counts = useQuery(moderationQueries.counts());
  const countOf = (s: CommentState) => (s === 'held' || s === 'spam' ? counts.data?.[s] : undefined);

  return (
    <>
      <title>{`Comments: ${TAB_LABEL[state]} — marketgate admin`}</title>
      <header className="page-header">
        <h1>Comments</h1>
        <p className="muted">
          Product discussions. The spam filter holds what it doubts and sets aside what it takes for spam; approve, mark
          as spam or delete. Approving and marking as spam teach the filter.
        </p>
      </header>
      <nav className="queue-tabs" aria-label="Comment queues">
        {COMMENT_STATES.map((s) => {
          const count = countOf(s);
          return (
            <Link
              key={s}
              to={s === 'held' ? PATH : `${PATH}?state=${s}`}
              className="queue-tabs__tab"
              aria-current={s === state ? 'page' : undefined}
            >
              {TAB_LABEL[s]}
              {count !== undefined ? (
                <>
                  {' '}
                  <span className="queue-tabs__count">{count}</span>
                </>
              ) : null}
            </Link>
          );
        })}
      </nav>
      <Shortcuts />
      <ModerationQueue key={state} state={state} />
    </>
  );
}

function Shortcuts() {
  return (
    <section className="shortcuts" aria-labelledby="shortcuts-heading">
      <h2 id="shortcuts-heading" className="shortcuts__title">
        Keyboard shortcuts
      </h2>
      <dl className="shortcuts__list">
        <div>
          <dt>
            <kbd>j</kbd> / <kbd>k</kbd>
          </dt>
          <dd>next / previous comment</dd>
        </div>
        <div>
          <dt>
            <kbd>x</kbd>
          </dt>
          <dd>select</dd>
        </div>
        <div>
          <dt>
            <kbd>a</kbd>
          </dt>
          <dd>approve</dd>
        </div>
        <div>
          <dt>
            <kbd>s</kbd>
          </dt>
          <dd>spam</dd>
        </div>
        <div>
          <dt>
            <kbd>d</kbd>
          </dt>
          <dd>delete</dd>
        </div>
        <div>
          <dt>
            <kbd>r</kbd>
          </dt>
          <dd>reply (to a published comment)</dd>
        </div>
      </dl>
      <p className="shortcuts__note muted">
        a, s and d act on the selected comments, or on the current one when none is selected. Not while typing in a
        field.
      </p>
    </section>
  );
}
