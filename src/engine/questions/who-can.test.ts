import { describe, expect, it } from 'vitest';
import { createAnalysisContext } from '../context/analysis-context';
import { ALICE, BLOB_READ, BOB, CAROL, questionEstate, STORAGE } from './test-estate';
import { whoCan } from './who-can';
import computeIdentities from '../../../public/samples/compute-identities.yaml?raw';
import { estateFromYaml } from '../testing/estates';

const UAI_TRAIN = '/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/rg-ml/providers/Microsoft.ManagedIdentity/userAssignedIdentities/uai-train';

function ask(estate = questionEstate(), routes: 'all' | 'direct' = 'all') {
  const answer = whoCan(createAnalysisContext(estate), { action: BLOB_READ, dataAction: true, scope: 'stml' }, { routes });
  if (answer === undefined) throw new Error('stml is in the estate');
  return answer;
}

const routesOf = (answer: ReturnType<typeof ask>, principal: string) => answer.principals.find((p) => p.principal === principal)?.routes ?? [];

describe('who can do A on S', () => {
  it('finds a direct grant, a nested group at an inherited scope, and leaves out a plain Reader', () => {
    const answer = ask(questionEstate(), 'direct');
    expect(answer.scope).toBe(STORAGE.toLowerCase());
    expect(routesOf(answer, UAI_TRAIN).map((r) => r.kind)).toEqual(['direct']);
    const [bob] = routesOf(answer, BOB);
    expect(bob?.kind).toBe('group');
    expect(bob?.certainty).toBe('certain');
    expect(bob?.steps.map((s) => s.text)).toEqual([
      'bob@contoso.com is a member of data-team',
      'data-team is a member of ml-readers',
      expect.stringContaining('ml-readers holds Storage Blob Data Reader on resource group rg-ml, inherited by storage account stml'),
    ]);
    expect(routesOf(answer, 'group:ml-readers').map((r) => r.kind)).toEqual(['inherited']);
    expect(routesOf(answer, CAROL)).toEqual([]);
    // --routes direct leaves Azure ML out: alice holds no storage role.
    expect(routesOf(answer, ALICE)).toEqual([]);
  });

  it('reaches the data as a cluster identity: jobs/write on the workspace, then the compute identity (R51, R48)', () => {
    const route = routesOf(ask(), ALICE).find((r) => r.kind === 'compute-identity');
    expect(route?.certainty).toBe('certain');
    expect(route?.steps.map((s) => s.text)).toEqual([
      'alice@contoso.com may submit jobs to ws-ml (AzureML Data Scientist on workspace ws-ml)',
      expect.stringContaining('a job on cpu-cluster that sets identity type managed (with the client id of uai-train) runs as uai-train'),
      expect.stringContaining('uai-train may do Microsoft.Storage/storageAccounts/blobServices/containers/blobs/read on storage account stml'),
    ]);
    expect(route?.steps[0]?.facts).toEqual(['R51']);
    expect(route?.steps[1]?.facts).toEqual(['R48', 'R27', 'R28']);
    expect(route?.steps[2]?.decision?.allowed).toBe(true);
  });

  it('reaches the data with the stored key of a credential datastore (R37, R42)', () => {
    const route = routesOf(ask(), ALICE).find((r) => r.kind === 'datastore-credential');
    expect(route?.certainty).toBe('certain');
    expect(route?.steps.map((s) => s.text)).toEqual([
      'alice@contoso.com may read the secrets of datastore raw (AzureML Data Scientist on workspace ws-ml)',
      'raw stores account key credentials for stml; the account key of stml opens every container of it',
    ]);
    expect(route?.steps[0]?.facts).toEqual(['R37', 'R42']);
  });

  it("reaches the data with a stored service principal secret as that principal can, and with a SAS token only possibly", () => {
    const estate = questionEstate({
      datastores: `  - { name: loader, workspace: ws-ml, type: azure_blob, account_name: stml, container_name: in, credentials: { type: service_principal, principal: sp-loader } }
  - { name: shared, workspace: ws-ml, type: azure_blob, account_name: stml, container_name: out, credentials: sas }
`,
      extraRoles: ['{ principal: sp-loader, role: Storage Blob Data Reader, scope: stml }'],
      extra: 'service_principals:\n  - { name: sp-loader, object_id: 99999999-9999-9999-9999-999999999999 }\n',
    });
    const routes = routesOf(ask(estate), ALICE).filter((r) => r.kind === 'datastore-credential');
    const loader = routes.find((r) => r.steps[0]?.text.includes('datastore loader'));
    expect(loader?.certainty).toBe('certain');
    expect(loader?.steps[1]?.text).toContain('sp-loader, whose secret it is, may do');
    expect(loader?.steps[1]?.decision?.allowed).toBe(true);
    const shared = routes.find((r) => r.steps[0]?.text.includes('datastore shared'));
    expect(shared).toMatchObject({ certainty: 'possible', because: 'the estate does not hold the SAS token permissions, containers or expiry' });
  });

  it('drops the key route when the account refuses shared keys (R43)', () => {
    const estate = questionEstate();
    const account = estate.storageAccounts[0];
    if (account === undefined) throw new Error('stml');
    account.allowSharedKeyAccess = false;
    expect(routesOf(ask(estate), ALICE).map((r) => r.kind)).not.toContain('datastore-credential');
  });

  it('reaches what an endpoint identity can, as a possible route that names why (R69, R70)', () => {
    const route = routesOf(ask(), ALICE).find((r) => r.kind === 'endpoint-identity');
    expect(route?.certainty).toBe('possible');
    expect(route?.because).toContain('scoring code');
    expect(route?.steps[0]?.text).toContain('may call it with an Entra token (ep, auth aad_token');
    expect(route?.steps[0]?.facts).toEqual(['R69']);
  });

  it('lists a principal a deny assignment blocks apart, with no route', () => {
    const deny = `deny_assignments:
  - name: no-data
    scope: stml
    principals: [bob@contoso.com]
    data_actions: ['Microsoft.Storage/*']
`;
    const answer = ask(questionEstate({ extra: deny }), 'direct');
    expect(routesOf(answer, BOB)).toEqual([]);
    expect(answer.blocked.map((b) => b.principal)).toEqual([BOB]);
    expect(answer.blocked[0]?.decision.deniedBy?.name).toBe('no-data');
  });

  it('answers undefined for a scope the estate does not hold', () => {
    expect(whoCan(createAnalysisContext(questionEstate()), { action: BLOB_READ, dataAction: true, scope: 'nowhere' })).toBeUndefined();
  });
});

describe('who can read a datastore', () => {
  it('takes a datastore named as the scope for the container it points at', () => {
    const estate = estateFromYaml(computeIdentities);
    const answer = whoCan(createAnalysisContext(estate), { action: BLOB_READ, dataAction: true, scope: 'shelf_images' });
    expect(answer?.scope.toLowerCase()).toMatch(/storageaccounts\/stretailvision\/blobservices\/default\/containers\/shelf-images$/);
    const names = (answer?.principals ?? []).map((p) => estate.userAssignedIdentities.find((u) => u.id === p.principal)?.name ?? p.principal);
    expect(names).toContain('id-vision-train');
    expect(answer?.principals.some((p) => p.routes.some((r) => r.kind === 'compute-identity'))).toBe(true);
  });
});
