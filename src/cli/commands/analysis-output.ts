import { emittableSeverities, groupEvidence, type AccessPath, type Analysis, type Decision, type Estate, type FactKind, type Finding, type AccessEvidence, type Fix, type GrantReason, type Rule, type Topology } from '../../engine';
import { entriesPerLineChunks } from '../json-chunks';

const FACT_LABELS: Record<FactKind, string> = {
  'role-assignments': 'role assignments',
  resources: 'resources',
  identities: 'identities',
};

/**
 * How the import was read, per kind of fact: `read as: role assignments: absent (grants not judged), resources:
 * export and plan, identities: absent`. The notes saying what is missing go to stderr with the other
 * diagnostics. Empty for an estate without provenance.
 */
export function provenanceLines(estate: Estate): string[] {
  const provenance = estate.provenance;
  if (!provenance) return [];
  const modes = (Object.keys(FACT_LABELS) as FactKind[]).map((kind) => {
    const mode = provenance.facts[kind];
    return `${FACT_LABELS[kind]}: ${mode}${kind === 'role-assignments' && mode === 'absent' ? ' (grants not judged)' : ''}`;
  });
  return [`read as: ${modes.join(', ')}`];
}

/** Compares two ids by their characters, as every locale sorts them alike. */
function byId(a: { id: string }, b: { id: string }): number {
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/**
 * The findings in an order that does not follow the order of the input files: the rules in the order the analysis
 * runs them (which the files do not change), and each rule's findings by id (its subjects), which otherwise follow
 * the order the merge met the entities in.
 */
function canonicalFindings(findings: readonly Finding[]): Finding[] {
  const byRule = new Map<string, Finding[]>();
  for (const finding of findings) {
    const list = byRule.get(finding.ruleId);
    if (list) list.push(finding);
    else byRule.set(finding.ruleId, [finding]);
  }
  return [...byRule.values()].flatMap((list) => list.sort(byId));
}

/** The index of a value in a table of the JSON, adding it the first time an equal value is seen. */
function indexIn<T>(table: T[], index: Map<string, number>, value: T): number {
  const key = JSON.stringify(value);
  let at = index.get(key);
  if (at === undefined) {
    at = table.push(value) - 1;
    index.set(key, at);
  }
  return at;
}

/**
 * An access item as the JSON writes it: each principal by id once, in `principals`, and every reason (grant,
 * exclusion, deny...) listing the principals it covers by their position in that list. A grant is written
 * once in the document's `grants` table and referred to by index: the same group's role at a management group
 * reaches every datastore below it, and each finding about one of them would repeat it.
 */
function accessJson(item: AccessEvidence, named: (id: string) => string, grantRef: (grant: GrantReason) => number) {
  item.principals.forEach(named);
  const position = new Map(item.principals.map((principal, at) => [principal, at]));
  const positions = (principals: readonly string[]) => principals.map((principal) => position.get(principal) ?? -1);
  const listed = <Reason extends { principals: string[] }>(reasons: readonly Reason[] | undefined) =>
    reasons?.map((reason) => ({ ...reason, principals: positions(reason.principals) }));
  for (const reason of [...item.grants, ...(item.exclusions ?? []), ...(item.conditionsNotMet ?? []), ...(item.unresolvedRoles ?? [])])
    reason.viaGroups.forEach(named);
  // Reasons a decision did not have stay undefined, which JSON leaves out.
  return {
    ...item,
    grants: item.grants.map(({ principals, ...grant }) => ({ grant: grantRef(grant), principals: positions(principals) })),
    exclusions: listed(item.exclusions),
    conditionsNotMet: listed(item.conditionsNotMet),
    deniedBy: listed(item.deniedBy),
    possibleDenies: listed(item.possibleDenies),
    unresolvedRoles: listed(item.unresolvedRoles),
  };
}

/**
 * What every finding of a rule shares, written once in the JSON's `rules` table; `consequence` when the
 * rule's findings in the document (two or more) all say the same (its findings then leave theirs out).
 */
type RuleEntry = Pick<Finding, 'title' | 'area' | 'confidence' | 'sources'> & { consequence?: string };

/** The rules of the findings, each with what all its findings share. */
function rulesOf(findings: readonly Finding[]): Record<string, RuleEntry> {
  const rules: Record<string, RuleEntry> = {};
  const consequences = new Map<string, { count: number; texts: Set<string> }>();
  for (const f of findings) {
    rules[f.ruleId] ??= { title: f.title, area: f.area, confidence: f.confidence, sources: f.sources };
    const seen = consequences.get(f.ruleId);
    if (seen) {
      seen.count++;
      seen.texts.add(f.consequence);
    } else consequences.set(f.ruleId, { count: 1, texts: new Set([f.consequence]) });
  }
  // A lone finding's consequence may name its subjects: it is the rule's only when several findings say it.
  for (const [ruleId, { count, texts }] of consequences) {
    const entry = rules[ruleId];
    if (entry && count > 1 && texts.size === 1) entry.consequence = [...texts][0];
  }
  return rules;
}

/**
 * The JSON shape of `check` (docs/cli.md, version 2), the same bytes whatever the order of the input files. It grows with what the findings say rather than with
 * the principals behind them: what every finding of a rule shares (title, area, confidence, sources, and its
 * consequence when that never varies) is in `rules` keyed by rule id; fixes are in `fixes`, an identical fix written once and referred to by index;
 * evidence is grouped (groupEvidence: one item per question, each grant once with the principals it covers);
 * and entity names are in `names`, subjects and principals being ids.
 */
export function findingsJson(analysis: Analysis, topology: Topology) {
  const provenance = topology.estate.provenance;
  const rules = rulesOf(analysis.findings);
  const names: Record<string, string> = {};
  const named = (id: string) => {
    names[id] ??= topology.nameOf(id);
    return id;
  };
  const fixes: Fix[] = [];
  const fixIndex = new Map<string, number>();
  const grants: GrantReason[] = [];
  const grantIndex = new Map<string, number>();
  const findings = canonicalFindings(analysis.findings).map((f) => {
    const { id, ruleId, severity, subjects, message, consequence, evidence, fix, pathIds } = f;
    const grouped = groupEvidence(evidence, (principal) => topology.nameOf(principal));
    // Every entity the evidence points at is named once in `names`: principals, the groups grants come
    // through, and the entities whose settings are quoted.
    const written = grouped.map((item) => {
      if (item.kind === 'setting') named(item.entity);
      if (item.kind === 'decision') {
        (item.principals ?? [item.decision.question.principal]).forEach(named);
        for (const grant of item.decision.grants) grant.viaGroups.forEach(named);
      }
      if (item.kind !== 'access') return item;
      return accessJson(item, named, (grant) => indexIn(grants, grantIndex, grant));
    });
    const fixRef = fix && indexIn(fixes, fixIndex, fix);
    return {
      id,
      ruleId,
      severity,
      subjects: subjects.map(named),
      message,
      ...(rules[ruleId]?.consequence === undefined ? { consequence } : {}),
      evidence: written,
      ...(fixRef === undefined ? {} : { fix: fixRef }),
      pathIds,
    };
  });
  return {
    version: 2,
    summary: analysis.summary.findings,
    // The files by name, not in the order they were given: the same files in another order read the same.
    ...(provenance
      ? { provenance: { facts: provenance.facts, files: [...provenance.files].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0)), missing: provenance.missing } }
      : {}),
    rules,
    findings,
    grants,
    fixes,
    names,
  };
}

