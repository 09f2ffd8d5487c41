import type { Confidence } from '../context/sources';
import type { AnalysisContext } from '../context/analysis-context';
import { ACTIONS, DATA_ACTIONS, ROLES } from '../context/actions';
import { COMPUTE_KINDS, unknownComputeTypeText } from '../model/compute-kinds';
import { systemIdentityId, type EntityId } from '../model/ids';
import { defaultIdentity } from '../model/topology';
import type { Compute, Datastore, Job, JobDataBinding, JobIdentity, JobStep, Workspace } from '../model/types';
import { datastoreScope, describePrincipal, makePath, principalIdentity, requirement } from './builder';
import type { AccessPath, PathRequirement, ResolvedIdentity, TraceStep } from './types';

const CREDENTIAL_LABELS: Record<string, string> = {
  account_key: 'account key',
  sas: 'SAS token',
  service_principal: 'service principal secret',
  certificate: 'service principal certificate',
};

/** The part of a job that runs somewhere: the job itself, or one pipeline step. */
interface RunUnit {
  label: string;
  compute: EntityId | 'serverless' | undefined;
  identity: JobIdentity;
  /** Where the identity setting came from, for the trace. */
  identityOrigin: string;
  inputs: JobDataBinding[];
  outputs: JobDataBinding[];
  ignoredComponentIdentity?: JobIdentity;
  /** The pipeline's own identity, set but not applied because the step runs a pipeline component (R45). */
  ignoredRootIdentity?: JobIdentity;
  /** The step takes the pipeline's identity, unless its component (whose type the import does not show) is a pipeline component. */
  rootIdentityIfNotPipelineComponent?: string;
  detail?: string;
}

function runUnits(job: Job): RunUnit[] {
  if (job.jobType !== 'pipeline' || job.steps.length === 0) {
    return [{ label: `job ${job.name}`, compute: job.compute, identity: job.identity, identityOrigin: `job ${job.name}`, inputs: job.inputs, outputs: job.outputs }];
  }
  return job.steps.map((step: JobStep) => {
    // A step's own identity wins; the pipeline's applies only when the step sets none (R45). A step that runs
    // a pipeline component (`type: pipeline`) honours only its own setting: the root one does not reach it. A
    // command component takes the root identity like any step.
    const stepSets = step.identity.type !== 'unset';
    const rootSet = !stepSets && job.identity.type !== 'unset';
    const rootIgnored = rootSet && step.componentType === 'pipeline';
    const unit: RunUnit = {
      label: `step ${step.name} of pipeline ${job.name}`,
      compute: step.compute ?? job.compute,
      identity: stepSets || rootIgnored ? step.identity : job.identity,
      identityOrigin: stepSets || rootIgnored ? `step ${step.name}` : `pipeline ${job.name}`,
      inputs: step.inputs,
      outputs: step.outputs,
      detail: step.name,
    };
    if (rootIgnored) unit.ignoredRootIdentity = job.identity;
    // Unknown is not a default: a component named only by reference may be a pipeline component.
    else if (rootSet && step.component !== undefined && step.componentType === undefined)
      unit.rootIdentityIfNotPipelineComponent = step.component;
    if (step.componentIdentity && step.componentIdentity.type !== 'unset') unit.ignoredComponentIdentity = step.componentIdentity;
    return unit;
  });
}

interface Resolution {
  identity: ResolvedIdentity;
  trace: TraceStep[];
  confidence: Confidence;
}

/** Section 2 of the fact sheet, steps 1 to 4: which identity a job uses to reach a datastore. */
export function resolveJobDataIdentity(
  context: AnalysisContext,
  job: Job,
  unit: RunUnit,
  datastore: Datastore,
): Resolution {
  const resolution = resolveWithKnownComponent(context, job, unit, datastore);
  if (unit.rootIdentityIfNotPipelineComponent === undefined) return resolution;
  resolution.trace.unshift({
    text: `${unit.label} runs component ${unit.rootIdentityIfNotPipelineComponent}, whose type this import does not show. It takes the pipeline's identity (${job.identity.type}) if it is a command component; if it is a pipeline component, only an identity set on the step counts and the step sets none. Add the component's YAML to the import to decide.`,
    fact: 'R45',
    source: 'S1',
  });
  return { ...resolution, confidence: 'unconfirmed' };
}

