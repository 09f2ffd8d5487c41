// FragmentBuilder's field sources are made when first read; reading them must give what an eager map gave.
import { describe, expect, it } from 'vitest';
import { ReadContext } from './context';
import { FragmentBuilder } from './fragment';
import { parseDocuments } from './source';

const text = `{
  "name": "ws",
  "properties": {
    "publicNetworkAccess": "Disabled",
    "systemDatastoresAuthMode": "identity"
  }
}`;

function built() {
  const doc = parseDocuments(text, 'ws.json').docs[0];
  if (!doc) throw new Error('the fixture did not parse');
  const ctx = new ReadContext('ws.json', doc);
  const b = new FragmentBuilder('ws.json', 'planned');
  const id = '/subscriptions/11111111-2222-3333-4444-555555555555/resourceGroups/rg/providers/Microsoft.MachineLearningServices/workspaces/ws';
  const workspace = b.resource('workspace', id, { ctx, path: [] });
  if (!workspace) throw new Error('no workspace');
  const path = ['properties'];
  path.push('publicNetworkAccess');
  b.set(workspace, 'publicNetworkAccess', 'Disabled', { ctx, path });
  // The reader's working path moves on after the set: the source keeps where it was.
  path[1] = 'systemDatastoresAuthMode';
  b.set(workspace, 'systemDatastoresAuthMode', 'identity', { ctx, path });
  return { b, workspace };
}

describe('FragmentBuilder field sources', () => {
  it('locate each given field where it was written, by get and by iteration alike', () => {
    const { b, workspace } = built();
    const sources = b.metaOf(workspace).fieldSources;
    expect(sources.get('publicNetworkAccess')).toMatchObject({ file: 'ws.json', line: 4, path: 'properties.publicNetworkAccess' });
    expect(sources.get('publicNetworkAccess')).toBe(sources.get('publicNetworkAccess'));
    expect(sources.size).toBe(2);
    expect([...sources].map(([field, ref]) => [field, ref.line])).toEqual([
      ['publicNetworkAccess', 4],
      ['systemDatastoresAuthMode', 5],
    ]);
    const seen: string[] = [];
    sources.forEach((ref, field) => seen.push(`${field}@${ref.line ?? '?'}`));
    expect(seen).toEqual(['publicNetworkAccess@4', 'systemDatastoresAuthMode@5']);
    expect([...sources.values()].map((ref) => ref.column)).toEqual([28, 33]);
    expect(sources.has('name')).toBe(false);
    expect(sources.get('name')).toBeUndefined();
  });
});

describe('FragmentBuilder field sources kept relative to the entity', () => {
  it('give back whole paths for fields deeper than the first, outside it, and from another document', () => {
    const other = `{\n  "tags": {"team": "a"}\n}`;
    const doc = parseDocuments(text, 'ws.json').docs[0];
    const otherDoc = parseDocuments(other, 'other.json').docs[0];
    if (!doc || !otherDoc) throw new Error('the fixtures did not parse');
    const ctx = new ReadContext('ws.json', doc);
    const otherCtx = new ReadContext('other.json', otherDoc);
    const b = new FragmentBuilder('ws.json', 'planned');
    const id = '/subscriptions/11111111-2222-3333-4444-555555555555/resourceGroups/rg/providers/Microsoft.MachineLearningServices/workspaces/ws';
    const workspace = b.resource('workspace', id, { ctx, path: [] });
    if (!workspace) throw new Error('no workspace');
    b.set(workspace, 'publicNetworkAccess', 'Disabled', { ctx, path: ['properties', 'publicNetworkAccess'] });
    // Read before the rest is set: later fields must still appear in the map already made.
    expect(b.metaOf(workspace).fieldSources.size).toBe(1);
    b.set(workspace, 'systemDatastoresAuthMode', 'identity', { ctx, path: ['properties', 'systemDatastoresAuthMode', 'x'] });
    b.set(workspace, 'name', 'ws', { ctx, path: ['name'] });
    b.set(workspace, 'tags', { team: 'a' }, { ctx: otherCtx, path: ['tags'] });
    const sources = b.metaOf(workspace).fieldSources;
    expect([...sources].map(([field, ref]) => [field, ref.file, ref.path, ref.line])).toEqual([
      ['publicNetworkAccess', 'ws.json', 'properties.publicNetworkAccess', 4],
      ['systemDatastoresAuthMode', 'ws.json', 'properties.systemDatastoresAuthMode.x', 5],
      ['name', 'ws.json', 'name', 2],
      ['tags', 'other.json', 'tags', 2],
    ]);
    expect([...b.metaOf(workspace).given]).toEqual(['publicNetworkAccess', 'systemDatastoresAuthMode', 'name', 'tags']);
  });
});

describe('FragmentBuilder field sources from the document root', () => {
  it('keep a later field whole when the first was written at the root', () => {
    const doc = parseDocuments(text, 'ws.json').docs[0];
    if (!doc) throw new Error('the fixture did not parse');
    const ctx = new ReadContext('ws.json', doc);
    const b = new FragmentBuilder('ws.json', 'planned');
    const id = '/subscriptions/11111111-2222-3333-4444-555555555555/resourceGroups/rg/providers/Microsoft.MachineLearningServices/workspaces/ws';
    const workspace = b.resource('workspace', id, { ctx, path: [] });
    if (!workspace) throw new Error('no workspace');
    b.set(workspace, 'name', 'ws', { ctx, path: [] });
    b.set(workspace, 'publicNetworkAccess', 'Disabled', { ctx, path: ['properties', 'publicNetworkAccess'] });
    expect([...b.metaOf(workspace).fieldSources].map(([field, ref]) => [field, ref.path, ref.line])).toEqual([
      ['name', '', 1],
      ['publicNetworkAccess', 'properties.publicNetworkAccess', 4],
    ]);
  });
});

describe('FragmentBuilder skipped items', () => {
  it('say the line of what was skipped however they are read or copied', () => {
    const doc = parseDocuments(text, 'ws.json').docs[0];
    if (!doc) throw new Error('the fixture did not parse');
    const ctx = new ReadContext('ws.json', doc);
    const b = new FragmentBuilder('ws.json', 'planned');
    b.skip('Microsoft.Web/sites', 'Microsoft.Web/sites `app` (type not modelled)', { ctx, path: ['properties', 'systemDatastoresAuthMode'] });
    b.skip('module', 'a note without a place');
    const plain = { file: 'ws.json', kind: 'Microsoft.Web/sites', note: 'Microsoft.Web/sites `app` (type not modelled) (line 5)' };
    const [item, other] = b.skipped;
    expect(item).toEqual(plain);
    expect({ ...item }).toEqual(plain);
    expect(JSON.parse(JSON.stringify(item))).toEqual(plain);
    expect(structuredClone(item)).toEqual(plain);
    expect(other).toEqual({ file: 'ws.json', kind: 'module', note: 'a note without a place' });
  });
});
