import type { JobEnvironment } from '../../model/types';
import type { Path } from '../core/context';
import { quote } from '../core/source';
import type { EnvironmentDraft, EnvironmentRefDraft } from './drafts';

/**
 * Environment assets and the references to them. A job or deployment usually names a registered environment
 * (`environment: azureml:my-env@latest`) whose image is what Azure ML pulls or builds on (R56), so the asset's
 * image and build are resolved into the job's environment when the same import holds the asset.
 */

/**
 * The registered environment a workspace reference names: `azureml:<name>@latest` or `azureml:<name>:<version>`.
 * Undefined for anything else (inline environments, registry URIs `azureml://registries/...`), which
 * {@link EnvironmentAssets.resolve} cannot look up in the import.
 */
export function parseEnvironmentRef(raw: unknown, path: Path): EnvironmentRefDraft | undefined {
  if (typeof raw !== 'string') return undefined;
  const text = raw.trim();
  const match = /^azureml:(?!\/\/)([^:@/\s]+)(?:@(latest)|:([^:@/\s]+))?$/i.exec(text);
  if (!match?.[1]) return undefined;
  const ref: EnvironmentRefDraft = { name: match[1], text, path };
  // `azureml:<name>` without `@latest` or `:<version>` is no reference az ml accepts for a version; it is kept
  // with an empty version so that it never matches an asset and is noted as unknown.
  if (match[3] !== undefined) ref.version = match[3];
  else if (match[2] === undefined) ref.version = '';
  return ref;
}

/** What a reference resolves to: the asset's environment, or why it stays unknown (a note for the user). */
export type EnvironmentResolution = { environment: JobEnvironment } | { unknown: string };

/** The environment assets of one import, by name (case-insensitive, as Azure ML compares asset names). */
export class EnvironmentAssets {
  private readonly byName = new Map<string, EnvironmentDraft[]>();

  add(draft: EnvironmentDraft): void {
    const key = draft.name.toLowerCase();
    const list = this.byName.get(key) ?? [];
    list.push(draft);
    this.byName.set(key, list);
  }

  /**
   * The environment a reference names. `@latest` resolves only when every version of the asset in the import
   * agrees on image and build, since the import cannot tell which version the workspace holds last; a
   * `:<version>` reference needs that version in the import. Anything else stays unknown, with the reason.
   */
  resolve(ref: EnvironmentRefDraft): EnvironmentResolution {
    const assets = this.byName.get(ref.name.toLowerCase()) ?? [];
    const notInImport = `environment ${quote(ref.text)} is not in this import, so its image and build are not known (add its environment YAML to read them)`;
    if (assets.length === 0) return { unknown: notInImport };
    if (ref.version === '')
      return { unknown: `environment ${quote(ref.text)} names no version (\`@latest\` or \`:<version>\`), so which asset it uses is not known` };
    const candidates =
      ref.version === undefined ? assets : assets.filter((a) => a.version !== undefined && a.version === ref.version);
    if (candidates.length === 0)
      return {
        unknown: `environment ${quote(ref.text)}: this import holds ${quote(ref.name)} only as ${assets.map((a) => (a.version === undefined ? 'an unversioned asset' : `version ${quote(a.version)}`)).join(', ')}, so the version named is not known`,
      };
    const shapes = new Set(candidates.map((a) => `${a.environment?.image ?? ''}\u0000${a.environment?.build ?? ''}`));
    const first = candidates[0];
    if (shapes.size > 1 || !first)
      return {
        unknown: `environment ${quote(ref.text)}: the versions of ${quote(ref.name)} in this import differ in image or build, and which one is the latest is not known`,
      };
    if (!first.environment)
      return { unknown: `environment asset ${quote(ref.name)} gives neither an image nor a build, so its image is not known` };
    return { environment: first.environment };
  }

  /**
   * The environment a deployment pulls as it is. Deployments keep only the image they pull, so an environment
   * Azure ML builds (its image is made in the workspace registry) stays unknown, with the reason.
   */
  resolvePulled(ref: EnvironmentRefDraft): EnvironmentResolution {
    const resolved = this.resolve(ref);
    if ('unknown' in resolved || resolved.environment.build === 'as_is') return resolved;
    return {
      unknown: `Azure ML builds environment ${quote(ref.text)} for this deployment; a deployment's image build is not modelled yet, so which registry its base image comes from is not checked`,
    };
  }
}
