import { useCallback, useState } from 'react';

/** The width of an element as it is laid out, kept up to date: [width in px (0 before layout), ref to attach]. */
export function useWidth<T extends HTMLElement>(): [number, (element: T | null) => () => void] {
  const [width, setWidth] = useState(0);
  const ref = useCallback((element: T | null) => {
    if (!element) return () => {};
    const observer = new ResizeObserver(([entry]) => setWidth(entry?.contentRect.width ?? 0));
    observer.observe(element);
    return () => observer.disconnect();
  }, []);
  return [width, ref];
}