function resolveWithKnownComponent(
  context: AnalysisContext,
  job: Job,
  unit: RunUnit,
  datastore: Datastore,
): Resolution {
  const { topology } = context;
  const trace: TraceStep[] = [];
  if (unit.ignoredComponentIdentity) {
    trace.push({
      text: `The component used by ${unit.label} declares its own identity (${unit.ignoredComponentIdentity.type}); Azure ML ignores identities set inside pipeline components, only the step's setting counts.`,
      fact: 'R45',
      source: 'S1',
    });
  }
  if (unit.ignoredRootIdentity) {
    trace.push({
      text: `Pipeline ${job.name} sets identity ${unit.ignoredRootIdentity.type} at its root, but ${unit.label} runs a pipeline component, where only an identity set on the step itself takes effect.`,
      fact: 'R45',
      source: 'S1',
    });
  }
  if (datastore.credentialKind !== 'none') {
    const kind = CREDENTIAL_LABELS[datastore.credentialKind] ?? datastore.credentialKind;
    trace.push({
      text: `Datastore ${datastore.name} keeps a stored credential (${kind}), so Azure ML uses that credential whatever identity the job asks for.`,
      entity: datastore.id,
      fact: 'R46',
      source: 'S1',
    });
    if (unit.identity.type === 'user_identity') {
      trace.push({
        text: `${unit.identityOrigin} asks for the user's identity, but it is not used here: the stored credential wins.`,
        fact: 'R46',
        source: 'S1',
      });
    }
    return {
      identity: { kind: 'credential', credentialKind: datastore.credentialKind, label: `${kind} stored with datastore ${datastore.name}`, chosen: 'explicit' },
      trace,
      confidence: 'documented',
    };
  }
  trace.push({
    text: `Datastore ${datastore.name} stores no credential, so the identity of the job decides.`,
    entity: datastore.id,
    fact: 'R38',
    source: 'S1',
  });

  const submitter = job.submittedBy;
  const userIdentity = (): Resolution => {
    trace.push({
      text: `${unit.identityOrigin} sets identity type user_identity: storage is reached with the submitting user's own Entra token.`,
      fact: 'R45',
      source: 'S1',
    });
    if (submitter === undefined) {
      trace.push({ text: 'The estate does not say who submits the job, so the check cannot name the user.' });
      return { identity: { kind: 'any-user', label: 'the submitting user', chosen: 'explicit' }, trace, confidence: 'documented' };
    }
    return { identity: principalIdentity(topology, submitter, 'explicit'), trace, confidence: 'documented' };
  };

  if (unit.compute === 'serverless') {
    trace.push({ text: `${unit.label} runs on serverless compute, which has no system-assigned identity.`, fact: 'R34', source: 'S12' });
    if (unit.identity.type === 'user_identity') return userIdentity();
    if (unit.identity.type === 'managed') {
      const workspace = topology.workspaceOf(job.id);
      const uai = unit.identity.userAssignedIdentity;
      if (uai && workspace?.identity.userAssigned.includes(uai)) {
        trace.push({ text: `It names ${topology.nameOf(uai)}, a user-assigned identity of the workspace, which serverless jobs may use.`, entity: uai, fact: 'R34', source: 'S12' });
        return { identity: principalIdentity(topology, uai, 'explicit'), trace, confidence: 'documented' };
      }
      if (uai === undefined && workspace !== undefined && workspace.identity.userAssigned.length > 0) {
        // The documents only show serverless jobs naming the workspace identity by client_id; what happens
        // without one is not stated.
        trace.push({
          text: `It asks for a managed identity without naming which of ${workspace.name}'s user-assigned identities to use; the documents do not say which one is then picked.`,
          fact: 'R34',
          source: 'S12',
        });
        return { identity: { kind: 'unknown', label: 'unnamed workspace identity (not documented)', chosen: 'explicit' }, trace, confidence: 'unconfirmed' };
      }
      trace.push({
        text: uai
          ? `It names ${topology.nameOf(uai)}, which is not attached to the workspace; serverless jobs can only use the workspace's user-assigned identity.`
          : 'It asks for a managed identity, but the workspace has no user-assigned identity and serverless compute cannot use a system-assigned one.',
        fact: 'R34',
        source: 'S12',
      });
      return { identity: { kind: 'none', label: 'no usable managed identity', chosen: 'explicit' }, trace, confidence: 'documented' };
    }
    trace.push({
      text:
        unit.identity.type === 'aml_token'
          ? 'It sets identity type aml_token; the documents do not say which identity then reaches storage.'
          : "It sets no identity; the documents do not say which identity a serverless job then uses (R34 leaves it unconfirmed), so this import cannot tell. Setting `identity:` on the job decides it: `{type: user_identity}`, or `{type: managed, client_id: <client id of a workspace user-assigned identity>}`.",
      fact: unit.identity.type === 'aml_token' ? 'R49' : 'R34',
      source: 'S12',
    });
    return { identity: { kind: 'unknown', label: 'not documented for serverless compute', chosen: 'fallback' }, trace, confidence: 'unconfirmed' };
  }

  const compute = topology.getOfKind(unit.compute, 'compute');
  if (!compute) {
    trace.push({ text: `${unit.label} names no compute the estate knows, so its identity cannot be resolved.` });
    return { identity: { kind: 'unknown', label: 'compute not in the estate', chosen: 'fallback' }, trace, confidence: 'unconfirmed' };
  }
  // A compute whose type the input left unknown may be a cluster or an attached resource: the identity is
  // resolved as on a compute Azure ML runs, and the path is unconfirmed, saying what would tell.
  const unknownType = unknownComputeTypeText(compute);
  if (unknownType !== undefined) {
    trace.push({ text: unknownType, entity: compute.id });
    return { ...resolveOnCompute(context, unit, compute, trace, userIdentity), confidence: 'unconfirmed' };
  }
  return resolveOnCompute(context, unit, compute, trace, userIdentity);
}

