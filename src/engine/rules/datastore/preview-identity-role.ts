import { systemIdentityId, type EntityId } from '../../model/ids';
import { isObserved, missingGrantDrafts, settingEvidence } from '../helpers';
import { defineRule } from '../catalog';

/** R44 (and R53 for the network override): studio previews with the workspace identity only if it may read blobs. */
export const previewIdentityRole = defineRule('AML-DS-006', {
  *check(context) {
    const { topology } = context;
    for (const path of context.pathsOfKind('studio-preview')) {
      const datastore = topology.getOfKind(path.target as EntityId, 'datastore');
      const workspace = topology.getOfKind(path.actor, 'workspace');
      if (!datastore || !workspace) continue;
      const explicit = datastore.serviceDataAccessAuthIdentity !== 'None';
      const networkForced = !explicit && path.identity.kind === 'managed-identity';
      if (!explicit && !networkForced) continue;

      if (path.identity.kind === 'none') {
        const wanted =
          datastore.serviceDataAccessAuthIdentity === 'WorkspaceUserAssignedIdentity'
            ? 'user-assigned identity'
            : 'system-assigned identity';
        yield {
          subjects: [datastore.id, workspace.id],
          message: `Datastore ${datastore.name} previews data with the workspace's ${wanted}, but ${workspace.name} has no ${wanted}.`,
          consequence: 'Data preview and profiling in studio fail for this datastore.',
          evidence: [
            settingEvidence(
              datastore.id,
              'service_data_access_auth_identity',
              datastore.serviceDataAccessAuthIdentity,
            ),
          ],
          pathIds: [path.id],
          fix: {
            summary: `Point ${datastore.name} at an identity ${workspace.name} has, or give ${workspace.name} a ${wanted}.`,
            actions: [
              {
                kind: 'manual',
                text: `In studio, edit datastore ${datastore.name} and choose the workspace identity that exists, or turn off "use workspace managed identity for data preview".`,
              },
            ],
          },
        };
        continue;
      }
      if (path.identity.kind !== 'managed-identity') continue;

      // Azure ML sets up a system identity's access to its own default storage (R2); a planned estate does
      // not list that grant, an observed one must show it.
      const ownSystemOnDefault =
        path.identity.principal === systemIdentityId(workspace.id) &&
        datastore.storageAccount === workspace.storageAccount;
      if (ownSystemOnDefault && !isObserved(context)) continue;
      const note = ownSystemOnDefault
        ? `Azure ML normally creates this grant for ${workspace.name}'s system identity on its default storage, but the exported assignments do not include it.`
        : networkForced
          ? `Studio uses the workspace identity here because ${topology.nameOf(datastore.storageAccount)} restricts network access.`
          : undefined;
      yield* missingGrantDrafts(context, path, {
        consequence: 'Studio cannot preview or profile the data of this datastore.',
        ...(note ? { note } : {}),
        ...(networkForced ? { severity: 'warning' as const } : {}),
      });
    }
  },
});
