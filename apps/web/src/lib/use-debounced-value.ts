import { useEffect, useState } from 'react';

/** The value once it has stopped changing for `ms` (text filters: one request per pause). */
export function useDebouncedValue<V>(value: V, ms = 350): V {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return settled;
}