/**
 * What `check --format json` prints, in pieces: {@link findingsJson} with the document's fields, and the entries
 * of its tables (findings, grants, fixes, rules, names), each on a line of their own, and every entry on one line
 * (one piece each). One finding per line keeps the file greppable and its diffs to the findings that changed,
 * without the indentation of every nested field (a quarter of the bytes of a large report).
 */
export function* findingsJsonChunks(analysis: Analysis, topology: Topology): Generator<string> {
  yield* entriesPerLineChunks(findingsJson(analysis, topology));
  yield '\n';
}

/**
 * A decision as `paths --format json` writes it: its grants (and conditions not met) by index into the document's
 * `grants`, the groups they come through named in `names`, and its `question` only when it is not the
 * requirement's own (the path identity's principal, the requirement's action, scope and plane): the same
 * decision then serves every path whose identity holds the same grants, and is written once.
 */
function decisionJson(
  decision: Decision,
  requirement: AccessPath['requirements'][number],
  principal: string | undefined,
  named: (id: string) => string,
  grantRef: (grant: GrantReason) => number,
) {
  const { question, grants, conditionsNotMet, ...rest } = decision;
  const ownQuestion =
    question.principal === principal &&
    question.action === requirement.action &&
    question.scope === requirement.scope &&
    (question.dataAction ?? false) === requirement.dataAction;
  if (!ownQuestion) named(question.principal);
  for (const reason of [...grants, ...(conditionsNotMet ?? []), ...rest.exclusions, ...(rest.unresolvedRoles ?? [])]) reason.viaGroups.forEach(named);
  return {
    ...(ownQuestion ? {} : { question }),
    ...rest,
    grants: grants.map(grantRef),
    ...(conditionsNotMet ? { conditionsNotMet: conditionsNotMet.map(grantRef) } : {}),
  };
}

