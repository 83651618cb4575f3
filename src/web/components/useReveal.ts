import { useEffect, useRef } from 'react';

/**
 * For a form opened from far down the page: once mounted, scroll its heading into view and focus it, so
 * sighted and screen-reader users both land where the form starts. Give the element tabIndex={-1}.
 */
export function useReveal<T extends HTMLElement>(active = true) {
  const ref = useRef<T>(null);
  useEffect(() => {
    if (!active) return;
    ref.current?.scrollIntoView({ block: 'start' });
    ref.current?.focus({ preventScroll: true });
  }, [active]);
  return ref;
}
