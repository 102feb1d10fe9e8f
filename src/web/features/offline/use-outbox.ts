import { useEffect, useSyncExternalStore } from 'react';
import { outbox, type OutboxState } from './outbox.ts';

let started = false;

/**
 * The outbox's state for the screen. The first user loads the queue's state from IndexedDB and starts syncing on its
 * own: when the browser says the connection is back, and every 30 seconds while unlocked and something waits.
 */
export function useOutbox(): OutboxState {
  const state = useSyncExternalStore(outbox.subscribe, outbox.snapshot);
  useEffect(() => {
    if (started) return;
    started = true;
    // Without IndexedDB (some private browsing modes, jsdom) nothing can have been stored offline: the queue stays empty
    // rather than failing the page with an unhandled rejection.
    outbox.load().catch(() => undefined);
    window.addEventListener('online', () => void outbox.sync({ force: true }));
    setInterval(() => {
      const s = outbox.snapshot();
      if (s.unlocked && s.unsynced > 0 && navigator.onLine) void outbox.sync();
    }, 30_000);
  }, []);
  return state;
}

export function useOnline(): boolean {
  return useSyncExternalStore(
    (cb) => {
      window.addEventListener('online', cb);
      window.addEventListener('offline', cb);
      return () => {
        window.removeEventListener('online', cb);
        window.removeEventListener('offline', cb);
      };
    },
    () => navigator.onLine,
  );
}
