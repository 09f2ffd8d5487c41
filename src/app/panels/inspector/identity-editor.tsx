import { useId, useState } from 'react';
import type { Compute, EntityId, Estate, OnlineEndpoint, Workspace } from '../../../engine';
import { EntityLink } from '../../components/entity-link';
import { LABEL, SELECT, SMALL_BUTTON } from '../../components/ui';
import { useWhatIf } from './use-what-if';

type IdentityChoice = 'none' | 'system' | 'user' | 'both';

const CHOICES: { value: IdentityChoice; label: string }[] = [
  { value: 'none', label: 'None' },
  { value: 'system', label: 'System-assigned' },
  { value: 'user', label: 'User-assigned' },
  { value: 'both', label: 'System- and user-assigned' },
];

/**
 * The managed identity of a workspace, compute or online endpoint, as what-if controls: its type, its
 * user-assigned identities in order (a cluster's first one is its default), and a workspace's primary one.
 */
export function IdentityEditor({ entity, estate }: { entity: Workspace | Compute | OnlineEndpoint; estate: Estate }) {
  const whatIf = useWhatIf();
  const typeId = useId();
  const addId = useId();
  const primaryId = useId();
  const [toAdd, setToAdd] = useState<EntityId | ''>('');
  const { identity } = entity;
  const current: IdentityChoice =
    identity.system && identity.userAssigned.length > 0 ? 'both' : identity.system ? 'system' : identity.userAssigned.length > 0 ? 'user' : 'none';
  const available = estate.userAssignedIdentities.filter((uai) => !identity.userAssigned.includes(uai.id));
  const nameOf = (id: EntityId) => estate.userAssignedIdentities.find((uai) => uai.id === id)?.name ?? id;
  const primary = entity.kind === 'workspace' ? entity.primaryUserAssignedIdentity : undefined;

  const set = (system: boolean, userAssigned: EntityId[], extra: { primaryUserAssignedIdentity?: EntityId | null } = {}) =>
    whatIf('setResourceIdentity', { resource: entity.id, system, userAssigned, ...extra });

  const changeType = (choice: IdentityChoice) => {
    const wantsUser = choice === 'user' || choice === 'both';
    // Turning user-assigned on needs an identity to attach: the first one available stands in until changed.
    const first = estate.userAssignedIdentities[0]?.id;
    const users = wantsUser ? (identity.userAssigned.length > 0 ? identity.userAssigned : first ? [first] : []) : [];
    const system = choice === 'system' || choice === 'both';
    const keepPrimary = entity.kind === 'workspace' && primary !== undefined && !users.includes(primary) ? { primaryUserAssignedIdentity: null } : {};
    set(system, users, keepPrimary);
  };
  const defaultLabel = entity.kind === 'compute' ? 'default' : undefined;

  return (
    <div className="space-y-2" data-testid="identity-editor">
      <div className="grid grid-cols-[7rem_1fr] items-center gap-2">
        <label htmlFor={typeId} className={LABEL}>
          Identity type
        </label>
        <select id={typeId} value={current} onChange={(event) => changeType(event.target.value as IdentityChoice)} className={SELECT}>
          {CHOICES.map((choice) => (
            <option key={choice.value} value={choice.value} disabled={(choice.value === 'user' || choice.value === 'both') && estate.userAssignedIdentities.length === 0}>
              {choice.label}
            </option>
          ))}
        </select>
      </div>

      {identity.userAssigned.length > 0 && (
        <ul className="space-y-1" aria-label="User-assigned identities">
          {identity.userAssigned.map((uai, index) => (
            <li key={uai} className="flex items-center gap-2 rounded-md border border-slate-200 px-2 py-1 text-sm dark:border-slate-700">
              <span className="min-w-0 flex-1">
                <EntityLink id={uai} name={nameOf(uai)} />
                {index === 0 && defaultLabel && <span className="ml-1.5 text-xs text-slate-500 dark:text-slate-400">({defaultLabel})</span>}
                {uai === primary && <span className="ml-1.5 text-xs text-slate-500 dark:text-slate-400">(primary)</span>}
              </span>
              {entity.kind === 'compute' && index > 0 && (
                <button type="button" className={SMALL_BUTTON} onClick={() => set(identity.system, [uai, ...identity.userAssigned.filter((id) => id !== uai)])}>
                  Make default
                </button>
              )}
              <button
                type="button"
                className={SMALL_BUTTON}
                aria-label={`Detach ${nameOf(uai)}`}
                onClick={() =>
                  set(
                    identity.system,
                    identity.userAssigned.filter((id) => id !== uai),
                    uai === primary ? { primaryUserAssignedIdentity: null } : {},
                  )
                }
              >
                Detach
              </button>
            </li>
          ))}
        </ul>
      )}

      {available.length > 0 && (
        <div className="flex items-end gap-2">
          <div className="min-w-0 flex-1 space-y-0.5">
            <label htmlFor={addId} className={LABEL}>
              Attach a user-assigned identity
            </label>
            <select id={addId} value={toAdd} onChange={(event) => setToAdd(event.target.value as EntityId | '')} className={SELECT}>
              <option value="">Choose…</option>
              {available.map((uai) => (
                <option key={uai.id} value={uai.id}>
                  {uai.name}
                </option>
              ))}
            </select>
          </div>
          <button
            type="button"
            className={SMALL_BUTTON}
            disabled={toAdd === ''}
            onClick={() => {
              if (toAdd === '') return;
              set(identity.system, [...identity.userAssigned, toAdd]);
              setToAdd('');
            }}
          >
            Attach
          </button>
        </div>
      )}

      {entity.kind === 'workspace' && identity.userAssigned.length > 0 && (
        <div className="grid grid-cols-[7rem_1fr] items-center gap-2">
          <label htmlFor={primaryId} className={LABEL}>
            Primary identity
          </label>
          <select
            id={primaryId}
            value={primary ?? ''}
            onChange={(event) =>
              set(identity.system, identity.userAssigned, {
                primaryUserAssignedIdentity: event.target.value === '' ? null : (event.target.value as EntityId),
              })
            }
            className={SELECT}
          >
            <option value="">Not set</option>
            {identity.userAssigned.map((uai) => (
              <option key={uai} value={uai}>
                {nameOf(uai)}
              </option>
            ))}
          </select>
        </div>
      )}
    </div>
  );
}
