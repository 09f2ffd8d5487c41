import type { EntityKind } from '../../engine';

/**
 * How things look on the graph. A *visual kind* is finer than an entity kind where the difference matters to
 * a reader: a compute cluster, an instance, Kubernetes compute and serverless compute behave differently,
 * and the registry a workspace owns is not the same thing as a private registry it pulls from.
 *
 * Icons are inline SVG path data (24×24, stroked): no icon font and no CDN, which the CSP would refuse anyway.
 * Tone classes are written out in full because Tailwind only generates classes it finds verbatim in the source.
 */
export type VisualKind =
  // Every entity kind draws as itself, except the two split by what they are to the reader.
  | Exclude<EntityKind, 'containerRegistry' | 'compute'>
  | 'workspaceRegistry'
  | 'privateRegistry'
  | 'computeCluster'
  | 'computeInstance'
  | 'kubernetesCompute'
  | 'serverlessCompute'
  // Virtual nodes with no entity behind them: a step of a pipeline job, a folded group of principals.
  | 'pipelineStep'
  | 'principals';

export interface VisualKindPresentation {
  label: string;
  /** What the legend says about it, in one short phrase. */
  hint: string;
  /** SVG path data in a 24×24 box. */
  icon: string;
  /** Icon chip: background, text colour and ring, light and dark. */
  tone: string;
  /** Fill colour for the minimap. */
  swatch: string;
}

const TONE = {
  scope: 'bg-slate-200 text-slate-700 ring-slate-300 dark:bg-slate-700 dark:text-slate-100 dark:ring-slate-500',
  workspace: 'bg-blue-600 text-white ring-blue-700 dark:bg-blue-500 dark:ring-blue-300',
  dependency: 'bg-emerald-100 text-emerald-800 ring-emerald-300 dark:bg-emerald-900 dark:text-emerald-100 dark:ring-emerald-600',
  registryPrivate: 'bg-teal-50 text-teal-800 ring-teal-400 dark:bg-teal-950 dark:text-teal-100 dark:ring-teal-500',
  compute: 'bg-amber-100 text-amber-900 ring-amber-300 dark:bg-amber-900 dark:text-amber-100 dark:ring-amber-600',
  endpoint: 'bg-orange-100 text-orange-900 ring-orange-300 dark:bg-orange-900 dark:text-orange-100 dark:ring-orange-600',
  data: 'bg-cyan-100 text-cyan-900 ring-cyan-300 dark:bg-cyan-900 dark:text-cyan-100 dark:ring-cyan-600',
  job: 'bg-lime-100 text-lime-900 ring-lime-400 dark:bg-lime-900 dark:text-lime-100 dark:ring-lime-600',
  person: 'bg-sky-100 text-sky-900 ring-sky-300 dark:bg-sky-900 dark:text-sky-100 dark:ring-sky-600',
  identity: 'bg-violet-100 text-violet-900 ring-violet-300 dark:bg-violet-900 dark:text-violet-100 dark:ring-violet-500',
} as const;

