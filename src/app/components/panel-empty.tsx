import type { ReactNode } from 'react';

/** What a panel says when it has nothing to show yet. */
export function PanelEmpty({ children }: { children: ReactNode }) {
  return <div className="p-4 text-sm text-slate-600 dark:text-slate-400">{children}</div>;
}
