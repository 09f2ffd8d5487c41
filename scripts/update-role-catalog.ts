// Regenerates the engine's built-in role catalog and action catalog from an Azure RBAC dump:
//
//   npm run roles:update -- <folder>
//
// <folder> holds `roles/*.json` (one role definition per file, as `az role definition list` prints them) and
// `provider-operations/*.json` (as `az provider operation show --namespace <NS>` prints them); the project's
// copy is ../shared/azure-rbac. The output is three TypeScript data modules under src/engine/rbac/generated/
// (roles, operations, and each role's breadth as the engine counts it), one row per line so that a newer dump
// gives a readable diff. Role names are not keys (Azure renames roles): the GUID is. Renames the project knows of live in src/engine/rbac/role-aliases.ts, which this script checks
// against the new dump so that an alias never points at a role that is gone or shadows a current name.
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { OperationRow, PermissionRow, RoleRow } from '../src/engine/rbac/generated/rows';
import { ROLE_ALIASES } from '../src/engine/rbac/role-aliases';

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

function fail(file: string, message: string): never {
  throw new Error(`${file}: ${message}`);
}

function strings(value: unknown, file: string, field: string): string[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value) || value.some((item) => typeof item !== 'string'))
    fail(file, `"${field}" is not a list of strings`);
  return value as string[];
}

/** Turns one `az role definition list` entry into a row; refuses anything that is not a built-in role. */
export function roleRow(definition: unknown, file: string): RoleRow {
  if (typeof definition !== 'object' || definition === null) fail(file, 'is not a role definition object');
  const d = definition as Record<string, unknown>;
  const guid = typeof d.name === 'string' ? d.name.toLowerCase() : '';
  if (!GUID.test(guid)) fail(file, `"name" should be the role's GUID, got ${JSON.stringify(d.name)}`);
  if (typeof d.roleName !== 'string' || d.roleName.trim() === '') fail(file, '"roleName" is missing');
  if (d.roleType !== 'BuiltInRole') fail(file, `"roleType" is ${JSON.stringify(d.roleType)}, not "BuiltInRole"`);
  if (!Array.isArray(d.permissions) || d.permissions.length === 0) fail(file, '"permissions" is missing or empty');
  const permissions = d.permissions.map((p: Record<string, unknown>, i: number): PermissionRow => {
    const at = `permissions[${i}]`;
    const block: [string[], string[], string[], string[]] = [
      strings(p.actions, file, `${at}.actions`),
      strings(p.notActions, file, `${at}.notActions`),
      strings(p.dataActions, file, `${at}.dataActions`),
      strings(p.notDataActions, file, `${at}.notDataActions`),
    ];
    return typeof p.condition === 'string' && p.condition.trim() !== '' ? [...block, p.condition] : block;
  });
  return [guid, d.roleName, typeof d.description === 'string' ? d.description : '', permissions];
}

/** Reads every role file of a folder, sorted by GUID; two files with one GUID are an error. */
export function readRoles(folder: string): RoleRow[] {
  const rows = new Map<string, RoleRow>();
  for (const name of readdirSync(folder).filter((n) => n.endsWith('.json')).sort()) {
    const file = join(folder, name);
    const row = roleRow(JSON.parse(readFileSync(file, 'utf8')), file);
    if (rows.has(row[0])) fail(file, `GUID ${row[0]} is also "${rows.get(row[0])?.[1]}"`);
    rows.set(row[0], row);
  }
  return [...rows.values()].sort((a, b) => (a[0] < b[0] ? -1 : 1));
}

interface OperationNode {
  operations?: { name?: unknown; displayName?: unknown; description?: unknown; isDataAction?: unknown }[] | null;
  resourceTypes?: OperationNode[] | null;
}

/**
 * Collects the operations of one provider dump (top level and every resource type). The same name can be
 * both an action and a data action (Key Vault `keys/read`), so the key is name and plane; an exact repeat
 * (the dumps hold some) keeps its first description.
 */
export function operationRows(dump: OperationNode, into: Map<string, OperationRow> = new Map()): Map<string, OperationRow> {
  for (const op of dump.operations ?? []) {
    if (typeof op.name !== 'string' || op.name === '') continue;
    const data = op.isDataAction === true ? 1 : 0;
    const key = `${op.name.toLowerCase()}|${data}`;
    if (into.has(key)) continue;
    const text = (value: unknown) => (typeof value === 'string' ? value.trim() : '');
    into.set(key, [op.name, text(op.displayName), text(op.description), data]);
  }
  for (const type of dump.resourceTypes ?? []) operationRows(type, into);
  return into;
}

