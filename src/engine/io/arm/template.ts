import { parameterValuesWouldTell, parametersOfExpression } from '../../model/compute-kinds';
import { entityId, isGuid, roleIdFrom, type EntityId } from '../../model/ids';
import type { RoleAssignment } from '../../model/types';
import { ReadContext, type Path } from '../core/context';
import {
  ARM_TEMPLATE_PLACEHOLDER_RESOURCE_GROUP,
  ARM_TEMPLATE_PLACEHOLDER_SUBSCRIPTION,
  defaultRoleAssignmentId,
  roleAssignmentArmId,
} from '../core/naming';
import { parseDocuments, quote, type ParseResult } from '../core/source';
import {
  Evaluator,
  isExpression,
  placeholderText,
  Symbolic,
  type ExpressionScope,
} from './expressions';
import { FragmentBuilder, MemberLoc } from '../core/fragment';
import { failedReading, guarded, type ArmParameterInput, type DeploymentTarget, type ReaderResult } from '../core/reader';
import { bindArmParameters } from './parameters';
import { assignmentSuffixAt, endsAsAssignment, pathOf, pathOfName, providerId, resourceGroupIdOf, withoutTrailingSlashes } from './resource-ids';
import { canonicalArmId, kindOfArmId, parseArmId } from '../core/azure/ids';
import { assignmentPrincipal } from '../core/azure/rbac';
import { mapArmResource } from '../core/azure/resources';
import { isRec, membersBefore, Obj } from '../core/azure/values';

/**
 * Reads a compiled ARM template (`az bicep build` output, or a hand-written template) as a *design*: its
 * resources become entities and its role assignments are `planned`. Expressions are evaluated as far as they
 * can be offline (see expressions.ts); a part that cannot be known is kept as a placeholder (`<name>`) and
 * reported where it is written. Bicep modules (nested deployments) are read with their parameters bound.
 */

/** Options for {@link readArmTemplate}. */
export interface ArmTemplateOptions {
  /** Where the template is deployed; the template itself does not say. */
  deployment?: DeploymentTarget;
  /** Parameter values, as a parameters file would give them (`{ name: value }`). */
  parameters?: Record<string, unknown>;
  /** Parameters files and `name=value` parameters, applied in order over {@link parameters} (see parameters.ts). */
  parameterInputs?: readonly ArmParameterInput[];
}

/** Stand-ins for the deployment target when the caller gives none. */
const PLACEHOLDER_SUBSCRIPTION = ARM_TEMPLATE_PLACEHOLDER_SUBSCRIPTION;
const PLACEHOLDER_RESOURCE_GROUP = ARM_TEMPLATE_PLACEHOLDER_RESOURCE_GROUP;

const QUIET_FIELDS = new Set(['location', 'tenantId']);
/** The members of a resource the mapping reads, besides its id, type and name. */
const MAPPED_FIELDS = ['kind', 'location', 'tags', 'identity', 'properties', 'sku'] as const;

/**
 * The warning for a compute's `computeType` written with an expression the reader cannot evaluate: the compute is
 * then of unknown kind (see resources.ts), so the warning says so and what would tell, rather than "left unset".
 */
function unknownComputeTypeWarning(expression: string, computeName: string): string {
  const given = parameterValuesWouldTell(parametersOfExpression(expression));
  return `${quote(expression, 100)} cannot be worked out offline, so compute \`${computeName}\` is of unknown kind (not read as a cluster: no cluster or instance rule judges it, and paths through it are unconfirmed); ${given}\`az ml compute show -n ${computeName} -o json\` would tell`;
}

type TemplateScope = 'resourceGroup' | 'subscription' | 'managementGroup' | 'tenant';

interface Target {
  subscriptionId: string;
  resourceGroup: string;
  location?: string;
  /** The stand-ins among the above, when the caller did not give them (see ExpressionScope.standIns). */
  standIns?: readonly string[];
}

/** One iteration of a copy loop: the loop's name and the index `copyIndex()` answers. */
interface CopyBinding {
  name: string;
  index: number;
}

/** A resource as the template lists it, once per copy iteration, with its parent for child resources. */
interface Entry {
  key: string | number;
  resource: Record<string, unknown>;
  path: Path;
  parent: Entry | undefined;
  copy: CopyBinding | undefined;
  /**
   * Its type and id, set by the first pass when it is deployed (undefined while its condition is false): kept on
   * the entry rather than in a map and a set beside the entries, which a large template fills by the thousand.
   */
  identity?: Identity;
}

