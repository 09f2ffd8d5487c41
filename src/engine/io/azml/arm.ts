import { isGuid } from '../../model/ids';
import {
  childArmId,
  resourceArmId,
  resourceGroupArmId,
  RESOURCE_TYPES,
  subscriptionArmId,
  type TopLevelResourceKind,
} from '../core/naming';

/**
 * ARM ids as az ml files write them, turned into the canonical form every reader shares: provider and type
 * segments in Azure's casing (from naming.ts), `resourceGroups` spelt that way, subscription GUIDs in lower case,
 * names as written. Two files that name one resource with different casing therefore give one id.
 */

/** A top-level resource named by an ARM id: its canonical id and the parts readers need. */
export interface ArmRef {
  armId: string;
  subscriptionId: string;
  resourceGroup: string;
  name: string;
}

/** The raw parts of an ARM id of a resource in a resource group. */
interface ArmParts {
  subscriptionId: string;
  resourceGroup: string;
  /** `Microsoft.Storage/storageAccounts` as written. */
  type: string;
  name: string;
  /** Child segments after the resource (`computes/<name>`...), as type and name pairs. */
  children: { type: string; name: string }[];
}

const ARM_ID =
  /^\/subscriptions\/([^/\s]+)\/resource[gG]roups\/([^/\s]+)\/providers\/([^/\s]+\/[^/\s]+)\/([^/\s]+)((?:\/[^/\s]+\/[^/\s]+)*)\/?$/i;

function parts(text: string): ArmParts | undefined {
  const match = ARM_ID.exec(text.trim());
  if (!match) return undefined;
  const rest = (match[5] ?? '').split('/').filter((part) => part !== '');
  const children: { type: string; name: string }[] = [];
  for (let i = 0; i + 1 < rest.length; i += 2)
    children.push({ type: rest[i] ?? '', name: rest[i + 1] ?? '' });
  return {
    subscriptionId: match[1] ?? '',
    resourceGroup: match[2] ?? '',
    type: match[3] ?? '',
    name: match[4] ?? '',
    children,
  };
}

/** True when the text has the shape of an ARM id (`/subscriptions/...`). */
export function looksLikeArmId(text: string): boolean {
  return /^\/subscriptions\//i.test(text.trim());
}

/** A subscription id as the model keeps it: GUIDs in lower case, anything else (a placeholder) as written. */
export function canonicalSubscriptionId(value: string): string {
  const trimmed = value.trim();
  return isGuid(trimmed) ? trimmed.toLowerCase() : trimmed;
}

/** The canonical ARM id of a top-level resource of `kind`, built the way the native reader builds it. */
export function canonicalResourceId(
  kind: TopLevelResourceKind,
  subscriptionId: string,
  resourceGroup: string,
  name: string,
): ArmRef {
  const sub = canonicalSubscriptionId(subscriptionId);
  return {
    armId: resourceArmId(resourceGroupArmId(subscriptionArmId(sub), resourceGroup), kind, name),
    subscriptionId: sub,
    resourceGroup,
    name,
  };
}

/** What an ARM id names when it is not the kind asked for, in words for a message. */
export type ArmMismatch = { problem: 'not-an-id' } | { problem: 'other-type'; type: string };

/**
 * Reads the ARM id of a top-level resource of `kind` (`/subscriptions/<sub>/resourceGroups/<rg>/providers/
 * Microsoft.Storage/storageAccounts/<name>`), comparing the type case-insensitively as Azure does.
 */
export function parseResourceId(kind: TopLevelResourceKind, text: string): ArmRef | ArmMismatch {
  const found = parts(text);
  if (!found) return { problem: 'not-an-id' };
  if (found.type.toLowerCase() !== RESOURCE_TYPES[kind].toLowerCase() || found.children.length > 0) {
    const type = [found.type, ...found.children.map((child) => child.type)].join('/');
    return { problem: 'other-type', type };
  }
  return canonicalResourceId(kind, found.subscriptionId, found.resourceGroup, found.name);
}

/** Segment names under a workspace, lower-cased, to the child kind they hold. */
const WORKSPACE_CHILDREN = {
  computes: 'compute',
  onlineendpoints: 'onlineEndpoint',
  datastores: 'datastore',
  connections: 'connection',
  jobs: 'job',
} as const;

/** A workspace child (or an endpoint's deployment) named by an ARM id, from `az ml ... show` output. */
export interface ChildRef {
  workspace: ArmRef;
  kind: (typeof WORKSPACE_CHILDREN)[keyof typeof WORKSPACE_CHILDREN] | 'onlineDeployment';
  name: string;
  /** For deployments: the endpoint's name. */
  endpoint?: string;
  armId: string;
}

/**
 * Reads the ARM id of a workspace child (`<workspace id>/computes/<name>`) or of a deployment
 * (`<workspace id>/onlineEndpoints/<endpoint>/deployments/<name>`); undefined for anything else.
 */
export function parseChildId(text: string): ChildRef | undefined {
  const found = parts(text);
  if (!found || found.type.toLowerCase() !== RESOURCE_TYPES.workspace.toLowerCase()) return undefined;
  const workspace = canonicalResourceId('workspace', found.subscriptionId, found.resourceGroup, found.name);
  const [first, second, ...more] = found.children;
  if (!first || more.length > 0) return undefined;
  const kind = WORKSPACE_CHILDREN[first.type.toLowerCase() as keyof typeof WORKSPACE_CHILDREN];
  if (kind === undefined) return undefined;
  if (second === undefined)
    return { workspace, kind, name: first.name, armId: childArmId(workspace.armId, kind, first.name) };
  if (kind !== 'onlineEndpoint' || second.type.toLowerCase() !== 'deployments') return undefined;
  const endpointId = childArmId(workspace.armId, 'onlineEndpoint', first.name);
  return {
    workspace,
    kind: 'onlineDeployment',
    name: second.name,
    endpoint: first.name,
    armId: childArmId(endpointId, 'onlineDeployment', second.name),
  };
}

/** The first `<PLACEHOLDER>`-style marker in a value, as the upstream templates write them. */
export function placeholderIn(text: string): string | undefined {
  return /<[^<>\s]{1,60}>/.exec(text)?.[0];
}
