import { describe, expect, it } from 'vitest';
import { setJobIdentity } from './set-job-identity';
import { changedCollections, editsTestEstate, idOf } from '../testing/edits';

describe('setJobIdentity', () => {
  const estate = editsTestEstate();
  const train = idOf(estate, 'job', 'train');
  const pipe = idOf(estate, 'job', 'pipe');
  const uai = idOf(estate, 'userAssignedIdentity', 'uai-train');

  it('sets a job to a managed identity, then to the compute default', () => {
    const managed = setJobIdentity(estate, { job: train, type: 'managed', userAssignedIdentity: uai });
    expect(changedCollections(estate, managed)).toEqual(['jobs']);
    expect(managed.jobs[0]?.identity).toEqual({ type: 'managed', userAssignedIdentity: uai });
    expect(managed.jobs[1]).toBe(estate.jobs[1]);
    const byDefault = setJobIdentity(managed, { job: train, type: 'managed' });
    expect(byDefault.jobs[0]?.identity).toEqual({ type: 'managed' });
  });

  it('ignores the identity for types that do not take one', () => {
    const next = setJobIdentity(estate, { job: train, type: 'aml_token', userAssignedIdentity: uai });
    expect(next.jobs[0]?.identity).toEqual({ type: 'aml_token' });
  });

  it('sets one step of a pipeline, sharing the other steps', () => {
    const job = estate.jobs.find((j) => j.id === pipe)!;
    const next = setJobIdentity(estate, { job: pipe, step: 'fit', type: 'user_identity' });
    const updated = next.jobs.find((j) => j.id === pipe)!;
    expect(updated.steps.find((s) => s.name === 'fit')?.identity).toEqual({ type: 'user_identity' });
    expect(updated.steps.find((s) => s.name === 'prep')).toBe(job.steps.find((s) => s.name === 'prep'));
    expect(updated.identity).toBe(job.identity);
  });

  it('returns the same estate when nothing changes or the step is unknown', () => {
    expect(setJobIdentity(estate, { job: train, type: 'user_identity' })).toBe(estate);
    expect(setJobIdentity(estate, { job: pipe, step: 'nope', type: 'managed' })).toBe(estate);
    expect(setJobIdentity(estate, { job: pipe, step: 'prep', type: 'unset' })).toBe(estate);
  });
});