/** A resource's type and canonical id (none for a module or a name that does not fit the type). */
interface Identity {
  type: string;
  id: string | undefined;
  /** A nested deployment (Bicep module): read as a template, not as an entity. */
  module: boolean;
}

interface Module {
  evaluator: Evaluator;
  template: Record<string, unknown>;
  path: Path;
}

class TemplateReader {
  readonly b: FragmentBuilder;
  readonly ctx: ReadContext;
  /** Every evaluator made, the template's and its modules', for reporting their placeholders at the end. */
  readonly evaluators: Evaluator[] = [];
  private readonly reported = new Set<string>();

  constructor(
    readonly file: string,
    ctx: ReadContext,
  ) {
    this.b = new FragmentBuilder(file, 'planned');
    this.b.nullIsUnknown = true;
    this.ctx = ctx;
    this.b.use(ctx);
  }

  read(
    template: Record<string, unknown>,
    path: Path,
    target: Target,
    scope: TemplateScope,
    bound: Record<string, unknown> | undefined,
    outer?: ExpressionScope,
  ): Evaluator {
    const parameters = isRec(template.parameters) ? template.parameters : {};
    const variables = isRec(template.variables) ? template.variables : {};
    const variableCache = new Map<string, unknown>();
    const computing = new Set<string>();
    const modules = new Map<string, Module>();
    const outputValues = new Map<Module, Record<string, unknown>>();
    const symbolicIds = new Map<string, string>();
    const self: { evaluator?: Evaluator } = {};
    const expressionScope: ExpressionScope = outer ?? {
      subscriptionId: target.subscriptionId,
      resourceGroup: target.resourceGroup,
      ...(target.location !== undefined ? { location: target.location } : {}),
      ...(target.standIns !== undefined ? { standIns: target.standIns } : {}),
      parameter: (name) => {
        if (bound && name in bound) return bound[name];
        const declared = parameters[name];
        if (isRec(declared) && declared.defaultValue !== undefined)
          return self.evaluator?.value(declared.defaultValue, [...path, 'parameters', name, 'defaultValue']);
        // A nullable parameter left out is null, as Azure deploys it (Bicep's `param x string?`).
        if (isRec(declared) && declared.nullable === true) return null;
        if (!isRec(declared) && !this.reported.has(`param:${path.join('/')}:${name}`)) {
          this.reported.add(`param:${path.join('/')}:${name}`);
          this.ctx.warn(
            [...path, 'parameters'],
            `the template uses parameter \`${name}\`, which it does not declare`,
          );
        }
        return new Symbolic(`parameters('${name}')`);
      },
      variable: (name) => {
        if (variableCache.has(name)) return variableCache.get(name);
        const loops = Array.isArray(variables.copy) ? variables.copy : [];
        const loop = loops.findIndex((l) => isRec(l) && l.name === name);
        if (loop >= 0 && !(name in variables)) {
          const expanded = self.evaluator?.value({ copy: [loops[loop]] }, [...path, 'variables']);
          const value = isRec(expanded) ? expanded[name] : undefined;
          variableCache.set(name, value);
          return value;
        }
        if (computing.has(name) || !(name in variables)) return new Symbolic(`variables('${name}')`);
        computing.add(name);
        const raw = variables[name];
        const value =
          isRec(raw) && 'copy' in raw && Object.keys(raw).length === 1
            ? new Symbolic(`variables('${name}')`)
            : self.evaluator?.value(raw, [...path, 'variables', name]);
        computing.delete(name);
        variableCache.set(name, value);
        return value;
      },
      moduleOutput: (name) => {
        const module = modules.get(name);
        const outputs = module && isRec(module.template.outputs) ? module.template.outputs : undefined;
        if (!module || !outputs) return undefined;
        // A module read is complete and its parameters bound, so its outputs are the same at every reference
        // (compiled Bicep refers to a network module's outputs a dozen times): evaluated once.
        let values = outputValues.get(module);
        if (values === undefined) {
          values = Object.fromEntries(
            Object.entries(outputs).map(([key, out]) => [
              key,
              isRec(out)
                ? module.evaluator.value(out.value, [...module.path, 'outputs', key, 'value'])
                : undefined,
            ]),
          );
          outputValues.set(module, values);
        }
        return values;
      },
    };
    const evaluator = new Evaluator(expressionScope);
    self.evaluator = evaluator;
    this.evaluators.push(evaluator);

    const entries: Entry[] = [];
    // Resources are listed (compiled Bicep) or keyed by symbolic name (language version 2.0); read in place,
    // without a list of pairs made for every template and module.
    const collectOne = (key: string | number, resource: unknown, listPath: Path, parent: Entry | undefined) => {
      if (!isRec(resource)) return;
      const resourcePath = listPath.concat(key);
      for (const copy of this.iterations(evaluator, resource, resourcePath, parent?.copy)) {
        const entry: Entry = { key, resource, path: resourcePath, parent, copy, identity: undefined };
        entries.push(entry);
        if (Array.isArray(resource.resources)) collect(resource.resources, resourcePath.concat('resources'), entry);
      }
    };
    const collect = (list: unknown, listPath: Path, parent: Entry | undefined): void => {
      if (Array.isArray(list)) for (let i = 0; i < list.length; i++) collectOne(i, list[i], listPath, parent);
      else if (isRec(list)) for (const key of Object.keys(list)) collectOne(key, list[key], listPath, parent);
    };
    collect(template.resources, [...path, 'resources'], undefined);

    // First pass: conditions, then ids, so that symbolic names and module outputs resolve whatever the order. A
    // resource or module whose condition is false is not deployed: it is neither read nor named (its name may be
    // empty then, which is no error), as Azure skips it.
    // Each entry is evaluated as its copy iteration (entered and left around it, without a closure per entry).
    for (const entry of entries) {
      const { key, resource, path: resourcePath } = entry;
      if (entry.parent && entry.parent.identity === undefined) continue;
      if (entry.copy) evaluator.enterCopy(entry.copy);
      try {
        const condition = this.condition(evaluator, resource, resourcePath);
        if (condition === false) continue;
        const identity = this.resourceId(evaluator, resource, resourcePath, entry.parent, target, scope);
        entry.identity = identity;
        if (typeof key === 'string' && identity.id !== undefined && !entry.copy) symbolicIds.set(key, identity.id);
        if (identity.module) {
          const module = this.module(evaluator, expressionScope, resource, resourcePath, target, scope);
          if (module) modules.set(module.name, module);
        }
      } finally {
        if (entry.copy) evaluator.leaveCopy();
      }
    }
    const resolveTarget = (value: unknown): string | undefined => {
      if (typeof value !== 'string') return undefined;
      if (value.startsWith('/')) return value;
      return symbolicIds.get(value);
    };

    // Second pass: entities.
    for (const entry of entries) {
      const identity = entry.identity;
      if (!identity || identity.module) continue;
      if (entry.resource.existing === true || identity.id === undefined) continue;
      if (entry.copy) evaluator.enterCopy(entry.copy);
      try {
        this.entity(evaluator, entry, identity as { type: string; id: string }, resolveTarget);
      } finally {
        if (entry.copy) evaluator.leaveCopy();
      }
    }
    return evaluator;
  }

