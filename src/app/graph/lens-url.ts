import { useCallback, useSyncExternalStore } from 'react';
import { LENSES, type Lens } from './lens';

/*
 * The lens lives in the address (?lens=paths): a view someone shares or reloads opens on the same question.
 * Written with replaceState, like the sample parameter, so that switching lenses does not fill the history.
 */
const PARAM = 'lens';
const CHANGED = 'aml-lens-change';

/** The lens named by an address; Overview when it names none or one that does not exist. */
export function lensFromHref(href: string): Lens {
  const value = new URL(href).searchParams.get(PARAM);
  return LENSES.find((lens) => lens === value) ?? 'overview';
}

/** The address with the lens set (Overview, the default, leaves the parameter out). */
export function hrefWithLens(href: string, lens: Lens): string {
  const url = new URL(href);
  if (lens === 'overview') url.searchParams.delete(PARAM);
  else url.searchParams.set(PARAM, lens);
  return url.href;
}

function subscribe(onChange: () => void) {
  window.addEventListener(CHANGED, onChange);
  window.addEventListener('popstate', onChange);
  return () => {
    window.removeEventListener(CHANGED, onChange);
    window.removeEventListener('popstate', onChange);
  };
}

/** The current lens and a setter that writes it to the address. */
export function useLens(): [Lens, (lens: Lens) => void] {
  const lens = useSyncExternalStore(subscribe, () => lensFromHref(window.location.href), () => 'overview' as Lens);
  const setLens = useCallback((next: Lens) => {
    const href = hrefWithLens(window.location.href, next);
    if (href !== window.location.href) window.history.replaceState(window.history.state, '', href);
    window.dispatchEvent(new Event(CHANGED));
  }, []);
  return [lens, setLens];
}
