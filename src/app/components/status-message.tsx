import type { ReactNode } from 'react';

/** A centred placeholder for the graph area while there is nothing to draw. */
export function StatusMessage({
  tone,
  title,
  children,
}: {
  tone: 'busy' | 'problem';
  title: string;
  children?: ReactNode;
}) {
  return (
    <div className="flex h-full items-center justify-center p-6">
      <div
        role={tone === 'problem' ? 'alert' : 'status'}
        className="w-full max-w-xl rounded-xl border border-slate-200 bg-white p-5 shadow-sm dark:border-slate-700 dark:bg-slate-900"
      >
        <div className="flex items-center gap-3">
          {tone === 'busy' && (
            <span
              aria-hidden="true"
              className="h-4 w-4 animate-spin rounded-full border-2 border-slate-300 border-t-blue-600"
            />
          )}
          <h2 className={`text-base font-semibold ${tone === 'problem' ? 'text-red-800 dark:text-red-300' : 'text-slate-800 dark:text-slate-100'}`}>
            {title}
          </h2>
        </div>
        {children && <div className="mt-3 text-sm text-slate-700 dark:text-slate-300">{children}</div>}
      </div>
    </div>
  );
}