  /**
   * The iterations a resource stands for: one without a copy loop, `count` with one (none for a zero count), and
   * none when the count cannot be known offline (reported: inventing one item would be a guess).
   */
  private iterations(
    evaluator: Evaluator,
    resource: Record<string, unknown>,
    resourcePath: Path,
    outer: CopyBinding | undefined,
  ): (CopyBinding | undefined)[] {
    if (!isRec(resource.copy)) return [outer];
    const name = typeof resource.copy.name === 'string' ? resource.copy.name : '';
    const count = outer
      ? evaluator.inCopy(outer.name, outer.index, () =>
          evaluator.copyCount((resource.copy as Record<string, unknown>).count, [...resourcePath, 'copy', 'count']),
        )
      : evaluator.copyCount(resource.copy.count, [...resourcePath, 'copy', 'count']);
    if (count === undefined) {
      this.report(
        [...resourcePath, 'copy', 'count'],
        `the number of copies of ${quote(String(resource.type ?? ''))} cannot be worked out offline, so its copies are left out`,
      );
      return [];
    }
    // A plain loop: Array.from with a callback cost more than the rest of this for the copies of every module.
    const bindings: CopyBinding[] = new Array(count);
    for (let index = 0; index < count; index++) bindings[index] = { name, index };
    return bindings;
  }

