import type { PathStatus, Severity } from '../../engine';

/**
 * How a path status and a finding severity look wherever they are shown (badges in the panels, the legend,
 * edge colours on the graph), so a colour means one thing everywhere. Class names are written out in full
 * because Tailwind only generates classes it finds verbatim in the source.
 */
export interface StatusPresentation {
  label: string;
  /** One sentence for a tooltip or a legend. */
  meaning: string;
  /** Badge classes, light and dark. */
  badge: string;
  /** The CSS colour of edges and dots in this status. */
  color: string;
}

export const PATH_STATUS_PRESENTATION: Readonly<Record<PathStatus, StatusPresentation>> = {
  granted: {
    label: 'Granted',
    meaning: 'A role assignment grants every permission the path needs.',
    badge: 'bg-emerald-100 text-emerald-900 ring-emerald-600/40 dark:bg-emerald-950 dark:text-emerald-200 dark:ring-emerald-400/40',
    color: 'var(--color-emerald-600)',
  },
  automatic: {
    label: 'Automatic',
    meaning: 'Azure ML grants what the path needs by itself.',
    badge: 'bg-sky-100 text-sky-900 ring-sky-600/40 dark:bg-sky-950 dark:text-sky-200 dark:ring-sky-400/40',
    color: 'var(--color-sky-600)',
  },
  conditional: {
    label: 'Conditional',
    meaning: 'Only assignments with an ABAC condition grant it; it depends on the request.',
    badge: 'bg-amber-100 text-amber-900 ring-amber-600/40 dark:bg-amber-950 dark:text-amber-200 dark:ring-amber-400/40',
    color: 'var(--color-amber-500)',
  },
  missing: {
    label: 'Missing',
    meaning: 'A permission the path needs is not granted: the access fails.',
    badge: 'bg-red-100 text-red-900 ring-red-600/40 dark:bg-red-950 dark:text-red-200 dark:ring-red-400/50',
    color: 'var(--color-red-600)',
  },
  unsupported: {
    label: 'Unsupported',
    meaning: 'Azure ML does not support this combination of settings.',
    badge: 'bg-fuchsia-100 text-fuchsia-900 ring-fuchsia-600/40 dark:bg-fuchsia-950 dark:text-fuchsia-200 dark:ring-fuchsia-400/40',
    color: 'var(--color-fuchsia-600)',
  },
  unconfirmed: {
    label: 'Unconfirmed',
    meaning: 'The documentation does not settle whether this works.',
    badge: 'bg-orange-100 text-orange-900 ring-orange-600/40 dark:bg-orange-950 dark:text-orange-200 dark:ring-orange-400/40',
    color: 'var(--color-orange-500)',
  },
  'not-required': {
    label: 'Not required',
    meaning: 'No role is involved: a stored credential or key is used instead.',
    badge: 'bg-slate-100 text-slate-700 ring-slate-400/50 dark:bg-slate-800 dark:text-slate-300 dark:ring-slate-500/50',
    color: 'var(--color-slate-400)',
  },
  'per-user': {
    label: 'Per user',
    meaning: 'Works for each person who holds the roles; decided per user at the time.',
    badge: 'bg-indigo-100 text-indigo-900 ring-indigo-600/40 dark:bg-indigo-950 dark:text-indigo-200 dark:ring-indigo-400/40',
    color: 'var(--color-indigo-500)',
  },
};

/** Statuses in the order a reader cares about them, worst (broken) first; an edge carrying several paths shows the worst. */
export const PATH_STATUS_ORDER: readonly PathStatus[] = [
  'missing',
  'unsupported',
  'conditional',
  'unconfirmed',
  'per-user',
  'granted',
  'automatic',
  'not-required',
];

export const SEVERITY_PRESENTATION: Readonly<Record<Severity, { label: string; plural: string; badge: string }>> = {
  error: {
    label: 'Error',
    plural: 'Errors',
    badge: 'bg-red-100 text-red-900 ring-red-600/40 dark:bg-red-950 dark:text-red-200 dark:ring-red-400/50',
  },
  warning: {
    label: 'Warning',
    plural: 'Warnings',
    badge: 'bg-amber-100 text-amber-900 ring-amber-600/40 dark:bg-amber-950 dark:text-amber-200 dark:ring-amber-400/40',
  },
  info: {
    label: 'Note',
    plural: 'Notes',
    badge: 'bg-slate-100 text-slate-700 ring-slate-400/50 dark:bg-slate-800 dark:text-slate-300 dark:ring-slate-500/50',
  },
};

export const SEVERITY_ORDER: readonly Severity[] = ['error', 'warning', 'info'];
