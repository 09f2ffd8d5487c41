import type { Diagnostic, EntityKind, Estate, RoleAssignment, SourceRef } from '../../model/types';
import { boundDiagnostics, parseDocuments, type ParseResult } from './source';
import type { EnvironmentAsset, EnvironmentAssetRef } from './environment-assets';

/**
 * What every format's reader takes and gives. A reader gets the files of an import that are in its format, each
 * parsed at most once (the parse is shared with format detection), and returns one {@link ReaderResult} per file:
 * an estate fragment with what it knows about each entity, for the merge.
 */

/** Something a reader saw, understood, and chose not to model. */
export interface SkippedItem {
  file: string;
  kind: string;
  note: string;
}

/** What a reader knows about one entity beyond the entity itself. */
export interface EntityMeta {
  /** Known only because something refers to it; its settings are defaults. */
  stub: boolean;
  /** A principal known only by object id: it may turn out to be a user, group or identity. */
  anyKind?: boolean;
  /** Top-level fields the input gave. */
  given: Set<string>;
  /** Where each given field was written. */
  fieldSources: Map<string, SourceRef>;
  /**
   * Top-level fields the input wrote with a value it cannot know (an ARM expression that cannot be evaluated
   * offline): neither given nor left to Azure's default, so no finding may rest on them.
   */
  unknown?: Set<string>;
  /**
   * Known from a patch of it only (Terraform's `azapi_update_resource` of a resource the file does not declare): the
   * fields the patch gives are known, the rest is unknown unless another file declares the resource.
   */
  patch?: boolean;
}

/** Side information the merge uses; readers of the native format have none. */
export interface Provenance {
  meta: Map<object, EntityMeta>;
  /** Role names as the input wrote them next to a role GUID, for messages about undefined roles. */
  roleNames: Map<RoleAssignment, string>;
}

/**
 * A reference a reader could not settle among the files of its own format (a job's `compute: azureml:gpu-cluster`,
 * an identity's `client_id`), kept as a name for the resolution after the merge, which sees every format.
 */
export interface UnresolvedReference {
  /** The entity that holds the reference, as the reader built it: found again after the merge by its source. */
  holder: { kind: EntityKind; name: string; source: SourceRef };
  /** Where in the holder the resolved id goes; when it ends at a list, the id is added to the list. */
  field: readonly (string | number)[];
  /**
   * What the reference names: a compute or datastore by name in the holder's workspace, or by ARM id in any
   * workspace of the import (`armId`, which wins over the name); or an identity by client or principal id.
   */
  target:
    | { kind: 'compute' | 'datastore'; name: string; armId?: string }
    | { kind: 'userAssignedIdentity'; by: 'clientId' | 'principalId'; value: string }
    /**
     * A registered environment (`azureml:<name>@latest` or `:<version>`): the asset's environment goes at the
     * field, or, for a deployment (`pulled`), the image it pulls as it is.
     */
    | { kind: 'environment'; ref: EnvironmentAssetRef; pulled?: boolean };
  /** The note that says the reference is unresolved; it goes once the reference is resolved. */
  note?: Diagnostic;
}

/** A note that says an entity was attached to a placeholder workspace, which the resolution after the merge restates. */
export interface PlaceholderWorkspaceNote {
  note: Diagnostic;
  /** What was attached (`job`, `datastore`), for the restated note. */
  what: string;
  /** The placeholder workspace's name. */
  placeholder: string;
}

/** The contract every reader meets. */
export interface ReaderResult {
  estate: Estate | undefined;
  diagnostics: Diagnostic[];
  skipped?: SkippedItem[];
  provenance?: Provenance;
  /** References left for the resolution after the merge. */
  unresolved?: UnresolvedReference[];
  /** Notes about the placeholder workspace, restated once the merge shows which workspaces the import holds. */
  placeholderNotes?: PlaceholderWorkspaceNote[];
  /** Environment assets the input declares, for the references the resolution after the merge settles. */
  environments?: EnvironmentAsset[];
  /**
   * Set when the input did not say where it is deployed and its resources were placed in a stand-in subscription
   * (and resource group): an ARM template read without a full deployment target, a Terraform plan with no
   * subscription in it. Reading it again with a deployment target places them.
   */
  undeployed?: boolean;
}

/** Where a compiled ARM template is deployed, which the template itself does not say. */
export interface DeploymentTarget {
  subscriptionId?: string;
  resourceGroup?: string;
  location?: string;
}

/** Per-file options a shell gives with an input. */
export interface ReadFileOptions {
  /** For `az ad group member list` output: the group's display name or object id. */
  group?: string;
  /** For compiled ARM templates: where the template is deployed. */
  deployment?: DeploymentTarget;
  /**
   * For az ml YAML: the workspace (name or ARM id) that files which name none belong to, as `az ml ...
   * --workspace-name` says it; the CLI's `--workspace`.
   */
  workspace?: string;
  /**
   * For compiled ARM templates: parameter values, in the order `az deployment group create --parameters` applies
   * them (a later value wins): a parameters file paired with the template, then those the shell gives.
   */
  armParameters?: readonly ArmParameterInput[];
}

/**
 * ARM deployment parameters as `az deployment group create --parameters` takes them: a parameters file
 * (`azuredeploy.parameters.json`, its name and text) or one `name=value` (the value read as JSON when it is, else
 * as text).
 */
export type ArmParameterInput = { file: string; text: string } | { name: string; value: string };

/** One input file as every reader receives it. */
export interface SourceFile {
  readonly file: string;
  readonly text: string;
  readonly options: ReadFileOptions;
  /** The file's documents from the shared parser; parsed on the first call and kept, so a file is parsed once. */
  parsed(): ParseResult;
}

/** A {@link SourceFile} for a text, parsed lazily and once. */
export function sourceFile(file: string, text: string, options: ReadFileOptions = {}): SourceFile {
  let parsed: ParseResult | undefined;
  return {
    file,
    text,
    options,
    parsed: () => (parsed ??= parseDocuments(text, file)),
  };
}

/**
 * A format's reader: the files of one import that are in its format, in input order, to one result per file in
 * the same order. Readers never throw; a file that cannot be read has an error among its diagnostics and no estate.
 */
export type FormatReader = (files: readonly SourceFile[]) => ReaderResult[];

/**
 * Runs a reader body and turns a thrown exception (a bug) into an error diagnostic, so that no input can make
 * a reader throw.
 */
export function guarded(file: string, what: string, body: () => ReaderResult): ReaderResult {
  try {
    const result = body();
    boundDiagnostics(result.diagnostics);
    return result;
  } catch (error) {
    return failedReading(
      file,
      `internal error while reading ${what}: ${thrownText(error)}; please report it with the input`,
    );
  }
}

/**
 * A reading that gives no estate: the diagnostics met `before` it gave up, then one error placed at the top of
 * `file` (for a file that is not what the reader expects, or a bug in the reader).
 */
export function failedReading(
  file: string,
  message: string,
  before: readonly Diagnostic[] = [],
): ReaderResult {
  return {
    estate: undefined,
    diagnostics: [...before, { severity: 'error', file, line: 1, column: 1, message }],
  };
}

/** What was thrown, as text for a message. */
export function thrownText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
