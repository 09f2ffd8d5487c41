import { ACTIONS, ROLES } from '../../context/actions';
import { systemIdentityId } from '../../model/ids';
import { describePrincipal } from '../../paths/builder';
import { endpointCreators, endpointPathId, sentence } from '../endpoint-identity/common';
import { decisionEvidence, isObserved, noteEvidence, settingEvidence } from '../helpers';
import type { Evidence } from '../types';
import { defineRule } from '../catalog';

/** R77 and R80: with the enforce flag, Azure ML checks that whoever creates the endpoint or a deployment may read secrets. */
export const enforceFlagCreator = defineRule('AML-SEC-004', {
  *check(context) {
    const { topology } = context;
    const observed = isObserved(context);
    for (const { principal, endpoint, workspace, deployment } of endpointCreators(context)) {
      if (!endpoint.identity.system || !endpoint.enforceAccessToDefaultSecretStores) continue;
      const decision = context.can(principal, ACTIONS.connectionListSecrets, workspace.armId);
      if (decision.allowed || decision.unknown?.principal !== undefined) continue;
      const what = deployment
        ? `deployment ${deployment.name} of endpoint ${endpoint.name}`
        : `endpoint ${endpoint.name}`;
      const evidence: Evidence[] = [
        decisionEvidence(`${ACTIONS.connectionListSecrets} in workspace ${workspace.name}`, decision),
        settingEvidence(endpoint.id, 'properties.enforce_access_to_default_secret_stores', 'enabled'),
      ];
      const withheld = deployment
        ? undefined
        : context.withheldGrants.find((w) => w.grant.assignment.principal === systemIdentityId(endpoint.id));
      if (withheld)
        evidence.push(
          noteEvidence(
            `Automatic Connection Secrets Reader for ${endpoint.name} withheld: ${withheld.reason}`,
          ),
        );
      yield {
        subjects: deployment ? [principal, deployment.id, endpoint.id] : [principal, endpoint.id],
        severity: observed ? 'warning' : 'error',
        message: sentence(
          `${describePrincipal(topology, principal)} creates ${what}, which enforces access to the default secret stores, but may not read connection secrets in workspace ${workspace.name}.`,
        ),
        consequence: observed
          ? `Creating or updating ${what} again as ${topology.nameOf(principal)} is rejected.`
          : `Azure ML rejects the creation of ${what}${deployment ? '' : `, and the system identity of ${endpoint.name} is never given connection-secret access`}.`,
        evidence,
        fix: {
          summary: `Assign Azure Machine Learning Workspace Connection Secrets Reader to ${topology.nameOf(principal)} on workspace ${workspace.name}.`,
          actions: [
            { kind: 'assign-role', principal, role: ROLES.connectionSecretsReader, scope: workspace.armId },
          ],
        },
        pathIds: endpointPathId(context, 'endpoint-manage', principal, endpoint.id),
      };
    }
  },
});
