import { isGuid } from '../../model/ids';
import type { SourceRef } from '../../model/types';
import { readIdentityType, stripAzureMl } from '../core/azml-vocabulary';
import { describeFound, type Path, type Rec } from '../core/context';
import { RESOURCE_TYPES, type TopLevelResourceKind } from '../core/naming';
import { KIND_LABELS } from '../core/kinds';
import { quote, type ParsedDocument } from '../core/source';
import { looksLikeArmId, parseChildId, parseResourceId, placeholderIn, type ChildRef } from './arm';
import type { AzmlContext } from './context';
import type { ComputeRefDraft, IdentityDraft, ResourceRef, UaiMention } from './drafts';
import { PLACEHOLDER_RESOURCE_GROUP, PLACEHOLDER_SUBSCRIPTION, type AzureMlDefaults } from './options';

/**
 * What reading any az ml document needs: the document's name, workspace and ids, GUIDs, references to resources,
 * user-assigned identities and computes, and managed identity settings. Methods report through `ctx` and return
 * undefined for what cannot be used.
 */
export abstract class DocumentReading {
  constructor(
    protected readonly ctx: AzmlContext,
    protected readonly doc: ParsedDocument,
    protected readonly defaults: AzureMlDefaults,
  ) {}

  protected source(obj: Rec): SourceRef {
    const at = this.doc.locate(obj.name !== undefined ? ['name'] : [], 'key');
    return { file: this.ctx.file, ...at };
  }

  protected base(obj: Rec): { file: string; ctx: AzmlContext; source: SourceRef; keys: ReadonlySet<string> } {
    return { file: this.ctx.file, ctx: this.ctx, source: this.source(obj), keys: new Set(Object.keys(obj)) };
  }

  protected common(obj: Rec, draft: { description?: string; tags?: Record<string, string> }): void {
    const description = this.ctx.text(obj, 'description', []);
    if (description !== undefined) draft.description = description;
    const tags = this.ctx.tags(obj, []);
    if (tags !== undefined) draft.tags = tags;
  }

  /** Warns once about a `<PLACEHOLDER>` left in a name or id; the value is kept as written. */
  protected placeholderWarning(value: string, path: Path): void {
    const marker = placeholderIn(value);
    if (marker !== undefined)
      this.ctx.warn(
        path,
        `${quote(marker)} looks like a placeholder that was never filled in; the value is kept as written`,
      );
  }

  /** The document's `name`, required for everything that becomes an entity. */
  protected name(obj: Rec, what: string, fallback?: string): string | undefined {
    const name = this.ctx.str(obj, 'name', []);
    if (name === undefined || name.trim() === '') {
      if (fallback !== undefined) return fallback;
      if (this.ctx.onPlaceholderLine(['name']))
        this.ctx.warn(['name'], `the ${what} is left out: its \`name\` is an unfilled template placeholder`);
      else this.ctx.error(['name'], `missing \`name\`: a ${what} needs one to be told apart from others`);
      return undefined;
    }
    if (name.includes('/')) {
      this.ctx.error(['name'], `a name cannot contain \`/\`, found ${quote(name)}`);
      return undefined;
    }
    this.placeholderWarning(name, ['name']);
    return name.trim();
  }

  /** The subscription and group a workspace document lives in: its `id`, `resource_group`, the defaults, placeholders. */
  protected workspaceScope(obj: Rec): { subscriptionId: string; resourceGroup: string; known: boolean } {
    const group = this.ctx.str(obj, 'resource_group', []) ?? this.ctx.str(obj, 'resourceGroup', []);
    const subscription = this.defaults.subscriptionId;
    const resourceGroup = group ?? this.defaults.resourceGroup;
    return {
      subscriptionId: subscription ?? PLACEHOLDER_SUBSCRIPTION,
      resourceGroup: resourceGroup ?? PLACEHOLDER_RESOURCE_GROUP,
      known: subscription !== undefined && resourceGroup !== undefined,
    };
  }

  /** The workspace a child names through its own `id` (show output), checked against `name`. */
  protected childId(obj: Rec, expected: ChildRef['kind']): ChildRef | undefined {
    const id = this.ctx.str(obj, 'id', []);
    if (id === undefined) return undefined;
    const child = parseChildId(id);
    if (!child || child.kind !== expected) {
      this.ctx.warn(
        ['id'],
        `\`id\` is not the ARM id of a ${KIND_LABELS[expected]} (${quote(id, 120)}); it is ignored and the workspace is found as for a file without \`id\``,
      );
      return undefined;
    }
    this.placeholderWarning(id, ['id']);
    return child;
  }

