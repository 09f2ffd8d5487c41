// The row shapes of the generated catalogs (written by scripts/update-role-catalog.ts, read by builtin-roles.ts and
// action-catalog.ts). They live beside the data, not in the modules that read it, so that the data imports nothing
// that imports it back.

/** One operation as generated: name, display name, description, 1 for a data action. */
export type OperationRow = [string, string, string, 0 | 1];

/** One permission block as generated: Actions, NotActions, DataActions, NotDataActions, the ABAC condition if any. */
export type PermissionRow = [string[], string[], string[], string[]] | [string[], string[], string[], string[], string];

/** One built-in role as generated: GUID, name, description, permission blocks. */
export type RoleRow = [string, string, string, PermissionRow[]];
