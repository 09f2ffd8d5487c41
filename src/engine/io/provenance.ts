import { isUnderScope, type EntityId } from '../model/ids';
import { allEntities } from '../model/estate';
import type {
  Diagnostic,
  Entity,
  EntityKind,
  Estate,
  EstateProvenance,
  FactKind,
  FactMode,
  FactOrigin,
  ProvenanceFile,
} from '../model/types';
import type { ManifestFacts } from './collection-manifest';
import { ENTITY_DEFAULTS } from './core/fragment';
import type { EntityMeta, ReaderResult } from './core/reader';
import type { InputFormat } from './detect';

/** One file as `readInputs` read it: its name, its detected format, and what its reader returned. */
export interface ReadFile {
  file: string;
  format: InputFormat;
  result: ReaderResult;
}

/** The command that exports every role assignment a tenant's principals hold, inherited ones included. */
export const ROLE_ASSIGNMENT_EXPORT = 'az role assignment list --all --include-inherited -o json';

const FACT_KINDS: readonly FactKind[] = ['role-assignments', 'resources', 'identities'];
const IDENTITY_KINDS: ReadonlySet<EntityKind> = new Set(['userAssignedIdentity', 'user', 'group', 'servicePrincipal']);
/** Scopes and identities are not "resources" a finding judges the settings of. */
const NOT_RESOURCES: ReadonlySet<EntityKind> = new Set([
  ...IDENTITY_KINDS,
  'systemAssignedIdentity',
  'managementGroup',
  'subscription',
  'resourceGroup',
]);

/**
 * Whether a file describes what exists or what is planned. Every reader but the native one builds its estate as
 * observed or planned by what it read (az CLI JSON, Resource Graph, PowerShell exports and Terraform state are
 * exports; az ml YAML, ARM templates and a Terraform plan are plans), so that says it; a native file is a design
 * even when it says its assignments were exported.
 */
function originOf(read: ReadFile): FactOrigin {
  return read.format !== 'native' && read.result.estate?.assignmentsOrigin === 'observed' ? 'export' : 'plan';
}

/** The kinds of fact one file holds, each with its origin. */
function factsOf(read: ReadFile): ProvenanceFile['facts'] {
  const estate = read.result.estate;
  const facts: ProvenanceFile['facts'] = {};
  if (!estate) return facts;
  const origin = originOf(read);
  const declared = (entity: Entity) => read.result.provenance?.meta.get(entity)?.stub !== true;
  // A native file is the whole design, its assignments included (even none), unless it says they were exported.
  if (read.format === 'native') facts['role-assignments'] = estate.assignmentsOrigin === 'observed' ? 'export' : 'plan';
  else if (estate.roleAssignments.length > 0) facts['role-assignments'] = origin;
  for (const entity of allEntities(estate)) {
    if (!declared(entity)) continue;
    if (IDENTITY_KINDS.has(entity.kind)) facts.identities = origin;
    else if (!NOT_RESOURCES.has(entity.kind)) facts.resources = origin;
  }
  return facts;
}

function modeOf(origins: ReadonlySet<FactOrigin>): FactMode {
  if (origins.size === 0) return 'absent';
  if (origins.size === 2) return 'export and plan';
  return origins.has('export') ? 'export' : 'plan';
}

/**
 * Optional settings an export leaves out when it does not know them, beyond the fields with a default:
 * `az ml compute show` prints no `disable_local_auth` (fact sheet 5.4), so its absence says nothing.
 */
const OPTIONAL_EXPORT_SETTINGS: { readonly [K in EntityKind]?: readonly string[] } = {
  compute: ['disableLocalAuth'],
  // Which private endpoints reach a resource is its own `privateEndpointConnections`: an export without it (a
  // Resource Graph query projecting some properties, `az resource list`, a trimmed `az storage account show`, `az
  // ml workspace show`, Terraform state) does not say there are none. A plan that declares none creates none.
  workspace: ['privateEndpoints'],
  storageAccount: ['privateEndpoints'],
  keyVault: ['privateEndpoints'],
  containerRegistry: ['privateEndpoints'],
};

