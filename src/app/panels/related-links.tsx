import type { ReactNode } from 'react';
import { SECTION_TITLE } from '../components/ui';

/** One item of a {@link RelatedLinks} section: a badge and a link-like button that selects the item. */
export interface RelatedLink {
  key: string;
  badge: ReactNode;
  label: string;
  onSelect: () => void;
}

/**
 * A details section listing the items related to the one shown (the paths a finding explains, the findings
 * about a path); nothing when there are none.
 */
export function RelatedLinks({ title, links, itemClassName }: { title: string; links: readonly RelatedLink[]; itemClassName: string }) {
  if (links.length === 0) return null;
  return (
    <section className="space-y-1.5">
      <h4 className={SECTION_TITLE}>{title}</h4>
      <ul className="space-y-1">
        {links.map((link) => (
          <li key={link.key} className={itemClassName}>
            {link.badge}
            <button
              type="button"
              onClick={link.onSelect}
              className="text-left text-blue-700 underline decoration-blue-300 underline-offset-2 hover:decoration-blue-700 dark:text-blue-300 dark:decoration-blue-500"
            >
              {link.label}
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
