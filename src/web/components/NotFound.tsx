import { Link, useParams } from 'react-router';

export function NotFound({ home }: { home?: string }) {
  const { market } = useParams();
  const to = home ?? (market ? `/${market}` : '/');
  return (
    <section className="empty">
      <title>Page not found</title>
      <h1>Page not found</h1>
      <p>There is nothing at this address.</p>
      <Link className="button" to={to}>
        Go back
      </Link>
    </section>
  );
}