export const VISUAL_KINDS: Readonly<Record<VisualKind, VisualKindPresentation>> = {
  managementGroup: {
    label: 'Management group',
    hint: 'holds subscriptions; roles granted here reach everything below',
    icon: 'M9 3h6v4H9z M2 14h6v5H2z M16 14h6v5h-6z M12 7v4 M5 14v-3h14v3',
    tone: TONE.scope,
    swatch: '#94a3b8',
  },
  subscription: {
    label: 'Subscription',
    hint: 'billing and access boundary',
    icon: 'M3 15a4 4 0 1 0 8 0a4 4 0 1 0-8 0 M10 12l10-10 M16 6l3 3 M13.5 8.5l2 2',
    tone: TONE.scope,
    swatch: '#94a3b8',
  },
  resourceGroup: {
    label: 'Resource group',
    hint: 'folder of resources',
    icon: 'M3 7l9-4 9 4v10l-9 4-9-4z M3 7l9 4 9-4 M12 11v10',
    tone: TONE.scope,
    swatch: '#cbd5e1',
  },
  workspace: {
    label: 'Workspace',
    hint: 'Azure ML workspace and what runs in it',
    icon: 'M9 3h6 M10 3v6l-5 9a2 2 0 0 0 2 3h10a2 2 0 0 0 2-3l-5-9V3 M7.5 15h9',
    tone: TONE.workspace,
    swatch: '#2563eb',
  },
  storageAccount: {
    label: 'Storage account',
    hint: 'blobs and files',
    icon: 'M4 6c0-1.7 3.6-3 8-3s8 1.3 8 3-3.6 3-8 3-8-1.3-8-3z M4 6v12c0 1.7 3.6 3 8 3s8-1.3 8-3V6 M4 12c0 1.7 3.6 3 8 3s8-1.3 8-3',
    tone: TONE.dependency,
    swatch: '#10b981',
  },
  keyVault: {
    label: 'Key vault',
    hint: 'secrets, keys and certificates',
    icon: 'M5 11h14v10H5z M8 11V7a4 4 0 0 1 8 0v4 M12 15v2.5',
    tone: TONE.dependency,
    swatch: '#10b981',
  },
  workspaceRegistry: {
    label: 'Workspace registry',
    hint: "the workspace's own container registry",
    icon: 'M3 8l9-5 9 5-9 5z M3 12l9 5 9-5 M3 16l9 5 9-5',
    tone: TONE.dependency,
    swatch: '#10b981',
  },
  privateRegistry: {
    label: 'Private registry',
    hint: 'another registry images come from',
    icon: 'M2 7h20v11H2z M6 7v11 M10 7v11 M14 7v11 M18 7v11',
    tone: TONE.registryPrivate,
    swatch: '#14b8a6',
  },
  applicationInsights: {
    label: 'Application Insights',
    hint: 'logs and metrics',
    icon: 'M3 12h4l3-8 4 16 3-8h4',
    tone: TONE.dependency,
    swatch: '#10b981',
  },
  computeCluster: {
    label: 'Compute cluster',
    hint: 'scales out to run jobs',
    icon: 'M3 3h8v8H3z M13 3h8v8h-8z M3 13h8v8H3z M13 13h8v8h-8z',
    tone: TONE.compute,
    swatch: '#f59e0b',
  },
  computeInstance: {
    label: 'Compute instance',
    hint: "one person's development machine",
    icon: 'M3 4h18v12H3z M8 20h8 M12 16v4',
    tone: TONE.compute,
    swatch: '#f59e0b',
  },
  kubernetesCompute: {
    label: 'Kubernetes compute',
    hint: 'an attached Kubernetes or AKS inference cluster',
    icon: 'M12 3l8 4v10l-8 4-8-4V7z M12 8v8 M8.5 10l7 4 M15.5 10l-7 4',
    tone: TONE.compute,
    swatch: '#f59e0b',
  },
  serverlessCompute: {
    label: 'Serverless compute',
    hint: 'compute Azure ML provides per job',
    icon: 'M13 2L4 14h7l-1 8 9-12h-7z',
    tone: TONE.compute,
    swatch: '#f59e0b',
  },
  aksCluster: {
    label: 'AKS cluster',
    hint: 'Azure Kubernetes Service',
    icon: 'M12 2l9 5v10l-9 5-9-5V7z M12 7l4.5 2.5v5L12 17l-4.5-2.5v-5z',
    tone: TONE.compute,
    swatch: '#f59e0b',
  },
  onlineEndpoint: {
    label: 'Online endpoint',
    hint: 'serves a model over HTTPS',
    icon: 'M3 12a9 9 0 1 0 18 0a9 9 0 1 0-18 0 M3 12h18 M12 3c3 3 3 15 0 18 M12 3c-3 3-3 15 0 18',
    tone: TONE.endpoint,
    swatch: '#f97316',
  },
  onlineDeployment: {
    label: 'Deployment',
    hint: 'a model version behind an endpoint',
    icon: 'M12 3l8 4.5v9L12 21l-8-4.5v-9z M12 12l8-4.5 M12 12v9 M12 12L4 7.5',
    tone: TONE.endpoint,
    swatch: '#f97316',
  },
  datastore: {
    label: 'Datastore',
    hint: 'a workspace pointer to storage',
    icon: 'M3 6h6l2 2h10v11H3z',
    tone: TONE.data,
    swatch: '#06b6d4',
  },
  connection: {
    label: 'Connection',
    hint: 'credentials for an outside service',
    icon: 'M10 14a4 4 0 0 0 5.7 0l3-3a4 4 0 0 0-5.7-5.7l-1 1 M14 10a4 4 0 0 0-5.7 0l-3 3a4 4 0 0 0 5.7 5.7l1-1',
    tone: TONE.data,
    swatch: '#06b6d4',
  },
  job: {
    label: 'Job',
    hint: 'a command, sweep or pipeline run',
    icon: 'M3 12a9 9 0 1 0 18 0a9 9 0 1 0-18 0 M10 8l6 4-6 4z',
    tone: TONE.job,
    swatch: '#84cc16',
  },
  pipelineStep: {
    label: 'Pipeline step',
    hint: 'one step of a pipeline job',
    icon: 'M3 12h6 M15 12h6 M9 12a3 3 0 1 0 6 0a3 3 0 1 0-6 0',
    tone: TONE.job,
    swatch: '#a3e635',
  },
  user: {
    label: 'User',
    hint: 'a person in Entra ID',
    icon: 'M8 8a4 4 0 1 0 8 0a4 4 0 1 0-8 0 M4 21c0-4 4-6 8-6s8 2 8 6',
    tone: TONE.person,
    swatch: '#0ea5e9',
  },
  group: {
    label: 'Group',
    hint: 'its members hold its roles',
    icon: 'M5.5 7.5a3.5 3.5 0 1 0 7 0a3.5 3.5 0 1 0-7 0 M2 20c0-3.5 3-5.5 7-5.5s7 2 7 5.5 M16 4.5a3.5 3.5 0 0 1 0 6.5 M18 14.5c2.5.6 4 2.5 4 5.5',
    tone: TONE.person,
    swatch: '#0ea5e9',
  },
  servicePrincipal: {
    label: 'Service principal',
    hint: 'an application signing in',
    icon: 'M3 4h18v16H3z M3 9h18 M6.5 6.5h.01 M9.5 6.5h.01 M8 14l2 2-2 2 M13 18h3',
    tone: TONE.person,
    swatch: '#0ea5e9',
  },
  systemAssignedIdentity: {
    label: 'System-assigned identity',
    hint: 'lives and dies with its resource',
    icon: 'M3 5h18v14H3z M7 10.5a2 2 0 1 0 4 0a2 2 0 1 0-4 0 M6 16c.5-1.5 1.7-2.2 3-2.2s2.5.7 3 2.2 M14.5 9.5h4 M14.5 13h4',
    tone: TONE.identity,
    swatch: '#8b5cf6',
  },
  userAssignedIdentity: {
    label: 'User-assigned identity',
    hint: 'a managed identity resources share',
    icon: 'M12 3l8 3v6c0 5-3.5 8-8 9-4.5-1-8-4-8-9V6z M10 9.5a2 2 0 1 0 4 0a2 2 0 1 0-4 0 M8.5 16c.8-1.3 2-2 3.5-2s2.7.7 3.5 2',
    tone: TONE.identity,
    swatch: '#8b5cf6',
  },
  principals: {
    label: 'People and apps',
    hint: 'users, groups and service principals',
    icon: 'M5.5 7.5a3.5 3.5 0 1 0 7 0a3.5 3.5 0 1 0-7 0 M2 20c0-3.5 3-5.5 7-5.5s7 2 7 5.5 M16 4.5a3.5 3.5 0 0 1 0 6.5 M18 14.5c2.5.6 4 2.5 4 5.5',
    tone: TONE.person,
    swatch: '#e0f2fe',
  },
};

