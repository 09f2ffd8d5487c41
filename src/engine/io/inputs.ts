import { emptyEstate } from '../model/estate';
import { entityId, scopeKey, systemIdentityId, type EntityId } from '../model/ids';
import {
  ENTITY_COLLECTIONS,
  type DenyAssignment,
  type Diagnostic,
  type Entity,
  type EntityKind,
  type Estate,
  type KeyVaultAccessPolicy,
  type ManagedIdentitySetting,
  type ResourceGroup,
  type RoleAssignment,
  type RoleDefinition,
  type SourceRef,
} from '../model/types';
import { validateEstate } from '../model/validate';
import { findBuiltInRole } from '../rbac/builtin-roles';
import { readArmTemplateDocuments, type ArmTemplateOptions } from './arm/template';
import {
  clone,
  COLLECTION_OF,
  deepEqual,
  ENTITY_DEFAULTS,
  showValue,
  type EntityMeta,
  type ReaderResult,
  type SkippedItem,
} from './arm/fragment';
import { canonicalArmId, parseArmId } from './arm/ids';
import { PLACEHOLDER_SUBSCRIPTION } from './arm/template';
import { readAzCliDocuments } from './azcli/reader';
import { isAzureMlYaml, readAzureMlYaml } from './azml';
import { detectFormat, type InputFormat } from './detect';
import { readNativeEstate } from './native';
import { principalEntityId, systemIdentityName } from './native/naming';
import { KIND_LABELS } from './native/resolver';
import { recordProvenance } from './provenance';
import { readResourceGraphDocuments } from './resource-graph/reader';
import { boundDiagnostics, parseDocuments } from './source';

/** One input as a shell hands it to the engine: a name for messages and the text, with per-file options. */
export interface InputFile {
  file: string;
  text: string;
  /** For `az ad group member list` output: the group's display name or object id (else the file name `group-<name>.json` tells). */
  group?: string;
  /** For compiled ARM templates: where the template is deployed, which the template itself does not say. */
  deployment?: ArmTemplateOptions['deployment'];
}

/** How one input was read. */
export interface InputReport {
  file: string;
  format: InputFormat;
  /** False when the file had errors and was left out. */
  used: boolean;
}

export interface ReadInputsResult {
  /**
   * The merged estate of every file that read without errors; undefined only when no file did (or the merge
   * itself failed a structural check). A file with errors is left out and its errors are in `diagnostics`.
   */
  estate: Estate | undefined;
  diagnostics: Diagnostic[];
  /** Things the readers understood and deliberately did not model (a virtual-machine compute, a VNet). */
  skipped?: SkippedItem[];
  /** One entry per input, in input order. */
  inputs?: InputReport[];
}

/** Options for {@link readInputs}. */
export interface ReadInputsOptions {
  /** Name for the merged estate; default: the single estate's name, or the first file's name and a count. */
  name?: string;
  /** Most entities and assignments the inputs may hold together. Default {@link MAX_ESTATE_ITEMS}. */
  maxItems?: number;
}

/**
 * 2,000,000 entities, role assignments, deny assignments and role definitions: more than twice the largest
 * benchmark estate (about 850,000), and short of where a browser tab runs out of memory analysing one.
 */
export const MAX_ESTATE_ITEMS = 2_000_000;

function itemCount(estate: Estate): number {
  let count = estate.roleAssignments.length + estate.denyAssignments.length + estate.roleDefinitions.length;
  for (const collection of ENTITY_COLLECTIONS) count += (estate[collection] as Entity[]).length;
  return count;
}

interface Fragment {
  file: string;
  format: InputFormat;
  result: ReaderResult;
}

function readOne(input: InputFile, all: readonly InputFile[]): Fragment {
  // az ml YAML goes to its reader before any parsing: that reader treats `{{...}}` template placeholders itself
  // and reads the az ml files of the import together (the same array for every file, so it reads them once).
  if (isAzureMlYaml(input.text))
    return {
      file: input.file,
      format: 'azml-yaml',
      result: readAzureMlYaml(input.text, input.file, { siblings: all }),
    };
  const parsed = parseDocuments(input.text, input.file);
  if (parsed.diagnostics.some((d) => d.severity === 'error'))
    return {
      file: input.file,
      format: 'unknown',
      result: { estate: undefined, diagnostics: parsed.diagnostics },
    };
  const detection = detectFormat(parsed.docs, input.text);
  const fragment = (result: ReaderResult): Fragment => ({
    file: input.file,
    format: detection.format,
    result,
  });
  switch (detection.format) {
    case 'native':
      return fragment(readNativeEstate(input.text, input.file));
    case 'azcli-json':
      return fragment(
        readAzCliDocuments(parsed, input.file, input.group !== undefined ? { group: input.group } : {}),
      );
    case 'resource-graph':
      return fragment(readResourceGraphDocuments(parsed, input.file));
    case 'arm-template':
      return fragment(
        readArmTemplateDocuments(
          parsed,
          input.file,
          input.deployment !== undefined ? { deployment: input.deployment } : {},
        ),
      );
    case 'azml-yaml':
      return fragment(readAzureMlYaml(input.text, input.file, { siblings: all }));
    case 'arm-parameters':
      return fragment({
        estate: undefined,
        diagnostics: [
          {
            severity: 'error',
            file: input.file,
            line: 1,
            column: 1,
            message:
              'this is an ARM parameters file; give the compiled template instead (parameters without a default stay symbolic and are reported)',
          },
        ],
      });
    case 'unknown':
      return fragment({
        estate: undefined,
        diagnostics: [
          {
            severity: 'error',
            file: input.file,
            ...(parsed.docs[0]?.locate([]) ?? { line: 1, column: 1 }),
            message: `unrecognised input (${detection.reason}): expected a native estate file (\`version: 1\`), az CLI JSON output, Azure Resource Graph results or a compiled ARM template; docs/inputs.md lists the commands`,
          },
        ],
      });
  }
}

