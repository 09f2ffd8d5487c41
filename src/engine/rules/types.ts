import type { EntityId, RoleId } from '../model/ids';
import type { FactKind } from '../model/types';
import type { Decision } from '../rbac/types';
import type { Confidence, SourceId } from '../context/sources';
import type { AnalysisContext } from '../context/analysis-context';
import type { AccessPath, PathKind } from '../paths/types';

export type Severity = 'error' | 'warning' | 'info';

export type RuleArea =
  | 'workspace'
  | 'registry'
  | 'compute'
  | 'datastore'
  | 'job'
  | 'network'
  | 'private-registry'
  | 'endpoint-control'
  | 'endpoint-data'
  | 'endpoint-identity'
  | 'secrets'
  | 'managed-network'
  | 'governance';

export const RULE_AREAS: readonly RuleArea[] = [
  'workspace',
  'registry',
  'compute',
  'datastore',
  'job',
  'network',
  'private-registry',
  'endpoint-control',
  'endpoint-data',
  'endpoint-identity',
  'secrets',
  'managed-network',
  'governance',
];

/** What a finding rests on: an RBAC decision, a setting of an entity, or a plain statement. */
export type Evidence =
  | { kind: 'decision'; label: string; decision: Decision }
  | { kind: 'setting'; label: string; entity: EntityId; field: string; value: string }
  | { kind: 'note'; label: string };

/** One step of a remediation, in structured form; writers render it as az, Bicep and Terraform. */
export type FixAction =
  | {
      kind: 'assign-role';
      principal: EntityId;
      role: RoleId;
      /** ARM id of the scope to assign at. */
      scope: string;
    }
  | {
      kind: 'command';
      /** One or more az commands, ready to paste. */
      az: string[];
      bicep?: string;
      terraform?: string;
      /** Set when the command deletes a role assignment of the estate: a what-if can then take it out too. */
      removes?: EntityId;
    }
  | {
      kind: 'set-key-vault-policy';
      /** A vault that uses access policies, where roles do not grant data operations. */
      vault: EntityId;
      principal: EntityId;
      secrets?: string[];
      keys?: string[];
    }
  | { kind: 'manual'; text: string };

/** A fix as it is shown and exported: what to do, in words, and the same as az, Bicep and Terraform. */
export interface Fix {
  summary: string;
  actions: FixAction[];
  az: string[];
  bicep: string;
  terraform: string;
}

export interface Finding {
  /** Stable across runs for the same estate: the rule id and the subjects. */
  id: string;
  ruleId: string;
  title: string;
  area: RuleArea;
  severity: Severity;
  confidence: Confidence;
  /** The entities the finding is about, most specific first. */
  subjects: EntityId[];
  /** What is wrong, naming the entities. */
  message: string;
  /** What follows from it if left alone. */
  consequence: string;
  evidence: Evidence[];
  fix?: Fix;
  /** Access paths this finding explains (ids from the path resolver). */
  pathIds: string[];
  sources: string[];
}

/** What a rule's check produces; the engine fills in the rule's id, title, area, confidence and sources. */
export interface FindingDraft {
  subjects: EntityId[];
  message: string;
  consequence: string;
  /**
   * Defaults to the rule's severity; must be one of the rule's declared severities. An unconfirmed rule, or a
   * finding citing an unconfirmed fact, is capped at warning whatever is asked.
   */
  severity?: Severity;
  /** Facts this finding rests on beyond the rule's own (`R20:cluster-uai`); an unconfirmed one caps it at warning. */
  facts?: string[];
  evidence?: Evidence[];
  fix?: { summary: string; actions: FixAction[] };
  pathIds?: string[];
  /** Distinguishes two findings of one rule on the same subjects. */
  discriminator?: string;
}

export interface Rule {
  /** Stable id, `AML-<AREA>-<NNN>`. */
  id: string;
  title: string;
  area: RuleArea;
  /** The severity the rule reports unless a finding says otherwise (capped at warning, see `emittableSeverities`). */
  severity: Severity;
  /** Other severities some of its findings take (a warning where the rule otherwise errs); default none. */
  otherSeverities?: readonly Severity[];
  confidence: Confidence;
  /**
   * Kinds of fact the rule judges. It stays silent when the import holds none of them (no role-assignment
   * export: a missing grant cannot be told from a grant nobody exported).
   */
  needs?: readonly FactKind[];
  /**
   * The fact sheet entries the rule encodes (`R17`, or `R20:cluster-uai` for the part of a fact), for
   * traceability; an error needs every one of them confirmed.
   */
  facts: string[];
  sources: SourceId[];
  /** One paragraph, in our words, on what the rule checks and why it matters. */
  description: string;
  check(context: RuleContext): Iterable<FindingDraft>;
  /**
   * The same check split by subject (see {@link checkBySubject}), so that incremental analysis can re-run only
   * the subjects an edit touched.
   */
  bySubject?: SubjectCheck;
}

/**
 * A rule's check as one check per subject (a workspace, a datastore...): `check(context, subject)` for each of
 * `subjects(context)`, in that order, gives exactly the rule's drafts. Each subject's check must depend on no
 * other subject's (no cap or merge across subjects).
 */
export interface SubjectCheck {
  subjects(context: RuleContext): readonly string[];
  check(context: RuleContext, subject: string): Iterable<FindingDraft>;
}

/**
 * What the rule catalog (rules/catalog) says of a rule: everything but its id, which keys the entry, and its check,
 * which stays in the rule's own file.
 */
export type RuleMetadata = Omit<Rule, 'id' | 'check' | 'bySubject'>;

/** What a rule sees: the analysis context plus every resolved access path. */
export interface RuleContext extends AnalysisContext {
  readonly paths: readonly AccessPath[];
  pathsOfKind(kind: PathKind): readonly AccessPath[];
  /** Paths whose target is `target`, of every kind, in resolver order (indexed: rules ask per resource). */
  pathsTo(target: string): readonly AccessPath[];
  /** Paths whose actor is `actor`, of every kind, in resolver order. */
  pathsFrom(actor: string): readonly AccessPath[];
}
