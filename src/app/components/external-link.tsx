import { safeHttpsUrl, shortUrl } from './safe-url';

/** A link out of the app: https only, opened in a new tab without handing it this page or a referrer. */
export function ExternalLink({ href, children }: { href: string; children?: string }) {
  const safe = safeHttpsUrl(href);
  if (!safe) return <span className="break-all text-slate-600 dark:text-slate-400">{children ?? href}</span>;
  return (
    <a
      href={safe}
      target="_blank"
      rel="noopener noreferrer"
      className="break-words text-blue-700 underline decoration-blue-300 underline-offset-2 hover:decoration-blue-700 dark:text-blue-300 dark:decoration-blue-500"
    >
      {children ?? shortUrl(safe)}
      <span className="sr-only"> (opens in a new tab)</span>
    </a>
  );
}
