import { describe, expect, it } from 'vitest';
import {
  describeRef,
  entitiesNamed,
  pathRef,
  ref,
  resolveEntity,
  resolveFindings,
  resolvePaths,
  tourRefs,
} from './refs';
import { analysed, sampleEstate } from '../../testing/tours';
import type { Tour } from './types';

const estate = sampleEstate('starter');

describe('resolving refs', () => {
  it('finds an entity by kind and name', () => {
    expect(resolveEntity(estate, ref('compute', 'cpu-cluster'))).toMatch(
      /\/workspaces\/ws-churn\/computes\/cpu-cluster$/,
    );
  });
  it('finds nothing for a wrong kind or name', () => {
    expect(resolveEntity(estate, ref('job', 'cpu-cluster'))).toBeUndefined();
    expect(entitiesNamed(estate, ref('compute', 'gpu-cluster'))).toEqual([]);
  });
  it('finds the paths and findings a ref names', () => {
    const pull = pathRef(
      'compute-image-pull',
      ref('compute', 'cpu-cluster'),
      ref('containerRegistry', 'acrchurnprod'),
    );
    expect(resolvePaths(estate, analysed(estate), pull).map((path) => path.status)).toEqual(['missing']);
    expect(
      resolveFindings(estate, analysed(estate), {
        rule: 'AML-ACR-004',
        subject: ref('compute', 'cpu-cluster'),
      }),
    ).toHaveLength(1);
    expect(
      resolveFindings(estate, analysed(estate), { rule: 'AML-ACR-004', subject: ref('compute', 'ci-alice') }),
    ).toHaveLength(0);
    expect(
      resolveFindings(estate, analysed(estate), { rule: 'AML-ACR-004', subject: ref('compute', 'nope') }),
    ).toHaveLength(0);
  });
  it('collects every ref of a tour and describes one readably', () => {
    const tour: Tour = {
      id: 't',
      title: 'T',
      summary: '',
      sample: 'starter',
      steps: [
        { id: 'a', title: 'A', text: ['x.'], highlight: { entities: [ref('compute', 'cpu-cluster')] } },
        { id: 'b', title: 'B', text: ['y.'], doIt: [{ kind: 'select', entity: ref('job', 'train-churn') }] },
      ],
    };
    expect(tourRefs(tour).entities.map(describeRef)).toEqual(['compute "cpu-cluster"', 'job "train-churn"']);
  });
});
