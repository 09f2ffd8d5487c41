import { describe, expect, it } from 'vitest';
import { analyze } from '../../analysis/analyze';
import { unknownComputeTypeText } from '../../model/compute-kinds';
import { jobWithoutIdentity } from '../../rules/job/job-without-identity';
import { commandJob, datastore, ruleEstate } from '../../testing/datastores';
import { runRuleOn } from '../../testing/estates';
import { readInputs } from '../inputs';
import template from './fixtures/compute-type-parameter.template.json';

// The shape of the quickstart machine-learning-compute-create-computeinstance template, with the compute's type
// made a parameter (as a template that creates either a cluster or an instance has it): without a value for the
// parameter, the compute is of unknown kind, not the default cluster.

function read(parameters?: Record<string, unknown>) {
  const text = JSON.stringify(template, null, 2);
  const files = [{ file: 'azuredeploy.json', text }];
  if (parameters)
    files.push({
      file: 'azuredeploy.parameters.json',
      text: JSON.stringify({
        $schema: 'https://schema.management.azure.com/schemas/2019-04-01/deploymentParameters.json#',
        contentVersion: '1.0.0.0',
        parameters: Object.fromEntries(Object.entries(parameters).map(([k, value]) => [k, { value }])),
      }),
    });
  const result = readInputs(files);
  expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  if (!result.estate) throw new Error('no estate');
  return result.estate;
}

describe('a compute whose computeType is a parameter without a value', () => {
  it('is of unknown kind, with the expression and the parameter that would tell', () => {
    const estate = read();
    const compute = estate.computes[0]!;
    expect(compute.computeType).toBe('unknown');
    expect(compute.unknownType).toEqual({ expression: "parameters('computeType')", parameters: ['computeType'] });
    expect(estate.provenance?.unknown[compute.id]).toContain('computeType');
    // Its identity is read as written, as for any compute.
    expect(compute.identity.system).toBe(true);
    expect(unknownComputeTypeText(compute)).toBe(
      "The type of compute gpu is written as `[parameters('computeType')]`, which cannot be worked out offline, so it may be a cluster, an instance or an attached resource; a value for parameter `computeType` (a parameters file or `--parameters`), or the deployed compute (`az ml compute show -n gpu -o json`) would tell.",
    );
  });

  it('is warned about as of unknown kind (not "left unset"), with the parameter and the command that would tell', () => {
    const result = readInputs([{ file: 'azuredeploy.json', text: JSON.stringify(template, null, 2) }]);
    const warnings = result.diagnostics.filter((d) => d.path?.endsWith('computeType'));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatchObject({
      severity: 'warning',
      message:
        "`parameters('computeType')` cannot be worked out offline, so compute `gpu` is of unknown kind (not read as a cluster: no cluster or instance rule judges it, and paths through it are unconfirmed); a value for parameter `computeType` (a parameters file or `--parameters`), or `az ml compute show -n gpu -o json` would tell",
    });
  });

  it('is not judged as a cluster: the local-auth, subnet and image-build rules stay quiet', () => {
    const ruleIds = analyze(read()).findings.map((f) => f.ruleId);
    // As a cluster (the type given), the same compute fires the cluster baselines.
    const asCluster = analyze(read({ computeType: 'AmlCompute', computeName: 'gpu' })).findings.map((f) => f.ruleId);
    expect(asCluster).toEqual(expect.arrayContaining(['AML-GOV-002', 'AML-GOV-007']));
    expect(ruleIds).not.toContain('AML-GOV-002');
    expect(ruleIds).not.toContain('AML-GOV-007');
    // The workspace names it as its image build compute: it may well be a cluster, so AML-ACR-008 says nothing.
    expect(ruleIds).not.toContain('AML-ACR-008');
    // Named as the build compute while it is an instance, the image-build rule does fire.
    const asInstance = analyze(read({ computeType: 'ComputeInstance' })).findings.map((f) => f.ruleId);
    expect(asInstance).toContain('AML-ACR-008');
  });

  it('has an unconfirmed image-pull path that says which expression left it open and what would tell', () => {
    const estate = read();
    const compute = estate.computes[0]!;
    const pulls = analyze(estate).paths.filter((p) => p.kind === 'compute-image-pull' && p.actor === compute.id);
    expect(pulls).toHaveLength(1);
    expect(pulls[0]).toMatchObject({ confidence: 'unconfirmed', status: 'unconfirmed', title: 'gpu may pull images from crdemo' });
    expect(pulls[0]!.trace[0]).toEqual({ text: unknownComputeTypeText(compute), entity: compute.id });
    // Given the parameter, the path is the cluster's documented one.
    const known = read({ computeType: 'AmlCompute' });
    const clusterPull = analyze(known).paths.find((p) => p.kind === 'compute-image-pull' && p.actor === known.computes[0]!.id);
    expect(clusterPull).toMatchObject({ confidence: 'documented', title: 'gpu pulls images from crdemo' });
  });
});

describe('a job on a compute of unknown kind', () => {
  const raw = datastore('raw', '    type: azure_blob\n');
  // The rule estate's cluster without an identity, its type left unknown as a template without the parameter leaves it.
  const onUnknown = () => {
    const estate = ruleEstate({ datastores: raw, jobs: commandJob('train', { compute: 'cpu-none' }) });
    const compute = estate.computes.find((c) => c.name === 'cpu-none');
    if (!compute) throw new Error('no compute');
    compute.computeType = 'unknown';
    compute.unknownType = { expression: "parameters('computeType')", parameters: ['computeType'] };
    return { estate, compute };
  };

  it('reaches data on an unconfirmed path that says which expression left the type open', () => {
    const { estate, compute } = onUnknown();
    const paths = analyze(estate).paths.filter((p) => p.kind === 'job-datastore');
    expect(paths.length).toBeGreaterThan(0);
    for (const path of paths) {
      expect(path.confidence).toBe('unconfirmed');
      expect(path.trace).toContainEqual({ text: unknownComputeTypeText(compute), entity: compute.id });
    }
  });

  it('is warned about, not reported as an error, when the compute it falls back to has no identity', () => {
    const { estate } = onUnknown();
    const findings = runRuleOn(jobWithoutIdentity, estate);
    expect(findings.length).toBeGreaterThan(0);
    expect(findings.map((f) => f.severity)).not.toContain('error');
    // On the cluster it is, the same job is an error.
    const asCluster = ruleEstate({ datastores: raw, jobs: commandJob('train', { compute: 'cpu-none' }) });
    expect(runRuleOn(jobWithoutIdentity, asCluster).map((f) => f.severity)).toContain('error');
  });
});
