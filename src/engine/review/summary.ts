import type { Analysis } from '../analysis/analyze';
import type { Estate, ReviewEntry, ReviewStatus } from '../model/types';
import { PATH_KINDS, type AccessPath, type PathKind } from '../paths/types';
import { RULE_AREAS, type Finding, type RuleArea, type Severity } from '../rules/types';

/** A finding together with where the review left it. */
export interface ReviewedFinding {
  finding: Finding;
  /** The review entry, when there is one. */
  entry: ReviewEntry | undefined;
  /** The entry's status, or `to-fix` when the finding has no entry yet. */
  status: ReviewStatus;
}

/** How the access paths of one kind got their identity: set on purpose, or picked by a default rule. */
export interface IdentityChoiceRow {
  kind: PathKind;
  explicit: number;
  fallback: number;
}

/** Everything the review checklist, its summary and the reports show. */
export interface ReviewSummary {
  /** Every finding of the analysis, in the analysis's order, with its review status. */
  findings: ReviewedFinding[];
  /** The same findings grouped by rule area (catalog order); areas without findings are left out. */
  areas: { area: RuleArea; findings: ReviewedFinding[] }[];
  /** Findings per severity and status. A finding with no entry is counted as `to-fix`. */
  counts: Record<Severity, Record<ReviewStatus, number>>;
  /** Findings per status, all severities together. */
  totals: Record<ReviewStatus, number>;
  /** How many findings have no entry at all (they are inside the `to-fix` counts). */
  unreviewed: number;
  /** Entries whose finding the estate no longer produces: kept and shown, never dropped on their own. */
  stale: ReviewEntry[];
  /** Access paths by kind (path-kind order) and how their identity was chosen; kinds without paths are left out. */
  identity: { byKind: IdentityChoiceRow[]; explicit: number; fallback: number; fallbackPaths: AccessPath[] };
}

const SEVERITIES: readonly Severity[] = ['error', 'warning', 'info'];

function statusCounts(): Record<ReviewStatus, number> {
  return { 'to-fix': 0, 'accepted-risk': 0, fixed: 0 };
}

/**
 * Summarises the design review of an estate against its analysis: each finding's status (no entry means
 * still to fix), counts by severity and status, the entries that no longer match a finding, and how the
 * identity of every access path was chosen, per path kind.
 *
 * @param analysis - the analysis of `estate`
 * @param estate - the estate holding the review (its `review` may be absent: nothing reviewed yet)
 */
export function reviewSummary(analysis: Analysis, estate: Estate): ReviewSummary {
  const entries = new Map<string, ReviewEntry>();
  // The reader and the edits keep one entry per finding; should a hand-built estate repeat one, the first wins.
  for (const entry of estate.review?.entries ?? []) if (!entries.has(entry.finding)) entries.set(entry.finding, entry);

  const counts = Object.fromEntries(SEVERITIES.map((severity) => [severity, statusCounts()])) as Record<
    Severity,
    Record<ReviewStatus, number>
  >;
  const totals = statusCounts();
  let unreviewed = 0;
  const findings = analysis.findings.map((finding): ReviewedFinding => {
    const entry = entries.get(finding.id);
    const status = entry?.status ?? 'to-fix';
    if (!entry) unreviewed += 1;
    counts[finding.severity][status] += 1;
    totals[status] += 1;
    return { finding, entry, status };
  });
  const areas = RULE_AREAS.map((area) => ({ area, findings: findings.filter((f) => f.finding.area === area) })).filter(
    (group) => group.findings.length > 0,
  );

  const current = new Set(analysis.findings.map((finding) => finding.id));
  const stale = (estate.review?.entries ?? []).filter((entry) => !current.has(entry.finding));

  const byKind = new Map<PathKind, IdentityChoiceRow>();
  const fallbackPaths: AccessPath[] = [];
  for (const path of analysis.paths) {
    let row = byKind.get(path.kind);
    if (!row) byKind.set(path.kind, (row = { kind: path.kind, explicit: 0, fallback: 0 }));
    row[path.identity.chosen] += 1;
    if (path.identity.chosen === 'fallback') fallbackPaths.push(path);
  }
  const rows = PATH_KINDS.map((kind) => byKind.get(kind)).filter((row): row is IdentityChoiceRow => row !== undefined);

  return {
    findings,
    areas,
    counts,
    totals,
    unreviewed,
    stale,
    identity: {
      byKind: rows,
      explicit: rows.reduce((sum, row) => sum + row.explicit, 0),
      fallback: fallbackPaths.length,
      fallbackPaths,
    },
  };
}
