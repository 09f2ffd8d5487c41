import { scopeKey, type EntityId } from '../../model/ids';
import { COLLECTION_OF_KIND, type Diagnostic, type Entity, type Estate, type SourceRef } from '../../model/types';
import { EnvironmentAssets, type EnvironmentAsset } from './environment-assets';
import { KIND_LABELS } from './kinds';
import type { PlaceholderWorkspaceNote, UnresolvedReference } from './reader';
import { quote } from './source';

/**
 * The resolution after the merge: references a reader could settle only among the files of its own format are
 * settled here against the merged estate, which holds every format of the import. It looks only at the merged
 * estate, never at which file came first, so the result does not depend on file order.
 */

/** The merged entity that holds a reference: the one built from the same source (the merge keeps source objects). */
function findHolder(estate: Estate, holder: UnresolvedReference['holder']): Entity | undefined {
  const collection = estate[COLLECTION_OF_KIND[holder.kind]] as Entity[];
  return (
    collection.find((e) => e.source === holder.source) ??
    collection.find(
      (e) =>
        e.name === holder.name &&
        e.source?.file === holder.source.file &&
        e.source.line === holder.source.line,
    )
  );
}

/** The workspace a holder lives in: its own, or (for a deployment) its endpoint's. */
function workspaceOf(estate: Estate, holder: Entity): string | undefined {
  if ('workspace' in holder && typeof holder.workspace === 'string') return holder.workspace;
  if (holder.kind === 'onlineDeployment')
    return estate.onlineEndpoints.find((e) => e.id === holder.endpoint)?.workspace;
  return undefined;
}

/**
 * What an environment reference resolves to among the assets of every format, as the value for its field: the
 * environment for a job or step, the image pulled as it is for a deployment. Otherwise the reason it stays unknown.
 */
function resolveEnvironment(
  estate: Estate,
  holder: Entity,
  target: Extract<UnresolvedReference['target'], { kind: 'environment' }>,
  assets: EnvironmentAssets,
): { value: unknown } | { unknown: string } {
  const workspace = workspaceOf(estate, holder);
  const resolved = target.pulled ? assets.resolvePulled(target.ref, workspace) : assets.resolve(target.ref, workspace);
  if ('unknown' in resolved) return resolved;
  if (!target.pulled) return { value: resolved.environment };
  const image = resolved.environment.image;
  return image === undefined
    ? { unknown: `environment ${quote(target.ref.text)} gives no image, so the image this deployment pulls is not known` }
    : { value: image };
}

/** The one entity a reference names in the merged estate; undefined when none or several do. */
function findTarget(
  estate: Estate,
  holder: Entity,
  target: Exclude<UnresolvedReference['target'], { kind: 'environment' }>,
): EntityId | undefined {
  let candidates: EntityId[];
  if (target.kind === 'userAssignedIdentity') {
    const value = target.value.toLowerCase();
    candidates = estate.userAssignedIdentities
      .filter((u) => u[target.by]?.toLowerCase() === value)
      .map((u) => u.id);
  } else {
    const children = target.kind === 'compute' ? estate.computes : estate.datastores;
    if (target.armId !== undefined) {
      // By ARM id: in whichever workspace of the import holds it, whatever format declared it.
      const key = scopeKey(target.armId);
      candidates = children.filter((c) => scopeKey(c.armId) === key).map((c) => c.id);
    } else {
      const workspace = 'workspace' in holder && typeof holder.workspace === 'string' ? holder.workspace : undefined;
      if (workspace === undefined) return undefined;
      const name = target.name.toLowerCase();
      candidates = children
        .filter((c) => scopeKey(c.workspace) === scopeKey(workspace) && c.name.toLowerCase() === name)
        .map((c) => c.id);
    }
  }
  return candidates.length === 1 ? candidates[0] : undefined;
}

/** Puts `id` at `field` in `holder` (added to the list when the field is a list); false when the field's parent is absent. */
function assign(holder: Entity, field: readonly (string | number)[], id: unknown): boolean {
  let parent: unknown = holder;
  for (const key of field.slice(0, -1)) {
    if (parent === null || typeof parent !== 'object') return false;
    parent = Reflect.get(parent, key);
  }
  const last = field[field.length - 1];
  if (last === undefined || parent === null || typeof parent !== 'object') return false;
  const current: unknown = Reflect.get(parent, last);
  if (Array.isArray(current)) {
    if (!current.includes(id)) current.push(id);
  } else Reflect.set(parent, last, id);
  return true;
}

/** A workspace the import holds, as a chooser offers it: its name and its ARM id (which the read option takes too). */
export interface WorkspaceOption {
  name: string;
  armId: string;
}

/** The real workspaces of the merged estate (not the placeholders), sorted by name then id. */
function realWorkspaces(estate: Estate): WorkspaceOption[] {
  return estate.workspaces
    .filter((w) => !w.name.startsWith('<'))
    .map((w) => ({ name: w.name, armId: w.armId }))
    .sort((a, b) => a.name.localeCompare(b.name) || a.armId.localeCompare(b.armId));
}

/**
 * Restates a placeholder-workspace note with what the merged estate shows. Returns true when the note became an
 * error: an asset that names no workspace in an import of several cannot be placed without a guess.
 */