/** Visual kinds in the order the legend lists them. */
export const VISUAL_KIND_ORDER: readonly VisualKind[] = [
  'user',
  'group',
  'servicePrincipal',
  'userAssignedIdentity',
  'systemAssignedIdentity',
  'job',
  'pipelineStep',
  'computeCluster',
  'computeInstance',
  'kubernetesCompute',
  'serverlessCompute',
  'aksCluster',
  'onlineEndpoint',
  'onlineDeployment',
  'datastore',
  'connection',
  'workspace',
  'storageAccount',
  'keyVault',
  'workspaceRegistry',
  'privateRegistry',
  'applicationInsights',
  'managementGroup',
  'subscription',
  'resourceGroup',
];

/** The visual kind an entity kind gets when nothing finer is known. */
const DEFAULT_VISUAL: Readonly<Record<EntityKind, VisualKind>> = {
  managementGroup: 'managementGroup',
  subscription: 'subscription',
  resourceGroup: 'resourceGroup',
  workspace: 'workspace',
  storageAccount: 'storageAccount',
  keyVault: 'keyVault',
  containerRegistry: 'privateRegistry',
  applicationInsights: 'applicationInsights',
  compute: 'computeCluster',
  aksCluster: 'aksCluster',
  onlineEndpoint: 'onlineEndpoint',
  onlineDeployment: 'onlineDeployment',
  datastore: 'datastore',
  connection: 'connection',
  job: 'job',
  user: 'user',
  group: 'group',
  servicePrincipal: 'servicePrincipal',
  userAssignedIdentity: 'userAssignedIdentity',
  systemAssignedIdentity: 'systemAssignedIdentity',
};

