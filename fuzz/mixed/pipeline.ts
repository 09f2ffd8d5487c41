import { analyze, type Analysis } from '../../src/engine/analysis/analyze';
import { diffEstates } from '../../src/engine/diff/diff';
import { isEmptyDiff } from '../../src/engine/diff/empty';
import { readInputs, type InputFile, type ReadInputsResult } from '../../src/engine/io/inputs';
import { writeNativeEstate } from '../../src/engine/io/native';
import { writeAzScript, writeBicep, writeMarkdownReport, writeSarif, writeTerraform } from '../../src/engine/io/writers';
import { allEntities } from '../../src/engine/model/estate';
import { ENTITY_COLLECTIONS, type Estate } from '../../src/engine/model/types';
import { validateEstate } from '../../src/engine/model/validate';
import { RULES } from '../../src/engine/rules/all-rules';

/**
 * The whole pipeline a mixed import goes through, and what must hold after it: `readInputs`, `analyze`, every
 * writer (az script, Bicep, Terraform, Markdown, SARIF, native estate) and `diff`. The invariants:
 * - **no exception** anywhere in the pipeline;
 * - **references exist**: every finding's subjects, evidence, fixes and paths, and every path's actor, route,
 *   principal and target, name entities of the estate (or, for a target, a host outside it);
 * - **order does not matter**: the estate, the findings and the paths, compared canonically, are the same
 *   whichever order the files are read in;
 * - **round trip**: the native estate the writer makes reads back without errors (an export that cannot be
 *   imported again is a lost estate).
 */

/** What one read of a set produced, kept for the invariants and for a failure report. */
export interface PipelineRun {
  read: ReadInputsResult;
  analysis?: Analysis;
}

/** A problem, by invariant, with the stage or the reference that broke it. */
export interface Violation {
  invariant: 'no-exception' | 'references' | 'order' | 'round-trip' | 'self-diff';
  detail: string;
}

function located(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const frames = (error.stack ?? '')
    .split('\n')
    .filter((line) => /^\s+at /.test(line))
    .slice(0, 4)
    .map((line) => line.trim());
  return `${error.name}: ${error.message}${frames.length > 0 ? ` (${frames.join(' < ')})` : ''}`;
}

/**
 * Runs the pipeline on one ordering of a set. Exceptions are caught per stage and reported as violations, so
 * that one crashing writer does not hide the others.
 */
export function runPipeline(files: readonly InputFile[], violations: Violation[]): PipelineRun {
  const stage = <T>(name: string, run: () => T): T | undefined => {
    try {
      return run();
    } catch (error) {
      violations.push({ invariant: 'no-exception', detail: `${name} threw ${located(error)}` });
      return undefined;
    }
  };
  const first = stage('readInputs', () => readInputs(files)) ?? { estate: undefined, diagnostics: [] };
  // az ml YAML that names no workspace beside several workspaces is refused until one is chosen; the pipeline
  // chooses the first, as a user of the app's chooser or the CLI's --workspace would, so such sets still run.
  const chosen = first.workspaceChoice?.[0]?.armId;
  const read =
    chosen === undefined
      ? first
      : (stage('readInputs with --workspace', () => readInputs(files.map((f) => ({ ...f, workspace: chosen })))) ?? {
          estate: undefined,
          diagnostics: [],
        });
  const estate = read.estate;
  if (estate === undefined) return { read };
  const analysis = stage('analyze', () => analyze(estate));
  if (analysis === undefined) return { read };
  stage('writeAzScript', () => writeAzScript(analysis, estate, { minSeverity: 'info' }));
  stage('writeBicep', () => writeBicep(analysis, estate, { minSeverity: 'info' }));
  stage('writeTerraform', () => writeTerraform(analysis, estate, { minSeverity: 'info' }));
  stage('writeMarkdownReport', () => writeMarkdownReport(analysis, estate));
  stage('writeSarif', () => JSON.parse(writeSarif(analysis, estate, RULES)) as unknown);
  const written = stage('writeNativeEstate', () => writeNativeEstate(estate, 'yaml'));
  // The estate written out must read back: an export that the tool refuses to import is a lost estate.
  if (written !== undefined) {
    const back = stage('readInputs of the written estate', () => readInputs([{ file: 'estate.yaml', text: written }]));
    const errors = back?.diagnostics.filter((d) => d.severity === 'error') ?? [];
    if (back && (back.estate === undefined || errors.length > 0))
      violations.push({
        invariant: 'round-trip',
        detail: `the written estate does not read back: ${errors.map((d) => `${d.line ?? '?'}:${d.column ?? '?'} ${d.message}`).slice(0, 3).join('; ')}`,
      });
  }
  const diff = stage('diffEstates', () => diffEstates(estate, estate, { beforeAnalysis: analysis, afterAnalysis: analysis }));
  if (diff && !isEmptyDiff(diff)) violations.push({ invariant: 'self-diff', detail: 'diffEstates of an estate with itself is not empty' });
  return { read, analysis };
}

