import type { JobEnvironment } from '../../model/types';
import { readBindings, readEnvironment, readJobIdentityType } from '../core/azml-vocabulary';
import { describeFound, type Path, type Rec } from '../core/context';
import { redactEnvironmentVariables } from '../secrets';
import type {
  BindingDraft,
  ComponentDraft,
  EnvironmentDraft,
  JobDraft,
  JobIdentityDraft,
  StepDraft,
} from './drafts';
import { DocumentReading } from './document-reading';
import { parseEnvironmentRef } from './environments';

/** Reads job and component documents: identities, data bindings, environments and pipeline steps. */
export class JobDocumentReader extends DocumentReading {
  private jobIdentity(raw: unknown, path: Path): JobIdentityDraft {
    const head = readJobIdentityType(this.ctx, raw, path, { checkFields: false });
    if (head === undefined) return { type: 'unset' };
    const { type, obj } = head;
    const identity: JobIdentityDraft = { type };
    if (!obj || type !== 'managed') return identity;
    const resourceKey = ['msi_resource_id', 'resource_id'].find((key) => typeof obj[key] === 'string');
    const clientId = this.guid(obj, 'client_id', path);
    const objectId = this.guid(obj, 'object_id', path);
    if (resourceKey !== undefined) {
      const mention = this.uaiText(String(obj[resourceKey]), [...path, resourceKey]);
      if (mention) {
        if (clientId !== undefined) mention.clientId = clientId;
        if (objectId !== undefined) mention.principalId = objectId;
        identity.userAssignedIdentity = mention;
      }
    } else if (clientId !== undefined) {
      identity.userAssignedIdentity = {
        ref: { by: 'clientId', value: clientId },
        clientId,
        path: [...path, 'client_id'],
      };
    } else if (objectId !== undefined) {
      identity.userAssignedIdentity = {
        ref: { by: 'principalId', value: objectId },
        principalId: objectId,
        path: [...path, 'object_id'],
      };
    }
    return identity;
  }

  /** Inputs or outputs; an output declared without settings is kept (it goes to the default datastore). */
  private bindings(raw: unknown, path: Path): BindingDraft[] {
    return readBindings(this.ctx, raw, path, { checkFields: false, keepBareOutputs: true });
  }

  /** An inline environment's image and build; a registered environment (`azureml:...`) gives none. */
  private environment(raw: unknown, path: Path): JobEnvironment | undefined {
    return readEnvironment(this.ctx, raw, path, { strict: false });
  }

  private secretVariables(obj: Rec): void {
    const variables = this.ctx.map(obj.environment_variables, ['environment_variables']);
    if (!variables) return;
    for (const variable of redactEnvironmentVariables(variables).redacted)
      this.ctx.warn(
        ['environment_variables', variable],
        `environment variable \`${variable}\` looks like it holds a secret; jobs' variables are not kept, but the file still carries it`,
        { target: 'key' },
      );
  }

  /** A command, pipeline, sweep or Spark job; unnamed jobs are counted to be named after their file. */
  job(obj: Rec, jobType: JobDraft['jobType'], unnamedIndex: number): JobDraft | undefined {
    const child = this.childId(obj, 'job');
    let name: string | undefined;
    if (obj.name !== undefined && obj.name !== null) {
      name = this.name(obj, 'job');
      if (name === undefined) return undefined;
    } else if (child) name = child.name;
    const draft: JobDraft = {
      kind: 'job',
      ...this.base(obj),
      jobType,
      identity: this.jobIdentity(obj.identity, ['identity']),
      inputs: this.bindings(obj.inputs, ['inputs']),
      outputs: this.bindings(obj.outputs, ['outputs']),
      steps: [],
      unnamedIndex,
    };
    if (name !== undefined) draft.name = name;
    if (child) draft.workspaceHint = child.workspace;
    const settings = this.ctx.map(obj.settings, ['settings']);
    const compute =
      obj.compute !== undefined && obj.compute !== null
        ? this.computeRef(obj.compute, ['compute'])
        : settings && settings.default_compute !== undefined
          ? this.computeRef(settings.default_compute, ['settings', 'default_compute'])
          : undefined;
    if (compute) draft.compute = compute;
    else if (jobType === 'spark' && obj.resources !== undefined)
      draft.compute = { by: 'serverless', path: ['resources'] };
    // A command or sweep job that names no compute runs on serverless compute (R34), not on none at all.
    else if (jobType === 'command' || jobType === 'sweep') draft.compute = { by: 'serverless', path: [] };
    const trial = jobType === 'sweep' ? this.ctx.map(obj.trial, ['trial']) : undefined;
    const environmentPath = trial ? ['trial', 'environment'] : ['environment'];
    const rawEnvironment = trial ? trial.environment : obj.environment;
    const environment = this.environment(rawEnvironment, environmentPath);
    if (environment) draft.environment = environment;
    const environmentRef = parseEnvironmentRef(rawEnvironment, environmentPath);
    if (environmentRef) draft.environmentRef = environmentRef;
    this.secretVariables(obj);
    const steps = this.ctx.map(obj.jobs, ['jobs'], 'a mapping of step names to steps');
    if (steps) {
      if (jobType !== 'pipeline')
        this.ctx.warn(
          ['jobs'],
          `only pipeline jobs have steps, and this job's type is \`${jobType}\`; the steps are read anyway`,
          {
            target: 'key',
          },
        );
      for (const [stepName, rawStep] of Object.entries(steps)) {
        const step = this.step(stepName, rawStep, ['jobs', stepName]);
        if (step) draft.steps.push(step);
      }
    }
    this.common(obj, draft);
    return draft;
  }

