import type { Analysis } from '../../analysis/analyze';
import { armParts, principalReference, principalTypeOf, symbolName } from '../../fixes/render';
import { allEntities } from '../../model/estate';
import type { EntityId } from '../../model/ids';
import { buildTopology, type Topology } from '../../model/topology';
import type { Estate } from '../../model/types';
import { createRoleCatalog, type RoleCatalog } from '../../rbac/catalog';
import type { Finding, FixAction } from '../../rules/types';
import { actionKey, commentText, planFixes, severitiesFrom, type FixPlan, type PlannedPolicy, type SeverityThreshold } from './fix-plan';
import { filesRead, placeholders, shellUnits, shellWord } from './shell';
import { TOOL } from './sarif';

export interface AzScriptOptions {
  /** Findings below this severity are left out. Default `warning`: errors and warnings. */
  minSeverity?: SeverityThreshold;
}

/**
 * The phases of the script, in the order they must run:
 * 1. identities: commands that create identities or change which identity a resource runs as, because the
 *    object ids looked up next, and the role assignments after them, need those identities to exist;
 * 2. look-ups: the object ids of principals the estate does not know, each looked up once;
 * 3. grants: role assignments and key vault access policies, each made once however many findings ask;
 * 4. settings: other changes (az acr update, az ml workspace update, ...) ordered by the resource they change;
 * 5. manual: steps the tool cannot write as a command, as comments.
 */
type Phase = 'identities' | 'grants' | 'settings' | 'manual';

const PHASE_TITLES: Record<Phase | 'lookups', string> = {
  identities: '1. Identities (before anything looks them up or grants them roles)',
  lookups: '2. Object ids of principals the estate file does not give',
  grants: '3. Role assignments and key vault access policies',
  settings: '4. Setting changes, grouped by the resource they change',
  manual: '5. Steps to take by hand',
};

const IDENTITY_COMMAND = [/\baz identity create\b/, /--identity-type\b/, /--user-assigned-identities\b/, /--primary-user-assigned-identity\b/, /\bidentity assign\b/];
const GRANT_COMMAND = [/\baz role assignment create\b/, /\baz keyvault set-policy\b/];

/** Characters a name may hold and still be pasted into a command without quotes. */
const SAFE_NAME = /^[A-Za-z0-9_./:@=,+-]*$/;

interface Block {
  finding: Finding;
  phase: Phase;
  /** Sorting key inside the settings phase: the command group and the resource it changes. */
  order: string;
  lines: string[];
}

interface LookedUp {
  variable: string;
  lines: string[];
}

/**
 * Writes a bash remediation script for the findings of an analysis. Each finding with a fix gets a block
 * that starts with a comment naming the rule, severity, title and subjects; blocks are ordered so that the
 * script works top to bottom (see {@link Phase}). Commands that need input the estate does not hold (a
 * placeholder, a YAML file to write first) are written as comments, and so is any command into which a
 * name with shell metacharacters was pasted unquoted. The script holds no secrets: credential values never
 * enter an estate.
 */
export function writeAzScript(analysis: Analysis, estate: Estate, options: AzScriptOptions = {}): string {
  const threshold = options.minSeverity ?? 'warning';
  const topology = buildTopology(estate);
  const catalog = createRoleCatalog(estate.roleDefinitions);
  const plan = planFixes(analysis, threshold);
  const writer = new ScriptWriter(topology, catalog, plan, riskyNames(estate));
  return writer.write(estate.name, threshold);
}

/** Names, ids and display strings from the estate that would not survive being pasted into a command unquoted. */
function riskyNames(estate: Estate): string[] {
  const risky = new Set<string>();
  const note = (value: string | undefined) => {
    if (value !== undefined && value.length > 0 && !SAFE_NAME.test(value)) risky.add(value);
  };
  for (const entity of allEntities(estate)) {
    note(entity.name);
    if ('armId' in entity) note(entity.armId);
    if (entity.kind === 'user') note(entity.userPrincipalName);
  }
  return [...risky];
}

class ScriptWriter {
  private readonly lookups = new Map<EntityId, LookedUp | undefined>();
  private readonly variables = new Map<string, EntityId>();
  private readonly done = new Map<string, Finding>();
  private readonly commandsDone = new Map<string, Finding>();
  private counts = { grants: 0, policies: 0, commands: 0, commented: 0 };

  constructor(
    private readonly topology: Topology,
    private readonly catalog: RoleCatalog,
    private readonly plan: FixPlan,
    private readonly risky: readonly string[],
  ) {}

