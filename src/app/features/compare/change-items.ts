import type { Analysis, EntityId, EstateDiff, GrantChange } from '../../../engine';
import { PATH_STATUS_PRESENTATION } from '../../components/path-status';
import type { ChangeKind } from '../../graph/flow-elements';
import type { Selection } from '../../store/selection';

/** The sections of the Changes panel, in the order a reviewer reads them. */
export type ChangeSection = 'grants' | 'paths' | 'findings' | 'entities';

export const SECTION_TITLES: Readonly<Record<ChangeSection, string>> = {
  grants: 'Role assignments',
  paths: 'Access paths',
  findings: 'Findings',
  entities: 'Resources, identities and principals',
};

/** One line of the Changes panel: what changed, and what choosing it selects and brings into view. */
export interface ChangeItem {
  key: string;
  section: ChangeSection;
  kind: ChangeKind;
  /** The word on the badge: `added`, `closed`, `status changed`… */
  badge: string;
  title: string;
  detail: string;
  selection: Selection;
  /** The graph node to centre on. */
  reveal: string;
}

const statusLabel = (status: keyof typeof PATH_STATUS_PRESENTATION) =>
  PATH_STATUS_PRESENTATION[status].label.toLowerCase();

function grantItem(grant: GrantChange, kind: ChangeKind, badge: string, detail?: string): ChangeItem {
  return {
    key: `grant:${kind}:${grant.principal}|${grant.role}|${grant.scope}`,
    section: 'grants',
    kind,
    badge,
    title: `${grant.principalName}: ${grant.roleName}`,
    detail: detail ?? `on ${grant.scopeName}${grant.condition ? ', with a condition' : ''}`,
    selection: { kind: 'entity', id: grant.principal },
    reveal: grant.principal,
  };
}

/**
 * The lines of the Changes panel for a diff, grouped by section. `analysis` covers both sides (see
 * `unionAnalysis`) and tells where each path starts, so that choosing a path centres on its actor.
 */
export function changeItems(diff: EstateDiff, analysis: Analysis): ChangeItem[] {
  const actorOf = new Map(analysis.paths.map((path) => [path.id, path.actor as string]));
  const items: ChangeItem[] = [];

  for (const grant of diff.grants.added) items.push(grantItem(grant, 'added', 'added'));
  for (const grant of diff.grants.removed) items.push(grantItem(grant, 'removed', 'removed'));
  for (const { before, after } of diff.grants.conditionChanged)
    items.push(
      grantItem(
        after,
        'changed',
        'condition changed',
        `on ${after.scopeName}: condition ${before.condition ? 'changed' : 'added'}${after.condition ? '' : ' (now none)'}`,
      ),
    );

  for (const path of diff.paths.changed) {
    const parts: string[] = [];
    if (path.changed.includes('status'))
      parts.push(`${statusLabel(path.before.status)} → ${statusLabel(path.after.status)}`);
    if (path.changed.includes('identity'))
      parts.push(`identity ${path.before.identity} → ${path.after.identity}`);
    items.push({
      key: `path:changed:${path.id}`,
      section: 'paths',
      kind: 'changed',
      badge: path.changed.includes('status') ? 'outcome changed' : 'identity changed',
      title: path.title,
      detail: parts.join('; '),
      selection: { kind: 'path', id: path.id },
      reveal: actorOf.get(path.id) ?? path.id,
    });
  }
  for (const [list, kind] of [
    [diff.paths.added, 'added'],
    [diff.paths.removed, 'removed'],
  ] as const) {
    for (const path of list)
      items.push({
        key: `path:${kind}:${path.id}`,
        section: 'paths',
        kind,
        badge: kind === 'added' ? 'new path' : 'path gone',
        title: path.title,
        detail: `${statusLabel(path.status)}, as ${path.identity}`,
        selection: { kind: 'path', id: path.id },
        reveal: actorOf.get(path.id) ?? path.id,
      });
  }

  for (const [list, kind] of [
    [diff.findings.opened, 'added'],
    [diff.findings.closed, 'removed'],
  ] as const) {
    for (const finding of list)
      items.push({
        key: `finding:${kind}:${finding.id}`,
        section: 'findings',
        kind,
        badge: kind === 'added' ? `opened · ${finding.severity}` : `closed · ${finding.severity}`,
        title: finding.title,
        detail: `${finding.ruleId} · ${finding.subjects.map((subject) => subject.name).join(', ')}`,
        selection: { kind: 'finding', id: finding.id },
        reveal: finding.subjects[0]?.id ?? '',
      });
  }

  for (const [list, kind] of [
    [diff.entities.added, 'added'],
    [diff.entities.removed, 'removed'],
    [diff.entities.changed, 'changed'],
  ] as const) {
    for (const entity of list)
      items.push({
        key: `entity:${kind}:${entity.id}`,
        section: 'entities',
        kind,
        badge: kind,
        title: entity.name,
        detail: entity.fields ? `${entity.kind}: ${entity.fields.join(', ')}` : entity.kind,
        selection: { kind: 'entity', id: entity.id as EntityId },
        reveal: entity.id,
      });
  }
  return items;
}
