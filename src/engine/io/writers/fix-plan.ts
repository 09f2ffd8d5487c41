import type { Analysis } from '../../analysis/analyze';
import { scopeKey, type EntityId, type RoleId } from '../../model/ids';
import type { Finding, FixAction, Severity } from '../../rules/types';

/** The severities a writer includes, from the most severe down to `minSeverity`. */
export type SeverityThreshold = Severity;

const RANK: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

/** True when a finding of `severity` is at or above the threshold. */
export function atOrAbove(severity: Severity, threshold: SeverityThreshold): boolean {
  return RANK[severity] <= RANK[threshold];
}

/** The severities a threshold includes, most severe first (`warning` gives error and warning). */
export function severitiesFrom(threshold: SeverityThreshold): Severity[] {
  return (['error', 'warning', 'info'] as const).filter((s) => atOrAbove(s, threshold));
}

/** One role assignment that one or more findings ask for; identical requests are merged. */
export interface PlannedGrant {
  /** principal, role and lower-cased scope: two findings asking for the same grant share it. */
  key: string;
  principal: EntityId;
  role: RoleId;
  /** The scope as the first finding wrote it (casing kept for display and for the generated files). */
  scope: string;
  findings: Finding[];
}

/** One key vault access policy for one principal, with the permissions every finding asked for merged. */
export interface PlannedPolicy {
  key: string;
  vault: EntityId;
  principal: EntityId;
  secrets: string[];
  keys: string[];
  findings: Finding[];
}

/** What the fix writers work from: the findings they include, and the grants and policies deduplicated. */
export interface FixPlan {
  /** Findings at or above the threshold that carry a fix, in the analysis order (severity, rule, id). */
  findings: Finding[];
  /** How many findings with a fix were left out by the threshold. */
  omitted: number;
  grants: PlannedGrant[];
  policies: PlannedPolicy[];
}

/** The key that makes two role assignment requests the same request. */
export function grantKey(principal: string, role: string, scope: string): string {
  return `${principal}\n${role.toLowerCase()}\n${scopeKey(scope)}`;
}

function addUnique(list: string[], values: readonly string[] | undefined): void {
  for (const value of values ?? []) if (!list.includes(value)) list.push(value);
}

/**
 * Collects the findings a fix writer includes and merges what they ask for: role assignments are matched by
 * principal, role and scope (case-insensitive, as ARM compares scopes), access policies by vault and principal
 * with their permissions united. Order is stable: the first finding that asks for something places it.
 */
export function planFixes(analysis: Analysis, threshold: SeverityThreshold): FixPlan {
  const findings: Finding[] = [];
  let omitted = 0;
  const grants = new Map<string, PlannedGrant>();
  const policies = new Map<string, PlannedPolicy>();
  for (const finding of analysis.findings) {
    if (!finding.fix) continue;
    if (!atOrAbove(finding.severity, threshold)) {
      omitted++;
      continue;
    }
    findings.push(finding);
    for (const action of finding.fix.actions) {
      if (action.kind === 'assign-role') {
        const key = grantKey(action.principal, action.role, action.scope);
        const grant = grants.get(key);
        if (grant) {
          if (!grant.findings.includes(finding)) grant.findings.push(finding);
        } else grants.set(key, { key, principal: action.principal, role: action.role, scope: action.scope, findings: [finding] });
      } else if (action.kind === 'set-key-vault-policy') {
        const key = `${action.vault}\n${action.principal}`;
        let policy = policies.get(key);
        if (!policy) {
          policy = { key, vault: action.vault, principal: action.principal, secrets: [], keys: [], findings: [] };
          policies.set(key, policy);
        }
        addUnique(policy.secrets, action.secrets);
        addUnique(policy.keys, action.keys);
        if (!policy.findings.includes(finding)) policy.findings.push(finding);
      }
    }
  }
  return { findings, omitted, grants: [...grants.values()], policies: [...policies.values()] };
}

/** The key of a fix action that the writers deduplicate on, or undefined for actions never merged. */
export function actionKey(action: FixAction): string | undefined {
  if (action.kind === 'assign-role') return grantKey(action.principal, action.role, action.scope);
  if (action.kind === 'set-key-vault-policy') return `${action.vault}\n${action.principal}`;
  return undefined;
}

/**
 * One line of text safe to put after a comment marker (`#`, `//`): control characters, line breaks included,
 * become spaces, so nothing a name holds can end the comment and start a command.
 */
export function commentText(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u001f\u007f\u0085\u2028\u2029]+/g, ' ').trim();
}