  write(estateName: string, threshold: SeverityThreshold): string {
    const blocks: Block[] = [];
    for (const finding of this.plan.findings) blocks.push(...this.blocksOf(finding));

    const byPhase = (phase: Phase) => blocks.filter((b) => b.phase === phase);
    const settings = byPhase('settings')
      .map((block, index) => ({ block, index }))
      .sort((a, b) => (a.block.order < b.block.order ? -1 : a.block.order > b.block.order ? 1 : a.index - b.index))
      .map(({ block }) => block);

    const sections: [string, string[][]][] = [
      [PHASE_TITLES.identities, byPhase('identities').map((b) => b.lines)],
      [PHASE_TITLES.lookups, [...this.lookups.values()].filter((l): l is LookedUp => l !== undefined).map((l) => l.lines)],
      [PHASE_TITLES.grants, byPhase('grants').map((b) => b.lines)],
      [PHASE_TITLES.settings, settings.map((b) => b.lines)],
      [PHASE_TITLES.manual, byPhase('manual').map((b) => b.lines)],
    ];

    const included = severitiesFrom(threshold).join(', ');
    const out: string[] = [
      '#!/usr/bin/env bash',
      `# Remediation script for the Azure ML estate "${commentText(estateName)}".`,
      `# Generated by ${TOOL.name} ${TOOL.version} (${TOOL.fullName}) from the estate file; do not edit it by hand,`,
      '# generate it again after changing the estate. Read it before running it: every block says which finding',
      '# asked for it. It holds no secrets (credential values never enter an estate) and needs `az login` first.',
      `# Findings included: ${included} (${this.plan.findings.length} with a fix${this.plan.omitted > 0 ? `; ${this.plan.omitted} below the threshold left out` : ''}).`,
      `# ${this.counts.grants} role assignment(s), ${this.counts.policies} access polic${this.counts.policies === 1 ? 'y' : 'ies'}, ${this.counts.commands} other command(s); ${this.counts.commented} command(s) need your input and are left as comments.`,
      'set -euo pipefail',
    ];
    for (const [title, parts] of sections) {
      if (parts.length === 0) continue;
      out.push('', `# ${'='.repeat(100)}`, `# ${title}`, `# ${'='.repeat(100)}`);
      for (const lines of parts) out.push('', ...lines);
    }
    if (this.plan.findings.length === 0) out.push('', `# Nothing to do: no finding at or above ${threshold} has a fix.`);
    return `${out.join('\n')}\n`;
  }

  private header(finding: Finding, part?: string): string[] {
    const subjects = finding.subjects.map((id) => this.topology.nameOf(id)).join(', ');
    return [
      `# [${finding.ruleId}] ${finding.severity}: ${commentText(finding.title)}`,
      `#   subjects: ${commentText(subjects)}`,
      ...(finding.fix ? [`#   fix: ${commentText(finding.fix.summary)}`] : []),
      ...(part ? [`#   (${part})`] : []),
    ];
  }

  /** A finding's actions split by phase, each part a block with the finding's header. */
  private blocksOf(finding: Finding): Block[] {
    const parts = new Map<Phase, { lines: string[]; order: string }>();
    const manual: string[] = [];
    const add = (phase: Phase, lines: string[], order = '') => {
      const part = parts.get(phase);
      if (part) part.lines.push(...lines);
      else parts.set(phase, { lines: [...lines], order });
    };
    for (const action of finding.fix?.actions ?? []) {
      switch (action.kind) {
        case 'assign-role':
          add('grants', this.assignment(action, finding));
          break;
        case 'set-key-vault-policy':
          add('grants', this.policy(action, finding));
          break;
        case 'manual':
          manual.push(...commentLines(action.text));
          break;
        case 'command': {
          const rendered = this.command(action, finding);
          if (rendered.onlyComments) manual.push(...rendered.lines);
          else add(rendered.phase, rendered.lines, rendered.order);
          break;
        }
      }
    }
    const phases = [...parts.keys()];
    if (phases.length === 0) return [{ finding, phase: 'manual', order: '', lines: [...this.header(finding), ...manual] }];
    // Manual notes go with the first block, where the reader meets the finding first.
    const first = phases[0] as Phase;
    return phases.map((phase, index) => {
      const part = parts.get(phase) as { lines: string[]; order: string };
      const label = phases.length > 1 ? `part ${index + 1} of ${phases.length}: ${PART_LABEL[phase]}` : undefined;
      return { finding, phase, order: part.order, lines: [...this.header(finding, label), ...(phase === first ? manual : []), ...part.lines] };
    });
  }

