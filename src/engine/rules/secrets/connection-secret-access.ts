import type { EntityId } from '../../model/ids';
import type { OnlineEndpoint } from '../../model/types';
import { describePrincipal } from '../../paths/builder';
import { ROLES } from '../../context/actions';
import {
  creatorBlocksEnforcedEndpoint,
  endpointIdentityKind,
  endpointOfPath,
  groupBy,
  listText,
  referencesText,
  secretReferenceOfPath,
  sentence,
} from '../endpoint-identity/common';
import { decisionEvidence, isObserved, noteEvidence, settingEvidence, unmetRequirements } from '../helpers';
import type { Evidence, RuleContext } from '../types';
import { defineRule } from '../catalog';

/** Who is expected to have made the secrets grant, given how the endpoint was set up (R72, R76 to R78). */
function grantNote(context: RuleContext, endpoint: OnlineEndpoint): { text: string; evidence: Evidence[] } {
  const kind = endpointIdentityKind(endpoint);
  if (kind === 'user') {
    return {
      text: 'Azure ML grants a user-assigned endpoint identity nothing by itself; make the grant before creating the deployment.',
      evidence: [],
    };
  }
  const flag = settingEvidence(
    endpoint.id,
    'properties.enforce_access_to_default_secret_stores',
    endpoint.enforceAccessToDefaultSecretStores ? 'enabled' : 'disabled',
  );
  if (!endpoint.enforceAccessToDefaultSecretStores) {
    return {
      text: `${endpoint.name} was not created with enforce_access_to_default_secret_stores, so Azure ML does not give its system identity this grant; it has to be made by hand.`,
      evidence: [flag],
    };
  }
  if (isObserved(context)) {
    return {
      text: `Azure ML normally makes this grant when an endpoint is created with the enforce flag by someone allowed to read connection secrets, but the exported assignments do not contain it.`,
      evidence: [flag],
    };
  }
  return {
    text: `Azure ML makes this grant only when the endpoint's creator may read connection secrets, and the estate does not say who creates ${endpoint.name}.`,
    evidence: [flag],
  };
}

/**
 * Whether the import says which connections `workspace` has: it holds one of them, or it is a native estate (the
 * whole design) or built without reading files. Exports without `az ml connection list` (or a deployment's YAML
 * without its connection's) say nothing of the workspace's connections, so a reference is not known to be broken.
 */
function connectionsKnown(context: RuleContext, workspace: EntityId | undefined): boolean {
  const files = context.estate.provenance?.files;
  if (files === undefined || files.every((f) => f.format === 'native')) return true;
  return context.estate.connections.some((c) => c.workspace === workspace);
}

/** R79 with R72 and R78: connection references are resolved with the endpoint identity, and the connection must exist. */
export const connectionSecretAccess = defineRule('AML-SEC-002', {
  *check(context: RuleContext) {
    const { topology } = context;
    const paths = context.pathsOfKind('deployment-connection-secret');

    // References to connections that do not exist.
    const missing = paths.filter((p) => !topology.get(p.target as EntityId));
    for (const group of groupBy(missing, (p) => `${p.actor}|${String(p.target)}`).values()) {
      const first = group[0];
      if (!first) continue;
      const endpoint = endpointOfPath(context, first);
      const workspace = topology.workspaceOf(first.actor);
      if (!connectionsKnown(context, workspace?.id)) continue;
      const connection = secretReferenceOfPath(context, first)?.reference;
      const name = connection?.kind === 'connection' ? connection.connection : String(first.target);
      yield {
        subjects: [first.actor, ...(endpoint ? [endpoint.id] : [])],
        message: sentence(
          `Deployment ${topology.nameOf(first.actor)} refers to connection ${name} in ${referencesText(context, group)}, but workspace ${workspace?.name ?? '?'} has no such connection.`,
        ),
        consequence: `Creating ${topology.nameOf(first.actor)} fails when the reference is resolved.`,
        evidence: [noteEvidence(`no connection named ${name} in workspace ${workspace?.name ?? '?'}`)],
        fix: {
          summary: `Create connection ${name} in workspace ${workspace?.name ?? '?'}, or correct the reference.`,
          actions: [
            {
              kind: 'manual',
              text: `Create connection ${name} with az ml connection create --file <connection.yaml>${workspace ? ` --workspace-name ${workspace.name}` : ''}, or fix the name used in ${referencesText(context, group)}.`,
            },
          ],
        },
        pathIds: group.map((p) => p.id),
        discriminator: `missing-connection:${name}`,
      };
    }

    // Grants the endpoint identity lacks; one finding per identity and endpoint, listing what needs it.
    const gaps = paths.filter((p) => p.identity.principal !== undefined && unmetRequirements(p).length > 0);
    for (const group of groupBy(gaps, (p) => `${p.identity.principal ?? ''}|${p.via[0] ?? ''}`).values()) {
      const first = group[0];
      const principal = first?.identity.principal;
      const endpoint = first ? endpointOfPath(context, first) : undefined;
      const workspace = endpoint ? topology.getOfKind(endpoint.workspace, 'workspace') : undefined;
      const requirement = first ? unmetRequirements(first)[0] : undefined;
      if (!first || principal === undefined || !endpoint || !workspace || !requirement) continue;
      // In a plan, a creator who may not read secrets makes Azure reject the endpoint and withhold the grant;
      // AML-SEC-004 reports that, and fixing it brings the grant, so repeating it here would double-count.
      if (!isObserved(context) && creatorBlocksEnforcedEndpoint(context, endpoint)) continue;
      const deployments = [...new Set(group.map((p) => topology.nameOf(p.actor)))];
      const note = grantNote(context, endpoint);
      yield {
        subjects: [principal, endpoint.id],
        message: sentence(
          `${describePrincipal(topology, principal)} may not read connection secrets in workspace ${workspace.name}, yet deployment${deployments.length > 1 ? 's' : ''} ${listText(deployments)} inject${deployments.length > 1 ? '' : 's'} ${referencesText(context, group)}. ${note.text}`,
        ),
        consequence: `Creating ${listText(deployments)} fails while the connection references are resolved.`,
        evidence: [
          ...(requirement.decision
            ? [decisionEvidence(`${requirement.action} in workspace ${workspace.name}`, requirement.decision)]
            : []),
          ...note.evidence,
        ],
        fix: {
          summary: `Assign Azure Machine Learning Workspace Connection Secrets Reader to ${topology.nameOf(principal)} on workspace ${workspace.name}.`,
          actions: [
            { kind: 'assign-role', principal, role: ROLES.connectionSecretsReader, scope: workspace.armId },
          ],
        },
        pathIds: group.map((p) => p.id),
      };
    }
  },
});
