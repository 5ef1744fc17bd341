// The codes main pushes once per time step, by account id, with main's clock skew for countdowns.
import { useEffect, useState } from 'react';
import type { CodeEntry, CodesSnapshot } from '../../../shared/ipc';
import { call, subscribe } from '../../api/api';
import { useLatest } from '../../ui/useLatest';

export interface Codes {
  byId: ReadonlyMap<string, CodeEntry>;
  /** Main's clock minus ours, so that stepEndsAt (main's timeline) can be compared with Date.now(). */
  skewMs: number;
}

const EMPTY: Codes = { byId: new Map(), skewMs: 0 };

function fromSnapshot(snapshot: CodesSnapshot): Codes {
  return {
    byId: new Map(snapshot.codes.map((entry) => [entry.id, entry])),
    skewMs: snapshot.at - Date.now(),
  };
}

export function useCodes(onError: (error: unknown) => void): Codes {
  const latestOnError = useLatest(onError);
  const [codes, setCodes] = useState<Codes>(EMPTY);
  useEffect(() => {
    let live = true;
    const unsubscribe = subscribe('codes', (snapshot) => setCodes(fromSnapshot(snapshot)));
    call('getCodes').then(
      (snapshot) => {
        // A push may already have delivered a newer snapshot.
        if (live) setCodes((old) => (old === EMPTY ? fromSnapshot(snapshot) : old));
      },
      (error: unknown) => live && latestOnError.current(error),
    );
    return () => {
      live = false;
      unsubscribe();
    };
  }, [latestOnError]);
  return codes;
}
