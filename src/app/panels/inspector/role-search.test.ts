import { describe, expect, it } from 'vitest';
import { createRoleCatalog } from '../../../engine/rbac';
import { searchRoles } from './role-search';

const catalog = createRoleCatalog();
const names = (query: string) => searchRoles(catalog, query).map((result) => result.role.name);

describe('searchRoles', () => {
  it('finds roles by name, prefix matches first', () => {
    expect(names('acrpull')[0]).toBe('AcrPull');
    expect(names('blob data')).toEqual(expect.arrayContaining(['Storage Blob Data Reader', 'Storage Blob Data Contributor']));
    expect(names('reader')[0]).toBe('Reader');
  });

  it('finds roles by a piece of an action they grant, narrowest first', () => {
    const results = searchRoles(catalog, 'pull/read');
    expect(results[0]?.role.name).toBe('AcrPull');
    expect(results[0]?.reason).toEqual({ kind: 'action', pattern: 'Microsoft.ContainerRegistry/registries/pull/read', data: false });
  });

  it('finds every role that grants a whole action, wildcards included, but not one whose NotActions exclude it', () => {
    const results = names('Microsoft.Storage/storageAccounts/blobServices/containers/blobs/read');
    expect(results).toEqual(expect.arrayContaining(['Storage Blob Data Reader', 'Storage Blob Data Owner']));
    const write = names('Microsoft.Authorization/roleAssignments/write');
    expect(write).toContain('Owner');
    // Contributor has `*` in Actions but excludes Microsoft.Authorization/*/Write.
    expect(write).not.toContain('Contributor');
  });

  it('offers the usual Azure ML roles before anything is typed', () => {
    const results = searchRoles(catalog, '  ');
    expect(results.map((result) => result.role.name)).toContain('AcrPull');
    expect(results.every((result) => result.reason.kind === 'suggested')).toBe(true);
  });

  it('finds nothing for nonsense', () => {
    expect(searchRoles(catalog, 'zzzz-no-such-thing')).toEqual([]);
  });
});
