import { useMutation } from '@tanstack/react-query';
import { useSearchParams } from 'react-router';
import { isNotFound } from '../api';
import { ErrorPanel } from '../components/Status';
import { commerceCommands } from './api';
import { Brand, StoreFooter } from './StoreLayout';
import './commerce.css';

/**
 * Where a notify-me email's unsubscribe link lands. It asks before it acts: mail scanners open links
 * on their own, and opening the link must not withdraw the request.
 */
export function UnsubscribePage() {
  const [params] = useSearchParams();
  const token = params.get('token') ?? '';
  const unsubscribe = useMutation({ mutationFn: () => commerceCommands.unsubscribe(token) });

  return (
    <div className="store">
      <header className="store-header">
        <div className="container store-header__inner">
          <Brand />
        </div>
      </header>
      <main className="container store-main">
        <title>Unsubscribe — Mi Store</title>
        <section className="unsubscribe summary" aria-labelledby="unsubscribe-heading">
          <h1 id="unsubscribe-heading">Unsubscribe</h1>
          {unsubscribe.isSuccess ? (
            <p role="status">Done: we won't email you about this product. Nothing else was kept to write to you.</p>
          ) : token === '' || isNotFound(unsubscribe.error) ? (
            <div className="status status--error" role="alert">
              <p className="status__title">This link doesn't work</p>
              <p>It may be incomplete: open it from the email again, or copy the whole address.</p>
            </div>
          ) : (
            <>
              <p className="lede">
                Stop the email we promised to send when a product becomes available in your market.
              </p>
              {unsubscribe.isError ? <ErrorPanel error={unsubscribe.error} /> : null}
              <button
                type="button"
                className="button button--primary"
                disabled={unsubscribe.isPending}
                onClick={() => unsubscribe.mutate()}
              >
                {unsubscribe.isPending ? 'Unsubscribing…' : 'Unsubscribe'}
              </button>
            </>
          )}
        </section>
      </main>
      <StoreFooter />
    </div>
  );
}
