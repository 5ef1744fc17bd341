// The vault's tags in display order: asked once, then replaced by tagsChanged pushes.
import { useEffect, useState } from 'react';
import { call, subscribe } from '../../api/api';
import { useLatest } from '../../ui/useLatest';

/** null until the first list arrives. */
export function useTagList(onError?: (error: unknown) => void): string[] | null {
  const latestOnError = useLatest(onError);
  const [tags, setTags] = useState<string[] | null>(null);
  useEffect(() => {
    let live = true;
    let pushed = false;
    const unsubscribe = subscribe('tagsChanged', (names) => {
      pushed = true;
      setTags(names);
    });
    call('listTags').then(
      (names) => live && !pushed && setTags(names),
      (error: unknown) => {
        if (!live) return;
        setTags((old) => old ?? []);
        latestOnError.current?.(error);
      },
    );
    return () => {
      live = false;
      unsubscribe();
    };
  }, [latestOnError]);
  return tags;
}
