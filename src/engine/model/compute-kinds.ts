// The kinds of Azure ML compute, each as what it is: the computes Azure ML creates and runs (clusters,
// instances), Kubernetes compute (AKS or Arc clusters with the Azure ML extension), and the resources it only
// attaches (legacy AKS inference clusters, virtual machines, HDInsight, Databricks, Data Lake Analytics,
// Synapse Spark pools, Data Factory). One table says how every input format spells each kind and which
// identity and governance stories apply to it; readers map a type through computeTypeFrom() and nothing else.
// A compute whose type the input wrote with a value that cannot be known (an ARM expression over a parameter
// without a value) is of the kind `unknown`: never read as a cluster, see UnknownComputeType.

/** Every compute kind the model knows, by the name the native format and the engine use. */
export const COMPUTE_TYPES = [
  'amlcompute',
  'computeinstance',
  'kubernetes',
  'aks',
  'virtualmachine',
  'hdinsight',
  'databricks',
  'datalakeanalytics',
  'synapsespark',
  'datafactory',
  'unknown',
] as const;

export type ComputeType = (typeof COMPUTE_TYPES)[number];

/**
 * Whether Azure ML gives a compute of this kind a managed identity that jobs reach data with and that the
 * system uses for mounts and image pulls:
 * - `own`: the compute carries its own system- or user-assigned identity (R26, R27, R33);
 * - `none`: an attached resource keeps its own credentials; Azure ML puts no managed identity on it for
 *   data access (not stated by the fact sheet, so findings resting on it only warn: `R28:attached`);
 * - `unconfirmed`: the ARM resource can carry an identity, but how jobs use it is not documented.
 */
export type ComputeIdentityStory = 'own' | 'none' | 'unconfirmed';

/** How one compute kind is spelt in each input format, and the stories that apply to it. */
export interface ComputeKind {
  /** What a reader calls it, in a sentence. */
  label: string;
  /** ARM `properties.computeType` (also Resource Graph and PowerShell exports); none for `unknown`. */
  arm?: string;
  /** az ml YAML `type` and `az ml compute show` `type`, when az ml can create or attach the kind. */
  azml?: string;
  /** The azurerm resource type that declares it, when the provider has one. */
  terraform?: string;
  /** True for a resource that exists on its own and that Azure ML only attaches to the workspace. */
  attached: boolean;
  identity: ComputeIdentityStory;
  /**
   * True where the compute's disableLocalAuth is the local-authentication switch Azure Policy and PSRule
   * judge (AML-GOV-002): on the computes Azure ML runs. An attached resource's local access is its own
   * (the VM's SSH account, the cluster's admin login), which that property does not govern.
   */
  localAuthSwitch: boolean;
  /** True where PSRule Azure.ML.ComputeVnet expects a subnet (AML-GOV-007): clusters and instances. */
  subnetExpected: boolean;
}

/** The reference table of compute kinds (see {@link COMPUTE_TYPES}). */
export const COMPUTE_KINDS: Readonly<Record<ComputeType, ComputeKind>> = {
  amlcompute: {
    label: 'compute cluster',
    arm: 'AmlCompute',
    azml: 'amlcompute',
    terraform: 'azurerm_machine_learning_compute_cluster',
    attached: false,
    identity: 'own',
    localAuthSwitch: true,
    subnetExpected: true,
  },
  computeinstance: {
    label: 'compute instance',
    arm: 'ComputeInstance',
    azml: 'computeinstance',
    terraform: 'azurerm_machine_learning_compute_instance',
    attached: false,
    identity: 'own',
    localAuthSwitch: true,
    subnetExpected: true,
  },
  kubernetes: {
    label: 'Kubernetes compute',
    arm: 'Kubernetes',
    azml: 'kubernetes',
    attached: true,
    identity: 'own',
    localAuthSwitch: true,
    subnetExpected: false,
  },
  aks: {
    label: 'AKS inference cluster',
    arm: 'AKS',
    azml: 'aks',
    terraform: 'azurerm_machine_learning_inference_cluster',
    attached: true,
    identity: 'none',
    localAuthSwitch: false,
    subnetExpected: false,
  },
  virtualmachine: {
    label: 'attached virtual machine',
    arm: 'VirtualMachine',
    azml: 'virtualmachine',
    attached: true,
    identity: 'none',
    localAuthSwitch: false,
    subnetExpected: false,
  },
  hdinsight: {
    label: 'attached HDInsight cluster',
    arm: 'HDInsight',
    attached: true,
    identity: 'none',
    localAuthSwitch: false,
    subnetExpected: false,
  },
  databricks: {
    label: 'attached Databricks workspace',
    arm: 'Databricks',
    attached: true,
    identity: 'none',
    localAuthSwitch: false,
    subnetExpected: false,
  },
  datalakeanalytics: {
    label: 'attached Data Lake Analytics account',
    arm: 'DataLakeAnalytics',
    attached: true,
    identity: 'none',
    localAuthSwitch: false,
    subnetExpected: false,
  },
  synapsespark: {
    label: 'attached Synapse Spark pool',
    arm: 'SynapseSpark',
    azml: 'synapsespark',
    terraform: 'azurerm_machine_learning_synapse_spark',
    attached: true,
    identity: 'unconfirmed',
    localAuthSwitch: false,
    subnetExpected: false,
  },
  datafactory: {
    label: 'attached Data Factory',
    arm: 'DataFactory',
    azml: 'DataFactory',
    attached: true,
    identity: 'none',
    localAuthSwitch: false,
    subnetExpected: false,
  },
  // Any of the above: no baseline of one kind applies (a cluster's local-auth switch, an instance's idle
  // shutdown), and what its identity does is unconfirmed until the type is known.
  unknown: {
    label: 'compute of unknown type',
    attached: false,
    identity: 'unconfirmed',
    localAuthSwitch: false,
    subnetExpected: false,
  },
};

