import type { Analysis } from '../../analysis/analyze';
import { scopeKey, type EntityId } from '../../model/ids';
import { buildTopology, type Topology } from '../../model/topology';
import type { Estate } from '../../model/types';
import { createRoleCatalog } from '../../rbac/catalog';
import { commentText, planFixes, severitiesFrom, type PlannedPolicy, type SeverityThreshold } from './fix-plan';
import { apiVersionOf, describeGrant, scopeLabel, policiesByVault, principalSource, ruleIdsOf, DeclarationList, SymbolTable, type IacGrant, type Placement } from './iac';
import { TOOL } from './sarif';

export interface BicepOptions {
  /** Findings below this severity are left out. Default `warning`. */
  minSeverity?: SeverityThreshold;
}

/** One file of the Bicep output; `path` is relative to the folder of the main file. */
export interface BicepFile {
  path: string;
  text: string;
}

/** A Bicep string literal: quotes, backslashes, line breaks and `${` are escaped, so user text stays text. */
export function bicepString(value: string): string {
  const escaped = value
    .replace(/\\/g, '\\\\')
    .replace(/'/g, "\\'")
    .replace(/\$\{/g, () => '\\${')
    .replace(/\r/g, '\\r')
    .replace(/\n/g, '\\n')
    .replace(/\t/g, '\\t');
  return `'${escaped}'`;
}

interface ModuleInfo {
  target: Target;
  path: string;
  /** The parameters main.bicep passes to the module. */
  params: string[];
}

interface Target {
  /** `rg|<sub>|<rg>` or `sub|<sub>` or `mg|<mg>`: one Bicep file per target. */
  key: string;
  placement: Placement;
  grants: IacGrant[];
  policies: PlannedPolicy[];
}

/**
 * Writes the role assignments and key vault access policies that the findings ask for as Bicep.
 *
 * A Bicep file deploys to one scope, so the output is one module per resource group (`modules/<group>.bicep`,
 * `targetScope = 'resourceGroup'`) and per subscription for subscription-wide grants, and a `main.bicep` at
 * subscription scope that deploys every module with `scope: resourceGroup(<subscription>, <group>)`:
 * `az deployment sub create --location <region> --template-file main.bicep` applies everything at once, and any
 * module can also be deployed alone to its group. Grants at management-group scope go to their own file with
 * `targetScope = 'managementGroup'` that main.bicep cannot deploy (the header says how).
 *
 * Assignments are deduplicated by principal, role and scope; their names are `guid(scope, principal, role)` over
 * fixed strings, so deploying twice changes nothing. Object ids the estate does not give are read from the
 * identity resource (`existing`) or asked for as parameters of main.bicep.
 */
export function writeBicep(analysis: Analysis, estate: Estate, options: BicepOptions = {}): BicepFile[] {
  const threshold = options.minSeverity ?? 'warning';
  const topology = buildTopology(estate);
  const catalog = createRoleCatalog(estate.roleDefinitions);
  const plan = planFixes(analysis, threshold);

  const targets = new Map<string, Target>();
  const unplaced: string[] = [];
  const targetFor = (placement: Placement): Target | undefined => {
    const key =
      placement.level === 'resourceGroup'
        ? `rg|${placement.subscription ?? ''}|${placement.resourceGroup ?? ''}`.toLowerCase()
        : placement.level === 'subscription'
          ? `sub|${placement.subscription ?? ''}`.toLowerCase()
          : placement.level === 'managementGroup'
            ? `mg|${placement.managementGroup ?? ''}`.toLowerCase()
            : undefined;
    if (key === undefined) return undefined;
    let target = targets.get(key);
    if (!target) {
      target = { key, placement, grants: [], policies: [] };
      targets.set(key, target);
    }
    return target;
  };
  for (const grant of plan.grants) {
    const described = describeGrant(grant, topology, catalog);
    const target = targetFor(described.placement);
    if (target) target.grants.push(described);
    else unplaced.push(`${described.roleName} for ${described.principalName} on ${grant.scope} (${described.ruleIds}): the tenant root is not a Bicep deployment scope.`);
  }
  for (const [vaultId, policies] of policiesByVault(plan.policies)) {
    const vault = topology.getOfKind(vaultId, 'keyVault');
    const target = vault ? targetFor({ ...placementOfVault(vault.armId) }) : undefined;
    if (target) target.policies.push(...policies);
    else unplaced.push(`Access policy on key vault ${topology.nameOf(vaultId)} (${ruleIdsOf(policies.flatMap((p) => p.findings))}): the estate does not say where the vault is.`);
  }

  const params = new ParamTable(topology);
  const files = new Map<string, string>();
  const modules: ModuleInfo[] = [];
  const usedPaths = new Set<string>();
  const sorted = [...targets.values()].sort((a, b) => a.key.localeCompare(b.key));
  for (const target of sorted) {
    const path = uniquePath(modulePath(target.placement), usedPaths);
    const writer = new ModuleWriter(target, topology, params);
    files.set(path, writer.write(estate.name, path));
    modules.push({ target, path, params: [...writer.usedParams].sort() });
  }

  const main = writeMain(estate.name, threshold, plan.findings.length, modules, params, unplaced);
  return [{ path: 'main.bicep', text: main }, ...[...files.entries()].map(([path, text]) => ({ path, text }))];
}

function placementOfVault(armId: string): Placement {
  const match = /^\/subscriptions\/([^/]+)\/resourceGroups\/([^/]+)\//i.exec(armId);
  return match ? { level: 'resourceGroup', subscription: match[1] as string, resourceGroup: match[2] as string } : { level: 'tenant' };
}

function modulePath(placement: Placement): string {
  const safe = (s: string | undefined) => (s ?? 'unknown').replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^[.-]+/, '') || 'unnamed';
  if (placement.level === 'resourceGroup') return `modules/${safe(placement.resourceGroup)}.bicep`;
  if (placement.level === 'subscription') return `modules/subscription-${safe(placement.subscription)}.bicep`;
  return `management-group-${safe(placement.managementGroup)}.bicep`;
}

function uniquePath(path: string, used: Set<string>): string {
  let candidate = path;
  for (let n = 2; used.has(candidate.toLowerCase()); n++) candidate = path.replace(/\.bicep$/, `-${n}.bicep`);
  used.add(candidate.toLowerCase());
  return candidate;
}

/** Parameters for object ids nobody can read from a resource; shared by main.bicep and the modules that need them. */
class ParamTable {
  private readonly symbols = new SymbolTable();
  readonly declared = new Map<string, { name: string; description: string }>();

  constructor(private readonly topology: Topology) {}

  param(principal: EntityId): string {
    const name = this.symbols.symbol(principal, this.topology.nameOf(principal), 'object_id');
    if (!this.declared.has(name)) this.declared.set(name, { name, description: `Object id of ${this.topology.nameOf(principal)}` });
    return name;
  }
}

class ModuleWriter {
  private readonly symbols = new SymbolTable();
  private readonly declarations = new DeclarationList(this.symbols);
  readonly usedParams = new Set<string>();

  constructor(
    private readonly target: Target,
    private readonly topology: Topology,
    private readonly params: ParamTable,
  ) {}

  write(estateName: string, path: string): string {
    const body: string[] = [];
    for (const grant of this.target.grants) body.push(this.assignment(grant));
    const byVault = policiesByVault(this.target.policies);
    for (const [vault, policies] of byVault) body.push(this.policies(vault, policies));

    const placement = this.target.placement;
    const where =
      placement.level === 'resourceGroup'
        ? `resource group ${placement.resourceGroup ?? ''} (subscription ${placement.subscription ?? ''})`
        : placement.level === 'subscription'
          ? `subscription ${placement.subscription ?? ''}`
          : `management group ${placement.managementGroup ?? ''}`;
    const deploy =
      placement.level === 'resourceGroup'
        ? `az deployment group create --subscription ${placement.subscription ?? ''} --resource-group ${placement.resourceGroup ?? ''} --template-file ${path}`
        : placement.level === 'subscription'
          ? `az deployment sub create --subscription ${placement.subscription ?? ''} --location <region> --template-file ${path}`
          : `az deployment mg create --management-group-id ${placement.managementGroup ?? ''} --location <region> --template-file ${path}`;
    const lines = [
      `// Role assignments and access policies in ${commentText(where)} for the estate "${commentText(estateName)}".`,
      `// Generated by ${TOOL.name} ${TOOL.version}; ${placement.level === 'managementGroup' ? 'main.bicep cannot deploy it:' : 'main.bicep deploys it, or deploy it alone:'}`,
      `//   ${commentText(deploy)}`,
      `targetScope = '${placement.level}'`,
    ];
    const paramLines = [...this.usedParams].sort().map((name) => {
      const declared = this.params.declared.get(name);
      return `@description(${bicepString(declared?.description ?? name)})\nparam ${name} string`;
    });
    return `${[lines.join('\n'), ...paramLines, ...this.declarations.texts, ...body].join('\n\n')}\n`;
  }

  /**
   * The symbol of an `existing` resource, declared once per file whichever role it plays (the scope of an
   * assignment, the identity whose object id is read, the owner of a system-assigned identity). A resource in
   * the module's own group is declared without `scope`, as an assignment's `scope:` must be in the deployment.
   */
  private existing(resource: { type: string; name: string; subscription?: string; resourceGroup?: string }, hint: string): string {
    const placement = this.target.placement;
    const here =
      resource.resourceGroup === undefined ||
      ((resource.subscription ?? placement.subscription ?? '').toLowerCase() === (placement.subscription ?? '').toLowerCase() &&
        resource.resourceGroup.toLowerCase() === (placement.resourceGroup ?? '').toLowerCase());
    const key = `res|${resource.subscription ?? ''}|${resource.resourceGroup ?? ''}|${resource.type}|${resource.name}`.toLowerCase();
    const scope = here
      ? ''
      : resource.subscription
        ? `\n  scope: resourceGroup(${bicepString(resource.subscription)}, ${bicepString(resource.resourceGroup ?? '')})`
        : `\n  scope: resourceGroup(${bicepString(resource.resourceGroup ?? '')})`;
    return this.declarations.declare(key, (symbol) => `resource ${symbol} '${resource.type}@${apiVersionOf(resource.type)}' existing = {\n  name: ${bicepString(resource.name)}${scope}\n}`, hint);
  }

  private scopeSymbol(placement: Placement): string | undefined {
    if (!placement.resource) return undefined;
    const { type, name } = placement.resource;
    return this.existing(
      { type, name, ...(placement.subscription ? { subscription: placement.subscription } : {}), ...(placement.resourceGroup ? { resourceGroup: placement.resourceGroup } : {}) },
      name.split('/').pop() ?? name,
    );
  }

  private principalExpression(principal: EntityId): string {
    const source = principalSource(principal, this.topology);
    const where = (s: { subscription?: string; resourceGroup: string }) => ({ ...(s.subscription ? { subscription: s.subscription } : {}), resourceGroup: s.resourceGroup });
    switch (source.kind) {
      case 'literal':
        return bicepString(source.objectId);
      case 'user-assigned':
        return `${this.existing({ type: 'Microsoft.ManagedIdentity/userAssignedIdentities', name: source.entity.name, ...where(source) }, source.entity.name)}.properties.principalId`;
      case 'resource-identity':
        return `${this.existing({ type: source.type, name: source.name, ...where(source) }, source.owner.name)}.identity.principalId`;
      case 'directory':
      case 'unknown': {
        const name = this.params.param(principal);
        this.usedParams.add(name);
        return name;
      }
    }
  }

  private assignment(grant: IacGrant): string {
    const scope = this.scopeSymbol(grant.placement);
    const principal = this.principalExpression(grant.grant.principal);
    const symbol = this.symbols.symbol(`ra|${grant.grant.key}`, grant.roleName, grant.principalName, grant.placement.resource?.name.split('/').pop() ?? grant.placement.resourceGroup ?? grant.placement.subscription ?? 'scope');
    const name = `guid(${bicepString(scopeKey(grant.grant.scope))}, ${bicepString(grant.grant.principal)}, ${bicepString(grant.grant.role)})`;
    return [
      `// ${commentText(`${grant.roleName} for ${grant.principalName} on ${scopeLabel(grant.grant.scope, this.topology)} (${grant.ruleIds})`)}`,
      `resource ${symbol} 'Microsoft.Authorization/roleAssignments@2022-04-01' = {`,
      `  name: ${name}`,
      ...(scope ? [`  scope: ${scope}`] : []),
      '  properties: {',
      `    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', ${bicepString(grant.grant.role)})`,
      `    principalId: ${principal}`,
      `    principalType: '${grant.principalType}'`,
      `    description: ${bicepString(`${grant.ruleIds} (${TOOL.name})`)}`,
      '  }',
      '}',
    ].join('\n');
  }

  private policies(vaultId: EntityId, policies: readonly PlannedPolicy[]): string {
    const vault = this.topology.getOfKind(vaultId, 'keyVault');
    const vaultName = vault?.name ?? this.topology.nameOf(vaultId);
    const where = vault ? placementOfVault(vault.armId) : undefined;
    const vaultSymbol = this.existing(
      {
        type: 'Microsoft.KeyVault/vaults',
        name: vaultName,
        ...(where?.subscription ? { subscription: where.subscription } : {}),
        ...(where?.resourceGroup ? { resourceGroup: where.resourceGroup } : {}),
      },
      vaultName,
    );
    const entries = policies.map((policy) => {
      const permissions = [
        policy.keys.length > 0 ? `          keys: [\n${policy.keys.map((p) => `            ${bicepString(p)}`).join('\n')}\n          ]` : '',
        policy.secrets.length > 0 ? `          secrets: [\n${policy.secrets.map((p) => `            ${bicepString(p)}`).join('\n')}\n          ]` : '',
      ].filter((l) => l !== '');
      return [
        `      // ${commentText(`${this.topology.nameOf(policy.principal)} (${ruleIdsOf(policy.findings)})`)}`,
        '      {',
        '        tenantId: subscription().tenantId',
        `        objectId: ${this.principalExpression(policy.principal)}`,
        '        permissions: {',
        ...permissions,
        '        }',
        '      }',
      ].join('\n');
    });
    const symbol = this.symbols.symbol(`policies|${vaultId}`, vaultName, 'access_policies');
    return [
      `// ${commentText(`Access policies on key vault ${vaultName}; 'add' keeps the policies the vault already has.`)}`,
      `resource ${symbol} 'Microsoft.KeyVault/vaults/accessPolicies@${apiVersionOf('Microsoft.KeyVault/vaults')}' = {`,
      `  parent: ${vaultSymbol}`,
      "  name: 'add'",
      '  properties: {',
      '    accessPolicies: [',
      entries.join('\n'),
      '    ]',
      '  }',
      '}',
    ].join('\n');
  }
}

function writeMain(
  estateName: string,
  threshold: SeverityThreshold,
  findingCount: number,
  modules: readonly ModuleInfo[],
  params: ParamTable,
  unplaced: readonly string[],
): string {
  const deployable = modules.filter((m) => m.target.placement.level !== 'managementGroup');
  const separate = modules.filter((m) => m.target.placement.level === 'managementGroup');
  const header = [
    `// Role assignments and key vault access policies that the findings of "${commentText(estateName)}" ask for.`,
    `// Generated by ${TOOL.name} ${TOOL.version} (${TOOL.fullName}); findings included: ${severitiesFrom(threshold).join(', ')} (${findingCount} with a fix).`,
    '// A Bicep file targets one scope, so each resource group gets its own module under modules/; this file deploys',
    '// them all from subscription scope:',
    '//   az deployment sub create --location <region> --template-file main.bicep',
    ...(separate.length > 0 ? ['// Deploy these separately, at management group scope:', ...separate.map((m) => `//   ${commentText(m.path)}`)] : []),
    ...(unplaced.length > 0 ? ['// Not expressed here:', ...unplaced.map((u) => `//   ${commentText(u)}`)] : []),
    ...(modules.length === 0 && unplaced.length === 0 ? ['// Nothing to deploy: no finding at or above the threshold asks for a role assignment or an access policy.'] : []),
    "targetScope = 'subscription'",
  ].join('\n');
  const mainParams = new Set(deployable.flatMap((m) => m.params));
  const paramLines = [...params.declared.values()]
    .filter((p) => mainParams.has(p.name))
    .map((p) => `@description(${bicepString(p.description)})\nparam ${p.name} string`);
  const symbols = new SymbolTable();
  const moduleLines = deployable.map(({ target, path, params: needed }) => {
    const placement = target.placement;
    const scope =
      placement.level === 'resourceGroup'
        ? `resourceGroup(${bicepString(placement.subscription ?? '')}, ${bicepString(placement.resourceGroup ?? '')})`
        : `subscription(${bicepString(placement.subscription ?? '')})`;
    const stem = path.replace(/^modules\//, '').replace(/\.bicep$/, '');
    return [
      `module ${symbols.symbol(path, 'grants', stem)} ${bicepString(path)} = {`,
      `  name: ${bicepString(`aml-access-map-${stem}`.slice(0, 64))}`,
      `  scope: ${scope}`,
      ...(needed.length > 0 ? ['  params: {', ...needed.map((n) => `    ${n}: ${n}`), '  }'] : []),
      '}',
    ].join('\n');
  });
  return `${[header, ...paramLines, ...moduleLines].join('\n\n')}\n`;
}
