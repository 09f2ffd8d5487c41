import { AZURE_ML_FIRST_PARTY_APP_ID } from '../../context/actions';
import { noteEvidence, settingEvidence } from '../helpers';
import type { Evidence } from '../types';
import { defineRule } from '../catalog';

/** R89: the "Azure Machine Learning" first-party application is a known Microsoft principal. */
export const firstPartyAppAssignments = defineRule('AML-GOV-008', {
  *check(context) {
    const { topology, rbac } = context;
    for (const sp of context.estate.servicePrincipals) {
      if (sp.appId?.toLowerCase() !== AZURE_ML_FIRST_PARTY_APP_ID) continue;
      const held = rbac.assignmentsOf(sp.id);
      if (held.length === 0) continue;
      const grants = held.map(({ assignment, viaGroups }) => {
        const role = rbac.catalog.get(assignment.role)?.name ?? assignment.role;
        const via = viaGroups.length > 0 ? ` (through ${viaGroups.map((g) => topology.nameOf(g)).join(' > ')})` : '';
        return `${role} on ${rbac.scopeLabel(assignment.scope)}${via}`;
      });
      const evidence: Evidence[] = [
        settingEvidence(sp.id, 'app_id', sp.appId ?? AZURE_ML_FIRST_PARTY_APP_ID, `${sp.name} has app id ${AZURE_ML_FIRST_PARTY_APP_ID}: Microsoft's Azure Machine Learning application`),
        ...grants.map((g) => noteEvidence(g)),
      ];
      yield {
        subjects: [sp.id],
        message: `${sp.name} is Microsoft's "Azure Machine Learning" first-party application (app id ${AZURE_ML_FIRST_PARTY_APP_ID}), not an unknown service principal; it holds ${grants.length} role assignment${grants.length === 1 ? '' : 's'}: ${grants.join('; ')}.`,
        consequence: 'Such grants usually come from sample templates or older scripts; Microsoft does not document them as required, so review whether each is still wanted before keeping or removing it.',
        evidence,
      };
    }
  },
});
