import { parseArgs } from 'node:util';
import { createAnalysisContext, describeDecision, explainRefusal, type ExplainedRefusal, leastRoleEdit, type RbacIndex } from '../../engine';
import { EXIT, UsageError, formatDiagnostic } from '../errors';
import type { CliIo } from '../io';
import { loadEstate } from '../load';

export const DECODE_USAGE = `aml-access-map decode <error file|-> <files...> [--principal <name|id>] [--workspace <name|id>] [--format text|json]

  Reads the text of an authorization failure (ARM AuthorizationFailed, Storage AuthorizationPermissionMismatch or
  AuthorizationFailure, Key Vault ForbiddenByRbac or an access-policy denial, ACR unauthorized or denied, or an
  Azure ML job or deployment failure that carries one; - reads it from standard input), then the estate, and
  prints the principal, the operation, the scope, the access paths it belongs to, the estate's decision with its
  reasons and the least built-in role at the scope that would allow it. --principal names the caller when the
  text does not (Storage and ACR never print one). Exit 0 when the text was read, 2 when it could not be.
`;

const OPTIONS = {
  principal: { type: 'string' },
  workspace: { type: 'string' },
  format: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

/** The JSON shape of `decode` (docs/cli.md). */
export function refusalJson(answer: ExplainedRefusal, rbac: RbacIndex) {
  const named = (id: string) => ({ id, name: rbac.nameOf(id) });
  return {
    version: 1,
    refusal: answer.refusal,
    ...(answer.principal ? { principal: named(answer.principal) } : {}),
    ...(answer.scope ? { scope: { id: answer.scope, name: rbac.scopeLabel(answer.scope) } } : {}),
    ...(answer.decision
      ? {
          decision: {
            effect: answer.decision.effect,
            grants: answer.decision.grants.map((g) => ({ assignment: g.assignmentId, role: g.roleName, assignedScope: g.assignedScope, viaGroups: g.viaGroups })),
            exclusions: answer.decision.exclusions.map((e) => ({ assignment: e.assignmentId, role: e.roleName, notPattern: e.notPattern })),
            ...(answer.decision.deniedBy ? { deniedBy: answer.decision.deniedBy } : {}),
            explanation: describeDecision(answer.decision, rbac),
          },
        }
      : {}),
    paths: answer.paths,
    // The least role as the what-if edit that adds it (what the explorer's "Try this fix" applies).
    ...(answer.leastRole ? { leastRole: answer.leastRole, edit: leastRoleEdit(answer.leastRole) } : {}),
    ...(answer.accessPolicy ? { accessPolicy: { ...answer.accessPolicy, vault: named(answer.accessPolicy.vault) } } : {}),
    missing: answer.missing,
    notes: answer.notes,
  };
}

function refusalText(answer: ExplainedRefusal, rbac: RbacIndex): string {
  const { refusal } = answer;
  const lines = [`${refusal.service} refused (${refusal.code})${refusal.azureMl ? `, inside an Azure ML ${refusal.azureMl} failure` : ''}`];
  lines.push(`  principal: ${answer.principal ? rbac.nameOf(answer.principal) : [refusal.objectId, refusal.clientId].filter(Boolean).join(' / ') || '(not stated)'}`);
  const operation = refusal.accessPolicy ? `${refusal.accessPolicy.list} ${refusal.accessPolicy.permission} (access policy)` : (refusal.action ?? '(not stated)');
  lines.push(`  operation: ${operation}${refusal.dataAction ? ' (data action)' : ''}`);
  lines.push(`  scope:     ${answer.scope ?? refusal.resourceName ?? '(not stated)'}`);
  for (const p of answer.paths) lines.push(`  path:      ${p.title}`);
  if (answer.decision) for (const line of describeDecision(answer.decision, rbac)) lines.push(`  ${line}`);
  if (answer.accessPolicy)
    lines.push(
      answer.accessPolicy.granted
        ? `  the estate's access policies on ${rbac.nameOf(answer.accessPolicy.vault)} already grant ${answer.accessPolicy.list} ${answer.accessPolicy.permission}`
        : `  fix: an access policy on ${rbac.nameOf(answer.accessPolicy.vault)} granting ${answer.accessPolicy.list} ${answer.accessPolicy.permission} to ${rbac.nameOf(answer.accessPolicy.principal)}`,
    );
  if (answer.leastRole) {
    const entity = answer.principal === undefined ? undefined : rbac.entity(answer.principal);
    const objectId = entity && 'objectId' in entity ? entity.objectId : entity && 'principalId' in entity ? entity.principalId : undefined;
    lines.push(
      `  least role: ${answer.leastRole.role.name} on ${rbac.scopeLabel(answer.leastRole.scope)} (${answer.leastRole.breadth} operations; grants ${answer.leastRole.matchedPattern})`,
      `    az role assignment create --assignee-object-id ${objectId ?? '<object id>'} --role ${answer.leastRole.role.id} --scope ${answer.leastRole.scope}`,
    );
  }
  for (const m of answer.missing) lines.push(`  missing: ${m}`);
  for (const n of answer.notes) lines.push(`  note: ${n}`);
  return `${lines.join('\n')}\n`;
}

/** `decode`: the refusal text first (a file, or - for standard input), then the estate files. */
export async function runDecode(argv: readonly string[], io: CliIo): Promise<number> {
  try {
    const { values, positionals } = parseArgs({ args: [...argv], options: OPTIONS, allowPositionals: true, strict: true });
    if (values.help) {
      io.stdout(DECODE_USAGE);
      return EXIT.ok;
    }
    const [errorFile, ...files] = positionals;
    if (errorFile === undefined || files.length === 0) throw new UsageError('decode needs the error text (a file, or - for standard input) and at least one estate file');
    const format = values.format ?? 'text';
    if (format !== 'text' && format !== 'json') throw new UsageError(`--format must be one of text, json, not "${format}"`);
    let text: string;
    try {
      if (errorFile === '-' && io.readStdin === undefined) throw new UsageError('standard input cannot be read here; give the error text as a file');
      text = errorFile === '-' ? await (io.readStdin as () => Promise<string>)() : await io.readText(errorFile);
    } catch (error) {
      if (error instanceof UsageError) throw error;
      const code = (error as NodeJS.ErrnoException).code;
      io.stderr(`${errorFile}: error: ${code === 'ENOENT' ? 'file not found' : `cannot read the file (${code ?? String(error)})`}\n`);
      return EXIT.badInput;
    }
    const { estate, diagnostics } = await loadEstate(files, io, { workspace: values.workspace?.trim() });
    for (const d of diagnostics) io.stderr(`${formatDiagnostic(d)}\n`);
    if (!estate) return EXIT.badInput;
    const context = createAnalysisContext(estate);
    const result = explainRefusal(context, text, values.principal === undefined ? {} : { principal: values.principal });
    if (!result.ok) {
      io.stderr(`${errorFile === '-' ? '<stdin>' : errorFile}: error: ${result.message}\n`);
      return EXIT.badInput;
    }
    io.stdout(format === 'json' ? `${JSON.stringify(refusalJson(result.answer, context.rbac), null, 2)}\n` : refusalText(result.answer, context.rbac));
    return EXIT.ok;
  } catch (error) {
    if (error instanceof UsageError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      io.stderr(`aml-access-map decode: ${(error as Error).message}\n`);
      return EXIT.badInput;
    }
    throw error;
  }
}