/**
 * Why a compute is of the kind `unknown`: the expression its input wrote for the type (ARM
 * `properties.computeType`), and the template parameters that expression rests on, whose values would tell.
 */
export interface UnknownComputeType {
  /** The expression as written, without its brackets (`parameters('computeType')`), when the reader has it. */
  expression?: string;
  /** Template parameters the expression reads: a value for them (a parameters file, `--parameters`) decides it. */
  parameters?: string[];
}

/** The template parameters an ARM expression reads (`parameters('computeType')`), in order, without repeats. */
export function parametersOfExpression(expression: string): string[] {
  return [...new Set([...expression.matchAll(/parameters\(\s*'([^']*)'\s*\)/g)].map((match) => match[1] ?? ''))];
}

/**
 * The first half of "what would tell" for a value an ARM expression over `parameters` left open: "a value for
 * parameter `x` (a parameters file or `--parameters`), or " (empty without parameters), for the caller to end.
 */
export function parameterValuesWouldTell(parameters: readonly string[]): string {
  if (parameters.length === 0) return '';
  const names = parameters.map((name) => `\`${name}\``).join(', ');
  return `a value for parameter${parameters.length > 1 ? 's' : ''} ${names} (a parameters file or \`--parameters\`), or `;
}

/** The az command that prints a compute as it is deployed, its type included. */
function computeShowCommand(name: string): string {
  return `\`az ml compute show -n ${name} -o json\``;
}

/**
 * What a trace step, a path or a view says about a compute of the kind `unknown`: why its type is open and what
 * would tell (a value for the template parameter, or the deployed compute). A compute without
 * {@link UnknownComputeType} is one no file of the import declares with a type: it is known only by reference
 * (a role assignment to its identity, a job or an id that names it), or an estate file wrote it as `unknown`.
 * Undefined for a known kind.
 */
export function unknownComputeTypeText(compute: {
  name: string;
  computeType: ComputeType;
  unknownType?: UnknownComputeType;
}): string | undefined {
  if (compute.computeType !== 'unknown') return undefined;
  const show = computeShowCommand(compute.name);
  if (compute.unknownType === undefined)
    return `No file of the import gives the type of compute ${compute.name} (it is known only by reference, or written as \`unknown\`), so it may be a cluster, an instance or an attached resource; ${show} or the workspace's ARM export would tell.`;
  const { expression, parameters = [] } = compute.unknownType;
  const written = expression === undefined ? 'is written with a value that' : `is written as \`[${expression}]\`, which`;
  return `The type of compute ${compute.name} ${written} cannot be worked out offline, so it may be a cluster, an instance or an attached resource; ${parameterValuesWouldTell(parameters)}the deployed compute (${show}) would tell.`;
}

// Spellings other than the table's own: the native format's and az ml's snake_case forms, and the azurerm
// resource types. Keys are folded like the input (lower case, no `_`, `-` or spaces).
const ALIASES: Readonly<Record<string, ComputeType>> = {
  kubernetescompute: 'kubernetes',
  akscompute: 'aks',
  inferencecluster: 'aks',
};

const fold = (text: string): string => text.trim().toLowerCase().replace(/[\s_-]/g, '');

const BY_SPELLING: ReadonlyMap<string, ComputeType> = (() => {
  const map = new Map<string, ComputeType>();
  for (const type of COMPUTE_TYPES) {
    const kind = COMPUTE_KINDS[type];
    for (const spelling of [type, kind.arm, kind.azml, kind.terraform])
      if (spelling !== undefined) map.set(fold(spelling), type);
  }
  for (const [spelling, type] of Object.entries(ALIASES)) map.set(spelling, type);
  return map;
})();

/**
 * The compute kind a `computeType` or `type` value names, in any input format's spelling (ARM `AKS` or
 * `SynapseSpark`, az ml `virtualmachine`, native `compute_instance`, azurerm
 * `azurerm_machine_learning_inference_cluster`), ignoring case; undefined for a value no format uses.
 */
export function computeTypeFrom(text: string): ComputeType | undefined {
  return BY_SPELLING.get(fold(text));
}
