import { useQuery } from '@tanstack/react-query';
import { moderationQueries } from './api';
import './comments.css';

/** The navigation's count of comments waiting for a moderator; nothing when none wait. */
export function HeldBadge() {
  const counts = useQuery(moderationQueries.counts());
  const held = counts.data?.held ?? 0;
  if (held === 0) return null;
  // The space keeps the link's accessible name "Comments 3 held", not "Comments3 held".
  return (
    <>
      {' '}
      <span className="admin-nav__badge">
        {held}
        <span className="visually-hidden"> held</span>
      </span>
    </>
  );
}