  /** The object id of a principal as the script uses it, looking it up (once) when the estate does not know it. */
  private principalValue(principal: EntityId): { value: string } | { missing: string } {
    const ref = principalReference(principal, this.topology);
    if (ref.azLookup.length === 0) {
      return ref.azValue.startsWith('<') ? { missing: `the object id of ${this.topology.nameOf(principal)}` } : { value: shellWord(ref.azValue) };
    }
    let looked = this.lookups.get(principal);
    if (!looked) {
      const assignment = /^([A-Za-z_][A-Za-z0-9_]*)=\$\((.*)\)$/.exec(ref.azLookup[0] as string);
      const command = assignment?.[2] === undefined ? undefined : assignment[2];
      if (!command) return { missing: `the object id of ${this.topology.nameOf(principal)}` };
      const variable = this.uniqueVariable(assignment?.[1] ?? symbolName(this.topology.nameOf(principal), 'principal_id'), principal);
      looked = {
        variable,
        lines: [
          `# ${commentText(this.describePrincipal(principal))}`,
          `${variable}=$(${command})`,
          `: "\${${variable}:?object id not found}"`,
        ],
      };
      this.lookups.set(principal, looked);
    }
    return { value: `"$${looked.variable}"` };
  }

  private uniqueVariable(base: string, principal: EntityId): string {
    let candidate = base;
    for (let n = 2; this.variables.has(candidate) && this.variables.get(candidate) !== principal; n++) candidate = `${base}_${n}`;
    this.variables.set(candidate, principal);
    return candidate;
  }

  private describePrincipal(principal: EntityId): string {
    const entity = this.topology.get(principal);
    const kind = entity?.kind === 'systemAssignedIdentity' ? 'system-assigned identity' : entity?.kind === 'userAssignedIdentity' ? 'user-assigned identity' : (entity?.kind ?? 'principal');
    return `object id of ${kind} ${this.topology.nameOf(principal)}`;
  }

  private assignment(action: Extract<FixAction, { kind: 'assign-role' }>, finding: Finding): string[] {
    const roleName = this.catalog.get(action.role)?.name ?? action.role;
    const what = `${roleName} for ${this.topology.nameOf(action.principal)} on ${this.scopeName(action.scope)}`;
    const key = actionKey(action) as string;
    const earlier = this.done.get(key);
    if (earlier) return [`# ${commentText(what)}: already assigned above for ${earlier.ruleId} (${commentText(earlier.title)})`];
    this.done.set(key, finding);
    const principal = this.principalValue(action.principal);
    const type = principalTypeOf(this.topology.get(action.principal));
    const command = `az role assignment create --assignee-object-id ${'value' in principal ? principal.value : '<object id>'} --assignee-principal-type ${type} --role ${shellWord(action.role)} --scope ${shellWord(action.scope)}`;
    if ('missing' in principal) {
      this.counts.commented++;
      return [`# ${commentText(what)}`, `# needs ${commentText(principal.missing)}; fill it in and run by hand:`, `# ${command}`];
    }
    this.counts.grants++;
    return [`# ${commentText(what)}`, command];
  }

  private policy(action: Extract<FixAction, { kind: 'set-key-vault-policy' }>, finding: Finding): string[] {
    const key = actionKey(action) as string;
    const planned = this.plan.policies.find((p) => p.key === key) as PlannedPolicy;
    const vault = this.topology.getOfKind(action.vault, 'keyVault');
    const vaultName = vault?.name ?? this.topology.nameOf(action.vault);
    const what = `access policy for ${this.topology.nameOf(action.principal)} on key vault ${vaultName}`;
    const earlier = this.done.get(key);
    if (earlier) return [`# ${commentText(what)}: already set above for ${earlier.ruleId} (${commentText(earlier.title)})`];
    this.done.set(key, finding);
    const principal = this.principalValue(action.principal);
    const resourceGroup = vault ? armParts(vault.armId).resourceGroup : undefined;
    const permissions = [
      planned.keys.length > 0 ? ` --key-permissions ${planned.keys.map(shellWord).join(' ')}` : '',
      planned.secrets.length > 0 ? ` --secret-permissions ${planned.secrets.map(shellWord).join(' ')}` : '',
    ].join('');
    const command = `az keyvault set-policy --name ${shellWord(vaultName)}${resourceGroup ? ` --resource-group ${shellWord(resourceGroup)}` : ''} --object-id ${'value' in principal ? principal.value : '<object id>'}${permissions}`;
    if ('missing' in principal) {
      this.counts.commented++;
      return [`# ${commentText(what)}`, `# needs ${commentText(principal.missing)}; fill it in and run by hand:`, `# ${command}`];
    }
    this.counts.policies++;
    return [`# ${commentText(what)}`, command];
  }

