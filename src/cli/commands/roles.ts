import { ROLE_ALIASES, createRoleCatalog, roleBreadth, type RoleDefinition } from '../../engine';

/** One line of `roles --format json`. */
interface RoleJson {
  id: string;
  name: string;
  builtIn: boolean;
  /** Former or other names that resolve to this role ({@link ROLE_ALIASES}). */
  aliases?: string[];
  /** Where a custom role (or an exported copy of a built-in one) was read from. */
  source?: string;
  /** Operations of the action catalog the role grants (a wildcard counts every operation it matches). */
  breadth?: number;
  description?: string;
}

function roleJson(role: RoleDefinition, builtIn: boolean, withBreadth: boolean): RoleJson {
  const aliases = ROLE_ALIASES.filter((alias) => alias.id === role.id).map((alias) => alias.name);
  return {
    id: role.id,
    name: role.name,
    builtIn,
    ...(aliases.length > 0 ? { aliases } : {}),
    ...(role.source !== undefined ? { source: role.source.file } : {}),
    ...(withBreadth ? { breadth: roleBreadth(role) } : {}),
    ...(role.description !== undefined ? { description: role.description } : {}),
  };
}

/**
 * `roles`: every role the catalog holds, built-in roles first (sorted by GUID), then the custom roles of
 * the estate files given, if any. A custom definition under a built-in GUID replaces the built-in one,
 * as it does everywhere else in the engine.
 */
export function rolesOutput(custom: readonly RoleDefinition[], format: 'text' | 'json'): string {
  const catalog = createRoleCatalog(custom);
  const rows = catalog.all().map((role) => roleJson(role, catalog.isBuiltIn(role.id), format === 'json'));
  if (format === 'json') {
    return `${JSON.stringify({ version: 1, count: rows.length, builtIn: rows.filter((r) => r.builtIn).length, roles: rows }, null, 2)}\n`;
  }
  const lines = rows.map(
    (row) =>
      `${row.id}  ${row.builtIn ? 'built-in' : 'custom  '}  ${row.name}` +
      `${row.aliases ? ` (also ${row.aliases.map((a) => `"${a}"`).join(', ')})` : ''}` +
      `${row.source !== undefined ? `  [${row.source}]` : ''}`,
  );
  const customCount = rows.filter((r) => !r.builtIn).length;
  lines.push(`${rows.length} roles: ${rows.length - customCount} built in, ${customCount} custom.`);
  return `${lines.join('\n')}\n`;
}