/**
 * Reads one or more inputs, each in whatever format it is in (see {@link detectFormat}), into a single merged
 * estate. A file with errors is reported and left out while the others still go through; the estate is
 * undefined only when nothing usable remains. Shells that must not act on partial input (the CLI) check the
 * diagnostics for errors. See docs/inputs.md for the merge rules.
 */
export function readInputs(inputs: readonly InputFile[], options: ReadInputsOptions = {}): ReadInputsResult {
  if (inputs.length === 0)
    return { estate: undefined, diagnostics: [{ severity: 'error', message: 'no input files were given' }] };
  const diagnostics: Diagnostic[] = [];
  const skipped: SkippedItem[] = [];
  const reports: InputReport[] = [];
  const usable: Fragment[] = [];
  const maxItems = options.maxItems ?? MAX_ESTATE_ITEMS;
  let items = 0;
  for (const input of inputs) {
    const fragment = readOne(input, inputs);
    diagnostics.push(...fragment.result.diagnostics);
    skipped.push(...(fragment.result.skipped ?? []));
    if (fragment.result.estate !== undefined && items <= maxItems) {
      items += itemCount(fragment.result.estate);
      if (items > maxItems)
        diagnostics.push({
          severity: 'error',
          file: input.file,
          line: 1,
          column: 1,
          message: `with this file the inputs hold ${items.toLocaleString('en-US')} entities and assignments, over the limit of ${maxItems.toLocaleString('en-US')}; analyse one subscription or management group at a time`,
        });
    }
    const used =
      fragment.result.estate !== undefined &&
      items <= maxItems &&
      !fragment.result.diagnostics.some((d) => d.severity === 'error');
    reports.push({ file: input.file, format: fragment.format, used });
    if (used) usable.push(fragment);
  }
  const finish = (estate: Estate | undefined): ReadInputsResult => {
    if (estate) diagnostics.push(...recordProvenance(estate, usable));
    const result: ReadInputsResult = { estate, diagnostics: boundDiagnostics(diagnostics), inputs: reports };
    if (skipped.length > 0) result.skipped = skipped;
    return result;
  };
  if (usable.length === 0) return finish(undefined);
  if (usable.length < inputs.length) {
    const left = reports.filter((r) => !r.used).map((r) => r.file);
    diagnostics.push({
      severity: 'warning',
      message: `${left.length === 1 ? `${left[0]} was` : `${left.length} files were`} left out because of the errors above; the estate holds the other ${usable.length} file(s) only`,
    });
  }
  const only = usable[0];
  if (usable.length === 1 && only && only.result.provenance === undefined) {
    const estate = only.result.estate as Estate;
    return finish(options.name !== undefined ? { ...estate, name: options.name } : estate);
  }
  const merged = mergeEstates(
    usable.map((f) => ({
      file: f.file,
      estate: f.result.estate as Estate,
      ...(f.result.provenance ? { provenance: f.result.provenance } : {}),
    })),
    diagnostics,
  );
  merged.name =
    options.name ??
    (usable.length === 1
      ? (only?.result.estate?.name ?? merged.name)
      : `${usable[0]?.result.estate?.name ?? 'estate'} (+${usable.length - 1} more)`);
  const problems = validateEstate(merged).filter((d) => d.severity === 'error');
  if (problems.length > 0) {
    for (const problem of problems)
      diagnostics.push({ ...problem, message: `internal check after merging: ${problem.message}` });
    return finish(undefined);
  }
  return finish(merged);
}

// ---------------------------------------------------------------------------------------------------
// Merging

/** One estate to merge, with the reader's side information when it has any. */
export interface MergeInput {
  file: string;
  estate: Estate;
  provenance?: ReaderResult['provenance'];
}

interface Member {
  entity: Entity;
  meta: EntityMeta | undefined;
  order: number;
  file: string;
}

/** Fields that follow from an entity's id (or are its identity) and are never merged as values. */
const STRUCTURAL = new Set([
  'id',
  'kind',
  'name',
  'armId',
  'source',
  'resourceGroup',
  'subscription',
  'workspace',
  'endpoint',
  'owner',
  'subscriptionId',
]);
/** Fields whose values from several inputs add up instead of conflicting. */
const UNION_FIELDS = new Set(['members', 'accessPolicies', 'callers', 'tags', 'environmentVariables']);
const PRINCIPAL_KINDS = new Set<EntityKind>([
  'user',
  'group',
  'servicePrincipal',
  'userAssignedIdentity',
  'systemAssignedIdentity',
]);
/** Resources whose settings matter to the analysis: a stub of one of these is worth a note. */
const CONFIGURABLE = new Set<EntityKind>([
  'workspace',
  'storageAccount',
  'keyVault',
  'containerRegistry',
  'compute',
  'onlineEndpoint',
  'aksCluster',
  'onlineDeployment',
  'datastore',
  'connection',
]);

function isStub(member: Member): boolean {
  return member.meta?.stub ?? false;
}

function isGiven(member: Member, field: string): boolean {
  if (member.meta) return member.meta.given.has(field);
  const value = (member.entity as unknown as Record<string, unknown>)[field];
  if (value === undefined) return false;
  const fallback = ENTITY_DEFAULTS[member.entity.kind]?.[field];
  if (fallback !== undefined && deepEqual(value, fallback)) return false;
  if (Array.isArray(value) && value.length === 0) return false;
  return true;
}

function where(member: Member, field?: string): SourceRef {
  return (
    (field !== undefined ? member.meta?.fieldSources.get(field) : undefined) ??
    member.entity.source ?? { file: member.file }
  );
}

/** Compares merged values: ARM ids ignoring case, anything else structurally. */
function sameValue(a: unknown, b: unknown): boolean {
  const norm = (value: unknown): unknown =>
    typeof value === 'string'
      ? value.startsWith('/')
        ? value.toLowerCase()
        : value
      : Array.isArray(value)
        ? value.map(norm)
        : value !== null && typeof value === 'object'
          ? Object.fromEntries(Object.entries(value).map(([k, v]) => [k, norm(v)]))
          : value;
  return deepEqual(norm(a), norm(b));
}

