/*
 * The sample shown is part of the URL (`?sample=starter`), so a link opens the same sample and a reload
 * keeps it. Only the search parameter is touched: the hash belongs to share links.
 */
const PARAM = 'sample';

/** The sample id the page was opened with, if any. */
export function sampleIdFromUrl(href: string = window.location.href): string | undefined {
  const id = new URL(href).searchParams.get(PARAM)?.trim();
  return id ? id : undefined;
}

function replaceSearch(update: (params: URLSearchParams) => void) {
  const url = new URL(window.location.href);
  update(url.searchParams);
  if (url.href !== window.location.href) window.history.replaceState(window.history.state, '', url);
}

export function rememberSampleInUrl(id: string): void {
  replaceSearch((params) => params.set(PARAM, id));
}

/** The open estate no longer comes from a sample (a file was opened). */
export function forgetSampleInUrl(): void {
  replaceSearch((params) => params.delete(PARAM));
}