  private command(action: Extract<FixAction, { kind: 'command' }>, finding: Finding): { phase: Phase; order: string; lines: string[]; onlyComments: boolean } {
    const text = action.az.join('\n');
    const phase: Phase = IDENTITY_COMMAND.some((p) => p.test(text)) ? 'identities' : GRANT_COMMAND.some((p) => p.test(text)) ? 'grants' : 'settings';
    const lines = action.az.flatMap((line) => line.split(/\r\n|\r|\n/));
    const units = shellUnits(lines);
    const onlyComments = units.every((u) => u.kind === 'comment' || u.kind === 'blank');
    if (onlyComments) return { phase, order: '', lines: lines.map((l) => `# ${commentText(l.replace(/^\s*#\s?/, ''))}`), onlyComments };

    const earlier = this.commandsDone.get(text);
    if (earlier) return { phase, order: settingOrder(lines), lines: [`# The same commands already ran above for ${earlier.ruleId} (${commentText(earlier.title)}).`], onlyComments: false };
    this.commandsDone.set(text, finding);

    const unsafe = this.unquotedRiskyName(text);
    if (unsafe !== undefined || lines.length !== action.az.length) {
      this.counts.commented += units.filter((u) => u.kind !== 'comment' && u.kind !== 'blank').length;
      return {
        phase,
        order: settingOrder(lines),
        lines: [
          `# Not run: a name in these commands holds characters the shell would interpret (${commentText(JSON.stringify(unsafe ?? 'a line break'))}).`,
          '# Check them, quote the name, and run them by hand:',
          ...lines.map((l) => `#   ${commentText(l)}`),
        ],
        onlyComments: false,
      };
    }

    const out: string[] = [];
    const written = new Set<string>();
    for (const unit of units) {
      if (unit.kind === 'comment') {
        out.push(`# ${commentText((unit.lines[0] as string).replace(/^\s*#\s?/, ''))}`);
        continue;
      }
      if (unit.kind === 'blank') continue;
      const code = unit.kind === 'heredoc' ? [unit.lines[0] as string] : unit.lines;
      const needs = [
        ...new Set([...code.flatMap(placeholders), ...code.flatMap(filesRead).filter((file) => !written.has(file)).map((file) => `the file ${file}`)]),
      ];
      if (unit.writes) written.add(unit.writes);
      if (needs.length > 0) {
        this.counts.commented++;
        out.push(`# needs ${commentText(needs.join(', '))}; fill in and run by hand:`, ...unit.lines.map((l) => `#   ${commentText(l)}`));
      } else {
        if (unit.kind !== 'heredoc') this.counts.commands++;
        out.push(...unit.lines);
      }
    }
    return { phase, order: settingOrder(lines), lines: out, onlyComments: false };
  }

  /** A risky name that appears in the text other than inside single quotes, or undefined. */
  private unquotedRiskyName(text: string): string | undefined {
    for (const name of this.risky) {
      if (!text.includes(name)) continue;
      const quoted = `'${name.replace(/'/g, `'\\''`)}'`;
      if (text.split(quoted).join('').includes(name)) return name;
    }
    return undefined;
  }

  private scopeName(scope: string): string {
    const entity = this.topology.get(scope as EntityId);
    if (entity) return entity.name;
    const parts = armParts(scope);
    return parts.name ?? parts.resourceGroup ?? parts.subscription ?? scope;
  }
}

const PART_LABEL: Record<Phase, string> = {
  identities: 'identities',
  grants: 'role assignments and access policies',
  settings: 'setting changes',
  manual: 'manual steps',
};

function commentLines(text: string): string[] {
  return text
    .split(/\r\n|\r|\n/)
    .filter((l) => l.trim() !== '')
    .map((l) => `# ${commentText(l)}`);
}

/**
 * The order of a settings block: the az command group (`acr`, `ml workspace`, `storage account`) and the
 * resource it names, so that every change to one resource sits together.
 */
function settingOrder(lines: readonly string[]): string {
  const first = lines.find((l) => /^\s*az\s/.test(l)) ?? '';
  const words = first.trim().split(/\s+/).slice(1);
  const flagAt = words.findIndex((w) => w.startsWith('-'));
  // `acr update` -> `acr`: the group without its verb, so that show and update of one resource sort together.
  const group = (flagAt < 0 ? words : words.slice(0, flagAt)).slice(0, -1).join(' ');
  const target = /--(?:name|ids|account-name)\s+(\S+)/.exec(first)?.[1] ?? '';
  return `${group}\u0000${target}`;
}
