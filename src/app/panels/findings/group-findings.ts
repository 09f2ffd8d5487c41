import type { EntityId, Finding, RuleArea, Severity } from '../../../engine';
import { SEVERITY_ORDER } from '../../components/path-status';

export const AREA_LABEL: Readonly<Record<RuleArea, string>> = {
  workspace: 'Workspace',
  registry: 'Container registry',
  compute: 'Compute',
  datastore: 'Datastores',
  job: 'Jobs',
  network: 'Network',
  'private-registry': 'Private registry',
  'endpoint-control': 'Endpoints: management',
  'endpoint-data': 'Endpoints: scoring',
  'endpoint-identity': 'Endpoints: identity',
  secrets: 'Secrets',
  'managed-network': 'Managed network',
  governance: 'Governance',
};

export interface FindingFilter {
  severities: ReadonlySet<Severity>;
  /** Only findings about this entity. */
  entity?: EntityId | undefined;
  /** Words that must all appear in the title, message, rule id or a subject's name. */
  text: string;
}

/** Findings that pass the filter, in the order given. */
export function filterFindings(
  findings: readonly Finding[],
  filter: FindingFilter,
  nameOf: (id: string) => string,
): Finding[] {
  const words = filter.text.toLowerCase().split(/\s+/).filter(Boolean);
  return findings.filter((finding) => {
    if (!filter.severities.has(finding.severity)) return false;
    if (filter.entity !== undefined && !finding.subjects.includes(filter.entity)) return false;
    if (words.length === 0) return true;
    const haystack = [finding.title, finding.message, finding.ruleId, ...finding.subjects.map(nameOf)].join(' ').toLowerCase();
    return words.every((word) => haystack.includes(word));
  });
}

export interface FindingGroup {
  severity: Severity;
  count: number;
  areas: { area: RuleArea; findings: Finding[] }[];
}

/** Groups findings by severity (errors first), then by area in the catalog's order; empty groups are left out. */
export function groupFindings(findings: readonly Finding[]): FindingGroup[] {
  const areaOrder = Object.keys(AREA_LABEL) as RuleArea[];
  return SEVERITY_ORDER.flatMap((severity) => {
    const ofSeverity = findings.filter((finding) => finding.severity === severity);
    if (ofSeverity.length === 0) return [];
    const areas = areaOrder
      .map((area) => ({ area, findings: ofSeverity.filter((finding) => finding.area === area) }))
      .filter((group) => group.findings.length > 0);
    return [{ severity, count: ofSeverity.length, areas }];
  });
}

/** The entities findings are about, each once, by name: the choices of the entity filter. */
export function subjectChoices(findings: readonly Finding[], nameOf: (id: string) => string): { id: EntityId; name: string; count: number }[] {
  const counts = new Map<EntityId, number>();
  for (const finding of findings) for (const subject of new Set(finding.subjects)) counts.set(subject, (counts.get(subject) ?? 0) + 1);
  return [...counts]
    .map(([id, count]) => ({ id, name: nameOf(id), count }))
    .sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id));
}

/** Counts per severity. */
export function countBySeverity(findings: readonly Finding[]): Record<Severity, number> {
  const counts: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  for (const finding of findings) counts[finding.severity] += 1;
  return counts;
}
