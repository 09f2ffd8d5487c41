import { useEffect, useState } from 'react';
import { useAppStore } from '../../store/app-store';
import { selectOpenEstate } from '../../store/selectors';
import { decodeEstate, payloadFromHash } from './share-link';

/** The fragment is read once per distinct value, even when React runs effects twice (StrictMode). */
let handledHash: string | undefined;

function clearHash() {
  const url = new URL(window.location.href);
  url.hash = '';
  window.history.replaceState(window.history.state, '', url.href.replace(/#$/, ''));
}

/**
 * Opens the estate carried by a `#estate=` fragment, on start and when the fragment changes (a share link
 * pasted into the address bar of an open page). The fragment is then taken out of the address, so a reload
 * keeps the working copy instead of reopening the link over its edits. Returns the error for a link that
 * could not be read (nothing is opened then), and a way to dismiss it.
 */
export function useShareLinkOnStart(): { error: string | undefined; dismiss: () => void } {
  const openEstate = useAppStore(selectOpenEstate);
  const [error, setError] = useState<string>();
  useEffect(() => {
    // Not cancelled on clean-up: under StrictMode the first run reads the link and the second skips it.
    const check = () => {
      const hash = window.location.hash;
      const payload = payloadFromHash(hash);
      if (payload === undefined || hash === handledHash) return;
      handledHash = hash;
      void decodeEstate(payload).then((result) => {
        clearHash();
        handledHash = undefined;
        if (result.ok) {
          setError(undefined);
          useAppStore.getState().requestReplace('open the shared link', () => openEstate(result.estate, { kind: 'share-link' }));
        } else setError(result.message);
      });
    };
    check();
    window.addEventListener('hashchange', check);
    return () => {
      window.removeEventListener('hashchange', check);
    };
  }, [openEstate]);
  return { error, dismiss: () => setError(undefined) };
}
