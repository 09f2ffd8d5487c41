import { entityId, isGuid, type EntityId } from '../../../model/ids';
import type { DenyAssignment, Permission } from '../../../model/types';
import { type FragmentBuilder } from '../fragment';
import { parseArmId } from './ids';
import { assignmentPrincipal, assignmentScope } from './rbac';
import { propertiesOf } from './resources';
import { isRec, Obj } from './values';
import type { ReadContext } from '../context';
import { defaultDenyAssignmentId } from '../naming';
import { quote } from '../source';

/**
 * Deny assignments in the shape the REST API returns them (`az rest --method get --url
 * .../providers/Microsoft.Authorization/denyAssignments?api-version=2022-04-01`), one by one or as the
 * `{ "value": [...] }` page that command prints; Resource Graph's `authorizationresources` rows have the same
 * shape with a lower-case `type`. See docs/inputs.md.
 */

/** The principal id Azure uses in a deny assignment for "every principal" (type `SystemDefined`). */
const EVERYONE = '00000000-0000-0000-0000-000000000000';

const DENY_TYPE = 'microsoft.authorization/denyassignments';

/** True for a deny assignment as the REST API or Resource Graph gives it (judged by its `type`). */
export function isDenyAssignmentObject(value: Record<string, unknown>): boolean {
  return typeof value.type === 'string' && value.type.toLowerCase() === DENY_TYPE;
}

/** The REST page `az rest` prints for a list call: `{ "value": [...] }`, perhaps with a `nextLink`. */
export function isRestListPage(value: unknown): value is { value: unknown[] } {
  if (!isRec(value) || !Array.isArray(value.value)) return false;
  return Object.keys(value).every(
    (key) => key === 'value' || /^(@odata\.)?nextLink$|^@odata\.context$/i.test(key),
  );
}

/** Says, at the page's `nextLink`, that more results follow than this file holds. */
export function notePagedRest(ctx: ReadContext, page: Record<string, unknown>): void {
  const key = Object.keys(page).find((k) => /nextLink$/i.test(k));
  if (key !== undefined && typeof page[key] === 'string' && page[key] !== '')
    ctx.report(
      'info',
      [key],
      'this page carries a `nextLink`: more results follow. Fetch every page (`az rest` follows none) and give them all',
    );
}

type PrincipalType = 'User' | 'Group' | 'ServicePrincipal';

// Deny assignments name principal types as directory objects do; managed identities and applications are
// service principals.
const PRINCIPAL_TYPES: Readonly<Record<string, PrincipalType>> = {
  user: 'User',
  group: 'Group',
  serviceprincipal: 'ServicePrincipal',
  msi: 'ServicePrincipal',
  application: 'ServicePrincipal',
};

function readPrincipals(b: FragmentBuilder, props: Obj, key: string): EntityId[] | 'everyone' | undefined {
  const list = props.list(key);
  if (list === undefined) return undefined;
  const out: EntityId[] = [];
  let everyone = false;
  list.forEach((item, i) => {
    if (!isRec(item)) {
      props.ctx.warn(
        [...props.path, key, i],
        `expected a principal \`{ "id", "type" }\`, found ${quote(item)}; it is ignored`,
      );
      return;
    }
    const entry = new Obj(b, props.ctx, [...props.path, key, i], item);
    const id = entry.guid('id');
    if (id === undefined) {
      entry.ctx.warn(entry.path, 'a principal without a GUID `id` is ignored');
      return;
    }
    const type = entry.str('type');
    if (id === EVERYONE || type?.toLowerCase() === 'systemdefined') {
      everyone = true;
      return;
    }
    const principal = assignmentPrincipal(
      b,
      PRINCIPAL_TYPES[(type ?? '').toLowerCase()],
      id,
      undefined,
      entry.locOf('id'),
    );
    if (!out.includes(principal)) out.push(principal);
  });
  return everyone ? 'everyone' : out;
}

