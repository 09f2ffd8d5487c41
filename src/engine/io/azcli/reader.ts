import { isGuid } from '../../model/ids';
import { quote } from '../core/source';
import { FragmentBuilder } from '../core/fragment';
import { failedReading, guarded, type ReaderResult } from '../core/reader';
import { KIND_BY_TYPE, parseArmId } from '../core/azure/ids';
import { mapArmResource } from '../core/azure/resources';
import { PRIVATE_ENDPOINT_TYPE } from '../core/azure/private-endpoints';
import { isRec, Obj } from '../core/azure/values';
import { ReadContext } from '../core/context';
import { parseDocuments, type ParsedDocument, type ParseResult } from '../core/source';
import {
  isDenyAssignmentObject,
  isRestListPage,
  notePagedRest,
  readDenyAssignment,
} from '../core/azure/deny-assignments';
import { isDirectoryObject, readDirectoryObject, readGroupMembers } from './directory';
import { readMlObject } from './ml';
import { readMlEnvironment } from './ml-environments';
import type { EnvironmentAsset } from '../core/environment-assets';

/**
 * Reads the JSON (or `-o yaml`) output of the az commands listed in docs/inputs.md into an estate fragment.
 * Each object is recognised by its own fields, so one file may hold the output of one command, a list from
 * another, or several YAML documents.
 */

/** Options for {@link readAzCliJson}. */
export interface AzCliOptions {
  /**
   * The group an `az ad group member list` file describes: its display name or object id. When absent, a
   * file named `group-<name>.json` (or `.yaml`) names it.
   */
  group?: string;
}

/** The shapes the reader recognises. */
export type AzCliShape =
  | 'directory-object'
  | 'arm-resource'
  | 'unmodelled-arm-resource'
  | 'management-group'
  | 'account'
  | 'az-ml'
  | 'role-assignment'
  | 'role-definition'
  | 'deny-assignment';

const EXPECTED =
  'the output of an az command this tool reads (az role assignment list, az role definition list, az rest of denyAssignments, az ml workspace|compute|online-endpoint|online-deployment|datastore|connection|environment show/list, az identity show/list, az ad group member list, az account list, az account management-group list/show)';

/** An asset id as az ml may print it, `azureml:/subscriptions/...`, without the `azureml:` prefix. */
function withoutAssetPrefix(id: string): string {
  return id.replace(/^azureml:(?=\/)/i, '');
}

/** What an object is, judged by its own fields; undefined when it is none of the known shapes. */
export function classifyAzObject(value: Record<string, unknown>): AzCliShape | undefined {
  const type = typeof value.type === 'string' ? value.type : undefined;
  if (
    typeof value['@odata.type'] === 'string' ||
    (typeof value.objectType === 'string' && type === undefined)
  )
    return 'directory-object';
  if (type !== undefined && type.includes('/')) {
    const lower = type.toLowerCase();
    if (lower === 'microsoft.management/managementgroups') return 'management-group';
    if (lower === 'microsoft.authorization/roleassignments') return 'role-assignment';
    if (lower === 'microsoft.authorization/roledefinitions') return 'role-definition';
    if (isDenyAssignmentObject(value)) return 'deny-assignment';
    // Private endpoints are no entity, but the mapping reads them onto the resource they reach.
    return KIND_BY_TYPE.has(lower) || lower === PRIVATE_ENDPOINT_TYPE ? 'arm-resource' : 'unmodelled-arm-resource';
  }
  if (
    typeof value.cloudName === 'string' ||
    (typeof value.tenantId === 'string' && 'isDefault' in value && 'state' in value)
  )
    return 'account';
  const id = typeof value.id === 'string' ? parseArmId(withoutAssetPrefix(value.id)) : undefined;
  if (id?.provider === 'Microsoft.MachineLearningServices') return 'az-ml';
  if ('principalId' in value && 'roleDefinitionId' in value && 'scope' in value) return 'role-assignment';
  if ('roleName' in value && 'permissions' in value) return 'role-definition';
  if (
    typeof value.userPrincipalName === 'string' ||
    'servicePrincipalType' in value ||
    'securityEnabled' in value
  )
    return 'directory-object';
  return undefined;
}

