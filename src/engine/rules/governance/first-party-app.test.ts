import { describe, expect, it } from 'vitest';
import { expectOnlyFinding } from '../../testing/findings';
import { baseEstateYaml, estateFromYaml, runRuleOn } from '../../testing/estates';
import { firstPartyAppAssignments } from './first-party-app';

const app = `service_principals:
  - name: Azure Machine Learning
    app_id: 0736f41a-0425-4b46-bdb5-1563eff02385
    object_id: 66666666-6666-6666-6666-666666666666
`;

describe('AML-GOV-008 Azure Machine Learning first-party app', () => {
  it('names the app as a known Microsoft principal and lists its grants', () => {
    const estate = estateFromYaml(baseEstateYaml({ extra: `${app}role_assignments:\n  - { principal: Azure Machine Learning, role: Reader, scope: rg-ml }\n` }));
    const findings = runRuleOn(firstPartyAppAssignments, estate);
    expectOnlyFinding(findings, {
      severity: 'info',
      confidence: 'unconfirmed',
      subjects: [estate.servicePrincipals[0]?.id],
      message: [
        'first-party application (app id 0736f41a-0425-4b46-bdb5-1563eff02385)',
        'Reader on resource group rg-ml',
      ],
    });
  });

  it('stays quiet when the app holds no role assignment', () => {
    expect(runRuleOn(firstPartyAppAssignments, estateFromYaml(baseEstateYaml({ extra: app })))).toEqual([]);
  });
});