function union(field: string, a: unknown, b: unknown): unknown {
  if (field === 'accessPolicies') {
    const list = [...(a as KeyVaultAccessPolicy[])];
    for (const policy of b as KeyVaultAccessPolicy[])
      if (!list.some((p) => p.principal === policy.principal)) list.push(policy);
    return list;
  }
  if (Array.isArray(a) && Array.isArray(b)) return [...new Set([...a, ...b])];
  if (a !== null && typeof a === 'object' && b !== null && typeof b === 'object')
    return { ...(b as object), ...(a as object) };
  return a;
}

function dedupe(ids: EntityId[]): EntityId[] {
  return [...new Set(ids)];
}

/** A copy of `entity` with every reference passed through `canon`. */
export function rewriteReferences<E extends Entity>(entity: E, canon: (id: EntityId) => EntityId): E {
  const copy = clone({ ...entity, source: undefined }) as E;
  if (entity.source) copy.source = entity.source;
  else delete (copy as { source?: unknown }).source;
  const setting = (s: ManagedIdentitySetting | undefined) => {
    if (s) s.userAssigned = dedupe(s.userAssigned.map(canon));
  };
  const e = copy as Entity;
  const assign = <T extends object>(target: T, key: keyof T & string) => {
    const value = (target as Record<string, unknown>)[key];
    if (typeof value === 'string') (target as Record<string, unknown>)[key] = canon(value as EntityId);
  };
  switch (e.kind) {
    case 'managementGroup':
      assign(e, 'parent');
      break;
    case 'subscription':
      assign(e, 'managementGroup');
      break;
    case 'resourceGroup':
      assign(e, 'subscription');
      break;
    case 'workspace':
      assign(e, 'resourceGroup');
      setting(e.identity);
      for (const key of [
        'primaryUserAssignedIdentity',
        'storageAccount',
        'keyVault',
        'containerRegistry',
        'applicationInsights',
        'hub',
      ] as const)
        assign(e, key);
      if (e.customerManagedKey) {
        e.customerManagedKey.keyVault = canon(e.customerManagedKey.keyVault);
        assign(e.customerManagedKey, 'userAssignedIdentity');
      }
      if (e.plannedUpdate) {
        setting(e.plannedUpdate.identity);
        assign(e.plannedUpdate, 'primaryUserAssignedIdentity');
      }
      break;
    case 'storageAccount':
    case 'containerRegistry':
    case 'applicationInsights':
    case 'userAssignedIdentity':
      assign(e, 'resourceGroup');
      break;
    case 'keyVault':
      assign(e, 'resourceGroup');
      for (const policy of e.accessPolicies) policy.principal = canon(policy.principal);
      break;
    case 'compute':
      assign(e, 'workspace');
      setting(e.identity);
      assign(e, 'assignedUser');
      break;
    case 'aksCluster':
      assign(e, 'resourceGroup');
      assign(e, 'attachedWorkspace');
      if (e.clusterIdentity.type === 'service_principal') assign(e.clusterIdentity, 'servicePrincipal');
      else setting(e.clusterIdentity.identity);
      break;
    case 'onlineEndpoint':
      assign(e, 'workspace');
      assign(e, 'compute');
      setting(e.identity);
      assign(e, 'createdBy');
      if (e.callers) e.callers = dedupe(e.callers.map(canon));
      if (e.plannedUpdate) setting(e.plannedUpdate.identity);
      break;
    case 'onlineDeployment':
      assign(e, 'endpoint');
      assign(e, 'createdBy');
      break;
    case 'datastore':
      assign(e, 'workspace');
      assign(e, 'storageAccount');
      assign(e, 'credentialPrincipal');
      break;
    case 'connection':
      assign(e, 'workspace');
      assign(e, 'identity');
      break;
    case 'job': {
      assign(e, 'workspace');
      if (e.compute !== undefined && e.compute !== 'serverless') e.compute = canon(e.compute);
      assign(e.identity, 'userAssignedIdentity');
      assign(e, 'submittedBy');
      const bindings = (list: { datastore?: EntityId }[]) =>
        list.forEach((binding) => assign(binding, 'datastore'));
      bindings(e.inputs);
      bindings(e.outputs);
      for (const step of e.steps) {
        if (step.compute !== undefined && step.compute !== 'serverless') step.compute = canon(step.compute);
        assign(step.identity, 'userAssignedIdentity');
        if (step.componentIdentity) assign(step.componentIdentity, 'userAssignedIdentity');
        bindings(step.inputs);
        bindings(step.outputs);
      }
      break;
    }
    case 'group':
      e.members = dedupe(e.members.map(canon));
      break;
    case 'systemAssignedIdentity':
      e.owner = canon(e.owner);
      break;
    case 'user':
    case 'servicePrincipal':
      break;
  }
  return copy;
}

/** Union-find over principals, refusing unions that would join two different identities. */
class PrincipalClusters {
  private readonly parent: number[] = [];
  private readonly anchors: { oid?: string; app?: string; res?: string; cls?: string }[] = [];
  private readonly reported = new Set<string>();

  constructor(
    private readonly members: Member[],
    private readonly diagnostics: Diagnostic[],
    rebase: (id: string) => string,
  ) {
    members.forEach((m, i) => {
      this.parent.push(i);
      this.anchors.push(anchorsOf(m, rebase));
    });
  }

  find(i: number): number {
    let root = i;
    while (this.parent[root] !== root) root = this.parent[root] ?? root;
    while (this.parent[i] !== root) {
      const next = this.parent[i] ?? root;
      this.parent[i] = root;
      i = next;
    }
    return root;
  }

