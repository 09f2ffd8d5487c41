/** The URL when it is an absolute https URL, else undefined: links in findings come from data, never trusted as is. */
export function safeHttpsUrl(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  try {
    const url = new URL(value);
    return url.protocol === 'https:' && url.username === '' && url.password === '' ? url.href : undefined;
  } catch {
    return undefined;
  }
}

/** A short readable form of a documentation URL: host and last path segment. */
export function shortUrl(href: string): string {
  const url = new URL(href);
  const last = url.pathname.split('/').filter(Boolean).pop();
  return last ? `${url.host.replace(/^www\./, '')} › ${last}` : url.host;
}
