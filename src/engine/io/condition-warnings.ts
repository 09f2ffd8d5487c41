import type { Diagnostic, Estate, SourceRef } from '../model/types';
import { parseCondition } from '../rbac';
import { quote } from './core/source';

// How much of the condition to quote on either side of where reading stopped.
const BEFORE = 40;
const AFTER = 40;

function excerpt(text: string, offset: number): string {
  const from = Math.max(0, offset - BEFORE);
  const to = Math.min(text.length, offset + AFTER);
  return `${from > 0 ? '…' : ''}${text.slice(from, offset)}⟨here⟩${text.slice(offset, to)}${to < text.length ? '…' : ''}`;
}

function located(source: SourceRef | undefined): Pick<Diagnostic, 'file' | 'line' | 'column' | 'path'> {
  if (source === undefined) return {};
  const at: Pick<Diagnostic, 'file' | 'line' | 'column' | 'path'> = { file: source.file };
  if (source.line !== undefined) at.line = source.line;
  if (source.column !== undefined) at.column = source.column;
  if (source.path !== undefined) at.path = source.path;
  return at;
}

/**
 * One warning per role or deny assignment whose ABAC condition cannot be read: where the assignment is, the
 * character where reading stopped and why, and the text around it quoted. Such a condition is never taken
 * as holding (access checks answer "conditional"), so nothing is silently allowed; the warning says so.
 */
export function conditionWarnings(estate: Estate): Diagnostic[] {
  const out: Diagnostic[] = [];
  const visit = (
    what: string,
    item: { id: string; condition?: string; source?: SourceRef },
    consequence: string,
  ): void => {
    if (item.condition === undefined || item.condition.trim() === '') return;
    const parsed = parseCondition(item.condition);
    if (parsed.ok) return;
    const { offset, message } = parsed.error;
    out.push({
      severity: 'warning',
      message: `${what} ${quote(item.id, 300)}: its ABAC condition cannot be read at character ${offset + 1} (${message}): ${quote(excerpt(item.condition, offset), 120)}; ${consequence}`,
      ...located(item.source),
    });
  };
  for (const assignment of estate.roleAssignments)
    visit('role assignment', assignment, 'it is treated as conditional, never as granting');
  for (const deny of estate.denyAssignments)
    visit('deny assignment', deny, 'where it would block, the answer is conditional');
  for (const role of estate.roleDefinitions)
    for (const block of role.permissions)
      if (block.condition !== undefined)
        visit(
          'role definition',
          { id: role.id, condition: block.condition, ...(role.source ? { source: role.source } : {}) },
          'what its permissions grant is treated as conditional, never as granted',
        );
  return out;
}
