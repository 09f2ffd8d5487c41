import type { RuleMetadata } from '../types';

/** The network rules' metadata, by rule id (their checks are in rules/network/). */
export const NETWORK_RULES = {
  'AML-NET-001': {
    title: 'Datastore storage is behind a firewall or virtual network',
    area: 'network',
    severity: 'warning',
    otherSeverities: ['info'],
    confidence: 'documented',
    facts: ['R52', 'R54'],
    sources: ['S1', 'S5'],
    description:
      "Azure ML cannot reach a storage account that restricts network access unless extra configuration lets it in: the computes must sit in an allowed subnet or reach the account over a private endpoint, and studio needs the workspace identity or a suitable network path. This holds whether the datastore authenticates with an identity or with a stored key. The rule lists the datastores and workspaces that depend on such accounts. It leaves out a workspace with a managed network, and one that works in the virtual network of the account's private endpoints (those of its own private endpoint or of its computes' subnets) with an endpoint for each service it uses: blob and file for the default storage, the datastore's own service otherwise. Where the input shows private endpoints but not enough to tell (an endpoint's target, sub-resource or subnet is not given), the finding is information and says so. Allowed subnets and firewall exceptions are not checked.",
  },
  'AML-NET-002': {
    title: 'Identity studio uses to preview network-restricted data',
    area: 'network',
    severity: 'info',
    confidence: 'documented',
    facts: ['R53', 'R44'],
    sources: ['S1', 'S5'],
    description:
      "When a datastore sits on storage with network restrictions, who studio previews and profiles the data as changes: storage that admits only certain addresses or subnets, or that relies on the trusted-services exception, is read with the workspace managed identity; blob or ADLS Gen2 storage behind a virtual network is read with the person's own identity or the workspace identity, according to the datastore's preview setting. The rule states the outcome for each affected datastore, so that the right identity is given access.",
  },
  'AML-NET-003': {
    title: 'Workspace identity needs Reader on the storage private endpoints',
    area: 'network',
    severity: 'warning',
    confidence: 'documented',
    facts: ['R54', 'R44'],
    sources: ['S5', 'S8'],
    description:
      "When a workspace's storage accepts traffic only through private endpoints in the client virtual network, studio can show its data only if the workspace managed identity has Reader on those private endpoints (the blob one and the file one). Where the input names the account's endpoints by id, the rule checks that identity's role assignments on each blob or file endpoint in service (a pending, rejected or disconnected one carries no traffic) and names those it cannot read. Where the input does not list the endpoints, names one only by its connection, declares one whose target cannot be worked out, or holds no role assignments, the grant cannot be verified and the rule only reminds which identity needs it on which account, saying what is unknown. Studio also needs the storage private endpoint in the same virtual network as the workspace private endpoint.",
  },
  'AML-NET-004': {
    title: 'Secured dependency without the trusted-services exception',
    area: 'network',
    severity: 'warning',
    confidence: 'documented',
    facts: ['R84'],
    sources: ['S8', 'S4'],
    description:
      'A workspace whose storage account or container registry is locked down with firewall rules still needs Azure ML itself to get through. For storage that means the trusted Azure services exception or a resource-instance rule naming the workspace; for a registry, the "allow trusted Microsoft services" switch. The rule flags storage limited to selected networks, and registries restricted by private endpoints or IP rules, that lack those exceptions. Key vault firewall exceptions are not part of the estate and are not checked.',
  },
} satisfies Record<string, RuleMetadata>;