const ARM_ID = /^\/(subscriptions|providers)\//i;

/** Checks that every reference of the analysis names something the estate holds. */
export function referenceViolations(estate: Estate, analysis: Analysis): Violation[] {
  const out: Violation[] = [];
  const ids = new Set<string>();
  for (const entity of allEntities(estate)) ids.add(entity.id);
  // Resources (not the scopes that hold them) by lower-cased id, for targets inside a resource.
  const SCOPES = new Set(['managementGroup', 'subscription', 'resourceGroup']);
  const resourceIds = new Set([...allEntities(estate)].filter((e) => !SCOPES.has(e.kind)).map((e) => e.id.toLowerCase()));
  const pathIds = new Set(analysis.paths.map((p) => p.id));
  const findingIds = new Set(analysis.findings.map((f) => f.id));
  const missing = (where: string, id: string) => out.push({ invariant: 'references', detail: `${where} names ${id}, which is not in the estate` });
  // A scope inside a resource (a blob container of a storage account) is a place in it, not a missing entity;
  // a resource under a known group is not.
  const withinResource = (id: string) => {
    const lower = id.toLowerCase();
    for (let cut = lower.lastIndexOf('/'); cut > 0; cut = lower.lastIndexOf('/', cut - 1)) if (resourceIds.has(lower.slice(0, cut))) return true;
    return false;
  };
  for (const finding of analysis.findings) {
    const label = `finding ${finding.id}`;
    for (const subject of finding.subjects) if (!ids.has(subject)) missing(`${label} subject`, subject);
    for (const pathId of finding.pathIds) if (!pathIds.has(pathId)) missing(`${label}`, `path ${pathId}`);
    for (const evidence of finding.evidence)
      if (evidence.kind === 'setting' && !ids.has(evidence.entity)) missing(`${label} evidence "${evidence.label}"`, evidence.entity);
    for (const action of finding.fix?.actions ?? [])
      if ('principal' in action && typeof action.principal === 'string' && !ids.has(action.principal))
        missing(`${label} fix (${action.kind})`, action.principal);
  }
  for (const path of analysis.paths) {
    const label = `path ${path.id}`;
    if (!ids.has(path.actor)) missing(`${label} actor`, path.actor);
    for (const via of path.via) if (!ids.has(via)) missing(`${label} via`, via);
    if (path.identity.principal !== undefined && !ids.has(path.identity.principal)) missing(`${label} identity`, path.identity.principal);
    if (!ids.has(path.target) && ARM_ID.test(path.target) && !withinResource(path.target)) missing(`${label} target`, path.target);
    for (const step of path.trace) if (step.entity !== undefined && !ids.has(step.entity)) missing(`${label} trace "${step.text.slice(0, 80)}"`, step.entity);
    for (const findingId of path.findingIds) if (!findingIds.has(findingId)) missing(label, `finding ${findingId}`);
  }
  return out;
}

/** A plain copy without the keys that say where a value was read (which file of two declared it first). */
function withoutSources(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutSources);
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value).sort())
    if (key !== 'source' && key !== 'related') out[key] = withoutSources((value as Record<string, unknown>)[key]);
  return out;
}

const byJson = (a: unknown, b: unknown) => JSON.stringify(a).localeCompare(JSON.stringify(b));

/**
 * The result of a read, in a form that two orders of the same files must agree on: the estate without its
 * name (which is the first file's) and without source locations, every collection sorted; the findings and the
 * paths by id with what they conclude; all of it without case.
 */