  /** A resource's condition: true when it has none, false or true when known, undefined (reported) when not. */
  private condition(evaluator: Evaluator, resource: Record<string, unknown>, resourcePath: Path): boolean | undefined {
    if (resource.condition === undefined) return true;
    resourcePath.push('condition');
    const condition = evaluator.value(resource.condition, resourcePath);
    resourcePath.pop();
    if (typeof condition === 'boolean') {
      if (!condition)
        this.b.skip(
          String(resource.type ?? ''),
          `${String(resource.type ?? '')} deployed only when its condition holds, which it does not here`,
          { ctx: this.ctx, path: resourcePath },
        );
      return condition;
    }
    this.report(
      [...resourcePath, 'condition'],
      'this resource is deployed only when its condition holds, which cannot be worked out offline; it is read as if it were deployed',
    );
    return undefined;
  }

  /**
   * A nested deployment (Bicep module) read with its parameters bound: each parameter as `{ "value": ... }`, as
   * one expression (`[if(c, createObject('value', x), ...)]`, Bicep's conditional parameters), or the whole
   * `parameters` object as one expression. A parameter whose value cannot be known stays unknown.
   */
  private module(
    evaluator: Evaluator,
    outerScope: ExpressionScope,
    resource: Record<string, unknown>,
    resourcePath: Path,
    target: Target,
    scope: TemplateScope,
  ): (Module & { name: string }) | undefined {
    const props = isRec(resource.properties) ? resource.properties : {};
    const inner = isRec(props.template) ? props.template : undefined;
    const name = evaluator.asText(evaluator.value(resource.name, [...resourcePath, 'name']), [
      ...resourcePath,
      'name',
    ]);
    if (!inner) {
      this.b.skip('module', `nested deployment \`${name}\` links a template by URI, which is not read`, {
        ctx: this.ctx,
        path: resourcePath,
      });
      return undefined;
    }
    const innerScope =
      isRec(props.expressionEvaluationOptions) &&
      String(props.expressionEvaluationOptions.scope).toLowerCase() === 'inner';
    const parametersPath = [...resourcePath, 'properties', 'parameters'];
    const given = evaluator.value(props.parameters, parametersPath);
    const values: Record<string, unknown> = {};
    if (isRec(given))
      for (const [k, v] of Object.entries(given))
        values[k] = isRec(v) && 'value' in v ? v.value : new Symbolic(`parameters for module '${name}'.${k}`);
    else if (given instanceof Symbolic) {
      const declared = isRec(inner.parameters) ? Object.keys(inner.parameters) : [];
      for (const k of declared) values[k] = new Symbolic(`${given.text}.${k}.value`);
    }
    const innerTarget = { ...target };
    const rg =
      resource.resourceGroup !== undefined
        ? evaluator.value(resource.resourceGroup, [...resourcePath, 'resourceGroup'])
        : undefined;
    if (typeof rg === 'string') innerTarget.resourceGroup = rg;
    const sub =
      resource.subscriptionId !== undefined
        ? evaluator.value(resource.subscriptionId, [...resourcePath, 'subscriptionId'])
        : undefined;
    if (typeof sub === 'string') innerTarget.subscriptionId = sub;
    const innerPath = [...resourcePath, 'properties', 'template'];
    return {
      name,
      evaluator: this.read(
        inner,
        innerPath,
        innerTarget,
        scope,
        innerScope ? values : undefined,
        innerScope ? undefined : outerScope,
      ),
      template: inner,
      path: innerPath,
    };
  }

  /** One deployed resource (not a module) as an entity or a role assignment. */
  private entity(
    evaluator: Evaluator,
    entry: Entry,
    identity: { type: string; id: string },
    resolveTarget: (value: unknown) => string | undefined,
  ): void {
    const { resource, path: resourcePath } = entry;
    const at = { ctx: this.ctx, path: resourcePath };
    {
      if (/\/roleassignments$/i.test(identity.type)) {
        this.roleAssignment(evaluator, resource, resourcePath, identity.id, resolveTarget);
        return;
      }
      const names = parseArmId(identity.id)?.names;
      const evaluated: Record<string, unknown> & { name: string } = {
        id: identity.id,
        type: identity.type,
        name: names?.[names.length - 1] ?? '',
      };
      for (const k of MAPPED_FIELDS) {
        if (resource[k] === undefined) continue;
        resourcePath.push(k);
        evaluated[k] = evaluator.value(resource[k], resourcePath);
        resourcePath.pop();
      }
      const clean = settleUnknowns(evaluated, resourcePath, (symbolic, where) => {
        this.b.unknowable(where, symbolic.text);
        // Where a resource lives and its tenant do not bear on access; saying so for every resource is noise.
        if (!QUIET_FIELDS.has(String(where[where.length - 1])))
          this.report(
            where,
            /\/computes$/i.test(identity.type) && where.slice(-2).join('.') === 'properties.computeType'
              ? unknownComputeTypeWarning(symbolic.text, evaluated.name)
              : `${quote(symbolic.text, 100)} cannot be worked out offline, so this value is left unset`,
          );
      });
      if (
        !mapArmResource(
          this.b,
          new Obj(this.b, this.ctx, resourcePath, clean as Record<string, unknown>),
          'planned',
        )
      )
        this.b.skip(identity.type, `${identity.type} ${quote(evaluated.name)} (type not modelled)`, at);
    }
  }