  protected publicNetworkAccess(obj: Rec): 'Enabled' | 'Disabled' {
    return this.ctx.oneOf(obj, 'public_network_access', [], ['Enabled', 'Disabled'] as const) ?? 'Enabled';
  }

  /** A GUID field, lower-cased; anything else is warned about and left out. */
  protected guid(obj: Rec, key: string, path: Path): string | undefined {
    const value = this.ctx.str(obj, key, path);
    if (value === undefined) return undefined;
    if (!isGuid(value.trim())) {
      if (placeholderIn(value) === undefined && !/^x{8}-/i.test(value.trim()))
        this.ctx.warn(
          [...path, key],
          `expected a GUID for \`${key}\`, found ${quote(value)}; it is left out`,
        );
      return undefined;
    }
    return value.trim().toLowerCase();
  }

  /**
   * A top-level resource reference: an ARM id of `kind`, or (leniently) a bare name, placed later in the owner's
   * resource group. An ARM id of another type is an error.
   */
  protected resourceRef(
    obj: Rec,
    key: string,
    path: Path,
    kind: TopLevelResourceKind,
  ): ResourceRef | undefined {
    const value = this.ctx.str(obj, key, path, { what: `the ARM id of a ${KIND_LABELS[kind]}` });
    if (value === undefined || value.trim() === '') return undefined;
    const at = [...path, key];
    const parsed = parseResourceId(kind, value);
    if ('armId' in parsed) {
      this.placeholderWarning(value, at);
      return { by: 'armId', ref: parsed, path: at };
    }
    // A resource name never holds a `/` (it would be a further id segment), so such text is neither an id nor a name.
    if (parsed.problem === 'other-type' || looksLikeArmId(value) || value.includes('/')) {
      this.ctx.error(
        at,
        `expected the ARM id of a ${KIND_LABELS[kind]} (\`.../providers/${RESOURCE_TYPES[kind]}/<name>\`), found ${quote(value, 120)}`,
      );
      return undefined;
    }
    this.ctx.warn(
      at,
      `${quote(value)} is not an ARM id; it is taken as the name of a ${KIND_LABELS[kind]} in the same resource group`,
    );
    return { by: 'name', name: value.trim(), path: at };
  }

  /** One user-assigned identity mention: its ARM id as text, or `{resource_id, client_id, principal_id}`. */
  protected uaiMention(raw: unknown, path: Path): UaiMention | undefined {
    if (typeof raw === 'object' && raw !== null && !Array.isArray(raw)) {
      const obj = raw as Rec;
      const key = ['resource_id', 'id', 'msi_resource_id', 'name'].find(
        (k) => obj[k] !== undefined && obj[k] !== null,
      );
      const clientId = this.guid(obj, 'client_id', path);
      const principalId = this.guid(obj, 'principal_id', path);
      let mention: UaiMention | undefined;
      if (key !== undefined) {
        const text = obj[key];
        if (typeof text !== 'string' || text.trim() === '') {
          this.ctx.error(
            [...path, key],
            `expected the ARM id of a user-assigned identity, found ${describeFound(text)}`,
          );
          return undefined;
        }
        mention = this.uaiText(text, [...path, key]);
      } else if (clientId !== undefined) {
        mention = { ref: { by: 'clientId', value: clientId }, path };
      } else {
        this.ctx.error(
          path,
          'this user-assigned identity entry has no `resource_id`; say which identity it is',
        );
        return undefined;
      }
      if (mention && clientId !== undefined) mention.clientId = clientId;
      if (mention && principalId !== undefined) mention.principalId = principalId;
      return mention;
    }
    if (typeof raw !== 'string' || raw.trim() === '') {
      this.ctx.error(path, `expected the ARM id of a user-assigned identity, found ${describeFound(raw)}`);
      return undefined;
    }
    return this.uaiText(raw, path);
  }

  protected uaiText(text: string, at: Path): UaiMention | undefined {
    const parsed = parseResourceId('userAssignedIdentity', text);
    if ('armId' in parsed) {
      this.placeholderWarning(text, at);
      return { ref: { by: 'armId', ref: parsed }, path: at };
    }
    // A name has no `/` (Azure allows letters, digits, `-` and `_`): text with one is a broken id, not a name.
    if (parsed.problem === 'other-type' || looksLikeArmId(text) || text.includes('/')) {
      this.ctx.error(
        at,
        `expected the ARM id of a user-assigned identity (\`.../providers/Microsoft.ManagedIdentity/userAssignedIdentities/<name>\`), found ${quote(text, 120)}`,
      );
      return undefined;
    }
    this.ctx.warn(
      at,
      `${quote(text)} is not an ARM id; it is taken as the name of a user-assigned identity in the owner's resource group`,
    );
    return { ref: { by: 'name', name: text.trim() }, path: at };
  }