  /** Joins the clusters of `a` and `b` when nothing about them disagrees; reports a disagreement on `key`. */
  join(a: number, b: number, key: string, report: boolean): void {
    const ra = this.find(a);
    const rb = this.find(b);
    if (ra === rb) return;
    const x = this.anchors[ra] ?? {};
    const y = this.anchors[rb] ?? {};
    const clash = (['cls', 'oid', 'app', 'res'] as const).find(
      (k) => x[k] !== undefined && y[k] !== undefined && x[k] !== y[k],
    );
    if (clash !== undefined) {
      const pair = `${Math.min(ra, rb)}|${Math.max(ra, rb)}`;
      if (report && !this.reported.has(pair)) {
        this.reported.add(pair);
        const first = this.members[a];
        const second = this.members[b];
        if (first && second) {
          this.diagnostics.push({
            severity: 'warning',
            message: `${KIND_LABELS[second.entity.kind]} \`${second.entity.name}\` and ${KIND_LABELS[first.entity.kind]} \`${first.entity.name}\` share ${key.replace(/:.*/, '') === 'app' ? 'the client/app id' : 'the object id'} ${key.replace(/^\w+:/, '')} but differ in ${clash === 'cls' ? 'kind' : clash === 'res' ? 'resource' : clash === 'oid' ? 'object id' : 'app id'}; they are kept apart`,
            ...refToDiagnostic(where(second)),
            related: where(first),
          });
        }
      }
      return;
    }
    this.parent[rb] = ra;
    this.anchors[ra] = { ...y, ...Object.fromEntries(Object.entries(x).filter(([, v]) => v !== undefined)) };
  }
}

function anchorsOf(
  m: Member,
  rebase: (id: string) => string,
): { oid?: string; app?: string; res?: string; cls?: string } {
  const e = m.entity;
  const out: { oid?: string; app?: string; res?: string; cls?: string } = {};
  switch (e.kind) {
    case 'userAssignedIdentity':
      out.cls = 'app';
      out.res = `uai:${scopeKey(e.armId)}`;
      if (e.principalId) out.oid = e.principalId.toLowerCase();
      if (e.clientId) out.app = e.clientId.toLowerCase();
      break;
    case 'systemAssignedIdentity':
      out.cls = 'app';
      out.res = `sai:${scopeKey(rebase(e.owner))}`;
      if (e.principalId) out.oid = e.principalId.toLowerCase();
      break;
    case 'servicePrincipal':
      if (!m.meta?.anyKind) out.cls = 'app';
      if (e.objectId) out.oid = e.objectId.toLowerCase();
      if (e.appId) out.app = e.appId.toLowerCase();
      break;
    case 'user':
      out.cls = 'user';
      if (e.objectId) out.oid = e.objectId.toLowerCase();
      break;
    case 'group':
      out.cls = 'group';
      if (e.objectId) out.oid = e.objectId.toLowerCase();
      break;
    default:
      break;
  }
  return out;
}

/** The keys under which principals meet: ids, object ids, app ids, resources, user principal names, group names. */
function joinKeys(m: Member, rebase: (id: string) => string): { key: string; report: boolean }[] {
  const e = m.entity;
  const anchors = anchorsOf(m, rebase);
  const keys: { key: string; report: boolean }[] = [
    { key: `id:${e.id.startsWith('/') ? rebase(e.id).toLowerCase() : e.id}`, report: true },
  ];
  if (anchors.oid) keys.push({ key: `oid:${anchors.oid}`, report: true });
  if (anchors.app) keys.push({ key: `app:${anchors.app}`, report: true });
  if (anchors.res) keys.push({ key: `res:${anchors.res}`, report: true });
  if (e.kind === 'user') {
    const upn = e.userPrincipalName ?? (e.name.includes('@') ? e.name : undefined);
    if (upn) keys.push({ key: `upn:${upn.toLowerCase()}`, report: false });
  }
  if (e.kind === 'group') keys.push({ key: `gname:${e.name.toLowerCase()}`, report: false });
  return keys;
}

function refToDiagnostic(ref: SourceRef): Pick<Diagnostic, 'file' | 'line' | 'column' | 'path'> {
  const out: Pick<Diagnostic, 'file' | 'line' | 'column' | 'path'> = { file: ref.file };
  if (ref.line !== undefined) out.line = ref.line;
  if (ref.column !== undefined) out.column = ref.column;
  if (ref.path !== undefined) out.path = ref.path;
  return out;
}

/** Merges same-kind members field by field; see the module docs for the rules. */
function mergeFields(members: Member[], diagnostics: Diagnostic[]): Record<string, unknown> {
  const first = members[0];
  if (!first) return {};
  const result: Record<string, unknown> = clone({
    ...(first.entity as unknown as Record<string, unknown>),
    source: undefined,
  });
  const fields = new Set<string>();
  for (const m of members) for (const key of Object.keys(m.entity)) if (!STRUCTURAL.has(key)) fields.add(key);
  for (const field of fields) {
    const value = (m: Member) => (m.entity as unknown as Record<string, unknown>)[field];
    const given = members.filter((m) => isGiven(m, field));
    if (given.length === 0) {
      const holder = members.find((m) => value(m) !== undefined);
      if (holder) result[field] = clone(value(holder));
      continue;
    }
    const keeper = given[0] as Member;
    let merged = clone(value(keeper));
    for (const other of given.slice(1)) {
      if (UNION_FIELDS.has(field)) merged = union(field, merged, clone(value(other)));
      else if (!sameValue(merged, value(other))) {
        const label = `${KIND_LABELS[keeper.entity.kind]} \`${keeper.entity.name}\``;
        diagnostics.push({
          severity: 'warning',
          message: `${label}: \`${field}\` is ${showValue(value(other))} here but ${showValue(merged)} in ${where(keeper, field).file}; the first value is kept`,
          ...refToDiagnostic(where(other, field)),
          related: where(keeper, field),
        });
      }
    }
    result[field] = merged;
  }
  delete result.source;
  return result;
}

