import type { EntityId } from '../../model/ids';
import type { Diagnostic, JobDataBinding } from '../../model/types';
import type { Path } from '../core/context';
import { datastoreInPath } from '../core/naming';
import { quote } from '../core/source';
import type { BindingDraft } from './drafts';
import type { PendingSink } from './import-estates';

/** What {@link jobBindings} asks of the import it is assembled in. */
export interface BindingLookup {
  /** The datastore of this name that an az ml file of the import declares in the job's workspace. */
  declaredDatastore(name: string): EntityId | undefined;
  /** Adds a note once per topic for the whole import, and returns it (undefined when it was already given). */
  noteOnce(topic: string, path: Path, message: string): Diagnostic | undefined;
}

/**
 * A job's or step's data bindings. A datastore that an az ml file of the import declares is linked at once; any
 * other (including one named by the long `azureml://` form, which may be in another workspace) is left in `sink`
 * for the resolution after the merge, which sees every format's datastores, with a note saying it is not linked yet.
 */
export function jobBindings(list: readonly BindingDraft[], sink: PendingSink, lookup: BindingLookup): JobDataBinding[] {
  return list.map((draft, index) => {
    const binding: JobDataBinding = { name: draft.name };
    if (draft.path !== undefined) binding.path = draft.path;
    if (draft.mode !== undefined) binding.mode = draft.mode;
    if (draft.datastore === undefined) return binding;
    const inPath = datastoreInPath(draft.path ?? '');
    const armId = inPath?.name === draft.datastore ? inPath.armId : undefined;
    const found = armId === undefined ? lookup.declaredDatastore(draft.datastore) : undefined;
    if (found !== undefined) binding.datastore = found;
    else {
      const note = lookup.noteOnce(
        `datastore:${(armId ?? draft.datastore).toLowerCase()}`,
        draft.datastoreAt,
        `datastore ${quote(draft.datastore)} is not declared in this import; the binding keeps its path but is not linked to it`,
      );
      const target = { kind: 'datastore' as const, name: draft.datastore, ...(armId !== undefined ? { armId } : {}) };
      sink.list.push({ field: [...sink.field, index, 'datastore'], target, ...(note ? { note } : {}) });
    }
    return binding;
  });
}