  /** `identity:` of a workspace, compute or endpoint, in the YAML and the show-output shapes. */
  protected identity(raw: unknown, path: Path, defaultSystem: boolean): IdentityDraft {
    if (raw === undefined || raw === null) return { system: defaultSystem, userAssigned: [] };
    let obj: Rec | undefined;
    let type: unknown;
    if (typeof raw === 'string') type = raw;
    else {
      obj = this.ctx.map(raw, path, 'an identity mapping (`type`, `user_assigned_identities`)');
      if (!obj) return { system: defaultSystem, userAssigned: [] };
      type = obj.type;
    }
    const userAssigned: UaiMention[] = [];
    const listed = obj?.user_assigned_identities;
    const listPath = [...path, 'user_assigned_identities'];
    if (Array.isArray(listed)) {
      listed.forEach((item, index) => {
        const mention = this.uaiMention(item, [...listPath, index]);
        if (mention) userAssigned.push(mention);
      });
    } else if (typeof listed === 'object' && listed !== null) {
      // The workspace spelling: a mapping from ARM id to `{client_id, principal_id}` (or `{}`).
      for (const [key, value] of Object.entries(listed as Rec)) {
        const mention = this.uaiText(key, [...listPath, key]);
        if (!mention) continue;
        if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
          const details = value as Rec;
          const clientId = this.guid(details, 'client_id', [...listPath, key]);
          if (clientId !== undefined) mention.clientId = clientId;
          const principalId = this.guid(details, 'principal_id', [...listPath, key]);
          if (principalId !== undefined) mention.principalId = principalId;
        }
        userAssigned.push(mention);
      }
    } else if (listed !== undefined && listed !== null) {
      this.ctx.error(listPath, `expected a list of user-assigned identities, found ${describeFound(listed)}`);
    }
    let parsed: { system: boolean; user: boolean } | undefined;
    const typePath = obj ? [...path, 'type'] : path;
    if (type === undefined || type === null) {
      parsed =
        userAssigned.length > 0 ? { system: false, user: true } : { system: defaultSystem, user: false };
    } else parsed = readIdentityType(this.ctx, type, typePath);
    if (!parsed) return { system: defaultSystem, userAssigned: [] };
    if (parsed.user && userAssigned.length === 0 && listed === undefined)
      this.ctx.warn(
        typePath,
        'the type includes `user_assigned` but `user_assigned_identities` lists none, so no user-assigned identity is recorded',
      );
    if (!parsed.user && userAssigned.length > 0)
      this.ctx.warn(
        listPath,
        `\`user_assigned_identities\` is ignored: the identity type is ${quote(type)}`,
        { target: 'key' },
      );
    const identity: IdentityDraft = { system: parsed.system, userAssigned: parsed.user ? userAssigned : [] };
    if (obj && parsed.system) {
      const principalId = this.guid(obj, 'principal_id', path);
      if (principalId !== undefined) identity.principalId = principalId;
    }
    if (obj) {
      const tenantId = this.guid(obj, 'tenant_id', path);
      if (tenantId !== undefined) identity.tenantId = tenantId;
    }
    return identity;
  }

  protected computeRef(raw: unknown, path: Path): ComputeRefDraft | undefined {
    if (raw === undefined || raw === null) return undefined;
    if (typeof raw !== 'string') {
      this.ctx.error(
        path,
        `expected a compute name (\`azureml:<name>\`), \`serverless\`, \`local\` or an ARM id, found ${describeFound(raw)}`,
      );
      return undefined;
    }
    // Bare `local` is az ml's local run (`azureml:local` would name a compute called local).
    if (raw.trim().toLowerCase() === 'local') return { by: 'local', path };
    const text = stripAzureMl(raw.trim());
    if (text === '') return undefined;
    if (text.toLowerCase() === 'serverless') return { by: 'serverless', path };
    if (text.startsWith('/')) {
      const child = parseChildId(text);
      if (!child || child.kind !== 'compute') {
        this.ctx.error(
          path,
          `expected the ARM id of an Azure ML compute (\`<workspace id>/computes/<name>\`), found ${quote(text, 120)}`,
        );
        return undefined;
      }
      return { by: 'armId', child, path };
    }
    this.placeholderWarning(text, path);
    return { by: 'name', name: text, path };
  }
}
