import { scopeKey, type EntityId } from '../../model/ids';
import { COLLECTION_OF_KIND, type Diagnostic, type Entity, type Estate } from '../../model/types';
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

/** The one entity a reference names in the merged estate; undefined when none or several do. */
function findTarget(estate: Estate, holder: Entity, target: UnresolvedReference['target']): EntityId | undefined {
  let candidates: EntityId[];
  if (target.kind === 'compute') {
    const workspace = 'workspace' in holder && typeof holder.workspace === 'string' ? holder.workspace : undefined;
    if (workspace === undefined) return undefined;
    candidates = estate.computes
      .filter((c) => scopeKey(c.workspace) === scopeKey(workspace) && c.name.toLowerCase() === target.name.toLowerCase())
      .map((c) => c.id);
  } else {
    const value = target.value.toLowerCase();
    candidates = estate.userAssignedIdentities
      .filter((u) => u[target.by]?.toLowerCase() === value)
      .map((u) => u.id);
  }
  return candidates.length === 1 ? candidates[0] : undefined;
}

/** Puts `id` at `field` in `holder` (added to the list when the field is a list); false when the field's parent is absent. */
function assign(holder: Entity, field: readonly (string | number)[], id: EntityId): boolean {
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

/** Restates a placeholder-workspace note with what the merged estate shows. */
function restate(estate: Estate, { note, what, placeholder }: PlaceholderWorkspaceNote): void {
  const real = estate.workspaces
    .filter((w) => !w.name.startsWith('<'))
    .map((w) => w.name)
    .sort();
  const stays = estate.workspaces.some((w) => w.name === placeholder);
  if (!stays && real.length === 1)
    note.message = `the file does not say its workspace; the ${what} is attached to ${quote(real[0] ?? '')}, the only workspace in this import`;
  else if (stays && real.length > 1)
    note.message = `the file does not say its workspace and this import holds ${real.length} workspaces (${real.map((name) => quote(name)).join(', ')}), so the ${what} is attached to the placeholder workspace ${quote(placeholder)}; name the workspace (the CLI's \`--workspace NAME\`) to place it`;
}

/**
 * Settles, in the merged estate, the references readers left unresolved (a compute by name in the holder's
 * workspace, a user-assigned identity by client or principal id: each linked when exactly one entity of any
 * format matches) and restates the notes about the placeholder workspace. A note that said a reference was
 * unresolved is removed from `diagnostics` once it is resolved.
 */
export function resolveAcrossFormats(
  estate: Estate,
  unresolved: readonly UnresolvedReference[],
  placeholderNotes: readonly PlaceholderWorkspaceNote[],
  diagnostics: Diagnostic[],
): void {
  const settled = new Set<Diagnostic>();
  for (const reference of unresolved) {
    const holder = findHolder(estate, reference.holder);
    if (holder === undefined) continue;
    const target = findTarget(estate, holder, reference.target);
    if (target !== undefined && assign(holder, reference.field, target) && reference.note)
      settled.add(reference.note);
  }
  for (const note of placeholderNotes) restate(estate, note);
  for (let i = diagnostics.length - 1; i >= 0; i--)
    if (settled.has(diagnostics[i] as Diagnostic)) diagnostics.splice(i, 1);
}