/**
 * Carries every input's design review into the merged estate: one entry per finding, the first file's entry
 * kept when two disagree (with a warning). Entries are never dropped, even when a merge renames a subject and
 * the finding they name goes away: the review summary then shows them as stale.
 */
function mergeReviews(inputs: readonly MergeInput[], merged: Estate, diagnostics: Diagnostic[]): void {
  const reviewed = inputs.filter((input) => input.estate.review !== undefined);
  if (reviewed.length === 0) return;
  const entries = new Map<string, { entry: NonNullable<Estate['review']>['entries'][number]; file: string }>();
  for (const input of reviewed)
    for (const entry of input.estate.review?.entries ?? []) {
      const first = entries.get(entry.finding);
      if (!first) entries.set(entry.finding, { entry, file: input.file });
      else if (JSON.stringify(first.entry) !== JSON.stringify(entry))
        diagnostics.push({
          severity: 'warning',
          file: input.file,
          message: `finding \`${entry.finding}\` is reviewed in ${first.file} and here; the review in ${first.file} is kept`,
        });
    }
  merged.review = { entries: [...entries.values()].map(({ entry }) => entry) };
}

/** Orders members: declarations before stubs, each in input order. */
function byPreference(members: Member[]): Member[] {
  return [...members].sort((a, b) => Number(isStub(a)) - Number(isStub(b)) || a.order - b.order);
}

/**
 * Merges estates into one: entities that are the same (the same ARM id ignoring case; principals by id,
 * object id, client or app id, resource id, user principal name, or group name) become one entity whose
 * fields come from every declaration, a given value beating a default; two different given values are a
 * warning that points at both places, and the first is kept. References are rewritten to the merged ids;
 * role assignments are deduplicated by id and by principal, role, scope and condition.
 */
