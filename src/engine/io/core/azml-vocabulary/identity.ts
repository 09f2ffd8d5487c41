import { parseIdentityType } from '../../../model/estate';
import { describeFound, type Path, type ReadContext } from '../context';
import { quote } from '../source';

/** The spellings of a managed identity's `type` that az ml documents (case, `_` and `-` are forgiven). */
export const IDENTITY_TYPE_NAMES = [
  'none',
  'system_assigned',
  'user_assigned',
  'system_assigned,user_assigned',
] as const;

/**
 * A managed identity's `type` (`identity.type` of a workspace, compute, endpoint or AKS cluster), given. Reports
 * what cannot be read at `typePath` and returns undefined for it.
 */
export function readIdentityType(
  ctx: ReadContext,
  type: unknown,
  typePath: Path,
): { system: boolean; user: boolean } | undefined {
  if (typeof type !== 'string') {
    ctx.error(
      typePath,
      `expected an identity type such as \`system_assigned\`, found ${describeFound(type)}`,
    );
    return undefined;
  }
  const parsed = parseIdentityType(type);
  if (!parsed)
    ctx.error(
      typePath,
      `expected one of ${IDENTITY_TYPE_NAMES.map((t) => `\`${t}\``).join(', ')} for the identity type, found ${quote(type)}`,
    );
  return parsed;
}