  private report(path: Path, message: string): void {
    const key = `${path.join('/')}|${message}`;
    if (this.reported.has(key)) return;
    this.reported.add(key);
    this.ctx.warn(path, message);
  }

  /** Reports every placeholder an evaluator made, at the value it sits in. */
  reportUses(evaluator: Evaluator): void {
    // The message depends on the text alone, and a template repeats the same few unknowns at many places.
    const messages = new Map<string, string>();
    for (const use of evaluator.uses) {
      let message = messages.get(use.text);
      if (message === undefined) {
        message = useMessage(use.text);
        messages.set(use.text, message);
      }
      this.report(use.path, message);
    }
  }

  private resourceId(
    evaluator: Evaluator,
    resource: Record<string, unknown>,
    resourcePath: Path,
    parent: Entry | undefined,
    target: Target,
    scope: TemplateScope,
  ): Identity {
    let type = typeof resource.type === 'string' ? resource.type : '';
    // The entry's path extended in place and restored: this runs for every resource of every module.
    resourcePath.push('name');
    let name = evaluator.asText(evaluator.value(resource.name, resourcePath), resourcePath);
    resourcePath.pop();
    if (parent && !type.includes('/')) {
      const parentId = parent.identity;
      const parentType = typeof parent.resource.type === 'string' ? parent.resource.type : '';
      const parentName =
        parentId?.id !== undefined
          ? (parseArmId(parentId.id)?.names ?? []).join('/')
          : evaluator.asText(evaluator.value(parent.resource.name, []), []);
      type = `${parentType}/${type}`;
      name = `${parentName}/${name}`;
    }
    // Old-style extension resources: `Microsoft.Storage/storageAccounts/providers/roleAssignments`, name `st/Microsoft.Authorization/<guid>`.
    // The pattern (which backtracks over the whole type) only for a type that ends so.
    const lowerType = type.toLowerCase();
    const extension = lowerType.endsWith('/providers/roleassignments')
      ? /^(.+)\/providers\/(roleAssignments)$/i.exec(type)
      : null;
    const rgId = resourceGroupIdOf(target);
    if (extension) {
      const parts = name.split('/');
      const at = parts.findIndex((p) => /^microsoft\.authorization$/i.test(p));
      const ownerNames = at > 0 ? parts.slice(0, at) : parts.slice(0, -1);
      const owner = `${scopeBase(scope, target, rgId)}/providers/${pathOf(extension[1] ?? '', ownerNames) ?? ''}`;
      return {
        type: 'Microsoft.Authorization/roleAssignments',
        id: `${owner}/providers/Microsoft.Authorization/roleAssignments/${parts[parts.length - 1] ?? ''}`,
        module: false,
      };
    }
    if (lowerType === 'microsoft.resources/resourcegroups')
      return { type, id: `/subscriptions/${target.subscriptionId}/resourceGroups/${name}`, module: false };
    if (lowerType === 'microsoft.resources/deployments') return { type, id: undefined, module: true };
    let id: string | undefined;
    if (resource.scope !== undefined) {
      resourcePath.push('scope');
      const text = evaluator.asText(evaluator.value(resource.scope, resourcePath), resourcePath);
      resourcePath.pop();
      // A scope of its own (an extension resource: most role assignments) is a base met once: built and looked up
      // whole, rather than kept by a base that no other resource shares (see providerId).
      const base = text.startsWith('/') ? withoutTrailingSlashes(text) : `${rgId}/providers/${text}`;
      const path = pathOfName(type, name);
      id = path === undefined ? undefined : canonicalArmId(`${base}/providers/${path}`);
    } else id = providerId(scopeBase(scope, target, rgId), type, name, canonicalArmId);
    if (id === undefined) {
      this.report(
        [...resourcePath, 'name'],
        `the name ${quote(name)} does not fit the type ${quote(type)} (one name segment per type segment)`,
      );
      return { type, id: undefined, module: false };
    }
    return { type, id, module: false };
  }

