import { scopeKey } from '../../model/ids';
import type { PlaceholderWorkspaceNote } from '../core/reader';
import type { WorkspaceDraft } from './drafts';
import { PLACEHOLDER_WORKSPACE } from './options';

/*
 * A workspace file without `name` (the form `az ml workspace update --file FILE --name NAME` takes) holds settings
 * for a workspace the file does not name. Unknown is not turned into a guess: it joins the only named workspace
 * of the import, else it stays the placeholder workspace and says how to tell which one it is.
 */

const NAMELESS = 'the file has no `name` (the form `az ml workspace update --file FILE --name NAME` takes)';

/**
 * Gives each nameless workspace draft the place of the only named workspace among `drafts`, when there is
 * exactly one; with none or several the drafts are left as the placeholder workspace.
 */
export function joinNamelessWorkspaces(drafts: readonly WorkspaceDraft[]): void {
  const named = new Map(drafts.filter((d) => !d.nameless).map((d) => [scopeKey(d.ref.armId), d]));
  const only = named.size === 1 ? [...named.values()][0] : undefined;
  if (!only) return;
  for (const draft of drafts)
    if (draft.nameless)
      Object.assign(draft, { ref: only.ref, name: only.name, scopeKnown: only.scopeKnown, joined: true });
}

/**
 * Notes, at the document, where a nameless workspace file's settings went. Returns the note to restate after
 * the merge (another format may hold the only workspace) when it went to the placeholder workspace.
 */
export function noteNamelessWorkspace(draft: WorkspaceDraft): PlaceholderWorkspaceNote | undefined {
  const { ctx } = draft;
  if (draft.joined) {
    ctx.info(
      [],
      `${NAMELESS}; its settings are read for \`${draft.name}\`, the only workspace in this import`,
    );
    return undefined;
  }
  ctx.info(
    [],
    `${NAMELESS}, so which workspace its settings apply to is unknown; they are read as the placeholder workspace \`${PLACEHOLDER_WORKSPACE}\`. Add \`name:\` to the file, or import the workspace's \`az ml workspace show -o json\`, to tell`,
  );
  const note = ctx.diagnostics[ctx.diagnostics.length - 1];
  return note && { note, what: 'workspace definition', placeholder: PLACEHOLDER_WORKSPACE };
}
