/** A former or alternative name of a built-in role, with where the project learned it. */
export interface RoleAlias {
  /** The other name, as people and older exports write it. */
  name: string;
  /** The GUID of the role it names today. */
  id: string;
  /** Where the rename or spelling is recorded. */
  source: string;
}

// Hand-kept: a role dump holds only today's names, so names in older templates, scripts and exports would
// otherwise resolve to nothing. `npm run roles:update` refuses an alias whose GUID is gone or whose name is
// again a current role's name. Renames come from the history of the dump the catalog is generated from
// (https://github.com/easimon/azure-builtin-roles, azure-roles/<name>.json: a file deleted and another added
// with the same GUID in `name`).
export const ROLE_ALIASES: readonly RoleAlias[] = Object.freeze([
  {
    name: 'Azure AI User',
    id: '53ca6127-db72-4b80-b1b0-d745d6d5456d',
    source: 'renamed "Foundry User"; ../shared/azure-rbac/README.md and easimon/azure-builtin-roles history',
  },
  {
    name: 'Azure Machine Learning Workspace Connection Secret Reader',
    id: 'ea01e6af-a1c1-4350-9563-ad00f8c72ec5',
    source: 'spelling used on some Microsoft Learn pages (fact sheet S6) for "...Connection Secrets Reader"',
  },
]);
