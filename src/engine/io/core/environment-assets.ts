import { scopeKey } from '../../model/ids';
import type { JobEnvironment, SourceRef } from '../../model/types';
import { quote } from './source';

/**
 * Environment assets, whichever format declares them (az ml environment YAML, `az ml environment show -o json`),
 * and the resolution of a job's or deployment's `azureml:<name>@latest` / `azureml:<name>:<version>` to the
 * image and build Azure ML pulls or builds on (R56). Nothing here depends on the order assets were added in.
 */

/** One version of an environment asset as an input declares it. */
export interface EnvironmentAsset {
  name: string;
  /** Undefined when the input leaves it to `az ml environment create`, which numbers versions itself. */
  version?: string;
  /** Undefined when the asset gives neither an image nor a build. */
  environment?: JobEnvironment;
  /**
   * The workspace that holds it, when the input says (the JSON's id does; a YAML file does not): it then answers
   * references from that workspace only.
   */
  workspace?: string;
  source?: SourceRef;
}

/** A reference to a registered environment: `version` undefined for `@latest`, `''` for no version at all. */
export interface EnvironmentAssetRef {
  name: string;
  /** As written, for notes. */
  text: string;
  version?: string;
}

/** What a reference resolves to: the asset's environment, or why it stays unknown (a note for the user). */
type EnvironmentResolution = { environment: JobEnvironment } | { unknown: string };

/** The environment assets of one import, by name (case-insensitive, as Azure ML compares asset names). */
export class EnvironmentAssets {
  private readonly byName = new Map<string, EnvironmentAsset[]>();

  add(asset: EnvironmentAsset): void {
    const key = asset.name.toLowerCase();
    const list = this.byName.get(key) ?? [];
    list.push(asset);
    this.byName.set(key, list);
  }

  /**
   * The environment a reference from `workspace` (when known) names. `@latest` resolves only when every version
   * of the asset in the import agrees on image and build, since the import cannot tell which version the
   * workspace holds last; a `:<version>` reference needs that version in the import. Anything else stays unknown,
   * with the reason.
   */
  resolve(ref: EnvironmentAssetRef, workspace?: string): EnvironmentResolution {
    const assets = (this.byName.get(ref.name.toLowerCase()) ?? []).filter(
      (a) => a.workspace === undefined || workspace === undefined || scopeKey(a.workspace) === scopeKey(workspace),
    );
    const notInImport = `environment ${quote(ref.text)} is not in this import, so its image and build are not known (add its environment YAML or \`az ml environment show -o json\` output to read them)`;
    if (assets.length === 0) return { unknown: notInImport };
    if (ref.version === '')
      return { unknown: `environment ${quote(ref.text)} names no version (\`@latest\` or \`:<version>\`), so which asset it uses is not known` };
    const candidates =
      ref.version === undefined ? assets : assets.filter((a) => a.version !== undefined && a.version === ref.version);
    if (candidates.length === 0) {
      const versions = [...new Set(assets.map((a) => (a.version === undefined ? 'an unversioned asset' : `version ${quote(a.version)}`)))].sort();
      return {
        unknown: `environment ${quote(ref.text)}: this import holds ${quote(ref.name)} only as ${versions.join(', ')}, so the version named is not known`,
      };
    }
    const shapes = new Set(candidates.map((a) => `${a.environment?.image ?? ''}\u0000${a.environment?.build ?? ''}`));
    const first = candidates[0];
    if (shapes.size > 1 || !first)
      return {
        unknown: `environment ${quote(ref.text)}: the versions of ${quote(ref.name)} in this import differ in image or build, and which one is the latest is not known`,
      };
    if (!first.environment)
      return { unknown: `environment asset ${quote(ref.name)} gives neither an image nor a build, so its image is not known` };
    return { environment: { ...first.environment } };
  }

  /**
   * The environment a deployment pulls as it is. Deployments keep only the image they pull, so an environment
   * Azure ML builds (its image is made in the workspace registry) stays unknown, with the reason.
   */
  resolvePulled(ref: EnvironmentAssetRef, workspace?: string): EnvironmentResolution {
    const resolved = this.resolve(ref, workspace);
    if ('unknown' in resolved || resolved.environment.build === 'as_is') return resolved;
    return {
      unknown: `Azure ML builds environment ${quote(ref.text)} for this deployment; a deployment's image build is not modelled yet, so which registry its base image comes from is not checked`,
    };
  }
}