/**
 * List fields a file can give in part: a template declares some private endpoints of a storage account by a
 * target it can evaluate, and another by one it cannot, so the list it gives may miss that one.
 */
const PARTIAL_LISTS: ReadonlySet<string> = new Set(['privateEndpoints']);

interface Member {
  meta: EntityMeta | undefined;
  origin: FactOrigin;
}

/**
 * The settings each resource of the merged estate leaves unknown: every one for a resource no file declares
 * (known only by reference, or a placeholder), else the fields with a default that only exports describe and
 * none of them gave. A plan that leaves a field out gets Azure's default on creation, so that is known; a field a
 * file wrote with a value it could not know (EntityMeta.unknown) is unknown unless another file gives it.
 */
function unknownSettings(estate: Estate, files: readonly ReadFile[]): Record<EntityId, string[]> {
  const members = new Map<string, Member[]>();
  for (const read of files) {
    if (!read.result.estate) continue;
    const origin = originOf(read);
    for (const entity of allEntities(read.result.estate)) {
      if (NOT_RESOURCES.has(entity.kind)) continue;
      const key = entity.id.toLowerCase();
      const list = members.get(key) ?? [];
      list.push({ meta: read.result.provenance?.meta.get(entity), origin });
      members.set(key, list);
    }
  }
  const unknown: Record<EntityId, string[]> = {};
  for (const entity of allEntities(estate)) {
    const list = members.get(entity.id.toLowerCase());
    // An entity the merge renamed (or a reader without side information) is taken at its word.
    if (!list || list.some((m) => m.meta === undefined)) continue;
    const declared = list.filter((m) => m.meta?.stub !== true);
    if (declared.length === 0) {
      unknown[entity.id] = ['*'];
      continue;
    }
    const given = new Set(declared.flatMap((m) => [...(m.meta?.given ?? [])]));
    // Known from patches only (Terraform's `azapi_update_resource` of a resource no file declares): by reference,
    // the settings the patches give and nothing else, whether the patch is planned or applied. A patch beside a
    // declaration only adds what it gives: the declaration says what the rest is.
    const whole = declared.filter((m) => m.meta?.patch !== true);
    if (whole.length === 0) {
      const fields = [...Object.keys(ENTITY_DEFAULTS[entity.kind] ?? {}), ...(OPTIONAL_EXPORT_SETTINGS[entity.kind] ?? [])];
      const patched = [...new Set(declared.flatMap((m) => [...(m.meta?.unknown ?? [])]))];
      const missing = [...new Set([...fields.filter((field) => !given.has(field)), ...patched])];
      if (missing.length > 0) unknown[entity.id] = missing;
      continue;
    }
    // Written with a value the input could not know (an ARM expression): unknown unless another file gives it. A
    // list a plan gives only in part stays unknown until an export gives the whole of it.
    const settled = (member: Member, field: string): boolean =>
      PARTIAL_LISTS.has(field)
        ? declared.some(
            (other) => other !== member && other.origin === 'export' && other.meta?.given.has(field) === true && other.meta.unknown?.has(field) !== true,
          )
        : given.has(field);
    const unknowable = [
      ...new Set(declared.flatMap((m) => [...(m.meta?.unknown ?? [])].filter((field) => !settled(m, field)))),
    ];
    if (whole.some((m) => m.origin === 'plan')) {
      if (unknowable.length > 0) unknown[entity.id] = unknowable;
      continue;
    }
    const fields = [...Object.keys(ENTITY_DEFAULTS[entity.kind] ?? {}), ...(OPTIONAL_EXPORT_SETTINGS[entity.kind] ?? [])];
    const missing = [...new Set([...fields.filter((field) => !given.has(field)), ...unknowable])];
    if (missing.length > 0) unknown[entity.id] = missing;
  }
  return unknown;
}

/** The kinds whose own grants Azure ML makes when they are created (R3, R20, R21, R71). */
const GRANTED_ON_CREATION: ReadonlySet<EntityKind> = new Set(['workspace', 'compute', 'onlineEndpoint', 'aksCluster']);