/** Reads every provider file of a folder, sorted by name (case-insensitive), control plane first. */
export function readOperations(folder: string): OperationRow[] {
  const rows = new Map<string, OperationRow>();
  for (const name of readdirSync(folder).filter((n) => n.endsWith('.json')).sort()) {
    const file = join(folder, name);
    const dump = JSON.parse(readFileSync(file, 'utf8')) as OperationNode;
    if (typeof dump !== 'object' || dump === null || !Array.isArray(dump.operations)) fail(file, 'has no "operations" list');
    operationRows(dump, rows);
  }
  return [...rows.values()].sort((a, b) => {
    const x = a[0].toLowerCase();
    const y = b[0].toLowerCase();
    return x < y ? -1 : x > y ? 1 : a[3] - b[3];
  });
}

/** Checks the alias table against the roles: every alias names a current GUID and no current role's name. */
export function checkAliases(roles: readonly RoleRow[], aliases: typeof ROLE_ALIASES): void {
  const byGuid = new Map(roles.map((r) => [r[0], r]));
  const names = new Set(roles.map((r) => r[1].toLowerCase()));
  for (const alias of aliases) {
    const role = byGuid.get(alias.id);
    if (role === undefined) throw new Error(`role-aliases.ts: "${alias.name}" points at ${alias.id}, which the dump does not hold`);
    if (names.has(alias.name.toLowerCase()))
      throw new Error(`role-aliases.ts: "${alias.name}" is the current name of a role; drop the alias`);
  }
}

const HEADER = (what: string, source: string) =>
  [
    `// GENERATED by scripts/update-role-catalog.ts from ${source}; do not edit.`,
    `// ${what} Regenerate with: npm run roles:update -- <folder>`,
  ].join('\n');

const line = (row: unknown) => `  ${JSON.stringify(row)},`;

/** The text of the generated roles module. */
export function rolesModule(rows: readonly RoleRow[], source: string): string {
  return [
    HEADER(`${rows.length} built-in role definitions: [GUID, name, description, [[Actions, NotActions, DataActions, NotDataActions, condition?]]].`, source),
    "import type { RoleRow } from './rows';",
    '',
    'export const BUILT_IN_ROLE_ROWS: readonly RoleRow[] = [',
    ...rows.map(line),
    '];',
    '',
  ].join('\n');
}

/** The text of the generated operations module. */
export function operationsModule(rows: readonly OperationRow[], source: string): string {
  return [
    HEADER(`${rows.length} provider operations: [name, display name, description, 1 for a data action].`, source),
    "import type { OperationRow } from './rows';",
    '',
    'export const OPERATION_ROWS: readonly OperationRow[] = [',
    ...rows.map(line),
    '];',
    '',
  ].join('\n');
}

/** The text of the generated role breadth module: per built-in role GUID, the catalog operations it grants. */
export function breadthModule(rows: readonly (readonly [string, number])[], source: string): string {
  return [
    HEADER(`${rows.length} built-in roles' breadth: [GUID, operations of the action catalog the role grants].`, source),
    '',
    'export const ROLE_BREADTH_ROWS: readonly (readonly [string, number])[] = [',
    ...rows.map(line),
    '];',
    '',
  ].join('\n');
}

/** Names the dump for the generated files' header: its upstream repository and commit when its README says. */
export function describeDump(folder: string, readme?: string): string {
  let text = readme;
  if (text === undefined) {
    try {
      text = readFileSync(join(folder, 'README.md'), 'utf8');
    } catch {
      text = '';
    }
  }
  const repo = /https:\/\/github\.com\/([\w.-]+\/[\w.-]+)/.exec(text)?.[1];
  const commit = /commit\s+([0-9a-f]{7,40})/.exec(text)?.[1];
  const folderName = folder.replace(/\/+$/, '').split('/').slice(-1)[0] ?? folder;
  return repo !== undefined && commit !== undefined ? `${folderName}: ${repo}@${commit.slice(0, 12)}` : folderName;
}

async function main(): Promise<void> {
  const folder = process.argv[2];
  if (folder === undefined) {
    console.error('usage: npm run roles:update -- <folder with roles/ and provider-operations/>');
    process.exit(2);
  }
  const roles = readRoles(join(folder, 'roles'));
  const operations = readOperations(join(folder, 'provider-operations'));
  checkAliases(roles, ROLE_ALIASES);
  const source = `${describeDump(folder)} (${roles.length} roles, ${operations.length} operations)`;
  const out = resolve(import.meta.dirname, '../src/engine/rbac/generated');
  writeFileSync(join(out, 'builtin-roles.data.ts'), rolesModule(roles, source));
  writeFileSync(join(out, 'operations.data.ts'), operationsModule(operations, source));
  // Counted by the engine itself over the two modules just written: nothing in this process has imported them yet.
  const { countRoleBreadth } = await import('../src/engine/rbac/action-catalog');
  const { BUILT_IN_ROLES } = await import('../src/engine/rbac/builtin-roles');
  writeFileSync(join(out, 'role-breadth.data.ts'), breadthModule(BUILT_IN_ROLES.map((role) => [role.id, countRoleBreadth(role)] as const), source));
  console.log(`src/engine/rbac/generated: ${roles.length} roles, ${operations.length} operations, ${BUILT_IN_ROLES.length} role breadths`);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await main();
