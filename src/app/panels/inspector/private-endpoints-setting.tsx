import type { AnalysisContext, Entity, PrivateEndpointLink } from '../../../engine';
import { formatLocation } from '../../components/diagnostics-list';
import { CODE } from '../../components/ui';
import { Setting } from './settings-controls';

const MUTED = 'text-slate-500 dark:text-slate-400';

/** The last segment of an ARM id: the endpoint's or subnet's own name. */
function lastSegment(id: string): string {
  return id.slice(id.lastIndexOf('/') + 1);
}

/** `snet-training in vnet-ml` from a subnet id (`.../virtualNetworks/<vnet>/subnets/<subnet>`). */
function subnetText(subnet: string): string {
  const match = /\/virtualNetworks\/([^/]+)\/subnets\/([^/]+)$/i.exec(subnet);
  return match ? `${match[2] ?? ''} in ${match[1] ?? ''}` : subnet;
}

/** A part the input did not give: said as unknown, never left blank or given a default. */
function Unknown({ what }: { what: string }) {
  return <span className={MUTED}>{what} unknown</span>;
}

function EndpointItem({ link }: { link: PrivateEndpointLink }) {
  return (
    <li className="space-y-0.5" data-testid="private-endpoint" data-endpoint={link.endpoint ?? ''}>
      <div className="font-medium">
        {link.endpoint === undefined ? <Unknown what="Name" /> : <span title={link.endpoint}>{lastSegment(link.endpoint)}</span>}
      </div>
      <div className="text-xs">
        Service:{' '}
        {link.groupIds === undefined ? <Unknown what="sub-resource" /> : <code className={CODE}>{link.groupIds.join(', ')}</code>}
      </div>
      <div className="text-xs">
        Subnet: {link.subnet === undefined ? <Unknown what="subnet" /> : <span title={link.subnet}>{subnetText(link.subnet)}</span>}
      </div>
      <div className="text-xs">Approval: {link.status ?? <Unknown what="state" />}</div>
      {link.sources !== undefined && link.sources.length > 0 && (
        // Where the inputs name it: the endpoint resource, the resource's connection list, or both.
        <div className={`text-xs ${MUTED}`} data-testid="private-endpoint-source">
          Read from:{' '}
          {link.sources.map((source, index) => (
            <span key={index}>
              {index > 0 && ', '}
              <code className="font-mono">{formatLocation(source)}</code>
              {source.path !== undefined && source.path !== '' && <span className="break-all"> at {source.path}</span>}
            </span>
          ))}
        </div>
      )}
    </li>
  );
}

/**
 * A storage account's, key vault's, registry's or workspace's private endpoints as the input gives them: each
 * endpoint's service (group ids), subnet and approval state, and "unknown" for what the input does not say, as for
 * the list itself when no input mentions it, an export leaves the resource's own connection list out (the endpoints
 * read then are those of the scope exported), or an endpoint whose target cannot be worked out may belong to it.
 */
export function PrivateEndpointsSetting({ entity, context }: { entity: Extract<Entity, { kind: 'storageAccount' | 'keyVault' | 'containerRegistry' | 'workspace' }>; context: AnalysisContext }) {
  const links = entity.privateEndpoints;
  const partial = context.estate.provenance?.unknown[entity.id]?.some((field) => field === 'privateEndpoints' || field === '*') === true;
  return (
    <Setting label="Private endpoints">
      <div data-testid="private-endpoints">
        {links === undefined ? (
          <span className={MUTED}>unknown: the input does not say</span>
        ) : links.length === 0 && !partial ? (
          'none'
        ) : (
          <ul className="space-y-1.5">
            {links.map((link, index) => (
              <EndpointItem key={link.endpoint ?? `unnamed-${index}`} link={link} />
            ))}
          </ul>
        )}
        {links !== undefined && partial && (
          <p className={`text-xs ${MUTED}`}>
            {links.length === 0 ? 'Unknown' : 'Maybe more'}: no export of this resource lists its private endpoint connections, or an
            endpoint in the input has a target that cannot be worked out.
          </p>
        )}
      </div>
    </Setting>
  );
}
