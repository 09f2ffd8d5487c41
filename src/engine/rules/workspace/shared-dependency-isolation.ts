import type { EntityId } from '../../model/ids';
import type { Workspace } from '../../model/types';
import { noteEvidence, settingEvidence } from '../helpers';
import { nameList } from './cli-args';
import { defineRule } from '../catalog';

/** Data isolation as it applies: the explicit setting, else on for hubs and projects and off otherwise. */
export function dataIsolationOn(workspace: Workspace): boolean {
  return workspace.enableDataIsolation ?? workspace.workspaceKind !== 'default';
}

const DEPENDENCIES = [
  { field: 'storageAccount', label: 'Storage account', what: 'container' },
  { field: 'keyVault', label: 'Key vault', what: 'secret' },
  { field: 'containerRegistry', label: 'Registry', what: 'image' },
] as const;

/** R14: workspaces that share a storage account, key vault or registry should isolate their data. */
export const sharedDependencyIsolation = defineRule('AML-WS-009', {
  *check(context) {
    const { topology } = context;
    for (const dependency of DEPENDENCIES) {
      const sharers = new Map<EntityId, Workspace[]>();
      for (const workspace of context.estate.workspaces) {
        const target = workspace[dependency.field];
        if (target === undefined) continue;
        const list = sharers.get(target);
        if (list) list.push(workspace);
        else sharers.set(target, [workspace]);
      }
      for (const [target, sharing] of sharers) {
        if (sharing.length < 2) continue;
        // By id, so that the message does not follow the order the input files listed the workspaces in.
        const workspaces = [...sharing].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
        const open = workspaces.filter((w) => !dataIsolationOn(w));
        if (open.length === 0) continue;
        const targetName = topology.nameOf(target);
        const openNames = nameList(topology, open.map((w) => w.id));
        yield {
          subjects: [target, ...open.map((w) => w.id)],
          message: `${dependency.label} ${targetName} is shared by ${nameList(topology, workspaces.map((w) => w.id))}, and data isolation is off for ${openNames}.`,
          consequence: `${dependency.what.charAt(0).toUpperCase()}${dependency.what.slice(1)} names are not prefixed per workspace, so the workspaces can overwrite each other's ${dependency.what}s and each workspace identity can reach data that belongs to the others.`,
          evidence: [
            ...open.map((w) => settingEvidence(w.id, 'enable_data_isolation', false, `${w.name}: enable_data_isolation = false${w.enableDataIsolation === undefined ? ' (default for kind default)' : ''}`)),
            noteEvidence('Data isolation can be chosen only when a workspace is created.'),
          ],
          fix: {
            summary: `Give each workspace its own ${dependency.label.toLowerCase()}, or recreate ${openNames} with data isolation on.`,
            actions: [
              {
                kind: 'manual',
                text: `enable_data_isolation cannot be changed on an existing workspace: create ${openNames} again with enable_data_isolation: true, or point each workspace at a ${dependency.label.toLowerCase()} of its own.`,
              },
            ],
          },
        };
      }
    }
  },
});
