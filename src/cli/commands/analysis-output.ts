import { decisionShape, emittableSeverities, type AccessPath, type Analysis, type Estate, type Evidence, type FactKind, type Finding, type Rule, type Topology } from '../../engine';

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

/** A decision evidence item of the JSON, with the other principals whose decision has the same shape. */
type EvidenceJson = Evidence | (Extract<Evidence, { kind: 'decision' }> & { principals: { id: string; name: string }[] });

/**
 * A finding's evidence with the decisions of principals reaching the resource the same way (the same roles
 * at the same scopes, see decisionShape) told once: the first one's decision, and every such principal
 * listed. A datastore key readable by 150 holders of one role is then one decision, not 150 copies of it.
 */
function groupedEvidence(evidence: readonly Evidence[], topology: Topology): EvidenceJson[] {
  const out: EvidenceJson[] = [];
  const byShape = new Map<string, { id: string; name: string }[]>();
  for (const item of evidence) {
    if (item.kind !== 'decision') {
      out.push(item);
      continue;
    }
    const shape = decisionShape(item.decision);
    const principal = { id: item.decision.question.principal, name: topology.nameOf(item.decision.question.principal) };
    const alike = byShape.get(shape);
    if (alike) {
      alike.push(principal);
      continue;
    }
    const principals = [principal];
    byShape.set(shape, principals);
    out.push({ ...item, principals });
  }
  // A decision no other principal shares stays as version 1 wrote it.
  return out.map((item) => ('principals' in item && item.principals.length === 1 ? withoutPrincipals(item) : item));
}

function withoutPrincipals(item: Extract<Evidence, { kind: 'decision' }>): Evidence {
  return { kind: item.kind, label: item.label, decision: item.decision };
}

/** The JSON shape of `check` (docs/cli.md): findings with their evidence and rendered fixes. */
export function findingsJson(analysis: Analysis, topology: Topology) {
  const provenance = topology.estate.provenance;
  return {
    version: 1,
    summary: analysis.summary.findings,
    ...(provenance ? { provenance: { facts: provenance.facts, files: provenance.files, missing: provenance.missing } } : {}),
    findings: analysis.findings.map((f) => ({
      ...f,
      subjects: f.subjects.map((id) => ({ id, name: topology.nameOf(id) })),
      evidence: groupedEvidence(f.evidence, topology),
    })),
  };
}

/** The JSON shape of `paths` (docs/cli.md). */
export function pathsJson(analysis: Analysis, topology: Topology) {
  return {
    version: 1,
    summary: analysis.summary.paths,
    paths: analysis.paths.map((p) => ({
      ...p,
      actor: { id: p.actor, name: topology.nameOf(p.actor) },
      target: { id: p.target, name: topology.nameOf(p.target) },
      identity: { ...p.identity, ...(p.identity.principal ? { principalName: topology.nameOf(p.identity.principal) } : {}) },
      ...(p.principals ? { principals: p.principals.map((id) => ({ id, name: topology.nameOf(id) })) } : {}),
    })),
  };
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
