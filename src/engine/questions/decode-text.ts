// Reading authorization failures as Azure's services print them. Pure text work: nothing here knows the
// estate; explain-refusal.ts matches what was read against it.

/** Which service refused, as far as the text tells. */
export type RefusingService = 'arm' | 'storage' | 'key-vault' | 'container-registry';

/** What could be read from one refusal text; every field is absent unless the text states it. */
export interface DecodedRefusal {
  service: RefusingService;
  /** The error code the service printed (`AuthorizationFailed`, `AuthorizationPermissionMismatch`, `ForbiddenByRbac`...). */
  code: string;
  /** Object id of the caller (`object id '...'`, `oid=...`). */
  objectId?: string;
  /** Client or application id of the caller (`The client '...'`, `appid=...`). */
  clientId?: string;
  /** The operation refused, when the service names it or the request makes it plain. */
  action?: string;
  dataAction?: boolean;
  /** The ARM scope or resource id refused, when printed; otherwise what the resource name gives. */
  scope?: string;
  /** A resource named by host or label rather than by ARM id: a storage account, a vault, a registry. */
  resourceName?: string;
  /** A storage container or registry repository below the resource. */
  child?: string;
  /** Key Vault access-policy denials: the list and permission missing (`secrets`, `get`). */
  accessPolicy?: { list: 'secrets' | 'keys' | 'certificates'; permission: string };
  /** Set when the refusal is wrapped in an Azure ML job or deployment failure. */
  azureMl?: 'job' | 'deployment';
  /** Phrases of the text that say what the service meant, for the reader (never secrets: tokens are not kept). */
  notes: string[];
}

/** The outcome of reading a text: what was found, or which parts were and were not. */
export type DecodeResult =
  | { ok: true; refusal: DecodedRefusal }
  | { ok: false; message: string; found: string[] };

const GUID = '[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}';
const STORAGE_HOST = /https?:\/\/([a-z0-9]{3,24})\.(blob|dfs|file|queue|table)\.core\.windows\.net(\/[^\s?"'<>]*)?/i;
const REGISTRY_HOST = /([a-z0-9]{5,50})\.azurecr\.io(?:\/v2)?\/?([a-z0-9._\-/]*[a-z0-9])?/i;
const BLOB = 'Microsoft.Storage/storageAccounts/blobServices/containers/blobs';

function first(text: string, pattern: RegExp): string | undefined {
  return pattern.exec(text)?.[1];
}

function azureMlWrapper(text: string): DecodedRefusal['azureMl'] {
  if (/online ?deployment|deployment (?:failed|creation)|ResourceNotReady|ImagePullFailure|scoring container/i.test(text)) return 'deployment';
  if (/AzureMLCompute job failed|job failed|UserError|Execution failed|azureml-logs|user_logs/i.test(text)) return 'job';
  return undefined;
}

// ARM: `The client '<id>' with object id '<oid>' does not have authorization to perform action '<a>' over scope '<s>'`.
function readArm(text: string): DecodeResult | undefined {
  if (!/AuthorizationFailed|does not have authorization to perform action/i.test(text)) return undefined;
  const refusal: DecodedRefusal = { service: 'arm', code: 'AuthorizationFailed', notes: [] };
  const client = first(text, /The client '([^']+)'/i);
  const objectId = first(text, new RegExp(`with object id '(${GUID})'`, 'i'));
  const action = first(text, /perform action '([^']+)'/i);
  const scope = first(text, /over scope '([^']+)'/i);
  // The client is printed as a UPN for a user and as an app id or object id for an application.
  if (client !== undefined && client !== objectId) refusal.clientId = client;
  if (objectId !== undefined) refusal.objectId = objectId;
  if (action !== undefined) {
    refusal.action = action;
    refusal.dataAction = false;
  }
  if (scope !== undefined) refusal.scope = scope;
  if (/scope is invalid/i.test(text)) refusal.notes.push('ARM says "or the scope is invalid": a scope that does not exist is refused the same way.');
  if (/linked scope/i.test(text)) refusal.notes.push('The refusal names a linked scope: the caller also needs the action there.');
  return complete(refusal, text);
}