/** The group a member-list file is about, from the options or the file name `group-<name>.json`. */
export function groupFromFileName(file: string): string | undefined {
  const base = file.split(/[\\/]/).pop() ?? file;
  const match = /^group[-_](.+?)(?:\.members)?\.(?:json|ya?ml)$/i.exec(base);
  return match?.[1];
}

function keysOf(value: Record<string, unknown>): string {
  const keys = Object.keys(value)
    .slice(0, 6)
    .map((k) => `\`${k}\``);
  return keys.length === 0 ? 'no keys' : `keys ${keys.join(', ')}${Object.keys(value).length > 6 ? '…' : ''}`;
}

function readAccount(b: FragmentBuilder, o: Obj): void {
  const subscriptionId = o.guid('id', 'subscriptionId');
  if (subscriptionId === undefined) {
    o.ctx.error(o.path, 'expected an `az account list` entry with the subscription GUID in `id`');
    return;
  }
  const sub = b.resource('subscription', `/subscriptions/${subscriptionId}`, o.locOf('id'));
  if (!sub) return;
  sub.source = b.source(o.at());
  const name = o.str('name');
  if (name !== undefined && name !== subscriptionId) {
    b.set(sub, 'name', name, o.locOf('name'));
    b.set(sub, 'displayName', name, o.locOf('name'));
  }
  b.set(sub, 'tenantId', o.guid('tenantId'), o.locOf('tenantId'));
}

/** `az account management-group show --expand --recurse`: the group, its parent, and children at any depth. */
function readManagementGroup(b: FragmentBuilder, o: Obj, parent?: string): void {
  const idText = o.str('id');
  if (idText === undefined) {
    o.ctx.error(o.path, 'this management group has no `id`, so it cannot be placed');
    return;
  }
  if (!mapArmResource(b, o, 'observed')) return;
  const group = b.resource('managementGroup', idText, o.locOf('id'));
  if (!group) return;
  if (parent !== undefined) b.set(group, 'parent', parent as typeof group.id, o.at());
  (o.list('children') ?? []).forEach((child, i) => {
    if (!isRec(child)) return;
    const c = new Obj(b, o.ctx, [...o.path, 'children', i], child);
    const childType = (c.str('type') ?? '').toLowerCase();
    if (childType.endsWith('/subscriptions') || childType === 'subscriptions') {
      // The id says which subscription the child is; a `name` that disagrees is a damaged entry, not another one.
      const fromId = parseArmId(c.str('id') ?? '')?.subscriptionId;
      const name = c.str('name');
      const subId = fromId ?? name;
      if (subId === undefined || !isGuid(subId)) {
        c.ctx.error(c.locOf('id', 'name').path, `expected a subscription GUID, found ${quote(subId ?? 'nothing', 120)}`);
        return;
      }
      if (name !== undefined && name.toLowerCase() !== subId.toLowerCase())
        c.ctx.warn(c.locOf('name').path, `\`name\` ${quote(name, 80)} differs from the subscription of \`id\` (${subId}); the id is used`);
      const sub = b.resource('subscription', `/subscriptions/${subId}`, c.locOf('id', 'name'));
      if (!sub) return;
      const display = c.str('displayName');
      if (display !== undefined) {
        b.set(sub, 'displayName', display, c.locOf('displayName'));
        b.set(sub, 'name', display, c.locOf('displayName'));
      }
      b.set(sub, 'managementGroup', group.id, c.at());
    } else readManagementGroup(b, c, group.id);
  });
}

function readObject(b: FragmentBuilder, o: Obj, shape: AzCliShape, environments: EnvironmentAsset[]): void {
  switch (shape) {
    case 'directory-object':
      readDirectoryObject(b, o);
      return;
    case 'management-group':
      readManagementGroup(b, o);
      return;
    case 'account':
      readAccount(b, o);
      return;
    case 'deny-assignment':
      readDenyAssignment(b, o);
      return;
    case 'role-assignment':
    case 'role-definition':
    case 'arm-resource':
      if (shape !== 'arm-resource' && o.str('type') === undefined)
        o.raw.type =
          shape === 'role-assignment'
            ? 'Microsoft.Authorization/roleAssignments'
            : 'Microsoft.Authorization/roleDefinitions';
      mapArmResource(b, o, 'observed');
      return;
    case 'unmodelled-arm-resource':
      b.skip(
        o.str('type') ?? 'resource',
        `${o.str('type') ?? 'resource'} ${o.str('name') ?? ''} (type not modelled)`.trim(),
        o.at(),
      );
      return;
    case 'az-ml': {
      const idText = withoutAssetPrefix(o.str('id') ?? '');
      const parsed = parseArmId(idText);
      if (parsed?.types.some((type) => type.toLowerCase() === 'environments')) {
        readMlEnvironment(b, o, parsed, environments);
        return;
      }
      const kind = parsed?.typeKey !== undefined ? KIND_BY_TYPE.get(parsed.typeKey) : undefined;
      if (!kind) {
        b.skip('az ml object', `${idText} (type not modelled)`, o.at());
        return;
      }
      readMlObject(b, o, idText, kind);
      return;
    }
  }
}

