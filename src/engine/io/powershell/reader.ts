import type { Rec } from '../core/context';
import { ReadContext } from '../core/context';
import { FragmentBuilder } from '../core/fragment';
import { guarded, type ReaderResult } from '../core/reader';
import { mapArmResource } from '../core/azure/resources';
import { isRec, Obj } from '../core/azure/values';
import { quote, type ParseResult } from '../core/source';

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

/**
 * What ConvertTo-Json writes in place of an object nested deeper than its `-Depth` (2 unless given): the object's
 * text, `@{name=value; ...}` for the objects Get-AzResource returns, or a .NET type name
 * (`System.Collections.Hashtable`, `System.Object[]`). PowerShell 7.1+ warns on the console, not in the file.
 * A Logic App expression (`@{body('x')}`) is no such text: it names no member.
 */
const CUT_BY_DEPTH = /^(?:@\{(?:[A-Za-z_][\w.-]*=.*)?\}|System\.(?:Object\[\]|Collections\.[\w.`]+(?:\[[^\]]*\])*|Management\.Automation\.PS\w+))$/s;

interface CutOff {
  first?: { path: (string | number)[]; text: string };
  count: number;
}

/** The first value ConvertTo-Json cut off in `value` (its path and text), and how many it cut. */
function cutByDepth(value: unknown, path: (string | number)[], found: CutOff): void {
  if (typeof value === 'string') {
    if (CUT_BY_DEPTH.test(value)) {
      found.first ??= { path, text: value };
      found.count++;
    }
  } else if (Array.isArray(value)) value.forEach((item, i) => cutByDepth(item, [...path, i], found));
  else if (isRec(value)) for (const [key, item] of Object.entries(value)) cutByDepth(item, [...path, key], found);
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
      // A cut-off export would be read as resources without the settings it lost: refuse it, saying how to export.
      const cut: CutOff = { count: 0 };
      cutByDepth(doc.value, [], cut);
      if (cut.first) {
        const more = cut.count > 1 ? ` (and ${cut.count - 1} more place${cut.count === 2 ? '' : 's'} in this file)` : '';
        ctx.error(
          cut.first.path,
          `${quote(cut.first.text)} is an object ConvertTo-Json wrote as text, because it is nested deeper than its -Depth (2 unless given): what it held is lost${more}. Export again with \`ConvertTo-Json -Depth 20\``,
        );
        continue;
      }
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