// Key Vault, Azure RBAC model: `Caller: appid=...;oid=...` `Action: '...'` `Resource: '...'` `Assignment: (not found)`.
function readKeyVaultRbac(text: string): DecodeResult | undefined {
  if (!/ForbiddenByRbac|Caller is not authorized to perform action on resource/i.test(text)) return undefined;
  const refusal: DecodedRefusal = { service: 'key-vault', code: 'ForbiddenByRbac', notes: [] };
  readCaller(text, refusal);
  const action = first(text, /Action:\s*'([^']+)'/i);
  const resource = first(text, /Resource:\s*'([^']+)'/i);
  if (action !== undefined) {
    refusal.action = action;
    refusal.dataAction = true;
  }
  if (resource !== undefined) refusal.scope = resource;
  const vault = first(text, /Vault:\s*([^;\s]+)/i);
  if (vault !== undefined) refusal.resourceName = vault;
  if (/Assignment:\s*\(not found\)/i.test(text)) refusal.notes.push('Key Vault found no role assignment granting the action.');
  const deny = first(text, /DenyAssignmentId:\s*([^\s]+)/i);
  if (deny !== undefined && deny.toLowerCase() !== 'null') refusal.notes.push(`Key Vault names deny assignment ${deny}.`);
  return complete(refusal, text);
}

// Key Vault, access-policy model: `The user, group or application 'appid=...;oid=...' does not have secrets get permission on key vault '<name>;location=...'`.
function readKeyVaultPolicy(text: string): DecodeResult | undefined {
  const match = /does not have (secrets|keys|certificates) ([a-z]+) permission on key vault '([^';]+)/i.exec(text);
  if (match === null) return undefined;
  const [, list, permission, vault] = match as unknown as [string, string, string, string];
  const refusal: DecodedRefusal = { service: 'key-vault', code: 'AccessDenied', notes: [] };
  readCaller(text, refusal);
  refusal.accessPolicy = { list: list.toLowerCase() as 'secrets' | 'keys' | 'certificates', permission: permission.toLowerCase() };
  refusal.resourceName = vault;
  refusal.notes.push('The vault uses access policies: roles grant nothing in its data plane; an access policy must.');
  return complete(refusal, text);
}

function readCaller(text: string, refusal: DecodedRefusal): void {
  const appId = first(text, new RegExp(`appid=(${GUID})`, 'i'));
  const oid = first(text, new RegExp(`oid=(${GUID})`, 'i'));
  if (appId !== undefined) refusal.clientId = appId;
  if (oid !== undefined) refusal.objectId = oid;
}

// Storage: the code in an XML `<Code>` element, a JSON `"code"` member, or `ErrorCode:` / `ServiceCode=` as the SDKs and AzCopy print it.
function readStorage(text: string): DecodeResult | undefined {
  const code = first(text, /\b(AuthorizationPermissionMismatch|AuthorizationFailure|AuthorizationResourceTypeMismatch|AuthorizationServiceMismatch|KeyBasedAuthenticationNotPermitted)\b/);
  if (code === undefined) return undefined;
  const refusal: DecodedRefusal = { service: 'storage', code, notes: [] };
  if (code === 'AuthorizationFailure')
    refusal.notes.push('AuthorizationFailure usually means the storage firewall or a SAS refused the request, not a missing role.');
  if (code === 'KeyBasedAuthenticationNotPermitted')
    refusal.notes.push('The account refuses shared keys (allowSharedKeyAccess: false): an account key or SAS datastore stops working (R43).');
  const url = STORAGE_HOST.exec(text);
  if (url !== null) {
    const [, account, service, path] = url as unknown as [string, string, string, string | undefined];
    refusal.resourceName = account.toLowerCase();
    const container = path?.split('/').filter((p) => p !== '')[0];
    if (container !== undefined) refusal.child = decodeURIComponent(container);
    // The method of the request decides the data action; without it the operation is not stated.
    const method = first(text, new RegExp(`\\b(GET|HEAD|PUT|POST|DELETE|PATCH)\\s+https?://${account}\\.`, 'i')) ?? sdkMethod(text);
    if ((service === 'blob' || service === 'dfs') && method !== undefined) {
      const verb = method.toUpperCase();
      refusal.action = verb === 'GET' || verb === 'HEAD' ? `${BLOB}/read` : verb === 'DELETE' ? `${BLOB}/delete` : `${BLOB}/write`;
      refusal.dataAction = true;
    }
  }
  readCaller(text, refusal);
  return complete(refusal, text);
}