/**
 * The JSON shape of `paths` (docs/cli.md, version 2), the same bytes whatever the order of the input files. Like `check`'s, it grows with what the paths say rather than
 * with how often they say it: the traces (the same steps for every caller of an endpoint) are in `traces`, the
 * requirements (permission, scope and RBAC decision) in `requirements`, the decisions in `decisions`, each distinct
 * one once and referred to by index; the decisions' grants in `grants`; entity names in `names`, actors, targets,
 * principals and trace entities being ids.
 */
export function pathsJson(analysis: Analysis, topology: Topology) {
  const names: Record<string, string> = {};
  const named = (id: string) => {
    names[id] ??= topology.nameOf(id);
    return id;
  };
  const traces: AccessPath['trace'][] = [];
  const traceIndex = new Map<string, number>();
  const requirementTable: (Omit<AccessPath['requirements'][number], 'decision'> & { decision?: number })[] = [];
  const requirementIndex = new Map<string, number>();
  const decisions: ReturnType<typeof decisionJson>[] = [];
  const decisionIndex = new Map<string, number>();
  const grants: GrantReason[] = [];
  const grantIndex = new Map<string, number>();
  const grantRef = (grant: GrantReason) => indexIn(grants, grantIndex, grant);
  // By id (kind, actor, target): the analysis lists paths in the order the merge met computes, jobs and endpoints,
  // which follows the order of the files; the tables below are filled in this order too.
  const paths = [...analysis.paths].sort(byId).map((p) => {
    const { actor, target, via, identity, trace, requirements, principals } = p;
    if (identity.principal !== undefined) named(identity.principal);
    for (const step of trace) if (step.entity !== undefined) named(step.entity);
    // Spread first, so that the fields keep the engine's order (id, kind, title, actor, target...).
    return {
      ...p,
      actor: named(actor),
      target: named(target),
      via: via.map(named),
      trace: indexIn(traces, traceIndex, trace),
      requirements: requirements.map((requirement) => {
        const { decision, ...written } = requirement;
        const entry = decision
          ? { ...written, decision: indexIn(decisions, decisionIndex, decisionJson(decision, requirement, identity.principal, named, grantRef)) }
          : written;
        return indexIn(requirementTable, requirementIndex, entry);
      }),
      ...(principals ? { principals: principals.map(named) } : {}),
    };
  });
  // The counts by status in one order: the analysis counts them in the order it meets them.
  const order = Object.keys(STATUS);
  const summary = Object.fromEntries(Object.entries(analysis.summary.paths).sort(([a], [b]) => order.indexOf(a) - order.indexOf(b)));
  return { version: 2, summary, paths, traces, requirements: requirementTable, decisions, grants, names };
}

