import type { Path, Rec } from '../core/context';
import { isRec } from '../core/azure/values';

/**
 * The resources of a `terraform show -json` document, plan or state, with what Terraform says about each
 * attribute: which values are known only after apply (`after_unknown`), which are sensitive (`sensitive_values`,
 * `after_sensitive`), and which other resources the configuration wires into them (`expressions.*.references`).
 * See https://developer.hashicorp.com/terraform/internals/json-format.
 */

/** Whether the document is a saved plan (what would exist) or state (what exists). */
export type TerraformMode = 'plan' | 'state';

/** One resource instance of the document. */
export interface TerraformResource {
  /** `module.net.azurerm_storage_account.main["a"]` */
  address: string;
  /** The address without the instance key, as the configuration names it: `module.net.azurerm_storage_account.main`. */
  configAddress: string;
  /** `module.net.` or '' for the root module. */
  modulePrefix: string;
  mode: 'managed' | 'data';
  type: string;
  name: string;
  /** The attribute values, with every sensitive value removed. */
  values: Rec;
  /** `after_unknown` for this instance (plan only): `true` leaves mark values known only after apply. */
  unknown: unknown;
  /** The configuration's expressions for this resource (plan only). */
  expressions: Rec | undefined;
  /** Where the resource's object is in the document. */
  path: Path;
}

/** Whether a top-level object is `terraform show -json` output. */
export function isTerraformJson(value: unknown): boolean {
  return (
    isRec(value) &&
    typeof value.format_version === 'string' &&
    ('terraform_version' in value ||
      'values' in value ||
      'planned_values' in value ||
      'resource_changes' in value)
  );
}

/** A document's mode: a plan has `planned_values` or `resource_changes`; anything else is state. */
export function terraformMode(doc: Rec): TerraformMode {
  return 'planned_values' in doc || 'resource_changes' in doc ? 'plan' : 'state';
}

/**
 * A copy of `values` without what `mask` marks sensitive. Terraform writes sensitive values in clear in the
 * JSON and marks them in a parallel structure (`true` for a sensitive leaf); nothing marked is kept.
 */
export function withoutSensitive(values: unknown, mask: unknown): unknown {
  if (mask === true) return undefined;
  if (Array.isArray(values))
    return values.map((item, i) => withoutSensitive(item, Array.isArray(mask) ? mask[i] : undefined));
  if (isRec(values)) {
    const out: Rec = {};
    for (const [key, value] of Object.entries(values)) {
      const sub = isRec(mask) ? mask[key] : undefined;
      if (sub === true) continue;
      out[key] = withoutSensitive(value, sub);
    }
    return out;
  }
  return values;
}

/** The part of a mask (an `after_unknown` structure) under a path of attribute names and list indexes. */
export function maskAt(mask: unknown, path: readonly (string | number)[]): unknown {
  let at = mask;
  for (const segment of path) {
    if (at === true) return true;
    if (typeof segment === 'number' ? !Array.isArray(at) : !isRec(at)) return undefined;
    at = (at as Record<string | number, unknown>)[segment];
  }
  return at;
}

/** The address of a resource without its instance key (`x.y["a"]` and `x.y[0]` are `x.y`). */
function withoutIndex(address: string): string {
  return address.replace(/\[[^\]]*\]$/, '');
}

/** Configuration expressions of every resource, keyed by `module.a.module.b.type.name` (data sources `data.`). */
function configExpressions(configuration: unknown): Map<string, Rec> {
  const out = new Map<string, Rec>();
  const walk = (module: unknown, prefix: string) => {
    if (!isRec(module)) return;
    for (const resource of Array.isArray(module.resources) ? module.resources : []) {
      if (!isRec(resource) || typeof resource.address !== 'string') continue;
      if (isRec(resource.expressions)) out.set(`${prefix}${resource.address}`, resource.expressions);
    }
    if (isRec(module.module_calls))
      for (const [name, call] of Object.entries(module.module_calls))
        if (isRec(call)) walk(call.module, `${prefix}module.${name}.`);
  };
  if (isRec(configuration)) walk(configuration.root_module, '');
  return out;
}

/** Every resource instance of the document, root module first, then child modules in order. */
export function terraformResources(doc: Rec, mode: TerraformMode): TerraformResource[] {
  const out: TerraformResource[] = [];
  const changes = new Map<string, Rec>();
  if (Array.isArray(doc.resource_changes))
    for (const change of doc.resource_changes)
      if (isRec(change) && typeof change.address === 'string' && isRec(change.change))
        changes.set(change.address, change.change);
  const expressions = configExpressions(doc.configuration);
  const walk = (module: unknown, path: Path) => {
    if (!isRec(module)) return;
    (Array.isArray(module.resources) ? module.resources : []).forEach((resource, i) => {
      if (!isRec(resource) || typeof resource.type !== 'string' || typeof resource.name !== 'string') return;
      const address =
        typeof resource.address === 'string'
          ? resource.address
          : `${resource.mode === 'data' ? 'data.' : ''}${resource.type}.${resource.name}`;
      const change = changes.get(address);
      const sensitive =
        mode === 'plan' ? (change?.after_sensitive ?? resource.sensitive_values) : resource.sensitive_values;
      const configAddress = withoutIndex(address);
      const modulePrefix = /^((?:module\.[^.]+(?:\[[^\]]*\])?\.)*)/.exec(address)?.[1] ?? '';
      out.push({
        address,
        configAddress,
        modulePrefix,
        mode: resource.mode === 'data' ? 'data' : 'managed',
        type: resource.type,
        name: resource.name,
        values:
          (withoutSensitive(isRec(resource.values) ? resource.values : {}, sensitive) as Rec | undefined) ??
          {},
        unknown: change?.after_unknown,
        // Module instance keys are not in the configuration's addresses.
        expressions: expressions.get(configAddress.replace(/\[[^\]]*\]\./g, '.')),
        path: [...path, 'resources', i],
      });
    });
    (Array.isArray(module.child_modules) ? module.child_modules : []).forEach((child, i) =>
      walk(child, [...path, 'child_modules', i]),
    );
  };
  if (mode === 'plan') {
    walk(isRec(doc.planned_values) ? doc.planned_values.root_module : undefined, [
      'planned_values',
      'root_module',
    ]);
    // Data sources read during planning are in the prior state, not in the planned values.
    const prior =
      isRec(doc.prior_state) && isRec(doc.prior_state.values) ? doc.prior_state.values : undefined;
    const before = out.length;
    if (prior) walk(prior.root_module, ['prior_state', 'values', 'root_module']);
    const planned = new Set(out.slice(0, before).map((r) => r.address));
    return out.filter((r, i) => i < before || (r.mode === 'data' && !planned.has(r.address)));
  }
  walk(isRec(doc.values) ? doc.values.root_module : undefined, ['values', 'root_module']);
  return out;
}

/**
 * The references of the configuration expression at `path` (an attribute, or one inside a block:
 * `identity, 0, identity_ids`), most specific first (`azurerm_storage_account.sa.id` before
 * `azurerm_storage_account.sa`), with the module prefix of the resource.
 */
export function referencesOf(resource: TerraformResource, ...path: (string | number)[]): string[] {
  const expression = maskAt(resource.expressions, path);
  const references =
    isRec(expression) && Array.isArray(expression.references)
      ? expression.references.filter((r): r is string => typeof r === 'string')
      : [];
  return references.map((r) => `${resource.modulePrefix}${r}`);
}
