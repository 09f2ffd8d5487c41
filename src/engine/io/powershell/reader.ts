import type { Rec } from '../core/context';
import { ReadContext } from '../core/context';
import { FragmentBuilder } from '../core/fragment';
import { guarded, type ReaderResult } from '../core/reader';
import { mapArmResource } from '../core/azure/resources';
import { isRec, Obj } from '../core/azure/values';
import type { ParseResult } from '../core/source';

/**
 * Reads Azure PowerShell exports: `Get-AzResource -ExpandProperties | ConvertTo-Json` objects (`ResourceId`,
 * `ResourceType`, `Properties`, as PSRule's test data has them) and `Get-AzRoleAssignment | ConvertTo-Json`
 * objects (`RoleAssignmentId`, `Scope`, `RoleDefinitionId`, `ObjectId`). Each is renamed to the ARM shape and
 * read through the shared ARM mapping, so a PowerShell export says what the same resource from Resource Graph says.
 */

/** Whether a value is one object of a PowerShell export (a resource or a role assignment). */
export function isPowerShellObject(value: unknown): boolean {
  return (
    isRec(value) &&
    ((typeof value.ResourceId === 'string' && typeof value.ResourceType === 'string') ||
      (typeof value.RoleAssignmentId === 'string' && 'ObjectId' in value))
  );
}

/** The ARM `identity` of a PowerShell identity object (`Type`, `PrincipalId`, `UserAssignedIdentities`). */
function identity(value: unknown): Rec | undefined {
  if (!isRec(value)) return undefined;
  const users = value.UserAssignedIdentities ?? value.userAssignedIdentities;
  return Object.fromEntries(
    Object.entries({
      type: value.Type ?? value.type,
      principalId: value.PrincipalId ?? value.principalId,
      tenantId: value.TenantId ?? value.tenantId,
      userAssignedIdentities: isRec(users) ? users : undefined,
    }).filter(([, v]) => v !== undefined && v !== null),
  );
}

/** A `Get-AzResource` object in the ARM shape. */
function resourceToArm(value: Rec): Rec {
  return Object.fromEntries(
    Object.entries({
      id: value.ResourceId,
      type: value.ResourceType,
      name: value.Name ?? value.ResourceName,
      location: value.Location,
      kind: value.Kind,
      sku: value.Sku,
      tags: value.Tags,
      identity: identity(value.Identity),
      properties: value.Properties,
    }).filter(([, v]) => v !== undefined && v !== null),
  );
}

/** A `Get-AzRoleAssignment` object in the ARM shape of a role assignment. */
function assignmentToArm(value: Rec): Rec {
  return {
    id: value.RoleAssignmentId,
    type: 'Microsoft.Authorization/roleAssignments',
    properties: Object.fromEntries(
      Object.entries({
        scope: value.Scope,
        roleDefinitionId: value.RoleDefinitionId,
        roleDefinitionName: value.RoleDefinitionName,
        principalId: value.ObjectId,
        // PowerShell names the kind `User`, `Group` or `ServicePrincipal`, as ARM does.
        principalType: value.ObjectType === 'Unknown' ? undefined : value.ObjectType,
        principalName: value.SignInName ?? value.DisplayName,
        condition: value.Condition,
        conditionVersion: value.ConditionVersion,
        description: value.Description,
      }).filter(([, v]) => v !== undefined && v !== null),
    ),
  };
}

/** Reads a parsed PowerShell export (one object or a list) into an estate fragment; never throws. */
export function readPowerShellDocuments(parsed: ParseResult, file: string): ReaderResult {
  return guarded(file, 'the PowerShell export', () => {
    if (parsed.diagnostics.some((d) => d.severity === 'error'))
      return { estate: undefined, diagnostics: parsed.diagnostics };
    const b = new FragmentBuilder(file, 'observed');
    const unmodelled = new Map<string, number>();
    for (const doc of parsed.docs) {
      const ctx = new ReadContext(file, doc);
      b.use(ctx);
      const items = Array.isArray(doc.value) ? doc.value : [doc.value];
      items.forEach((item, i) => {
        const path = Array.isArray(doc.value) ? [i] : [];
        if (!isPowerShellObject(item) || !isRec(item)) {
          ctx.error(
            path,
            'expected a `Get-AzResource` object (`ResourceId`, `ResourceType`) or a `Get-AzRoleAssignment` object',
          );
          return;
        }
        const arm = typeof item.RoleAssignmentId === 'string' ? assignmentToArm(item) : resourceToArm(item);
        if (!mapArmResource(b, new Obj(b, ctx, path, arm), 'observed')) {
          const type = String(arm.type).toLowerCase();
          unmodelled.set(type, (unmodelled.get(type) ?? 0) + 1);
        }
      });
    }
    for (const [type, count] of unmodelled)
      b.skipped.push({ file, kind: type, note: `${count} resource(s) of type ${type} (not modelled)` });
    return b.result(parsed.diagnostics);
  });
}
