import { describe, expect, it } from 'vitest';
import { runRuleOn } from '../../testing/estates';
import { crossTenantStorage } from './cross-tenant-storage';
import { datastore, idOf, ruleEstate } from '../../testing/datastores';

const OTHER_TENANT = 'aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee';
const raw = datastore('raw', '    type: azure_blob\n');

describe('AML-DS-004 cross-tenant storage', () => {
  it('reports storage whose tenant differs from the workspace tenant', () => {
    const estate = ruleEstate({ datastores: raw }, { storage: `    tenant_id: ${OTHER_TENANT}\n` });
    const findings = runRuleOn(crossTenantStorage, estate);
    expect(findings).toHaveLength(1);
    expect(findings[0]?.severity).toBe('error');
    expect(findings[0]?.subjects).toEqual([
      idOf(estate, 'storageAccounts', 'stml'),
      idOf(estate, 'workspaces', 'ws-ml'),
    ]);
    expect(findings[0]?.message).toContain(OTHER_TENANT);
    expect(findings[0]?.message).toContain('datastore raw');
    expect(findings[0]?.message).toContain('the workspace storage');
  });

  it('stays quiet when the storage states the same tenant as the estate', () => {
    const estate = ruleEstate(
      { datastores: raw },
      { storage: '    tenant_id: 72F988BF-86F1-41AF-91AB-2D7CD011DB47\n' },
    );
    expect(runRuleOn(crossTenantStorage, estate)).toEqual([]);
  });
});