  private roleAssignment(
    evaluator: Evaluator,
    resource: Record<string, unknown>,
    resourcePath: Path,
    id: string,
    resolveTarget: (value: unknown) => string | undefined,
  ): void {
    const b = this.b;
    const propsPath = resourcePath.concat('properties');
    const props = isRec(resource.properties) ? resource.properties : {};
    // Its path is made only where a principal is created or a field set there (see MemberLoc).
    const principalAt = new MemberLoc(this.ctx, propsPath, 'principalId');
    const typeText = propertyValue(evaluator, props, propsPath, 'principalType');
    const principalType = typeof typeText === 'string' ? PRINCIPAL_TYPES.get(typeText.toLowerCase()) : undefined;
    const roleValue = propertyValue(evaluator, props, propsPath, 'roleDefinitionId');
    const role =
      typeof roleValue === 'string' && !roleValue.includes('<') ? roleIdFrom(roleValue) : undefined;
    if (role === undefined) {
      this.report(
        [...propsPath, 'roleDefinitionId'],
        `the role ${quote(roleValue instanceof Symbolic ? roleValue.text : String(roleValue ?? ''), 100)} cannot be worked out offline, so this role assignment is left out`,
      );
      return;
    }
    const principalValue = propertyValue(evaluator, props, propsPath, 'principalId');
    let principal: EntityId | undefined;
    if (typeof principalValue === 'string' && isGuid(principalValue))
      principal = assignmentPrincipal(b, principalType, principalValue, undefined, principalAt);
    else if (principalValue instanceof Symbolic && principalValue.reference) {
      const { target, path } = principalValue.reference;
      const targetId = resolveTarget(target);
      const parsed = targetId !== undefined ? parseArmId(targetId) : undefined;
      const kind = parsed ? kindOfArmId(parsed) : undefined;
      const last = path.slice(-2).join('.');
      if (
        parsed &&
        kind === 'userAssignedIdentity' &&
        (path.join('.') === 'principalId' || path.join('.') === 'properties.principalId')
      )
        principal = b.resource('userAssignedIdentity', parsed.id, principalAt, { stub: true })?.id;
      else if (
        parsed &&
        (kind === 'workspace' || kind === 'compute' || kind === 'onlineEndpoint' || kind === 'aksCluster') &&
        last === 'identity.principalId'
      ) {
        const owner = b.resource(kind, parsed.id, principalAt, { stub: true });
        if (owner) principal = b.systemIdentity(owner, undefined, principalAt).id;
      }
    }
    if (principal === undefined && (principalValue === undefined || (typeof principalValue === 'string' && principalValue.trim() === ''))) {
      // No principal at all: Azure refuses such an assignment at deployment, and a placeholder with an empty
      // name would stand for nobody.
      this.report(
        [...propsPath, 'principalId'],
        `the principal is ${principalValue === undefined ? 'missing' : 'empty'}, so Azure would refuse this role assignment; it is left out`,
      );
      return;
    }
    if (principal === undefined && typeof principalValue !== 'string' && !(principalValue instanceof Symbolic)) {
      // A list, an object, a number or a boolean (a parameter default of the wrong type) names no principal.
      this.report(
        [...propsPath, 'principalId'],
        `the principal is ${quote(JSON.stringify(principalValue), 100)}, not an object id, so Azure would refuse this role assignment; it is left out`,
      );
      return;
    }
    if (principal === undefined) {
      const text = principalValue instanceof Symbolic ? principalValue.text : String(principalValue ?? '');
      const name = principalValue instanceof Symbolic ? placeholderText(text) : text;
      const kind =
        principalType === 'User'
          ? 'user'
          : principalType === 'Group' || principalType === 'ForeignGroup'
            ? 'group'
            : 'servicePrincipal';
      principal = b.principal(kind, { name }, principalAt, { stub: true }).id;
      this.report(
        [...propsPath, 'principalId'],
        `the principal ${quote(text, 100)} cannot be worked out offline; the assignment is kept for the placeholder principal \`${name}\``,
      );
    }
    const parsedId = parseArmId(id);
    // Canonical once: the assignment's id and scope both name it. The scope of an id already canonical is the
    // start of it, canonical as it stands (the same words, parsed the same way), so it is not parsed again.
    const suffixAt = assignmentSuffixAt(id);
    const scopeText = id.slice(0, suffixAt) || '/';
    const scope = suffixAt >= 0 && parsedId?.id === id ? scopeText : canonicalArmId(scopeText);
    const guid = parsedId?.names[parsedId.names.length - 1] ?? '';
    // A canonical id that is its scope, the assignment suffix and the GUID is the id made from them: kept as it is.
    const asBuilt = scope === scopeText && scope !== '/' && endsAsAssignment(id, suffixAt, guid);
    const assignmentId = isGuid(guid)
      ? entityId(asBuilt ? id : roleAssignmentArmId(scope, guid))
      : defaultRoleAssignmentId(principal, role, scope);
    const source = b.source({ ctx: this.ctx, path: resourcePath });
    // The principal type in the literal when there is one (the same members, in the same order, as setting it
    // after): an assignment then holds its members in itself rather than in a property store made for one more.
    const assignment: RoleAssignment =
      principalType !== undefined
        ? { id: assignmentId, principal, role, scope, origin: 'planned', source, principalType }
        : { id: assignmentId, principal, role, scope, origin: 'planned', source };
    const condition = propertyValue(evaluator, props, propsPath, 'condition');
    if (typeof condition === 'string') assignment.condition = condition;
    const conditionVersion = propertyValue(evaluator, props, propsPath, 'conditionVersion');
    if (typeof conditionVersion === 'string') assignment.conditionVersion = conditionVersion;
    const description = propertyValue(evaluator, props, propsPath, 'description');
    if (typeof description === 'string') assignment.description = description;
    b.roleAssignment(assignment, undefined);
  }
}