export function canonicalResult(run: PipelineRun): Record<string, unknown> {
  const estate = run.read.estate;
  if (estate === undefined) return { estate: null };
  const collections: Record<string, unknown> = {};
  for (const collection of ENTITY_COLLECTIONS)
    collections[collection] = (estate[collection] as { id: string }[]).map(withoutSources).sort(byJson);
  for (const list of ['roleAssignments', 'roleDefinitions', 'denyAssignments'] as const)
    collections[list] = estate[list].map(withoutSources).sort(byJson);
  const findings = (run.analysis?.findings ?? [])
    .map((f) => ({ id: f.id, severity: f.severity, message: f.message, subjects: f.subjects, pathIds: [...f.pathIds].sort() }))
    .sort((a, b) => a.id.localeCompare(b.id));
  const paths = (run.analysis?.paths ?? [])
    .map((p) => ({ id: p.id, status: p.status, identity: p.identity.label, principal: p.identity.principal ?? null }))
    .sort((a, b) => a.id.localeCompare(b.id));
  const result = { assignmentsOrigin: estate.assignmentsOrigin, tenantId: estate.tenantId ?? null, ...collections, findings, paths };
  // Azure compares names and ids without case, and the merge keeps the casing of the file read first (`rg-ml`
  // from one export, `RG-ML` from another): the casing is display, not meaning.
  return JSON.parse(JSON.stringify(result).toLowerCase()) as Record<string, unknown>;
}

/** The first place two canonical results differ, as a short path and the two values. */
export function firstDifference(a: unknown, b: unknown, at = ''): string | undefined {
  if (JSON.stringify(a) === JSON.stringify(b)) return undefined;
  if (a !== null && b !== null && typeof a === 'object' && typeof b === 'object' && Array.isArray(a) === Array.isArray(b)) {
    const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])];
    for (const key of keys) {
      const found = firstDifference((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key], `${at}.${key}`);
      if (found !== undefined) return found;
    }
  }
  const show = (v: unknown) => (JSON.stringify(v) ?? 'undefined').slice(0, 1_200);
  return `${at || '(root)'}: ${show(a)} ≠ ${show(b)}`;
}

/** A merge warning that two inputs give different values for one field; the merge keeps the first by design. */
export function isKeptFirstConflict(message: string): boolean {
  return /the first (value )?is kept|is kept as the estate's tenant|the review in .* is kept/.test(message);
}

/** The outcome of one mixed case. */
export interface MixedOutcome {
  violations: Violation[];
  /** True when the two orders disagreed only on fields two inputs gave different values for (a warned conflict). */
  conflictOnly: boolean;
}

/** Runs a set in two orders through the whole pipeline and checks the three invariants. */
export function checkMixedCase(files: readonly InputFile[], reordered: readonly InputFile[]): MixedOutcome {
  const violations: Violation[] = [];
  const first = runPipeline(files, violations);
  const second = runPipeline(reordered, violations);
  for (const run of [first, second]) {
    if (run.read.estate === undefined || run.analysis === undefined) continue;
    for (const problem of validateEstate(run.read.estate))
      if (problem.severity === 'error') violations.push({ invariant: 'references', detail: `the estate fails validation: ${problem.message}` });
    violations.push(...referenceViolations(run.read.estate, run.analysis));
  }
  let conflictOnly = false;
  // A run that threw has no result to compare (the exception is reported already; it may throw in one order only).
  const crashed = (run: PipelineRun) => run.read.estate !== undefined && run.analysis === undefined;
  const difference =
    crashed(first) || crashed(second) ? undefined : firstDifference(canonicalResult(first), canonicalResult(second));
  if (difference !== undefined) {
    // Two inputs that disagree on a value: the merge warns and keeps the first (docs/inputs.md), so the result
    // follows the order by design. Only sets without such a warning are held to order independence.
    conflictOnly = [...first.read.diagnostics, ...second.read.diagnostics].some((d) => isKeptFirstConflict(d.message));
    if (!conflictOnly)
      violations.push({
        invariant: 'order',
        detail: `reading ${reordered.map((f) => f.file).join(', ')} instead of ${files.map((f) => f.file).join(', ')} changes ${difference}`,
      });
  }
  // The same violation from both orders is one problem.
  const seen = new Set<string>();
  return {
    violations: violations.filter((v) => (seen.has(v.detail) ? false : (seen.add(v.detail), true))),
    conflictOnly,
  };
}
