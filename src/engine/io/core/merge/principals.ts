import { scopeKey } from '../../../model/ids';
import type { Diagnostic } from '../../../model/types';
import { KIND_LABELS } from '../kinds';
import { refToDiagnostic, where, type Member } from './members';

/** Union-find over principals, refusing unions that would join two different identities. */
export class PrincipalClusters {
  private readonly parent: number[] = [];
  private readonly anchors: { oid?: string; app?: string; res?: string; cls?: string }[] = [];
  private readonly reported = new Set<string>();

  constructor(
    private readonly members: Member[],
    private readonly diagnostics: Diagnostic[],
    rebase: (id: string) => string,
  ) {
    members.forEach((m, i) => {
      this.parent.push(i);
      this.anchors.push(anchorsOf(m, rebase));
    });
  }

  find(i: number): number {
    let root = i;
    while (this.parent[root] !== root) root = this.parent[root] ?? root;
    while (this.parent[i] !== root) {
      const next = this.parent[i] ?? root;
      this.parent[i] = root;
      i = next;
    }
    return root;
  }

  /** Joins the clusters of `a` and `b` when nothing about them disagrees; reports a disagreement on `key`. */
  join(a: number, b: number, key: string, report: boolean): void {
    const ra = this.find(a);
    const rb = this.find(b);
    if (ra === rb) return;
    const x = this.anchors[ra] ?? {};
    const y = this.anchors[rb] ?? {};
    const clash = (['cls', 'oid', 'app', 'res'] as const).find(
      (k) => x[k] !== undefined && y[k] !== undefined && x[k] !== y[k],
    );
    if (clash !== undefined) {
      const pair = `${Math.min(ra, rb)}|${Math.max(ra, rb)}`;
      if (report && !this.reported.has(pair)) {
        this.reported.add(pair);
        const first = this.members[a];
        const second = this.members[b];
        if (first && second) {
          this.diagnostics.push({
            severity: 'warning',
            message: `${KIND_LABELS[second.entity.kind]} \`${second.entity.name}\` and ${KIND_LABELS[first.entity.kind]} \`${first.entity.name}\` share ${key.replace(/:.*/, '') === 'app' ? 'the client/app id' : 'the object id'} ${key.replace(/^\w+:/, '')} but differ in ${clash === 'cls' ? 'kind' : clash === 'res' ? 'resource' : clash === 'oid' ? 'object id' : 'app id'}; they are kept apart`,
            ...refToDiagnostic(where(second)),
            related: where(first),
          });
        }
      }
      return;
    }
    this.parent[rb] = ra;
    this.anchors[ra] = { ...y, ...Object.fromEntries(Object.entries(x).filter(([, v]) => v !== undefined)) };
  }
}

/** What pins a principal down (object id, app id, resource, class): two principals that differ in one are never joined. */
export function anchorsOf(
  m: Member,
  rebase: (id: string) => string,
): { oid?: string; app?: string; res?: string; cls?: string } {
  const e = m.entity;
  const out: { oid?: string; app?: string; res?: string; cls?: string } = {};
  switch (e.kind) {
    case 'userAssignedIdentity':
      out.cls = 'app';
      out.res = `uai:${scopeKey(rebase(e.armId))}`;
      if (e.principalId) out.oid = e.principalId.toLowerCase();
      if (e.clientId) out.app = e.clientId.toLowerCase();
      break;
    case 'systemAssignedIdentity':
      out.cls = 'app';
      out.res = `sai:${scopeKey(rebase(e.owner))}`;
      if (e.principalId) out.oid = e.principalId.toLowerCase();
      break;
    case 'servicePrincipal':
      if (!m.meta?.anyKind) out.cls = 'app';
      if (e.objectId) out.oid = e.objectId.toLowerCase();
      if (e.appId) out.app = e.appId.toLowerCase();
      break;
    case 'user':
      out.cls = 'user';
      if (e.objectId) out.oid = e.objectId.toLowerCase();
      break;
    case 'group':
      out.cls = 'group';
      if (e.objectId) out.oid = e.objectId.toLowerCase();
      break;
    default:
      break;
  }
  return out;
}

/** The keys under which principals meet: ids, object ids, app ids, resources, user principal names, group names. */
export function joinKeys(m: Member, rebase: (id: string) => string): { key: string; report: boolean }[] {
  const e = m.entity;
  const anchors = anchorsOf(m, rebase);
  const keys: { key: string; report: boolean }[] = [
    { key: `id:${e.id.startsWith('/') ? rebase(e.id).toLowerCase() : e.id}`, report: true },
  ];
  if (anchors.oid) keys.push({ key: `oid:${anchors.oid}`, report: true });
  if (anchors.app) keys.push({ key: `app:${anchors.app}`, report: true });
  if (anchors.res) keys.push({ key: `res:${anchors.res}`, report: true });
  if (e.kind === 'user') {
    const upn = e.userPrincipalName ?? (e.name.includes('@') ? e.name : undefined);
    if (upn) keys.push({ key: `upn:${upn.toLowerCase()}`, report: false });
  }
  if (e.kind === 'group') keys.push({ key: `gname:${e.name.toLowerCase()}`, report: false });
  return keys;
}
