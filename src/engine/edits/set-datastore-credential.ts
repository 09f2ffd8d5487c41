import type { EntityId } from '../model/ids';
import type { CredentialKind, Estate } from '../model/types';
import { updateEntity, without, type Choices } from './shared';

/** The credential kinds a storage datastore can hold, with what each means to a reader of the inspector. */
export const DATASTORE_CREDENTIAL_KINDS = [
  { value: 'none', label: 'None (identity-based access)' },
  { value: 'account_key', label: 'Account key' },
  { value: 'sas', label: 'SAS token' },
  { value: 'service_principal', label: 'Service principal secret' },
  { value: 'certificate', label: 'Service principal certificate' },
] as const satisfies Choices<CredentialKind>;

export type DatastoreCredentialKind = (typeof DATASTORE_CREDENTIAL_KINDS)[number]['value'];

export interface SetDatastoreCredentialParams {
  datastore: EntityId;
  /** Only the kind: the estate never holds a credential's value. */
  credentialKind: DatastoreCredentialKind;
  /** For `service_principal` and `certificate`: the principal whose secret is stored. Ignored otherwise. */
  credentialPrincipal?: EntityId;
}

/**
 * Sets the kind of credential a datastore stores, for example dropping to `none` so that jobs and
 * studio use identities instead. A principal is kept only for kinds that name one.
 */
export function setDatastoreCredential(estate: Estate, params: SetDatastoreCredentialParams): Estate {
  const namesPrincipal = params.credentialKind === 'service_principal' || params.credentialKind === 'certificate';
  return updateEntity(estate, 'datastore', params.datastore, (datastore) => {
    let next = datastore.credentialKind === params.credentialKind ? datastore : { ...datastore, credentialKind: params.credentialKind };
    if (!namesPrincipal) next = without(next, 'credentialPrincipal');
    else if (params.credentialPrincipal !== undefined && next.credentialPrincipal !== params.credentialPrincipal)
      next = { ...next, credentialPrincipal: params.credentialPrincipal };
    return next;
  });
}
