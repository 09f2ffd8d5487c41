import type { EntityId } from '../../model/ids';
import { describePrincipal } from '../../paths/builder';
import { endpointOfPath, groupBy, listText, sentence } from '../endpoint-identity/common';
import { decisionEvidence, settingEvidence } from '../helpers';
import { defineRule } from '../catalog';

/** R78: without the enforce flag, a system identity's connection-secret access exists only because someone assigned it. */
export const manualConnectionGrant = defineRule('AML-SEC-005', {
  *check(context) {
    const { topology } = context;
    const paths = context.pathsOfKind('deployment-connection-secret').filter((p) => {
      const endpoint = endpointOfPath(context, p);
      return (
        endpoint?.identity.system === true &&
        !endpoint.enforceAccessToDefaultSecretStores &&
        p.identity.principal !== undefined
      );
    });
    for (const group of groupBy(paths, (p) => p.via[0] ?? '').values()) {
      const first = group[0];
      const endpoint = first ? endpointOfPath(context, first) : undefined;
      const principal = first?.identity.principal;
      const requirement = first?.requirements[0];
      if (!first || !endpoint || principal === undefined || !requirement?.decision?.allowed) continue;
      // Every reference must be readable; otherwise AML-SEC-002 speaks for this endpoint.
      if (!group.every((p) => p.requirements.every((r) => r.decision?.allowed === true))) continue;
      const manual = requirement.decision.grants.filter((g) => g.origin !== 'automatic');
      if (manual.length === 0) continue;
      const grants = manual.map((g) => `${g.roleName} at ${context.rbac.scopeLabel(g.assignedScope)}`);
      const connections = [...new Set(group.map((p) => topology.nameOf(p.target as EntityId)))];
      yield {
        subjects: [principal, endpoint.id],
        message: sentence(
          `${describePrincipal(topology, principal)} reads connection${connections.length > 1 ? 's' : ''} ${listText(connections)} through ${listText(grants)}, assigned by hand: ${endpoint.name} does not set enforce_access_to_default_secret_stores.`,
        ),
        consequence: `If ${endpoint.name} is recreated, its new system identity starts without this access and deployments that inject connections fail until it is assigned again.`,
        evidence: [
          decisionEvidence(
            `${requirement.action} at ${context.rbac.scopeLabel(requirement.scope)}`,
            requirement.decision,
          ),
          settingEvidence(endpoint.id, 'properties.enforce_access_to_default_secret_stores', 'disabled'),
        ],
        pathIds: group.map((p) => p.id),
      };
    }
  },
});
