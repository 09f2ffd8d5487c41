import { entityId, systemIdentityId, type EntityId, type RoleId } from '../model/ids';
import type { Topology } from '../model/topology';
import type { Estate, RoleAssignment } from '../model/types';
import { AI_ADMINISTRATOR_CUTOVER, ROLES } from './actions';

/**
 * A role assignment Azure ML makes by itself, with the reason it does and the fact that says so.
 * `condition` names what must also hold (for the connection-secrets grant, the creator's own permission),
 * which the analysis checks before trusting the grant.
 */
export interface AutomaticGrant {
  assignment: RoleAssignment;
  fact: string;
  /** Set when Azure ML makes the grant only if the endpoint's creator may read connection secrets. */
  requiresCreatorSecretAccess?: EntityId;
}

function grant(principal: EntityId, role: RoleId, scope: string, fact: string, reason: string): AutomaticGrant {
  return {
    fact,
    assignment: {
      id: entityId(`automatic:${fact}:${principal}:${role}:${scope}`),
      principal,
      role,
      scope,
      origin: 'automatic',
      reason,
    },
  };
}

/** Compares ISO dates (or date-times) as strings; both must be present. */
function before(a: string | undefined, b: string | undefined): boolean {
  return a !== undefined && b !== undefined && a.slice(0, 10) < b.slice(0, 10);
}

/**
 * The role assignments Azure ML creates on its own for the resources of a planned estate: the workspace
 * identity's role on its resource group (R3), AcrPull for a cluster's system identity when the registry
 * already existed (R20), AcrPull for an attached AKS cluster's service principal (R21), and the grants an
 * online endpoint's system identity receives (R71, plus Storage Blob Data Contributor on shared-key-disabled
 * storage, R43).
 *
 * An observed estate gets none: what Azure exported is the truth there, and a grant Azure usually makes but
 * that is absent is reported missing by the rules. In a planned estate that also holds exported role assignments,
 * neither do the resources an export declares (`provenance.exported`): a plan beside an export predicts grants
 * only for what the plan alone describes.
 */
export function predictAutomaticGrants(estate: Estate, topology: Topology): AutomaticGrant[] {
  if (estate.assignmentsOrigin === 'observed') return [];
  const grants: AutomaticGrant[] = [];
  // A resource an export declares, beside exported role assignments, has its grants in that export (a plan for
  // another workspace in the same import does not make them predicted).
  const exported = estate.provenance?.facts['role-assignments'].startsWith('export') ? new Set(estate.provenance.exported) : undefined;
  const shown = (id: EntityId) => exported?.has(id) === true;

  for (const workspace of estate.workspaces) {
    if (!workspace.identity.system || shown(workspace.id)) continue;
    const rg = topology.get(workspace.resourceGroup);
    if (!rg || rg.kind !== 'resourceGroup') continue;
    const newer = workspace.allowRoleAssignmentOnRg === true || !before(workspace.createdOn, AI_ADMINISTRATOR_CUTOVER);
    grants.push(
      grant(
        systemIdentityId(workspace.id),
        newer ? ROLES.azureAiAdministrator : ROLES.contributor,
        rg.armId,
        'R3',
        newer
          ? 'Azure ML gives a workspace system identity Azure AI Administrator on its resource group.'
          : 'Workspaces created before 2024-11-19 gave their system identity Contributor on the resource group.',
      ),
    );
  }

  for (const compute of estate.computes) {
    if (compute.computeType !== 'amlcompute' || !compute.identity.system || shown(compute.id)) continue;
    const workspace = topology.getOfKind(compute.workspace, 'workspace');
    const registry = topology.getOfKind(workspace?.containerRegistry, 'containerRegistry');
    if (!registry) continue;
    // A cluster created before its workspace registry existed gets nothing; unknown dates count as "after".
    if (before(compute.createdOn, registry.createdOn)) continue;
    grants.push(
      grant(
        systemIdentityId(compute.id),
        ROLES.acrPull,
        registry.armId,
        'R20',
        'A compute cluster created after the workspace registry existed has its system identity granted AcrPull on it.',
      ),
    );
  }

  for (const aks of estate.aksClusters) {
    if (aks.clusterIdentity.type !== 'service_principal' || !aks.clusterIdentity.servicePrincipal || shown(aks.id)) continue;
    const workspace = topology.getOfKind(aks.attachedWorkspace, 'workspace');
    const registry = topology.getOfKind(workspace?.containerRegistry, 'containerRegistry');
    if (!registry) continue;
    grants.push(
      grant(
        aks.clusterIdentity.servicePrincipal,
        ROLES.acrPull,
        registry.armId,
        'R21',
        'Attaching an AKS cluster to a workspace grants its service principal AcrPull on the workspace registry.',
      ),
    );
  }

  for (const endpoint of estate.onlineEndpoints) {
    if (!endpoint.identity.system || shown(endpoint.id)) continue;
    const workspace = topology.getOfKind(endpoint.workspace, 'workspace');
    if (!workspace) continue;
    const sai = systemIdentityId(endpoint.id);
    const registry = topology.getOfKind(workspace.containerRegistry, 'containerRegistry');
    const storage = topology.getOfKind(workspace.storageAccount, 'storageAccount');
    if (registry) {
      grants.push(grant(sai, ROLES.acrPull, registry.armId, 'R71', 'An endpoint system identity gets AcrPull on the workspace registry.'));
    }
    if (storage) {
      grants.push(
        grant(sai, ROLES.storageBlobDataReader, storage.armId, 'R71', 'An endpoint system identity gets Storage Blob Data Reader on the workspace storage.'),
      );
      if (!storage.allowSharedKeyAccess) {
        grants.push(
          grant(
            sai,
            ROLES.storageBlobDataContributor,
            storage.armId,
            'R43',
            'With shared keys disabled on the workspace storage, an endpoint system identity gets Storage Blob Data Contributor.',
          ),
        );
      }
    }
    grants.push(grant(sai, ROLES.azureMlMetricsWriter, workspace.armId, 'R71', 'An endpoint system identity gets AzureML Metrics Writer on the workspace.'));
    if (endpoint.enforceAccessToDefaultSecretStores && endpoint.createdBy) {
      grants.push({
        ...grant(
          sai,
          ROLES.connectionSecretsReader,
          workspace.armId,
          'R71',
          'With the enforce flag, an endpoint system identity gets Connection Secrets Reader, provided its creator may read connection secrets.',
        ),
        requiresCreatorSecretAccess: endpoint.createdBy,
      });
    }
  }
  return grants;
}