/**
 * Per entity kind: a readable label, a short badge and a tone. Kept for panels that name an entity's kind
 * (the inspector, the legend); the graph itself uses {@link VISUAL_KINDS}.
 */
export interface KindPresentation {
  label: string;
  badge: string;
  tone: string;
  icon: string;
}

const BADGES: Readonly<Record<EntityKind, string>> = {
  managementGroup: 'MG',
  subscription: 'SUB',
  resourceGroup: 'RG',
  workspace: 'WS',
  storageAccount: 'ST',
  keyVault: 'KV',
  containerRegistry: 'ACR',
  applicationInsights: 'AI',
  compute: 'CMP',
  aksCluster: 'AKS',
  onlineEndpoint: 'EP',
  onlineDeployment: 'DEP',
  datastore: 'DS',
  connection: 'CON',
  job: 'JOB',
  user: 'USR',
  group: 'GRP',
  servicePrincipal: 'SP',
  userAssignedIdentity: 'UAI',
  systemAssignedIdentity: 'SAI',
};

const ENTITY_LABELS: Partial<Record<EntityKind, string>> = {
  containerRegistry: 'Container registry',
  compute: 'Compute',
};

export const KIND_PRESENTATION: Readonly<Record<EntityKind, KindPresentation>> = Object.fromEntries(
  (Object.keys(DEFAULT_VISUAL) as EntityKind[]).map((kind) => {
    const visual = VISUAL_KINDS[DEFAULT_VISUAL[kind]];
    return [kind, { label: ENTITY_LABELS[kind] ?? visual.label, badge: BADGES[kind], tone: visual.tone, icon: visual.icon }];
  }),
) as Record<EntityKind, KindPresentation>;

/** Entity kinds in legend order: the order of the visual kind each is drawn as when nothing finer is known. */
export const KIND_ORDER: readonly EntityKind[] = (Object.keys(DEFAULT_VISUAL) as EntityKind[]).sort(
  (a, b) => VISUAL_KIND_ORDER.indexOf(DEFAULT_VISUAL[a]) - VISUAL_KIND_ORDER.indexOf(DEFAULT_VISUAL[b]),
);

export function defaultVisualKind(kind: EntityKind): VisualKind {
  return DEFAULT_VISUAL[kind];
}
