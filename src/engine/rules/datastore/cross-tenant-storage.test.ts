import { describe, expect, it } from 'vitest';
import { expectOnlyFinding } from '../../testing/findings';
import { runRuleOn } from '../../testing/estates';
import { crossTenantStorage } from './cross-tenant-storage';
import { datastore, idOf, ruleEstate } from '../../testing/datastores';

const OTHER_TENANT = 'aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee';
const raw = datastore('raw', '    type: azure_blob\n');

describe('AML-DS-004 cross-tenant storage', () => {
  it('reports storage whose tenant differs from the workspace tenant', () => {
    const estate = ruleEstate({ datastores: raw }, { storage: `    tenant_id: ${OTHER_TENANT}\n` });
    const findings = runRuleOn(crossTenantStorage, estate);
    expectOnlyFinding(findings, {
      severity: 'error',
      subjects: [idOf(estate, 'storageAccounts', 'stml'), idOf(estate, 'workspaces', 'ws-ml')],
      message: [OTHER_TENANT, 'datastore raw', 'the workspace storage'],
    });
  });

  it('stays quiet when the storage states the same tenant as the estate', () => {
    const estate = ruleEstate(
      { datastores: raw },
      { storage: '    tenant_id: 72F988BF-86F1-41AF-91AB-2D7CD011DB47\n' },
    );
    expect(runRuleOn(crossTenantStorage, estate)).toEqual([]);
  });
});