function resolveOnCompute(
  context: AnalysisContext,
  unit: RunUnit,
  compute: Compute,
  trace: TraceStep[],
  userIdentity: () => Resolution,
): Resolution {
  const { topology } = context;
  const computeDefault = (chosen: ResolvedIdentity['chosen']): Resolution => {
    const identity = defaultIdentity(compute.id, compute.identity);
    if (identity === undefined) {
      trace.push({
        text: `${compute.name} has no managed identity, so there is nothing to authenticate with and the data access fails.`,
        entity: compute.id,
        fact: 'R28',
        source: 'S1',
      });
      return { identity: { kind: 'none', label: `${compute.name} has no identity`, chosen }, trace, confidence: 'documented' };
    }
    trace.push({
      text: compute.identity.system
        ? `${compute.name} has a system-assigned identity, which is its default identity.`
        : `${compute.name} has user-assigned identities only, so the first one, ${topology.nameOf(identity)}, is its default identity.`,
      entity: identity,
      fact: 'R27',
      source: 'S1',
    });
    return { identity: principalIdentity(topology, identity, chosen), trace, confidence: 'documented' };
  };

  if (compute.computeType === 'kubernetes') {
    trace.push({ text: `${compute.name} is Kubernetes compute: training jobs there use the compute's identity.`, entity: compute.id, fact: 'R33', source: 'S1' });
    return computeDefault(unit.identity.type === 'unset' ? 'fallback' : 'explicit');
  }

  // Attached resources (a VM, HDInsight, Databricks...) keep their own credentials: the job's managed or unset
  // identity has no Azure ML managed identity of the compute behind it. The fact sheet does not state this, so
  // the resolution is unconfirmed and findings on it only warn.
  const kind = COMPUTE_KINDS[compute.computeType];
  if (
    kind.identity !== 'own' &&
    compute.computeType !== 'unknown' &&
    (unit.identity.type === 'managed' || unit.identity.type === 'unset')
  ) {
    const chosen = unit.identity.type === 'unset' ? 'fallback' : 'explicit';
    if (kind.identity === 'none') {
      trace.push({
        text: `${compute.name} is an ${kind.label}: Azure ML gives it no managed identity for data access, so ${unit.identityOrigin} has none to reach data with.`,
        entity: compute.id,
        fact: 'R28:attached',
      });
      return { identity: { kind: 'none', label: `${compute.name} is an ${kind.label}, with no Azure ML managed identity`, chosen }, trace, confidence: 'unconfirmed' };
    }
    trace.push({
      text: `${compute.name} is an ${kind.label}: whether jobs there reach data with its identity is not documented.`,
      entity: compute.id,
      fact: 'R28:attached',
    });
    return { ...computeDefault(chosen), confidence: 'unconfirmed' };
  }

  switch (unit.identity.type) {
    case 'user_identity':
      return userIdentity();
    case 'managed': {
      const named = unit.identity.userAssignedIdentity;
      if (named === undefined) {
        trace.push({ text: `${unit.identityOrigin} asks for the compute's managed identity without naming one.`, fact: 'R48', source: 'S13' });
        return computeDefault('explicit');
      }
      if (!compute.identity.userAssigned.includes(named)) {
        trace.push({
          text: `${unit.identityOrigin} names ${topology.nameOf(named)}, but ${compute.name} does not carry that identity, so the job cannot use it.`,
          entity: named,
          fact: 'R48',
          source: 'S13',
        });
        return { identity: { kind: 'none', label: `${topology.nameOf(named)} is not on ${compute.name}`, chosen: 'explicit' }, trace, confidence: 'documented' };
      }
      trace.push({ text: `${unit.identityOrigin} names ${topology.nameOf(named)}, one of ${compute.name}'s user-assigned identities.`, entity: named, fact: 'R48', source: 'S13' });
      return { identity: principalIdentity(topology, named, 'explicit'), trace, confidence: 'documented' };
    }
    case 'aml_token':
      trace.push({
        text: `${unit.identityOrigin} sets identity type aml_token: the job uses the workspace's Azure ML token, and the documents do not say which identity that reaches storage as.`,
        fact: 'R49',
        source: 'S13',
      });
      return { identity: { kind: 'unknown', label: 'Azure ML token (resolution not documented)', chosen: 'explicit' }, trace, confidence: 'unconfirmed' };
    case 'unset':
      trace.push({ text: `${unit.identityOrigin} sets no identity, so Azure ML falls back to the compute's managed identity.`, fact: 'R47', source: 'S1' });
      return computeDefault('fallback');
  }
}

