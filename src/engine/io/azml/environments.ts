import type { Path } from '../core/context';
import type { EnvironmentAsset } from '../core/environment-assets';
import type { Diagnostic } from '../../model/types';
import type { Draft, EnvironmentRefDraft } from './drafts';
import type { UnresolvedReference } from '../core/reader';

/**
 * References to environment assets. A job or deployment usually names a registered environment
 * (`environment: azureml:my-env@latest`) whose image is what Azure ML pulls or builds on (R56), so the asset's
 * image and build are resolved into the job's environment when the import holds the asset (core/environment-assets.ts,
 * here for the az ml files and after the merge for every format).
 */

/**
 * The registered environment a workspace reference names: `azureml:<name>@latest` or `azureml:<name>:<version>`.
 * Undefined for anything else (inline environments, registry URIs `azureml://registries/...`), which
 * the environment assets of an import cannot be looked up by.
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

/** The environment assets among a file's drafts, as the resolution after the merge takes them. */
export function environmentAssetsOf(drafts: readonly Draft[]): EnvironmentAsset[] {
  const assets: EnvironmentAsset[] = [];
  for (const draft of drafts) {
    if (draft.kind !== 'environment') continue;
    const asset: EnvironmentAsset = { name: draft.name, source: draft.source };
    if (draft.version !== undefined) asset.version = draft.version;
    if (draft.environment !== undefined) asset.environment = draft.environment;
    assets.push(asset);
  }
  return assets;
}

/** Leaves a reference the az ml files cannot settle in `sink`, with its note, for the resolution after the merge. */
export function leaveEnvironment(
  ref: EnvironmentRefDraft,
  sink: { list: Omit<UnresolvedReference, 'holder'>[]; field: readonly (string | number)[] },
  deployment: boolean,
  note: Diagnostic | undefined,
): void {
  const target = { name: ref.name, text: ref.text, ...(ref.version !== undefined ? { version: ref.version } : {}) };
  sink.list.push({
    field: sink.field,
    target: { kind: 'environment', ref: target, ...(deployment ? { pulled: true } : {}) },
    ...(note ? { note } : {}),
  });
}