/**
 * The resources of {@link GRANTED_ON_CREATION} kinds that an export declares, when the files mix exports and plans
 * (otherwise the estate's origin says it for all of them).
 */
function exportedResources(estate: Estate, files: readonly ReadFile[]): EntityId[] {
  const origins = new Set(files.map(originOf));
  if (origins.size < 2) return [];
  const declared = new Set<string>();
  for (const read of files) {
    if (!read.result.estate || originOf(read) !== 'export') continue;
    for (const entity of allEntities(read.result.estate))
      if (GRANTED_ON_CREATION.has(entity.kind) && read.result.provenance?.meta.get(entity)?.stub !== true) declared.add(entity.id.toLowerCase());
  }
  return [...allEntities(estate)].filter((e) => GRANTED_ON_CREATION.has(e.kind) && declared.has(e.id.toLowerCase())).map((e) => e.id);
}

/**
 * Records on the estate where its facts came from (an export of what exists, or a plan), which settings it
 * leaves unknown, and what is missing to judge grants; returns the notes to show with the import. Called
 * once by `readInputs` with every file it used; with the provenance of the open estate the files were added to,
 * if any; and with what the collection manifests among them said: a fact a collection exported counts as
 * exported even when no file holds one (a subscription without assignments).
 */
export function recordProvenance(
  estate: Estate,
  files: readonly ReadFile[],
  context: { earlier?: EstateProvenance; manifest?: ManifestFacts } = {},
): Diagnostic[] {
  const { earlier, manifest } = context;
  const perFile: ProvenanceFile[] = [
    ...(earlier?.files ?? []),
    ...files.map((read) => ({ file: read.file, format: read.format, facts: factsOf(read) })),
  ];
  if (manifest && manifest.exported.size > 0)
    for (const file of manifest.files)
      perFile.push({ file, format: 'collection-manifest', facts: Object.fromEntries([...manifest.exported].map((fact) => [fact, 'export'])) });
  const facts = Object.fromEntries(
    FACT_KINDS.map((kind) => [
      kind,
      modeOf(new Set(perFile.flatMap((f) => (f.facts[kind] ? [f.facts[kind]] : [])))),
    ]),
  ) as Record<FactKind, FactMode>;
  const unknown = unknownSettings(estate, files);
  // What an estate the files were added to left unknown stays unknown, unless one of the files declares it.
  if (earlier !== undefined) {
    const declaredNow = new Set(files.flatMap((read) => (read.result.estate ? [...allEntities(read.result.estate)] : [])).map((e) => e.id.toLowerCase()));
    const present = new Set([...allEntities(estate)].map((e) => e.id));
    for (const [id, fields] of Object.entries(earlier.unknown))
      if (present.has(id as EntityId) && !declaredNow.has(id.toLowerCase())) unknown[id as EntityId] ??= fields;
  }
  const provenance: EstateProvenance = { facts, files: perFile, unknown, missing: [] };
  const exported = [...new Set([...(earlier?.exported ?? []), ...exportedResources(estate, files)])];
  if (exported.length > 0) provenance.exported = exported;
  const unreadable = [...(earlier?.unreadable ?? []), ...(manifest?.unreadable ?? [])];
  if (unreadable.length > 0) {
    provenance.unreadable = unreadable;
    // A resource under a scope nothing was read of is known only by reference: none of its settings are judged.
    const blind = unreadable.filter((u) => u.what === 'everything');
    for (const entity of allEntities(estate))
      if (!NOT_RESOURCES.has(entity.kind) && blind.some((u) => isUnderScope(entity.id, u.scope))) provenance.unknown[entity.id] = ['*'];
  }
  if (facts['role-assignments'] === 'absent')
    provenance.missing.push({
      fact: 'role-assignments',
      note: `no role assignments are in this import, so grants are not judged (no finding says one is missing); add the output of \`${ROLE_ASSIGNMENT_EXPORT}\` to judge them`,
      command: ROLE_ASSIGNMENT_EXPORT,
    });
  estate.provenance = provenance;
  return provenance.missing.map((m) => ({ severity: 'info', message: m.note }));
}