/** The id a template's resources sit under at its scope: its resource group, its subscription, or the root. */
function scopeBase(scope: TemplateScope, target: Target, resourceGroupId: string): string {
  return scope === 'resourceGroup'
    ? resourceGroupId
    : scope === 'subscription'
      ? `/subscriptions/${target.subscriptionId}`
      : '';
}

/** Member `key` of a resource's `properties` evaluated at its path (`propsPath` extended in place and restored). */
function propertyValue(evaluator: Evaluator, props: Record<string, unknown>, propsPath: Path, key: string): unknown {
  const raw = props[key];
  if (raw === undefined) return undefined;
  propsPath.push(key);
  const value = evaluator.value(raw, propsPath);
  propsPath.pop();
  return value;
}

/** The principal types a role assignment may name, by their lower-cased spelling. */
const PRINCIPAL_TYPES = new Map(
  (['User', 'Group', 'ServicePrincipal', 'ForeignGroup', 'Device'] as const).map((t) => [t.toLowerCase(), t]),
);

/** What {@link TemplateReader.reportUses} says of a placeholder, by the text of what it stands for. */
function useMessage(text: string): string {
  const parameter = /^parameters\('([^']*)'\)$/.exec(text);
  const secret = /^(keyVaultSecret|secureParameter)\('([^']*)'\)$/.exec(text);
  const placeholder = `\`${placeholderText(text)}\``;
  return parameter
    ? `parameter \`${parameter[1]}\` has no value and no default; it is kept as the placeholder ${placeholder}`
    : secret?.[1] === 'keyVaultSecret'
      ? `this value comes from the Key Vault secret \`${secret[2] ?? ''}\` of a parameters file, which is never read; it is kept as the placeholder ${placeholder}`
      : secret
        ? `secure parameter \`${secret[2] ?? ''}\` is not kept; it stands as the placeholder ${placeholder}`
        : /^uniqueString\(/i.test(text)
          ? // Computed whenever its arguments are known (expressions.ts), so the message says what it lacks.
            `${quote(text, 100)} hashes a value not known here (where the template is deployed, a parameter without a value, or a value Azure decides at deployment); it is kept as the placeholder ${placeholder}`
          : `${quote(text, 100)} cannot be worked out offline; it is kept as the placeholder ${placeholder}`;
}

/**
 * Turns an evaluated value into plain data for the mapping, in one pass: each value that cannot be known
 * ({@link Symbolic}, or an expression left as text) becomes null, and `found` hears of each symbolic one with its
 * path. The mapping's accessors read null as "no value", and a mapping that must tell "written but unknown" from
 * "not written" (where Azure has a default) sees the key. Unknown list items are dropped. An object or list with
 * nothing to settle is returned as it is (the evaluator shares the template's plain subtrees): a copy is made only
 * where something changes. `path` is a working stack (extended and restored as the walk descends); `found` gets a
 * copy.
 */