export function mergeEstates(inputs: readonly MergeInput[], diagnostics: Diagnostic[]): Estate {
  const merged = emptyEstate(
    inputs[0]?.estate.name ?? 'Untitled estate',
    inputs.some((i) => i.estate.assignmentsOrigin === 'planned') ? 'planned' : 'observed',
  );
  const tenants = [
    ...new Set(inputs.map((i) => i.estate.tenantId).filter((t): t is string => t !== undefined)),
  ];
  if (tenants[0] !== undefined) merged.tenantId = tenants[0];
  if (tenants.length > 1)
    diagnostics.push({
      severity: 'warning',
      message: `the inputs name ${tenants.length} tenants (${tenants.join(', ')}); ${tenants[0]} is kept as the estate's tenant`,
    });
  const description = inputs.find((i) => i.estate.description !== undefined)?.estate.description;
  if (description !== undefined) merged.description = description;

  const members: Member[] = [];
  inputs.forEach((input) => {
    for (const collection of ENTITY_COLLECTIONS)
      for (const entity of input.estate[collection] as Entity[])
        members.push({
          entity,
          meta: input.provenance?.meta.get(entity),
          order: members.length,
          file: input.file,
        });
  });

  const rebase = workspaceRebase(members, diagnostics);

  // Resources other than identities: one cluster per ARM id, compared as Azure compares them.
  const aliasLower = new Map<string, EntityId>();
  const aliasExact = new Map<string, EntityId>();
  const resourceClusters = new Map<string, Member[]>();
  const principalMembers: Member[] = [];
  for (const m of members) {
    if (PRINCIPAL_KINDS.has(m.entity.kind)) principalMembers.push(m);
    else {
      const key = scopeKey(rebase((m.entity as { armId?: string }).armId ?? m.entity.id));
      const list = resourceClusters.get(key);
      if (list) list.push(m);
      else resourceClusters.set(key, [m]);
    }
  }
  const canonicalOf = new Map<Member[], EntityId>();
  for (const [key, list] of resourceClusters) {
    const lead = byPreference(list)[0] as Member;
    const id = entityId(canonicalArmId(rebase((lead.entity as { armId?: string }).armId ?? lead.entity.id)));
    canonicalOf.set(list, id);
    aliasLower.set(key, id);
    const kinds = new Set(list.map((m) => m.entity.kind));
    if (kinds.size > 1)
      diagnostics.push({
        severity: 'warning',
        message: `${id} is described as ${[...kinds].map((k) => KIND_LABELS[k]).join(' and as ')}; the first is kept`,
        ...refToDiagnostic(where(lead)),
      });
  }
  const canonResource = (id: EntityId): EntityId => aliasLower.get(scopeKey(rebase(id))) ?? id;

  // Principals: clusters joined on shared keys.
  const clusters = new PrincipalClusters(principalMembers, diagnostics, rebase);
  const byKey = new Map<string, { index: number; report: boolean }[]>();
  principalMembers.forEach((m, index) => {
    for (const { key, report } of joinKeys(m, rebase)) {
      const list = byKey.get(key);
      if (list) list.push({ index, report });
      else byKey.set(key, [{ index, report }]);
    }
  });
  for (const [key, list] of byKey) {
    const head = list[0];
    if (!head) continue;
    for (const other of list.slice(1))
      clusters.join(head.index, other.index, key, head.report && other.report);
  }
  const principalGroups = new Map<number, Member[]>();
  principalMembers.forEach((m, index) => {
    const root = clusters.find(index);
    const list = principalGroups.get(root);
    if (list) list.push(m);
    else principalGroups.set(root, [m]);
  });

  const KIND_RANK: EntityKind[] = [
    'userAssignedIdentity',
    'systemAssignedIdentity',
    'servicePrincipal',
    'user',
    'group',
  ];
  const principalPlans: { kind: EntityKind; id: EntityId; list: Member[] }[] = [];
  let unmatched = 0;
  for (const list of principalGroups.values()) {
    const definite = list.filter((m) => !m.meta?.anyKind);
    const kind = KIND_RANK.find((k) => definite.some((m) => m.entity.kind === k)) ?? 'servicePrincipal';
    if (definite.length === 0) unmatched++;
    const same = byPreference(list.filter((m) => m.entity.kind === kind));
    const lead = same[0] as Member;
    let id: EntityId;
    if (kind === 'userAssignedIdentity')
      id = entityId(canonicalArmId((lead.entity as { armId: string }).armId));
    else if (kind === 'systemAssignedIdentity')
      id = systemIdentityId(canonResource((lead.entity as { owner: EntityId }).owner));
    else {
      const objectId = list
        .map((m) => (m.entity as { objectId?: string }).objectId)
        .find((o) => o !== undefined);
      id =
        objectId !== undefined
          ? principalEntityId(kind as 'user' | 'group' | 'servicePrincipal', lead.entity.name, objectId)
          : lead.entity.id;
    }
    principalPlans.push({ kind, id, list });
    for (const m of list) {
      if (m.entity.id.startsWith('/')) aliasLower.set(m.entity.id.toLowerCase(), id);
      else aliasExact.set(m.entity.id, id);
    }
  }
  const canon = (id: EntityId): EntityId =>
    aliasExact.get(id) ??
    (id.startsWith('/') ? aliasLower.get(id.toLowerCase()) : undefined) ??
    (id.startsWith('/') ? canonResource(id) : id);

  const rewritten = new Map<Member, Member>();
  for (const m of members) rewritten.set(m, { ...m, entity: rewriteReferences(m.entity, canon) });
  const re = (list: Member[]) => list.map((m) => rewritten.get(m) ?? m);

  // Build the merged entities, in the order of their first appearance.
  const stubs: Entity[] = [];
  const built: { order: number; entity: Entity }[] = [];
  for (const [, list] of resourceClusters) {
    const id = canonicalOf.get(list) as EntityId;
    const ordered = byPreference(re(list));
    const lead = ordered[0] as Member;
    const same = ordered.filter((m) => m.entity.kind === lead.entity.kind);
    const fields = mergeFields(same, diagnostics);
    const entity = {
      ...(lead.entity as unknown as Record<string, unknown>),
      ...fields,
      id,
      armId: id,
    } as unknown as Entity;
    if (lead.entity.kind === 'subscription') {
      const displayName = same
        .map((m) => (m.entity as { displayName?: string }).displayName)
        .find((d) => d !== undefined);
      if (displayName !== undefined) entity.name = displayName;
    } else entity.name = id.slice(id.lastIndexOf('/') + 1);
    if (lead.entity.source) entity.source = lead.entity.source;
    built.push({ order: Math.min(...list.map((m) => m.order)), entity });
    if (same.every(isStub) && CONFIGURABLE.has(lead.entity.kind)) stubs.push(entity);
  }
  for (const plan of principalPlans) {
    const ordered = byPreference(re(plan.list));
    const same = ordered.filter((m) => m.entity.kind === plan.kind);
    const lead = same[0] as Member;
    const fields = mergeFields(same, diagnostics);
    const entity = {
      ...(lead.entity as unknown as Record<string, unknown>),
      ...fields,
      id: plan.id,
    } as unknown as Entity;
    if ('armId' in entity) entity.armId = plan.id;
    if (entity.kind === 'systemAssignedIdentity') entity.owner = canonResource(entity.owner);
    const declared = ordered.find((m) => !isStub(m) && !m.meta?.anyKind);
    entity.name = bestName(entity.kind, same, ordered);
    const source = (declared ?? lead).entity.source;
    if (source) entity.source = source;
    else delete entity.source;
    // What placeholders knew about an identity (object id, app id) fills the declaration's gaps.
    for (const m of ordered) {
      const other = m.entity as {
        objectId?: string;
        appId?: string;
        principalId?: string;
        clientId?: string;
      };
      if (entity.kind === 'userAssignedIdentity') {
        entity.principalId ??= other.objectId ?? other.principalId;
        entity.clientId ??= other.appId ?? other.clientId;
      } else if (entity.kind === 'systemAssignedIdentity')
        entity.principalId ??= other.objectId ?? other.principalId;
      else if (entity.kind === 'servicePrincipal') {
        entity.objectId ??= other.objectId;
        entity.appId ??= other.appId;
      } else if (entity.kind === 'user' || entity.kind === 'group') entity.objectId ??= other.objectId;
    }
    const record = entity as unknown as Record<string, unknown>;
    for (const key of ['principalId', 'clientId', 'objectId', 'appId'])
      if (record[key] === undefined) delete record[key];
    built.push({ order: Math.min(...plan.list.map((m) => m.order)), entity });
  }
  built.sort((a, b) => a.order - b.order);
  for (const { entity } of built) (merged[COLLECTION_OF[entity.kind]] as Entity[]).push(entity);

  mergeAuthorization(inputs, merged, canon, rebase, diagnostics);
  dropUnusedPlaceholderScopes(merged);
  reconcileSystemIdentities(merged, members);
  linkDatastores(merged);
  mergeReviews(inputs, merged, diagnostics);

  if (stubs.length > 0) {
    const names = stubs.slice(0, 5).map((e) => `${KIND_LABELS[e.kind]} \`${e.name}\``);
    diagnostics.push({
      severity: 'info',
      message: `${stubs.length} resource(s) are known only because something refers to them (${names.join(', ')}${stubs.length > 5 ? ', …' : ''}); their settings are unknown, so no finding judges them. Add their az show output or Resource Graph rows to check them`,
    });
  }
  if (unmatched > 0)
    diagnostics.push({
      severity: 'info',
      message: `${unmatched} object id(s) match no principal in the inputs; they are shown as service principals named by the id`,
    });
  return merged;
}

function bestName(kind: EntityKind, same: Member[], all: Member[]): string {
  const declared = same.find((m) => !isStub(m));
  if (declared) return declared.entity.name;
  if (kind === 'userAssignedIdentity' || kind === 'systemAssignedIdentity')
    return (same[0] ?? all[0])?.entity.name ?? '?';
  const guidLike = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
  return (
    all.find((m) => !m.meta?.anyKind && !guidLike.test(m.entity.name))?.entity.name ??
    (same[0] ?? all[0])?.entity.name ??
    '?'
  );
}

