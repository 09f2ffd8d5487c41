import type { Diagnostic, SourceRef } from '../../engine';

const SEVERITY_STYLE: Record<Diagnostic['severity'], string> = {
  error: 'bg-red-100 text-red-800 ring-red-300 dark:bg-red-950 dark:text-red-200 dark:ring-red-800',
  warning: 'bg-amber-100 text-amber-900 ring-amber-300 dark:bg-amber-950 dark:text-amber-200 dark:ring-amber-800',
  info: 'bg-slate-100 text-slate-700 ring-slate-300 dark:bg-slate-800 dark:text-slate-300 dark:ring-slate-600',
};

/** `file:line:column`, as editors and terminals understand it, with whatever parts are known. */
export function formatLocation(diagnostic: Pick<Diagnostic, 'file' | 'line' | 'column'> | SourceRef): string | undefined {
  if (!diagnostic.file) return undefined;
  if (diagnostic.line === undefined) return diagnostic.file;
  return `${diagnostic.file}:${diagnostic.line}${diagnostic.column === undefined ? '' : `:${diagnostic.column}`}`;
}

export function DiagnosticsList({ diagnostics }: { diagnostics: readonly Diagnostic[] }) {
  return (
    <ul className="space-y-2" data-testid="diagnostics">
      {diagnostics.map((diagnostic, index) => {
        const location = formatLocation(diagnostic);
        const related = diagnostic.related ? formatLocation(diagnostic.related) : undefined;
        return (
          // Diagnostics have no identity of their own, and the list never reorders while shown.
          <li
            key={index}
            className="rounded-md border border-slate-200 bg-white p-2.5 text-sm dark:border-slate-700 dark:bg-slate-900"
            data-testid="diagnostic"
          >
            <div className="flex flex-wrap items-center gap-2">
              <span
                className={`rounded px-1.5 py-0.5 text-[10px] font-bold uppercase ring-1 ${SEVERITY_STYLE[diagnostic.severity]}`}
              >
                {diagnostic.severity}
              </span>
              {location && <code className="font-mono text-xs text-slate-700 dark:text-slate-200">{location}</code>}
              {diagnostic.path && (
                <code className="font-mono text-xs text-slate-500 dark:text-slate-400">{diagnostic.path}</code>
              )}
            </div>
            <p className="mt-1 text-slate-800 dark:text-slate-200">{diagnostic.message}</p>
            {related && (
              <p className="mt-0.5 text-xs text-slate-500 dark:text-slate-400">
                See also <code className="font-mono">{related}</code>
              </p>
            )}
          </li>
        );
      })}
    </ul>
  );
}
