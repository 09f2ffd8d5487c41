import { UsageError } from './errors';

/**
 * The `--workspace` value every command that reads inputs takes: trimmed, or undefined when not given. An empty
 * value is a usage error rather than "no workspace", so a script with an unset variable fails loudly.
 */
export function workspaceOption(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const trimmed = value.trim();
  if (trimmed === '') throw new UsageError('--workspace needs a workspace name or ARM id');
  return trimmed;
}
