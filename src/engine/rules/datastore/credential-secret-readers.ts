import { ACTIONS } from '../../context/actions';
import type { EntityId } from '../../model/ids';
import { decisionEvidence, noteEvidence, settingEvidence, uniqueSubjects } from '../helpers';
import type { Evidence } from '../types';
import {
  HUMAN_AND_APP_KINDS,
  nameList,
  principalsWithRoleGrantingInOrder,
  resourceGroupName,
  STORED_CREDENTIAL_NAMES,
  withArticle,
} from './storage-helpers';
import { defineRule } from '../catalog';

/** R37 and R42: a datastore with a stored credential hands that credential to everyone allowed to list its secrets. */
export const credentialSecretReaders = defineRule('AML-DS-001', {
  *check(context) {
    const { topology } = context;
    for (const datastore of context.estate.datastores) {
      const stored = STORED_CREDENTIAL_NAMES[datastore.credentialKind];
      if (stored === undefined) continue;
      const credential = withArticle(stored);
      const workspace = topology.getOfKind(datastore.workspace, 'workspace');
      if (!workspace) continue;
      const vault = topology.getOfKind(workspace.keyVault, 'keyVault');

      const readers: { id: EntityId; evidence: Evidence }[] = [];
      // Only the role holders whose roles cover the action (any other would be denied with no grants), in the
      // order the message names them; worked out per scope from the top down and shared by the datastores.
      for (const principal of principalsWithRoleGrantingInOrder(context, datastore.armId, ACTIONS.datastoreListSecrets, HUMAN_AND_APP_KINDS)) {
        const decision = context.can(principal, ACTIONS.datastoreListSecrets, datastore.armId);
        if (decision.effect === 'denied') continue;
        readers.push({
          id: principal,
          evidence: decisionEvidence(
            `${topology.nameOf(principal)}: datastores/listsecrets on ${datastore.name}`,
            decision,
          ),
        });
      }
      const names = readers.map((r) => topology.nameOf(r.id));
      const where = vault ? `key vault ${vault.name}` : 'the workspace key vault';
      const message =
        readers.length > 0
          ? `Datastore ${datastore.name} stores ${credential} in ${where}; ${nameList(names)} can read it through the datastore list-secrets permission.`
          : `Datastore ${datastore.name} stores ${credential} in ${where}; no person or application in the estate can read it today, but any future Contributor or AzureML Data Scientist on ${workspace.name} will.`;
      const rg = resourceGroupName(context, workspace.id);
      yield {
        subjects: uniqueSubjects(datastore.id, workspace.id, ...readers.map((r) => r.id)),
        message,
        consequence:
          'Whoever reads the credential can use it from anywhere, outside Azure ML and without any audit trail tied to their own identity.',
        evidence: [
          settingEvidence(
            datastore.id,
            'credentials',
            datastore.credentialKind,
            `credentials: ${datastore.credentialKind}`,
          ),
          ...readers.map((r) => r.evidence),
          ...(readers.length === 0
            ? [
                noteEvidence(
                  'No user, group or service principal holds a role granting datastores/listsecrets/action here.',
                ),
              ]
            : []),
        ],
        fix: {
          summary: `Recreate ${datastore.name} as an identity-based datastore (no credentials block) and grant the identities that use it a Storage Blob Data role instead.`,
          actions: [
            {
              kind: 'manual',
              text: `Write ${datastore.name}.yml with the same type, account and container but without the credentials block, then run the command below; grant Storage Blob Data Reader to the compute identities and users that read it.`,
            },
            {
              kind: 'command',
              az: [
                `az ml datastore create --file ${datastore.name}.yml --workspace-name ${workspace.name} --resource-group ${rg}`,
              ],
            },
          ],
        },
      };
    }
  },
});
