import type { JobEnvironment } from '../../model/types';
import type { EnvironmentAsset } from '../core/environment-assets';
import type { ParsedArmId } from '../core/azure/ids';
import type { Obj } from '../core/azure/values';
import type { FragmentBuilder } from '../core/fragment';
import { quote } from '../core/source';

/**
 * `az ml environment show -o json` (one version) and `az ml environment list --name <env> -o json` (its versions):
 * the environment asset a job's or deployment's `azureml:<name>@latest` or `:<version>` names, read as the az ml
 * YAML reader reads the asset's file, so that the reference resolves to its image and build after the merge
 * (R56). The asset is not an entity: it becomes an {@link EnvironmentAsset} for that resolution, and its workspace
 * a stub, so that az ml files that name no workspace join it.
 */

/** The workspace id of an environment id (`.../workspaces/<ws>/environments/<name>[/versions/<v>]`). */
function workspaceIdOf(parsed: ParsedArmId): string | undefined {
  const at = parsed.types.findIndex((type) => type.toLowerCase() === 'environments');
  const cut = parsed.id.toLowerCase().indexOf('/environments/');
  return at > 0 && cut > 0 ? parsed.id.slice(0, cut) : undefined;
}

/**
 * The image and build of an environment as `az ml environment show` prints it: `image` alone is pulled as it is;
 * a `build` context (`path`, `dockerfile_path`) or a `conda_file` is built by Azure ML (on top of `image`, for a
 * conda file). Undefined when it gives none of these.
 */
function environmentOfJson(o: Obj): JobEnvironment | undefined {
  const image = o.str('image');
  const build = o.value('build');
  const conda = o.value('conda_file');
  const built = (build !== undefined && build !== null) || (conda !== undefined && conda !== null);
  if (image === undefined && !built) return undefined;
  const environment: JobEnvironment = { build: built ? 'managed_build' : 'as_is' };
  if (image !== undefined) environment.image = image;
  return environment;
}

/**
 * Reads one environment entry into `assets`. An environment listed without a version (`az ml environment list`
 * without `--name` lists the assets, not their versions) has no image: it is skipped with a note saying which
 * command gives it.
 */
export function readMlEnvironment(
  b: FragmentBuilder,
  o: Obj,
  parsed: ParsedArmId,
  assets: EnvironmentAsset[],
): void {
  const at = parsed.types.findIndex((type) => type.toLowerCase() === 'environments');
  const name = o.str('name') ?? parsed.names[at];
  const workspace = workspaceIdOf(parsed);
  if (name === undefined || workspace === undefined) {
    b.skip('environment', `${quote(parsed.id, 120)} (not an environment of a workspace)`, o.at());
    return;
  }
  const versionValue = o.value('version');
  const version =
    typeof versionValue === 'string' || typeof versionValue === 'number'
      ? String(versionValue).trim()
      : parsed.types[at + 1]?.toLowerCase() === 'versions'
        ? parsed.names[at + 1]
        : undefined;
  if (version === undefined) {
    b.skip(
      'environment',
      `environment ${quote(name)} is listed without a version, so its image is not in this output; \`az ml environment show --name ${name} --version <version> -o json\` (or \`az ml environment list --name ${name} -o json\`) gives it`,
      o.at(),
    );
    return;
  }
  // Its workspace, as a stub: the az ml files that name no workspace are placed in it when it is the only one.
  const holder = b.resource('workspace', workspace, o.locOf('id'), { stub: true });
  const asset: EnvironmentAsset = { name, version, source: b.source(o.at()) };
  if (holder) asset.workspace = holder.armId;
  const environment = environmentOfJson(o);
  if (environment) asset.environment = environment;
  assets.push(asset);
}
