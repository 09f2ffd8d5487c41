import type { FindingDraft, Rule, RuleContext, RuleMetadata, SubjectCheck } from '../types';
import { COMPUTE_RULES } from './compute';
import { DATASTORE_RULES } from './datastore';
import { ENDPOINT_CONTROL_RULES } from './endpoint-control';
import { ENDPOINT_DATA_RULES } from './endpoint-data';
import { ENDPOINT_IDENTITY_RULES } from './endpoint-identity';
import { GOVERNANCE_RULES } from './governance';
import { JOB_RULES } from './job';
import { MANAGED_NETWORK_RULES } from './managed-network';
import { NETWORK_RULES } from './network';
import { PRIVATE_REGISTRY_RULES } from './private-registry';
import { REGISTRY_RULES } from './registry';
import { SECRETS_RULES } from './secrets';
import { WORKSPACE_RULES } from './workspace';

/**
 * The rule catalog: what every rule is (title, area, severities, confidence, facts, sources, description), keyed
 * by rule id, in catalog order. One file per area keeps each short; a rule's file holds only its check and takes
 * the rest from here through `defineRule`, and docs/rules.md is generated from this table.
 */
const RULE_CATALOG = {
  ...WORKSPACE_RULES,
  ...REGISTRY_RULES,
  ...COMPUTE_RULES,
  ...DATASTORE_RULES,
  ...JOB_RULES,
  ...NETWORK_RULES,
  ...PRIVATE_REGISTRY_RULES,
  ...ENDPOINT_CONTROL_RULES,
  ...ENDPOINT_DATA_RULES,
  ...ENDPOINT_IDENTITY_RULES,
  ...SECRETS_RULES,
  ...MANAGED_NETWORK_RULES,
  ...GOVERNANCE_RULES,
} satisfies Record<string, RuleMetadata>;

/** The id of a rule the catalog describes; a typo in a rule's file is a type error. */
export type CatalogRuleId = keyof typeof RULE_CATALOG;

/** Every catalog entry with its id, in catalog order: what docs/rules.md lists. */
export const CATALOG_ENTRIES: readonly (RuleMetadata & { id: string })[] = Object.entries(RULE_CATALOG).map(
  ([id, metadata]) => ({ id, ...metadata }),
);

/** A rule made of the catalog's entry for `id` and the check written in the rule's file. */
export function defineRule(id: CatalogRuleId, logic: Pick<Rule, 'check' | 'bySubject'>): Rule {
  return { id, ...RULE_CATALOG[id], ...logic };
}

/** A rule's check written per subject: the whole check runs the subjects in order; incremental analysis runs them apart. */
export function checkBySubject(split: SubjectCheck): Pick<Rule, 'check' | 'bySubject'> {
  return {
    *check(context: RuleContext): Iterable<FindingDraft> {
      for (const subject of split.subjects(context)) yield* split.check(context, subject);
    },
    bySubject: split,
  };
}