function readDocument(
  b: FragmentBuilder,
  doc: ParsedDocument,
  file: string,
  options: AzCliOptions,
  environments: EnvironmentAsset[],
): void {
  const ctx = new ReadContext(file, doc);
  b.use(ctx);
  // `az rest` prints a list call's REST page, `{ "value": [...] }`: its items are read like a bare list.
  const page = isRestListPage(doc.value) ? doc.value : undefined;
  if (page !== undefined) notePagedRest(ctx, page);
  const value = page !== undefined ? page.value : doc.value;
  const at = page !== undefined ? ['value'] : [];
  const items: { o: Obj }[] = [];
  if (Array.isArray(value)) {
    value.forEach((item, i) => {
      if (isRec(item)) items.push({ o: new Obj(b, ctx, [...at, i], item) });
      else
        ctx.error(
          [...at, i],
          `expected an object in this list, found ${item === null ? 'null' : typeof item}`,
        );
    });
    if (value.length === 0)
      ctx.report('info', [], 'the list is empty; there is nothing to read in this file');
  } else if (isRec(value)) items.push({ o: new Obj(b, ctx, [], value) });
  else {
    ctx.error(
      [],
      `expected ${EXPECTED}, found ${value === null || value === undefined ? 'nothing' : typeof value}`,
    );
    return;
  }
  const group = options.group ?? groupFromFileName(file);
  const directory = items.length > 0 && items.every(({ o }) => isDirectoryObject(o));
  if (group !== undefined && Array.isArray(value) && directory) {
    readGroupMembers(b, items, group, { ctx, path: [] });
    return;
  }
  if (group !== undefined && options.group !== undefined && !directory)
    ctx.warn(
      [],
      `a group (${group}) was named for this file, but it is not \`az ad group member list\` output; the name is not used`,
    );
  if (Array.isArray(value) && directory && items.length > 0)
    ctx.report(
      'info',
      [],
      'a list of directory objects with no group named: read as principals only. Name the file `group-<name>.json` to read it as the members of that group',
    );
  for (const { o } of items) {
    const shape = classifyAzObject(o.raw);
    if (shape === undefined)
      ctx.error(o.path, `unrecognised JSON: expected ${EXPECTED}; this object has ${keysOf(o.raw)}`);
    else readObject(b, o, shape, environments);
  }
}

/** Reads az CLI output into an estate fragment; never throws. See docs/inputs.md for the commands. */
export function readAzCliJson(text: string, file: string, options: AzCliOptions = {}): ReaderResult {
  return guarded(file, 'az CLI output', () => readAzCliDocuments(parseDocuments(text, file), file, options));
}

/** {@link readAzCliJson} for text already parsed (readInputs parses each file once). */
export function readAzCliDocuments(
  parsed: ParseResult,
  file: string,
  options: AzCliOptions = {},
): ReaderResult {
  return guarded(file, 'az CLI output', () => {
    const b = new FragmentBuilder(file, 'observed');
    if (parsed.diagnostics.some((d) => d.severity === 'error'))
      return { estate: undefined, diagnostics: parsed.diagnostics };
    if (parsed.docs.length === 0)
      return failedReading(file, 'the file is empty; expected az CLI JSON output', parsed.diagnostics);
    const environments: EnvironmentAsset[] = [];
    for (const doc of parsed.docs) readDocument(b, doc, file, options, environments);
    const result = b.result(parsed.diagnostics);
    return environments.length > 0 && result.estate !== undefined ? { ...result, environments } : result;
  });
}