function bindingDatastore(context: AnalysisContext, binding: JobDataBinding): Datastore | undefined {
  return context.topology.getOfKind(binding.datastore, 'datastore');
}

function dataRequirement(context: AnalysisContext, principal: EntityId | undefined, datastore: Datastore, write: boolean): PathRequirement[] {
  const scope = datastoreScope(context.topology, datastore);
  if (scope === undefined || datastore.datastoreType === 'azure_file' || datastore.datastoreType === 'azure_data_lake_gen1') return [];
  return [
    requirement(context, principal, {
      label: write ? 'write blobs' : 'read blobs',
      action: write ? DATA_ACTIONS.blobWrite : DATA_ACTIONS.blobRead,
      dataAction: true,
      scope,
      role: write ? ROLES.storageBlobDataContributor : ROLES.storageBlobDataReader,
    }),
  ];
}

/** Every job (and pipeline step) to datastore path, one per input or output bound to a datastore. */
export function jobDatastorePaths(context: AnalysisContext): AccessPath[] {
  const { topology } = context;
  const paths: AccessPath[] = [];
  for (const job of context.estate.jobs) {
    for (const unit of runUnits(job)) {
      const bindings = [
        ...unit.inputs.map((b) => ({ binding: b, write: false })),
        ...unit.outputs.map((b) => ({ binding: b, write: true })),
      ];
      const seen = new Set<string>();
      for (const { binding, write } of bindings) {
        const datastore = bindingDatastore(context, binding);
        if (!datastore) continue;
        const key = `${datastore.id}|${write}`;
        if (seen.has(key)) continue;
        seen.add(key);
        const resolution = resolveJobDataIdentity(context, job, unit, datastore);
        const trace = [...resolution.trace];
        const principal = resolution.identity.principal;
        let requirements: PathRequirement[] = [];
        let statusOverride: AccessPath['status'] | undefined;
        if (resolution.identity.kind === 'credential') {
          if (job.submittedBy !== undefined) {
            requirements = [
              requirement(context, job.submittedBy, {
                label: 'read the datastore credential',
                action: ACTIONS.datastoreListSecrets,
                scope: datastore.armId,
                role: ROLES.azureMlDataScientist,
              }),
            ];
            trace.push({ text: `Using a stored credential also requires the caller, ${topology.nameOf(job.submittedBy)}, to be allowed to read datastore secrets.`, fact: 'R42', source: 'S5' });
          }
          // A stored service principal is itself an Entra principal: the storage decides what it may do (R42).
          if (datastore.credentialPrincipal !== undefined && (datastore.credentialKind === 'service_principal' || datastore.credentialKind === 'certificate')) {
            const spRequirements = dataRequirement(context, datastore.credentialPrincipal, datastore, write);
            if (spRequirements.length > 0) {
              requirements = [...requirements, ...spRequirements];
              trace.push({
                text: `The stored credential belongs to ${describePrincipal(topology, datastore.credentialPrincipal)}, which itself needs ${write ? 'Storage Blob Data Contributor' : 'at least Storage Blob Data Reader'} on the storage behind ${datastore.name}.`,
                entity: datastore.credentialPrincipal,
                fact: 'R42',
                source: 'S5',
              });
            }
          }
        } else {
          requirements = dataRequirement(context, principal, datastore, write);
          if (datastore.datastoreType === 'azure_file') {
            // R39: Azure Files has no identity-based access, so a credential-less file datastore is unusable.
            trace.push({ text: `${datastore.name} is an Azure Files datastore without a credential; Azure Files cannot be reached with an identity, so no identity can read it.`, entity: datastore.id, fact: 'R39', source: 'S1' });
            statusOverride = 'unsupported';
          } else if (datastore.datastoreType === 'azure_data_lake_gen1') {
            statusOverride = 'unconfirmed';
            trace.push({ text: 'ADLS Gen1 is authorised with POSIX ACLs only, which the estate does not describe.', fact: 'R40', source: 'S1' });
          } else if (requirements.length === 0 && resolution.identity.kind !== 'none' && resolution.identity.kind !== 'unknown') {
            trace.push({ text: `The storage account behind ${datastore.name} is not in the estate, so its roles cannot be checked.` });
          } else if (principal !== undefined) {
            trace.push({
              text: `${describePrincipal(topology, principal)} needs ${write ? 'Storage Blob Data Contributor' : 'at least Storage Blob Data Reader'} on the storage behind ${datastore.name}.`,
              fact: 'R40',
              source: 'S1',
            });
          }
        }
        const via: EntityId[] = typeof unit.compute === 'string' && unit.compute !== 'serverless' ? [unit.compute] : [];
        paths.push(
          makePath({
            kind: 'job-datastore',
            title: `${unit.label} ${write ? 'writes to' : 'reads'} ${datastore.name}`,
            actor: job.id,
            target: datastore.id,
            via,
            identity: resolution.identity,
            trace,
            requirements,
            confidence: resolution.confidence,
            detail: [unit.detail, write ? 'write' : 'read'].filter(Boolean).join(':'),
            ...(statusOverride && resolution.identity.kind !== 'none' ? { status: statusOverride } : {}),
          }),
        );
      }
    }
  }
  return paths;
}

/** The identity a workspace uses for its own service operations: the primary user-assigned one, else its system one. */
export function workspaceServiceIdentity(workspace: Workspace): EntityId | undefined {
  if (workspace.identity.userAssigned.length > 0 && workspace.primaryUserAssignedIdentity) return workspace.primaryUserAssignedIdentity;
  if (workspace.identity.system) return systemIdentityId(workspace.id);
  return workspace.identity.userAssigned[0];
}

export { runUnits };
export type { RunUnit };