function mergeAuthorization(
  inputs: readonly MergeInput[],
  merged: Estate,
  canon: (id: EntityId) => EntityId,
  rebase: (id: string) => string,
  diagnostics: Diagnostic[],
): void {
  const roleNames = new Map<RoleAssignment, string>();
  const byId = new Map<string, RoleAssignment>();
  const byTriple = new Map<string, RoleAssignment>();
  for (const input of inputs) {
    for (const original of input.estate.roleAssignments) {
      // Readers with provenance already wrote canonical scopes; only native estates keep them as written.
      const scope = rebase(
        input.provenance || original.scope === '/' ? original.scope : canonicalArmId(original.scope),
      );
      const assignment: RoleAssignment = {
        ...original,
        id: entityId(rebase(original.id)),
        principal: canon(original.principal),
        scope,
      };
      const idKey = scopeKey(assignment.id);
      const triple = `${assignment.principal}|${assignment.role}|${scopeKey(assignment.scope)}|${assignment.condition ?? ''}`;
      const earlier = byId.get(idKey) ?? byTriple.get(triple);
      if (earlier) {
        // The same grant seen twice (an export and a design, or two overlapping exports): an observation wins.
        if (earlier.origin !== 'observed' && assignment.origin === 'observed') earlier.origin = 'observed';
        continue;
      }
      byId.set(idKey, assignment);
      byTriple.set(triple, assignment);
      merged.roleAssignments.push(assignment);
      const name = input.provenance?.roleNames.get(original);
      if (name !== undefined) roleNames.set(assignment, name);
    }
  }
  const roles = new Map<string, RoleDefinition>();
  const roleByName = new Map<string, RoleDefinition>();
  for (const input of inputs) {
    for (const role of input.estate.roleDefinitions) {
      const same = roles.get(role.id);
      if (same) {
        if (same.name !== role.name || !deepEqual(same.permissions, role.permissions))
          diagnostics.push({
            severity: 'warning',
            message: `role definition ${role.id} differs between inputs (\`${same.name}\` and \`${role.name}\`); the first is kept`,
            ...refToDiagnostic(role.source ?? { file: input.file }),
            ...(same.source ? { related: same.source } : {}),
          });
        continue;
      }
      const namesake = roleByName.get(role.name.toLowerCase());
      if (namesake) {
        diagnostics.push({
          severity: 'warning',
          message: `two different role definitions are named \`${role.name}\` (${namesake.id} and ${role.id}); the second is left out`,
          ...refToDiagnostic(role.source ?? { file: input.file }),
          ...(namesake.source ? { related: namesake.source } : {}),
        });
        continue;
      }
      roles.set(role.id, role);
      roleByName.set(role.name.toLowerCase(), role);
      merged.roleDefinitions.push(role);
    }
  }
  for (const assignment of merged.roleAssignments) {
    if (roles.has(assignment.role) || findBuiltInRole(assignment.role) !== undefined) continue;
    const name = roleNames.get(assignment);
    diagnostics.push({
      severity: 'warning',
      message: `role ${name !== undefined ? `\`${name}\` (${assignment.role})` : assignment.role} is neither built in nor defined in any input, so this assignment grants nothing here; add \`az role definition list --custom-role-only true\` output`,
      ...refToDiagnostic(assignment.source ?? { file: '?' }),
    });
  }
  const denies = new Map<string, DenyAssignment>();
  for (const input of inputs) {
    for (const deny of input.estate.denyAssignments) {
      if (denies.has(scopeKey(deny.id))) continue;
      const copy: DenyAssignment = {
        ...deny,
        principals: deny.principals === 'everyone' ? 'everyone' : dedupe(deny.principals.map(canon)),
        excludePrincipals: dedupe(deny.excludePrincipals.map(canon)),
      };
      denies.set(scopeKey(deny.id), copy);
      merged.denyAssignments.push(copy);
    }
  }
}

type IdentityOwnerEntity = Extract<
  Entity,
  { kind: 'workspace' | 'compute' | 'onlineEndpoint' | 'aksCluster' }
>;

function ownerIdentity(owner: IdentityOwnerEntity): ManagedIdentitySetting | undefined {
  if (owner.kind === 'aksCluster')
    return owner.clusterIdentity.type === 'managed_identity' ? owner.clusterIdentity.identity : undefined;
  return owner.identity;
}

/**
 * Keeps system-assigned identities and their owners consistent after merging: an owner with a system identity
 * gets its identity entity; an identity whose owner (as merged) has none either turns on the owner's system
 * identity (when no input said what the owner's identity is) or becomes a plain service principal.
 */