// The SDK call that failed names the direction when no HTTP method is printed.
function sdkMethod(text: string): string | undefined {
  if (/\b(download_blob|read_file|get_blob_properties|list_blobs|download_to_file|StreamAccessException.*read)\b/i.test(text)) return 'GET';
  if (/\b(upload_blob|upload_data|create_file|stage_block|commit_block_list)\b/i.test(text)) return 'PUT';
  if (/\bdelete_blob\b/i.test(text)) return 'DELETE';
  return undefined;
}

// Container Registry through docker, oras or a pod event: `unauthorized: authentication required`, `denied: requested access to the resource is denied`.
function readRegistry(text: string): DecodeResult | undefined {
  const atRegistry = /\.azurecr\.io/i.test(text);
  const code = /\bdenied: requested access to the resource is denied\b/i.test(text)
    ? 'denied'
    : /\bunauthorized: (?:authentication required|[^\n]*UNAUTHORIZED)|"code":\s*"(?:UNAUTHORIZED|DENIED)"/i.test(text) ||
        // containerd, as a deployment's pod events print it: `failed to authorize: ... 401 Unauthorized`.
        (atRegistry && /failed to authorize|401 Unauthorized/i.test(text))
      ? 'unauthorized'
      : undefined;
  if (code === undefined) return undefined;
  const refusal: DecodedRefusal = { service: 'container-registry', code, notes: [] };
  const host = REGISTRY_HOST.exec(text);
  if (host !== null) {
    refusal.resourceName = (host[1] as string).toLowerCase();
    const repository = host[2]?.replace(/\/(manifests|blobs|tags)\/.*$/, '').replace(/:[^/]*$/, '');
    if (repository !== undefined && repository !== '') refusal.child = repository;
  }
  const push = /\bpush(?:ing)?\b|The push refers to repository|\bPUT\b.*\/manifests\//i.test(text);
  const pull = /\bpull(?:ing)?\b|Failed to pull image|\b(?:GET|HEAD)\b[^\n]*\/manifests\/|ImagePull/i.test(text);
  if (push !== pull) {
    refusal.action = push ? 'Microsoft.ContainerRegistry/registries/push/write' : 'Microsoft.ContainerRegistry/registries/pull/read';
    refusal.dataAction = false;
  }
  if (code === 'unauthorized')
    refusal.notes.push('ACR also answers "unauthorized" for a repository or tag that does not exist; check the image name before the roles.');
  return complete(refusal, text);
}

function complete(refusal: DecodedRefusal, text: string): DecodeResult {
  const wrapper = azureMlWrapper(text);
  if (wrapper !== undefined) refusal.azureMl = wrapper;
  return { ok: true, refusal };
}

/**
 * Reads the text of an authorization failure as the service printed it (ARM `AuthorizationFailed`, Storage
 * `AuthorizationPermissionMismatch` / `AuthorizationFailure` in XML or JSON bodies, Key Vault `ForbiddenByRbac`
 * and access-policy denials, ACR `unauthorized` / `denied`, and Azure ML job or deployment failures that embed
 * one). Returns every part the text states and nothing it does not; a text none of the shapes fits gets a
 * message that says which parts were recognised.
 */
export function decodeRefusal(text: string): DecodeResult {
  for (const reader of [readArm, readKeyVaultRbac, readKeyVaultPolicy, readStorage, readRegistry]) {
    const result = reader(text);
    if (result !== undefined) return result;
  }
  const found: string[] = [];
  const oid = first(text, new RegExp(`(?:object id|oid=)\\s*'?(${GUID})`, 'i'));
  if (oid !== undefined) found.push(`object id ${oid}`);
  const action = first(text, /\b(Microsoft\.[A-Za-z]+\/[A-Za-z0-9/._-]+)/);
  if (action !== undefined) found.push(`operation ${action}`);
  if (/\/subscriptions\/[^\s'"]+/i.test(text)) found.push('an ARM id');
  if (/\b(403|Forbidden)\b/i.test(text)) found.push('an HTTP 403 Forbidden');
  const parts = found.length === 0 ? 'no principal, operation or scope' : found.join(', ');
  return {
    ok: false,
    found,
    message: `not an authorization failure this decoder reads (ARM AuthorizationFailed, Storage AuthorizationPermissionMismatch or AuthorizationFailure, Key Vault ForbiddenByRbac or access policy, ACR unauthorized or denied); found ${parts}`,
  };
}
