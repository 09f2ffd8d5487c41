import { isConfirmedFact } from '../context/sources';
import type { Estate, FactKind } from '../model/types';
import type { FindingDraft, Rule, RuleMetadata, Severity } from './types';

const ORDER: readonly Severity[] = ['error', 'warning', 'info'];

/** True when the rule may report errors: it is documented and every fact it cites is confirmed. */
export function mayReportErrors(rule: RuleMetadata): boolean {
  return rule.confidence === 'documented' && rule.facts.every(isConfirmedFact);
}

/**
 * The severities a rule can actually emit, most severe first: its own and the others it declares, with an
 * error turned into a warning when the rule rests on an unconfirmed fact. `rules` and docs/rules.md print these.
 */
export function emittableSeverities(rule: RuleMetadata): Severity[] {
  const declared = new Set<Severity>([rule.severity, ...(rule.otherSeverities ?? [])]);
  if (declared.has('error') && !mayReportErrors(rule)) {
    declared.delete('error');
    declared.add('warning');
  }
  return ORDER.filter((severity) => declared.has(severity));
}

/**
 * The severity of one finding: what the draft asks for, else the rule's; an error becomes a warning when the
 * rule or the draft cites an unconfirmed fact, so no error ever rests on one.
 */
export function findingSeverity(rule: Rule, draft: FindingDraft): Severity {
  const asked = draft.severity ?? rule.severity;
  if (asked !== 'error') return asked;
  return mayReportErrors(rule) && (draft.facts ?? []).every(isConfirmedFact) ? 'error' : 'warning';
}

/**
 * The kinds of fact a rule judges that the import does not hold (role assignments when nobody exported them);
 * the rule is not run while any is missing. An estate without provenance is taken at its word.
 */
export function missingFactsFor(rule: Rule, estate: Estate): FactKind[] {
  const facts = estate.provenance?.facts;
  if (!facts) return [];
  return (rule.needs ?? []).filter((kind) => facts[kind] === 'absent');
}