function restate(estate: Estate, real: readonly WorkspaceOption[], { note, what, placeholder }: PlaceholderWorkspaceNote): boolean {
  const names = real.map((w) => quote(w.name)).join(', ');
  const stays = estate.workspaces.some((w) => w.name === placeholder);
  if (!stays && real.length === 1)
    note.message = `the file does not say its workspace; the ${what} is attached to ${quote(real[0]?.name ?? '')}, the only workspace in this import`;
  else if (stays && real.length > 1 && what === NAMELESS_WORKSPACE_WHAT)
    note.message = `the file does not say its workspace and this import holds ${real.length} workspaces (${names}), so the ${what} is attached to the placeholder workspace ${quote(placeholder)}; name the workspace (the CLI's \`--workspace NAME\`) to place it`;
  else if (stays && real.length > 1) {
    note.severity = 'error';
    note.message = `the file does not say which workspace the ${what} belongs to, and this import holds ${real.length} workspaces (${names}); choose one: the CLI's \`--workspace NAME\` (as \`az ml ... --workspace-name\`), or the app's workspace chooser`;
    return true;
  }
  return false;
}

/** What {@link resolveAcrossFormats} found that the caller must act on. */
interface CrossFormatOutcome {
  /**
   * Set when an asset names no workspace and the import holds several: the import is refused (its errors say
   * where) and these are the workspaces to choose from.
   */
  workspaceChoice?: WorkspaceOption[];
}

/** The `what` of a nameless workspace file's note: its settings, not an asset, so it stays a note. */
const NAMELESS_WORKSPACE_WHAT = 'workspace definition';

/**
 * Settles, in the merged estate, the references readers left unresolved (a compute or datastore by name in the
 * holder's workspace or by ARM id in any workspace, a user-assigned identity by client or principal id: each
 * linked when exactly one entity of any format matches; otherwise it stays unlinked, its note saying so; an
 * environment by name and version among the environment assets of every format) and restates the notes about the
 * placeholder workspace. A note that said a reference was
 * unresolved is removed from `diagnostics` once it is resolved. An asset that names no workspace in an import
 * of several workspaces turns its note into a located error and the outcome lists the workspaces to choose from.
 */
export function resolveAcrossFormats(
  estate: Estate,
  unresolved: readonly UnresolvedReference[],
  placeholderNotes: readonly PlaceholderWorkspaceNote[],
  diagnostics: Diagnostic[],
  context: {
    /** The environment assets of every input. */
    environments?: readonly EnvironmentAsset[];
    /** The merged entity each declaration became, by its source (see mergeEstates). */
    holders?: ReadonlyMap<SourceRef, Entity>;
  } = {},
): CrossFormatOutcome {
  const settled = new Set<Diagnostic>();
  const assets = new EnvironmentAssets();
  for (const asset of context.environments ?? []) assets.add(asset);
  // What each reference resolves to, by holder and field: two declarations of one entity (two files giving the
  // same job) may each leave a reference for the same field, and the result must not depend on which leads.
  const byField = new Map<Entity, Map<string, { field: UnresolvedReference['field']; found: { value: unknown; reference: UnresolvedReference }[] }>>();
  for (const reference of unresolved) {
    const holder = context.holders?.get(reference.holder.source) ?? findHolder(estate, reference.holder);
    if (holder === undefined) continue;
    let value: unknown;
    if (reference.target.kind === 'environment') {
      const resolved = resolveEnvironment(estate, holder, reference.target, assets);
      if ('value' in resolved) value = resolved.value;
      else if (reference.note) reference.note.message = resolved.unknown;
    } else value = findTarget(estate, holder, reference.target);
    if (value === undefined) continue;
    const fields = byField.get(holder) ?? new Map();
    byField.set(holder, fields);
    const key = JSON.stringify(reference.field);
    const entry = fields.get(key) ?? { field: reference.field, found: [] };
    entry.found.push({ value, reference });
    fields.set(key, entry);
  }
  for (const [holder, fields] of byField)
    for (const { field, found } of fields.values()) {
      const distinct = [...new Map(found.map((f) => [JSON.stringify(f.value), f.value])).values()];
      // A list takes every value; a single field takes one only when the declarations agree on it.
      if (distinct.length > 1 && !Array.isArray(valueAt(holder, field))) {
        const shown = distinct.map((v) => quote(typeof v === 'string' ? v.split('/').slice(-2).join('/') : JSON.stringify(v), 80)).sort();
        const first = found[0]?.reference;
        diagnostics.push({
          severity: 'warning',
          message: `${KIND_LABELS[holder.kind]} ${quote(holder.name)}: the files that declare it resolve \`${field.join('.')}\` to different things (${shown.join(', ')}); it is left unknown`,
          ...(first ? { file: first.holder.source.file } : {}),
          ...(first?.holder.source.line !== undefined ? { line: first.holder.source.line } : {}),
        });
        continue;
      }
      const placed = distinct.map((value) => assign(holder, field, value)).every(Boolean);
      if (placed) for (const { reference } of found) if (reference.note) settled.add(reference.note);
    }
  const real = realWorkspaces(estate);
  let unplaced = false;
  for (const note of placeholderNotes) if (restate(estate, real, note)) unplaced = true;
  for (let i = diagnostics.length - 1; i >= 0; i--)
    if (settled.has(diagnostics[i] as Diagnostic)) diagnostics.splice(i, 1);
  return unplaced ? { workspaceChoice: real } : {};
}

/** The value at `field` in `holder`, or undefined when a step of the way is missing. */
function valueAt(holder: Entity, field: readonly (string | number)[]): unknown {
  let value: unknown = holder;
  for (const key of field) {
    if (value === null || typeof value !== 'object') return undefined;
    value = Reflect.get(value, key);
  }
  return value;
}