function reconcileSystemIdentities(merged: Estate, members: Member[]): void {
  const owners = new Map<string, IdentityOwnerEntity>();
  for (const owner of [
    ...merged.workspaces,
    ...merged.computes,
    ...merged.onlineEndpoints,
    ...merged.aksClusters,
  ])
    owners.set(owner.id, owner);
  const identityGiven = new Set<string>();
  for (const m of members) {
    const key = m.entity.kind === 'aksCluster' ? 'clusterIdentity' : 'identity';
    if (owners.has(entityId(canonicalArmId(m.entity.id))) && isGiven(m, key))
      identityGiven.add(scopeKey(m.entity.id));
  }
  const keep: typeof merged.systemAssignedIdentities = [];
  const converted = new Map<EntityId, EntityId>();
  for (const sai of merged.systemAssignedIdentities) {
    const owner = owners.get(sai.owner);
    const setting = owner ? ownerIdentity(owner) : undefined;
    if (owner && setting && !setting.system && !identityGiven.has(scopeKey(owner.id))) setting.system = true;
    if (owner && setting?.system) {
      keep.push(sai);
      continue;
    }
    const sp = {
      id: principalEntityId('servicePrincipal', sai.name, sai.principalId),
      kind: 'servicePrincipal' as const,
      name: sai.name,
      ...(sai.principalId !== undefined ? { objectId: sai.principalId } : {}),
      ...(sai.source ? { source: sai.source } : {}),
    };
    if (!merged.servicePrincipals.some((p) => p.id === sp.id)) merged.servicePrincipals.push(sp);
    converted.set(sai.id, sp.id);
  }
  merged.systemAssignedIdentities = keep;
  for (const owner of owners.values()) {
    const setting = ownerIdentity(owner);
    if (!setting?.system) continue;
    const id = systemIdentityId(owner.id);
    if (keep.some((s) => s.id === id)) continue;
    const workspaceName =
      owner.kind === 'compute' || owner.kind === 'onlineEndpoint'
        ? merged.workspaces.find((w) => w.id === owner.workspace)?.name
        : undefined;
    const sai = {
      id,
      kind: 'systemAssignedIdentity' as const,
      name: systemIdentityName(owner.kind, owner.name, workspaceName),
      owner: owner.id,
      ...(owner.source ? { source: owner.source } : {}),
    };
    keep.push(sai);
  }
  if (converted.size > 0) {
    const canon = (id: EntityId) => converted.get(id) ?? id;
    for (const collection of ENTITY_COLLECTIONS)
      (merged[collection] as Entity[]) = (merged[collection] as Entity[]).map((e) =>
        rewriteReferences(e, canon),
      );
    for (const a of merged.roleAssignments) a.principal = canon(a.principal);
  }
}

/** Links datastores that name a storage account by name to the one account of that name, when there is exactly one. */
function linkDatastores(merged: Estate): void {
  for (const datastore of merged.datastores) {
    if (
      datastore.storageAccount !== undefined ||
      datastore.accountName === undefined ||
      datastore.datastoreType === 'azure_data_lake_gen1'
    )
      continue;
    const candidates = merged.storageAccounts.filter(
      (a) => a.name.toLowerCase() === datastore.accountName?.toLowerCase(),
    );
    if (candidates.length === 1 && candidates[0]) datastore.storageAccount = candidates[0].id;
  }
}

/** True for an id an input could only place under a stand-in subscription or resource group. */
function underPlaceholderScope(id: string): boolean {
  const parsed = parseArmId(id);
  return (
    parsed !== undefined &&
    (parsed.subscriptionId?.includes('<') === true ||
      parsed.resourceGroup?.includes('<') === true ||
      parsed.subscriptionId === PLACEHOLDER_SUBSCRIPTION)
  );
}

/**
 * Finds workspaces that an input could only place under a stand-in scope (az ml YAML without `id`, an ARM
 * template without a deployment target) and that another input declares for real: the one real workspace
 * with the same name (or, for the az ml placeholder workspace `<workspace>`, the only real workspace). Returns
 * a function that moves an id from under the stand-in workspace to under the real one; other ids pass
 * unchanged.
 */
function workspaceRebase(members: readonly Member[], diagnostics: Diagnostic[]): (id: string) => string {
  const real = new Map<string, Map<string, string>>();
  const stand: { id: string; name: string }[] = [];
  for (const m of members) {
    if (m.entity.kind !== 'workspace') continue;
    const id = canonicalArmId(m.entity.armId);
    if (underPlaceholderScope(id) || m.entity.name.startsWith('<')) stand.push({ id, name: m.entity.name });
    else {
      const byKey = real.get(m.entity.name.toLowerCase()) ?? new Map<string, string>();
      if (!byKey.has(scopeKey(id))) byKey.set(scopeKey(id), id);
      real.set(m.entity.name.toLowerCase(), byKey);
    }
  }
  const prefixes: [string, string][] = [];
  const seen = new Set<string>();
  for (const w of stand) {
    const from = w.id.toLowerCase();
    if (seen.has(from)) continue;
    seen.add(from);
    const candidates = w.name.startsWith('<')
      ? [...real.values()].flatMap((byKey) => [...byKey.values()])
      : [...(real.get(w.name.toLowerCase())?.values() ?? [])];
    const only = candidates[0];
    if (candidates.length === 1 && only !== undefined) prefixes.push([from, only]);
    else if (candidates.length > 1)
      diagnostics.push({
        severity: 'info',
        message: `workspace \`${w.name}\` has no real place in its input, and ${candidates.length} workspaces could be it (${candidates.slice(0, 3).join(', ')}); it is kept apart`,
      });
  }
  if (prefixes.length === 0) return (id) => id;
  return (id) => {
    const lower = id.toLowerCase();
    for (const [from, to] of prefixes) {
      if (lower === from) return to;
      if (lower.startsWith(from) && (lower[from.length] === '/' || lower[from.length] === '#'))
        return to + id.slice(from.length);
    }
    return id;
  };
}

/** Drops stand-in subscriptions and resource groups that nothing is left in once their workspace moved. */
function dropUnusedPlaceholderScopes(merged: Estate): void {
  const used = new Set<string>();
  for (const entity of [
    ...merged.workspaces,
    ...merged.storageAccounts,
    ...merged.keyVaults,
    ...merged.containerRegistries,
    ...merged.applicationInsights,
    ...merged.userAssignedIdentities,
    ...merged.aksClusters,
  ])
    used.add(scopeKey(entity.resourceGroup));
  for (const a of merged.roleAssignments) used.add(scopeKey(a.scope));
  const keepGroup = (g: ResourceGroup) => !underPlaceholderScope(g.id) || used.has(scopeKey(g.id));
  merged.resourceGroups = merged.resourceGroups.filter(keepGroup);
  const subs = new Set(merged.resourceGroups.map((g) => scopeKey(g.subscription)));
  merged.subscriptions = merged.subscriptions.filter(
    (s) => !underPlaceholderScope(s.id) || subs.has(scopeKey(s.id)) || used.has(scopeKey(s.id)),
  );
}
