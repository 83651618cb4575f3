import { useEffect, useState } from 'react';

/**
 * The value once it has stopped changing for `ms`: asks the server once per pause in typing, not per key.
 * Compared by identity: pass state, not an object made afresh in each render.
 */
export function useDebounced<T>(value: T, ms: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return settled;
}
