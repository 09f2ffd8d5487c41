import { describe, expect, it } from 'vitest';
import { expectOnlyFinding } from '../../testing/findings';
import { runRuleOn } from '../../testing/estates';
import { datastore, idOf, ruleEstate } from '../../testing/datastores';
import { ignoredPipelineIdentity } from './ignored-pipeline-identity';

const raw = datastore('raw', '    type: azure_blob\n');
const pipeline = (root: string, step: string) => `  - name: p
    workspace: ws-ml
    type: pipeline
    compute: cpu-uai
${root}    jobs:
      score:
        component: azureml:scoring@latest
        component_type: pipeline
${step}        inputs: { d: { path: azureml://datastores/raw/paths/a/ } }
`;

describe('AML-JOB-003 pipeline identity that Azure ML ignores', () => {
  it('warns about an identity declared inside a component', () => {
    const estate = ruleEstate({
      datastores: raw,
      jobs: pipeline('', '        component_identity: { type: user_identity }\n'),
    });
    const findings = runRuleOn(ignoredPipelineIdentity, estate);
    expectOnlyFinding(findings, {
      severity: 'warning',
      subjects: [idOf(estate, 'jobs', 'p')],
      message: ['score', 'uai-a'],
    });
  });

  it('warns about a root identity that a component step does not inherit', () => {
    const findings = runRuleOn(
      ignoredPipelineIdentity,
      ruleEstate({ datastores: raw, jobs: pipeline('    identity: { type: user_identity }\n', '') }),
    );
    expectOnlyFinding(findings, { message: ['at its root'] });
  });

  it('stays quiet about the root identity when the step runs a command component, which inherits it', () => {
    const findings = runRuleOn(
      ignoredPipelineIdentity,
      ruleEstate({
        datastores: raw,
        jobs: pipeline('    identity: { type: user_identity }\n', '').replace('component_type: pipeline', 'component_type: command'),
      }),
    );
    expect(findings).toEqual([]);
  });

  it('stays quiet when the identity is set on the step', () => {
    const estate = ruleEstate({
      datastores: raw,
      jobs: pipeline(
        '    identity: { type: user_identity }\n',
        '        identity: { type: user_identity }\n',
      ),
    });
    expect(runRuleOn(ignoredPipelineIdentity, estate)).toEqual([]);
  });
});