function settleUnknowns(
  value: unknown,
  path: (string | number)[],
  found: (symbolic: Symbolic, path: (string | number)[]) => void,
): unknown {
  if (value instanceof Symbolic) {
    found(value, [...path]);
    return null;
  }
  if (typeof value === 'string') return isExpression(value) ? null : value;
  if (Array.isArray(value)) {
    let out: unknown[] | undefined;
    for (let i = 0; i < value.length; i++) {
      const before: unknown = value[i];
      path.push(i);
      const item = settleUnknowns(before, path, found);
      path.pop();
      if (out === undefined && (item !== before || item === null)) out = value.slice(0, i);
      if (out !== undefined && item !== null) out.push(item);
    }
    return out ?? value;
  }
  if (isRec(value)) {
    let out: Record<string, unknown> | undefined;
    // for-in rather than Object.keys: no list of keys for each object of each resource (evaluated values are
    // plain objects, with nothing inherited to enumerate).
    let k = 0;
    for (const key in value) {
      const before = value[key];
      path.push(key);
      const item = settleUnknowns(before, path, found);
      path.pop();
      if (out === undefined && item !== before) out = membersBefore(value, k);
      if (out !== undefined) out[key] = item;
      k++;
    }
    return out ?? value;
  }
  return value;
}

function templateScope(schema: string): TemplateScope {
  if (/subscriptionDeploymentTemplate/i.test(schema)) return 'subscription';
  if (/managementGroupDeploymentTemplate/i.test(schema)) return 'managementGroup';
  if (/tenantDeploymentTemplate/i.test(schema)) return 'tenant';
  return 'resourceGroup';
}

/** Reads a compiled ARM template into an estate fragment of planned entities; never throws. */
export function readArmTemplate(text: string, file: string, options: ArmTemplateOptions = {}): ReaderResult {
  return guarded(file, 'the ARM template', () =>
    readArmTemplateDocuments(parseDocuments(text, file), file, options),
  );
}

/** {@link readArmTemplate} for text already parsed (readInputs parses each file once). */
export function readArmTemplateDocuments(
  parsed: ParseResult,
  file: string,
  options: ArmTemplateOptions = {},
): ReaderResult {
  return guarded(file, 'the ARM template', () => {
    if (parsed.diagnostics.some((d) => d.severity === 'error'))
      return { estate: undefined, diagnostics: parsed.diagnostics };
    const doc = parsed.docs[0];
    if (!doc || !isRec(doc.value))
      return failedReading(file, 'expected an ARM template: an object with `$schema` and `resources`', parsed.diagnostics);
    const ctx = new ReadContext(file, doc);
    const reader = new TemplateReader(file, ctx);
    const template = doc.value;
    const schema = typeof template.$schema === 'string' ? template.$schema : '';
    const deployment = options.deployment ?? {};
    const undeployed = deployment.subscriptionId === undefined || deployment.resourceGroup === undefined;
    if (undeployed) {
      ctx.report(
        'info',
        [],
        `a template does not say where it is deployed: its resources are placed in subscription ${deployment.subscriptionId ?? PLACEHOLDER_SUBSCRIPTION}, resource group \`${deployment.resourceGroup ?? PLACEHOLDER_RESOURCE_GROUP}\`. Give where it is deployed (the CLI's \`--deployment-target /subscriptions/<id>/resourceGroups/<name>\`, or the app's "Where are these templates deployed?") to place them there and merge them with exported resources`,
      );
    }
    const standIns = [
      ...(deployment.subscriptionId === undefined ? [PLACEHOLDER_SUBSCRIPTION] : []),
      ...(deployment.resourceGroup === undefined ? [PLACEHOLDER_RESOURCE_GROUP] : []),
    ];
    const target: Target = {
      subscriptionId: deployment.subscriptionId ?? PLACEHOLDER_SUBSCRIPTION,
      resourceGroup: deployment.resourceGroup ?? PLACEHOLDER_RESOURCE_GROUP,
      ...(deployment.location !== undefined ? { location: deployment.location } : {}),
      ...(standIns.length > 0 ? { standIns } : {}),
    };
    let parameters = options.parameters;
    if (options.parameterInputs !== undefined && options.parameterInputs.length > 0) {
      const bound = bindArmParameters(
        options.parameterInputs,
        isRec(template.parameters) ? template.parameters : {},
        file,
      );
      for (const diagnostic of bound.diagnostics) reader.b.note(diagnostic);
      parameters = { ...parameters, ...bound.values };
    }
    reader.read(template, [], target, templateScope(schema), parameters);
    for (const evaluator of reader.evaluators) reader.reportUses(evaluator);
    const result = reader.b.result(parsed.diagnostics);
    if (undeployed) result.undeployed = true;
    return result;
  });
}
