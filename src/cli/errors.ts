import type { Diagnostic } from '../engine';

/** Exit codes are part of the interface (docs/cli.md). */
export const EXIT = { ok: 0, denied: 1, failed: 1, badInput: 2 } as const;

/** A problem with the command line itself; reported on one line and exit code 2. */
export class UsageError extends Error {}

/** One diagnostic as one line: `file:line:column: severity: message (at path)`. */
export function formatDiagnostic(d: Diagnostic): string {
  const where = [d.file, d.line, d.line !== undefined ? (d.column ?? 1) : undefined].filter((p) => p !== undefined).join(':');
  const path = d.path ? ` (at ${d.path})` : '';
  const related = d.related ? ` (see also ${[d.related.file, d.related.line, d.related.column].filter((p) => p !== undefined).join(':')})` : '';
  return `${where ? `${where}: ` : ''}${d.severity}: ${d.message}${path}${related}`;
}