/** What `paths --format json` prints, in pieces: {@link pathsJson} laid out as `check`'s, one piece per path. */
export function* pathsJsonChunks(analysis: Analysis, topology: Topology): Generator<string> {
  yield* entriesPerLineChunks(pathsJson(analysis, topology));
  yield '\n';
}

/** The JSON shape of `rules` (docs/cli.md). */
export function rulesJson(rules: readonly Rule[]) {
  return {
    version: 1,
    rules: rules.map((rule) => {
      const { id, title, area, confidence, facts, sources, description } = rule;
      const severities = emittableSeverities(rule);
      // `severity` stays the most severe one a finding of the rule can have, for readers of version 1.
      return { id, title, area, severity: severities[0] ?? rule.severity, severities, confidence, facts, sources, description };
    }),
  };
}

const MARK: Record<Finding['severity'], string> = { error: 'ERROR', warning: 'WARN ', info: 'INFO ' };

/** Findings for a terminal: one block per finding with its fix, then a count line and how the import was read. */
export function findingsText(analysis: Analysis, estate: Estate): string {
  const lines: string[] = [];
  for (const f of analysis.findings) {
    lines.push(`${MARK[f.severity]} ${f.ruleId} ${f.title}${f.confidence === 'unconfirmed' ? ' (unconfirmed)' : ''}`);
    lines.push(`      ${f.message}`);
    lines.push(`      ${f.consequence}`);
    if (f.fix) {
      lines.push(`      fix: ${f.fix.summary}`);
      for (const command of f.fix.az) lines.push(`        ${command}`);
    }
    lines.push('');
  }
  const { error, warning, info } = analysis.summary.findings;
  lines.push(`${error} error(s), ${warning} warning(s), ${info} info`);
  lines.push(...provenanceLines(estate));
  return `${lines.join('\n')}\n`;
}

const STATUS: Record<AccessPath['status'], string> = {
  granted: 'granted',
  automatic: 'automatic',
  conditional: 'conditional',
  missing: 'MISSING',
  unsupported: 'UNSUPPORTED',
  unconfirmed: 'unconfirmed',
  'not-required': 'no role needed',
  'per-user': 'per user',
};

/** Paths for a terminal: title, resolved identity, status, and the numbered trace. */
export function pathsText(analysis: Analysis): string {
  const lines: string[] = [];
  for (const p of analysis.paths) {
    lines.push(`[${STATUS[p.status]}] ${p.title}`);
    lines.push(`    as: ${p.identity.label}`);
    p.trace.forEach((step, i) => lines.push(`    ${i + 1}. ${step.text}${step.fact ? ` [${step.fact}]` : ''}`));
    for (const r of p.requirements) {
      const verdict = r.satisfiedBy ? 'ok (access policy)' : r.decision ? r.decision.effect : 'not checked';
      lines.push(`    needs ${r.label}${r.optional ? ' (optional)' : ''}: ${verdict}`);
    }
    lines.push('');
  }
  lines.push(
    Object.entries(analysis.summary.paths)
      .map(([status, count]) => `${count} ${status}`)
      .join(', ') || 'no paths',
  );
  return `${lines.join('\n')}\n`;
}

/** The rule catalog for a terminal. */
export function rulesText(rules: readonly Rule[]): string {
  return `${rules.map((r) => `${r.id}  ${emittableSeverities(r).join('/').padEnd(18)} ${r.confidence === 'unconfirmed' ? 'unconfirmed ' : ''}${r.area.padEnd(17)} ${r.title}`).join('\n')}\n${rules.length} rules\n`;
}