  private step(name: string, raw: unknown, path: Path): StepDraft | undefined {
    const obj = this.ctx.map(raw, path, 'a step mapping');
    if (!obj) return undefined;
    const step: StepDraft = {
      name,
      identity: this.jobIdentity(obj.identity, [...path, 'identity']),
      inputs: this.bindings(obj.inputs, [...path, 'inputs']),
      outputs: this.bindings(obj.outputs, [...path, 'outputs']),
      path,
    };
    const compute = this.computeRef(obj.compute, [...path, 'compute']);
    if (compute) step.compute = compute;
    const component = obj.component;
    if (typeof component === 'string') {
      step.component = component.trim();
      const local = component.trim().replace(/^file:/i, '');
      if (!/^azureml:/i.test(local) && /\.ya?ml$/i.test(local)) step.componentFile = local;
    } else if (typeof component === 'object' && component !== null && !Array.isArray(component)) {
      // An inline component: its name stands for it, and an identity declared inside it is one Azure ML ignores.
      const inline = component as Rec;
      step.component = typeof inline.name === 'string' ? inline.name : 'inline';
      if (typeof inline.type === 'string') step.componentType = inline.type.trim().toLowerCase();
      if (inline.identity !== undefined && inline.identity !== null)
        step.componentIdentity = this.jobIdentity(inline.identity, [...path, 'component', 'identity']);
      const inlineEnvironment = this.environment(inline.environment, [...path, 'component', 'environment']);
      if (inlineEnvironment) step.environment = inlineEnvironment;
      const inlineRef = parseEnvironmentRef(inline.environment, [...path, 'component', 'environment']);
      if (inlineRef) step.environmentRef = inlineRef;
    } else if (component !== undefined && component !== null) {
      this.ctx.error(
        [...path, 'component'],
        `expected a component reference or an inline component, found ${describeFound(component)}`,
      );
    }
    const environment = this.environment(obj.environment, [...path, 'environment']);
    if (environment) step.environment = environment;
    const environmentRef = parseEnvironmentRef(obj.environment, [...path, 'environment']);
    if (environmentRef) {
      // The step's own environment wins over the one its component names.
      delete step.environment;
      step.environmentRef = environmentRef;
    }
    if (typeof obj.trial === 'string') {
      // A sweep step's trial may name a component file (`trial: ./train.yml`), read like a step's component.
      const local = obj.trial.trim().replace(/^file:/i, '');
      step.component ??= obj.trial.trim();
      if (!/^azureml:/i.test(local) && /\.ya?ml$/i.test(local)) step.componentFile ??= local;
    } else if (obj.trial !== undefined && !step.environment && !step.environmentRef) {
      const trial = this.ctx.map(obj.trial, [...path, 'trial']);
      const trialEnvironment = trial
        ? this.environment(trial.environment, [...path, 'trial', 'environment'])
        : undefined;
      if (trialEnvironment) step.environment = trialEnvironment;
      const trialRef = trial ? parseEnvironmentRef(trial.environment, [...path, 'trial', 'environment']) : undefined;
      if (trialRef) step.environmentRef = trialRef;
    }
    return step;
  }

  /** A component: kept for the pipeline steps that refer to its file (its environment and identity). */
  component(obj: Rec): ComponentDraft {
    const draft: ComponentDraft = { kind: 'component', ...this.base(obj) };
    const name = this.ctx.str(obj, 'name', []);
    if (name !== undefined) draft.name = name;
    const type = this.ctx.str(obj, 'type', []);
    if (type !== undefined) draft.componentType = type.trim().toLowerCase();
    const environment = this.environment(obj.environment, ['environment']);
    if (environment) draft.environment = environment;
    const environmentRef = parseEnvironmentRef(obj.environment, ['environment']);
    if (environmentRef) draft.environmentRef = environmentRef;
    if (obj.identity !== undefined && obj.identity !== null)
      draft.identity = this.jobIdentity(obj.identity, ['identity']);
    return draft;
  }

  /**
   * An environment asset (`az ml environment create --file`): its image and build, for the jobs and deployments
   * of the import that name it. Without a `name` (given by `--name` instead) no reference can reach it.
   */
  environmentAsset(obj: Rec): EnvironmentDraft | undefined {
    const name = this.ctx.str(obj, 'name', []);
    if (name === undefined || name.trim() === '') {
      this.ctx.info(
        [],
        'this environment asset has no `name` (az ml takes it from `--name`), so no job or deployment of the import can be matched to it',
      );
      return undefined;
    }
    this.placeholderWarning(name, ['name']);
    const draft: EnvironmentDraft = { kind: 'environment', ...this.base(obj), name: name.trim() };
    const version = obj.version;
    if (typeof version === 'string' || typeof version === 'number') draft.version = String(version).trim();
    const environment = this.environment(obj, []);
    if (environment) draft.environment = environment;
    return draft;
  }
}
