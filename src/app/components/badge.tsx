import type { PathStatus, Severity } from '../../engine';
import { PATH_STATUS_PRESENTATION, SEVERITY_PRESENTATION } from './path-status';

const BASE = 'inline-flex shrink-0 items-center rounded px-1.5 py-0.5 text-[11px] leading-none font-semibold ring-1';

export function StatusBadge({ status }: { status: PathStatus }) {
  const { label, meaning, badge } = PATH_STATUS_PRESENTATION[status];
  return (
    <span className={`${BASE} ${badge}`} title={meaning} data-status={status}>
      {label}
    </span>
  );
}

export function SeverityBadge({ severity }: { severity: Severity }) {
  const { label, badge } = SEVERITY_PRESENTATION[severity];
  return (
    <span className={`${BASE} ${badge}`} data-severity={severity}>
      {label}
    </span>
  );
}

/** A quiet badge for secondary facts (origin of an assignment, data or control plane). */
export function TagBadge({ children, title }: { children: string; title?: string }) {
  return (
    <span
      className={`${BASE} bg-slate-100 font-medium text-slate-700 ring-slate-300 dark:bg-slate-800 dark:text-slate-300 dark:ring-slate-600`}
      title={title}
    >
      {children}
    </span>
  );
}