function readPermission(entry: Obj): {
  permission: Permission;
  condition?: string;
  conditionVersion?: string;
} {
  const list = (...names: string[]) => entry.strings(...names) ?? [];
  const permission: Permission = {
    actions: list('actions'),
    notActions: list('notActions'),
    dataActions: list('dataActions'),
    notDataActions: list('notDataActions'),
  };
  const condition = entry.str('condition');
  const conditionVersion = entry.str('conditionVersion');
  return {
    permission,
    ...(condition !== undefined ? { condition } : {}),
    ...(conditionVersion !== undefined ? { conditionVersion } : {}),
  };
}

/**
 * Reads one deny assignment into the fragment. Azure's deny assignments carry one permission block; one with
 * several is read as one deny per block (`<id>#permissions[i]`), since a block's NotActions take back only its
 * own Actions. Anything that cannot be placed is reported where it is and left out.
 */
export function readDenyAssignment(b: FragmentBuilder, top: Obj): void {
  const props = propertiesOf(top);
  const scopeText = props.str('scope');
  const name = props.str('denyAssignmentName') ?? top.str('name');
  if (scopeText === undefined || name === undefined) {
    const missing = [
      scopeText === undefined ? '`scope`' : undefined,
      name === undefined ? '`denyAssignmentName`' : undefined,
    ]
      .filter((v) => v !== undefined)
      .join(' and ');
    top.ctx.error(top.path, `this deny assignment lacks ${missing}, so it cannot be placed`);
    return;
  }
  const scope = assignmentScope(props, scopeText);
  if (scope === undefined) return;
  const principals = readPrincipals(b, props, 'principals');
  if (principals === undefined) {
    top.ctx.error(
      top.path,
      `deny assignment ${quote(name)} lacks \`principals\`, so whom it denies is unknown`,
    );
    return;
  }
  const excluded = readPrincipals(b, props, 'excludePrincipals') ?? [];
  if (excluded === 'everyone') {
    props.ctx.warn(
      props.locOf('excludePrincipals').path,
      `deny assignment ${quote(name)} excludes every principal, so it denies nobody; it is left out`,
    );
    return;
  }
  const idText = top.str('id');
  const baseId =
    idText !== undefined && idText.startsWith('/')
      ? entityId(parseArmId(idText)?.id ?? idText.trim())
      : idText !== undefined && isGuid(idText.trim())
        ? entityId(
            `${scope === '/' ? '' : scope}/providers/Microsoft.Authorization/denyAssignments/${idText.trim().toLowerCase()}`,
          )
        : defaultDenyAssignmentId(name, scope);
  const blocks: ReturnType<typeof readPermission>[] = [];
  (props.list('permissions') ?? []).forEach((item, i) => {
    if (isRec(item))
      blocks.push(readPermission(new Obj(b, props.ctx, [...props.path, 'permissions', i], item)));
  });
  if (blocks.length === 0) {
    props.ctx.warn(
      props.locOf('permissions').path,
      `deny assignment ${quote(name)} lists no permissions, so it denies nothing; it is left out`,
    );
    return;
  }
  const known = new Set(b.estate.denyAssignments.map((d) => d.id.toLowerCase()));
  blocks.forEach((block, i) => {
    const id = blocks.length === 1 ? baseId : entityId(`${baseId}#permissions[${i}]`);
    if (known.has(id.toLowerCase())) {
      top.ctx.warn(
        top.path,
        `deny assignment ${quote(id, 140)} appears twice in this file; the second is ignored`,
      );
      return;
    }
    const deny: DenyAssignment = {
      id,
      name,
      scope,
      permissions: block.permission,
      principals,
      excludePrincipals: excluded,
      doNotApplyToChildScopes: props.bool('doNotApplyToChildScopes') ?? false,
      source: b.source(top.at()),
    };
    if (block.condition !== undefined) deny.condition = block.condition;
    if (block.conditionVersion !== undefined) deny.conditionVersion = block.conditionVersion;
    b.estate.denyAssignments.push(deny);
  });
}
