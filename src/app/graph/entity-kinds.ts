import type { EntityKind } from '../../engine/model/types';

/**
 * How each entity kind is presented: a readable label, a short badge and the column it sits in.
 *
 * Columns run left to right in the direction most edges point (who -> what runs -> as which identity ->
 * inside which workspace -> on which dependency -> under which scope), so the simple column layout
 * already reads like a flow. Tone classes are written out in full because Tailwind only generates
 * classes it can find verbatim in the source.
 */
export interface KindPresentation {
  label: string;
  badge: string;
  column: number;
  tone: string;
}

export const KIND_PRESENTATION: Readonly<Record<EntityKind, KindPresentation>> = {
  user: { label: 'User', badge: 'USR', column: 0, tone: 'bg-sky-100 text-sky-900 ring-sky-300' },
  group: { label: 'Group', badge: 'GRP', column: 0, tone: 'bg-sky-100 text-sky-900 ring-sky-300' },
  servicePrincipal: {
    label: 'Service principal',
    badge: 'SP',
    column: 0,
    tone: 'bg-sky-100 text-sky-900 ring-sky-300',
  },
  compute: { label: 'Compute', badge: 'CMP', column: 1, tone: 'bg-amber-100 text-amber-900 ring-amber-300' },
  aksCluster: {
    label: 'AKS cluster',
    badge: 'AKS',
    column: 1,
    tone: 'bg-amber-100 text-amber-900 ring-amber-300',
  },
  onlineEndpoint: {
    label: 'Online endpoint',
    badge: 'EP',
    column: 1,
    tone: 'bg-amber-100 text-amber-900 ring-amber-300',
  },
  onlineDeployment: {
    label: 'Deployment',
    badge: 'DEP',
    column: 1,
    tone: 'bg-amber-100 text-amber-900 ring-amber-300',
  },
  job: { label: 'Job', badge: 'JOB', column: 1, tone: 'bg-amber-100 text-amber-900 ring-amber-300' },
  userAssignedIdentity: {
    label: 'User-assigned identity',
    badge: 'UAI',
    column: 2,
    tone: 'bg-violet-100 text-violet-900 ring-violet-300',
  },
  systemAssignedIdentity: {
    label: 'System-assigned identity',
    badge: 'SAI',
    column: 2,
    tone: 'bg-violet-100 text-violet-900 ring-violet-300',
  },
  workspace: { label: 'Workspace', badge: 'WS', column: 3, tone: 'bg-blue-600 text-white ring-blue-700' },
  datastore: { label: 'Datastore', badge: 'DS', column: 3, tone: 'bg-teal-100 text-teal-900 ring-teal-300' },
  connection: {
    label: 'Connection',
    badge: 'CON',
    column: 3,
    tone: 'bg-teal-100 text-teal-900 ring-teal-300',
  },
  storageAccount: {
    label: 'Storage account',
    badge: 'ST',
    column: 4,
    tone: 'bg-emerald-100 text-emerald-900 ring-emerald-300',
  },
  keyVault: {
    label: 'Key vault',
    badge: 'KV',
    column: 4,
    tone: 'bg-emerald-100 text-emerald-900 ring-emerald-300',
  },
  containerRegistry: {
    label: 'Container registry',
    badge: 'ACR',
    column: 4,
    tone: 'bg-emerald-100 text-emerald-900 ring-emerald-300',
  },
  applicationInsights: {
    label: 'Application Insights',
    badge: 'AI',
    column: 4,
    tone: 'bg-emerald-100 text-emerald-900 ring-emerald-300',
  },
  managementGroup: {
    label: 'Management group',
    badge: 'MG',
    column: 5,
    tone: 'bg-slate-200 text-slate-800 ring-slate-300',
  },
  subscription: {
    label: 'Subscription',
    badge: 'SUB',
    column: 5,
    tone: 'bg-slate-200 text-slate-800 ring-slate-300',
  },
  resourceGroup: {
    label: 'Resource group',
    badge: 'RG',
    column: 5,
    tone: 'bg-slate-200 text-slate-800 ring-slate-300',
  },
};

/** Kinds in drawing order: by column, then in the order listed above. */
export const KIND_ORDER: readonly EntityKind[] = (Object.keys(KIND_PRESENTATION) as EntityKind[])
  .map((kind, listed) => ({ kind, listed }))
  .sort((a, b) => KIND_PRESENTATION[a.kind].column - KIND_PRESENTATION[b.kind].column || a.listed - b.listed)
  .map(({ kind }) => kind);
