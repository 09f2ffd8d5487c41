/** A former or alternative name of a built-in role, with where the project learned it. */
export interface RoleAlias {
  /** The other name, as people and older exports write it. */
  name: string;
  /** The GUID of the role it names today. */
  id: string;
  /** Where the rename or spelling is recorded. */
  source: string;
}

// A role dump holds only today's names, so names in older templates, scripts and exports would otherwise
// resolve to nothing. `npm run roles:update` refuses an alias whose GUID is gone or whose name is again a
// current role's name. The renames come from the history of the dump the catalog is generated from
// (https://github.com/easimon/azure-builtin-roles): in the commit named, azure-roles/<former name>.json was
// deleted while a file with the same GUID in `name` lives on under the current name. Listed by current name.
export const ROLE_ALIASES: readonly RoleAlias[] = Object.freeze([
  {
    name: 'Azure Traffic Controller Configuration Manager',
    id: 'fbc52c3f-28ad-4303-a892-8a056630b8f1',
    source:
      'renamed "AppGw for Containers Configuration Manager"; easimon/azure-builtin-roles@820794ee1c30 (2023-06-30)',
  },
  {
    name: 'Code Signing Certificate Profile Signer',
    id: '2837e146-70d7-4cfd-ad55-7efa6464f958',
    source:
      'renamed "Artifact Signing Certificate Profile Signer"; easimon/azure-builtin-roles@d81b64e3edf8 (2024-04-08)',
  },
  {
    name: 'CodeSigning Certificate Profile Signer',
    id: '2837e146-70d7-4cfd-ad55-7efa6464f958',
    source:
      'renamed "Artifact Signing Certificate Profile Signer"; easimon/azure-builtin-roles@3bc8d72cab01 (2022-12-14)',
  },
  {
    name: 'Trusted Signing Certificate Profile Signer',
    id: '2837e146-70d7-4cfd-ad55-7efa6464f958',
    source:
      'renamed "Artifact Signing Certificate Profile Signer"; easimon/azure-builtin-roles@ac1e9729e441 (2026-01-12)',
  },
  {
    name: 'Code Signing Identity Verifier',
    id: '4339b7cf-9826-4e41-b4ed-c7f4505dac08',
    source:
      'renamed "Artifact Signing Identity Verifier"; easimon/azure-builtin-roles@e07a1fd11974 (2024-04-08)',
  },
  {
    name: 'Trusted Signing Identity Verifier',
    id: '4339b7cf-9826-4e41-b4ed-c7f4505dac08',
    source:
      'renamed "Artifact Signing Identity Verifier"; easimon/azure-builtin-roles@a650f84e6466 (2026-01-12)',
  },
  {
    name: 'Azure AI Administrator Service Role',
    id: 'b78c5d69-af96-48a3-bf8d-a8b4d589de94',
    source: 'renamed "Azure AI Administrator"; easimon/azure-builtin-roles@9be2584f0e51 (2024-08-23)',
  },
  {
    name: 'Azure ContainerApps Session Creator',
    id: '0fb8eba5-a2bb-4abe-b1c1-49dfad359bb0',
    source:
      'renamed "Azure ContainerApps Session Executor"; easimon/azure-builtin-roles@08310f93f12e (2024-05-21)',
  },
  {
    name: 'Azure Device Registry Contributor Role',
    id: 'a5c3590a-3a1a-4cd4-9648-ea0a32b15137',
    source:
      'renamed "Azure Device Registry Contributor"; easimon/azure-builtin-roles@8acc917c5efc (2025-10-21)',
  },
  {
    name: 'Azure Device Registry Credentials Contributor Role',
    id: '09267e11-2e06-40b5-8fe4-68cea20794c9',
    source:
      'renamed "Azure Device Registry Credentials Contributor"; easimon/azure-builtin-roles@95e7559a9840 (2025-10-21)',
  },
  {
    name: 'Azure Device Registry Onboarding Role',
    id: '547f7f0a-69c0-4807-bd9e-0321dfb66a84',
    source:
      'renamed "Azure Device Registry Onboarding"; easimon/azure-builtin-roles@dbf66e4127f5 (2025-10-28)',
  },
  {
    name: 'Impact Reporter',
    id: '36e80216-a7e8-4f42-a7e1-f12c98cbaf8a',
    source: 'renamed "Azure impact Reporter role"; easimon/azure-builtin-roles@cf5701087c70 (2025-09-28)',
  },
  {
    name: 'AIO Administrator',
    id: '5bc02df6-6cd5-43fe-ad3d-4c93cf56cc16',
    source:
      'renamed "Azure IoT Operations Administrator"; easimon/azure-builtin-roles@148f19ea8905 (2025-07-16)',
  },
  {
    name: 'AIO Onboarding',
    id: '7b7c71ed-33fa-4ed2-a91a-e56d5da260b5',
    source:
      'renamed "Azure IoT Operations Onboarding"; easimon/azure-builtin-roles@2833c27d293d (2025-07-16)',
  },
  {
    name: 'Managed Mesh for AKS Contributor Role',
    id: '852e55ca-96ce-48b0-abca-2cd74d9042ca',
    source:
      'renamed "Azure Kubernetes Application Network Contributor Role"; easimon/azure-builtin-roles@5c5de695bcc5 (2026-04-21)',
  },
  {
    name: 'Azure Maps Power BI Service Role',
    id: 'd6470a16-71bd-43ab-86b3-6f3a73f4e787',
    source:
      'renamed "Azure Maps Data Read and Batch Role"; easimon/azure-builtin-roles@52c2caadf512 (2023-05-18)',
  },
  {
    name: 'Azure Red Hat OpenShift Cloud Controller Manager Role',
    id: 'a1f96423-95ce-4224-ab27-4e3dc72facd4',
    source:
      'renamed "Azure Red Hat OpenShift Cloud Controller Manager"; easimon/azure-builtin-roles@15ad537ee5bb (2025-02-17)',
  },
  {
    name: 'Azure RedHat OpenShift Cloud Controller Manager Role',
    id: 'a1f96423-95ce-4224-ab27-4e3dc72facd4',
    source:
      'renamed "Azure Red Hat OpenShift Cloud Controller Manager"; easimon/azure-builtin-roles@243bf8d2c2b7 (2024-08-02)',
  },
  {
    name: 'Azure Red Hat OpenShift Cluster Ingress Operator Role',
    id: '0336e1d3-7a87-462b-b6db-342b63f7802c',
    source:
      'renamed "Azure Red Hat OpenShift Cluster Ingress Operator"; easimon/azure-builtin-roles@dcec4b383a73 (2025-02-17)',
  },
  {
    name: 'Azure RedHat OpenShift Cluster Ingress Operator Role',
    id: '0336e1d3-7a87-462b-b6db-342b63f7802c',
    source:
      'renamed "Azure Red Hat OpenShift Cluster Ingress Operator"; easimon/azure-builtin-roles@2517473e66c5 (2024-08-02)',
  },
  {
    name: 'Azure Red Hat OpenShift Storage Operator Role',
    id: '5b7237c5-45e1-49d6-bc18-a1f62f400748',
    source:
      'renamed "Azure Red Hat OpenShift Disk Storage Operator"; easimon/azure-builtin-roles@ef8eba1f5df5 (2025-02-17)',
  },
  {
    name: 'Azure RedHat OpenShift Storage Operator Role',
    id: '5b7237c5-45e1-49d6-bc18-a1f62f400748',
    source:
      'renamed "Azure Red Hat OpenShift Disk Storage Operator"; easimon/azure-builtin-roles@fbcc162abf3a (2024-08-02)',
  },
  {
    name: 'Azure Red Hat OpenShift Federated Credential Role',
    id: 'ef318e2a-8334-4a05-9e4a-295a196c6a6e',
    source:
      'renamed "Azure Red Hat OpenShift Federated Credential"; easimon/azure-builtin-roles@6aa54fabf309 (2025-02-17)',
  },
  {
    name: 'Azure Red Hat OpenShift Azure Files Storage Operator Role',
    id: '0d7aedc0-15fd-4a67-a412-efad370c947e',
    source:
      'renamed "Azure Red Hat OpenShift File Storage Operator"; easimon/azure-builtin-roles@c2229b4a02cf (2025-02-17)',
  },
  {
    name: 'Azure RedHat OpenShift Azure Files Storage Operator Role',
    id: '0d7aedc0-15fd-4a67-a412-efad370c947e',
    source:
      'renamed "Azure Red Hat OpenShift File Storage Operator"; easimon/azure-builtin-roles@33e08f9f1e74 (2024-08-02)',
  },
  {
    name: 'Azure Red Hat OpenShift Image Registry Operator Role',
    id: '8b32b316-c2f5-4ddf-b05b-83dacd2d08b5',
    source:
      'renamed "Azure Red Hat OpenShift Image Registry Operator"; easimon/azure-builtin-roles@3b2cbcd56292 (2025-02-17)',
  },
  {
    name: 'Azure RedHat OpenShift Image Registry Operator Role',
    id: '8b32b316-c2f5-4ddf-b05b-83dacd2d08b5',
    source:
      'renamed "Azure Red Hat OpenShift Image Registry Operator"; easimon/azure-builtin-roles@2aa40f530658 (2024-08-02)',
  },
  {
    name: 'Azure Red Hat OpenShift Machine API Operator Role',
    id: '0358943c-7e01-48ba-8889-02cc51d78637',
    source:
      'renamed "Azure Red Hat OpenShift Machine API Operator"; easimon/azure-builtin-roles@2ab5f33ac868 (2025-02-17)',
  },
  {
    name: 'Azure RedHat OpenShift Machine API Operator Role',
    id: '0358943c-7e01-48ba-8889-02cc51d78637',
    source:
      'renamed "Azure Red Hat OpenShift Machine API Operator"; easimon/azure-builtin-roles@032f96b019c1 (2024-08-02)',
  },
  {
    name: 'Azure Red Hat OpenShift Network Operator Role',
    id: 'be7a6435-15ae-4171-8f30-4a343eff9e8f',
    source:
      'renamed "Azure Red Hat OpenShift Network Operator"; easimon/azure-builtin-roles@699cdee30ee0 (2025-02-17)',
  },
  {
    name: 'Azure RedHat OpenShift Network Operator Role',
    id: 'be7a6435-15ae-4171-8f30-4a343eff9e8f',
    source:
      'renamed "Azure Red Hat OpenShift Network Operator"; easimon/azure-builtin-roles@1307e8497cf0 (2024-08-02)',
  },
  {
    name: 'Azure Red Hat OpenShift Service Operator Role',
    id: '4436bae4-7702-4c84-919b-c4069ff25ee2',
    source:
      'renamed "Azure Red Hat OpenShift Service Operator"; easimon/azure-builtin-roles@85c2e5c01363 (2025-02-17)',
  },
  {
    name: 'Azure RedHat OpenShift Service Operator',
    id: '4436bae4-7702-4c84-919b-c4069ff25ee2',
    source:
      'renamed "Azure Red Hat OpenShift Service Operator"; easimon/azure-builtin-roles@a28690873afe (2024-08-13)',
  },
  {
    name: 'Azure Stack HCI registration role',
    id: 'bda0d508-adf1-4af0-9c28-88919fc3ae06',
    source: 'renamed "Azure Stack HCI Administrator"; easimon/azure-builtin-roles@9962bfae3f51 (2023-11-11)',
  },
  {
    name: 'Bayer Ag Powered Services CWUM Solution Service Role',
    id: 'a9b99099-ead7-47db-8fcf-072597a61dfa',
    source:
      'renamed "Bayer Ag Powered Services CWUM Solution"; easimon/azure-builtin-roles@1e0c668dc552 (2023-02-28)',
  },
  {
    name: 'Bayer Ag Powered Services CWUM Solution User Role',
    id: 'a9b99099-ead7-47db-8fcf-072597a61dfa',
    source:
      'renamed "Bayer Ag Powered Services CWUM Solution"; easimon/azure-builtin-roles@6aefe8686e0c (2023-12-07)',
  },
  {
    name: 'Bayer Ag Powered Services GDU Solution Service Role',
    id: 'c4bc862a-3b64-4a35-a021-a380c159b042',
    source:
      'renamed "Bayer Ag Powered Services GDU Solution"; easimon/azure-builtin-roles@9427c1572507 (2023-01-26)',
  },
  {
    name: 'Bayer Ag Powered Services Imagery Solution Service Role',
    id: 'ef29765d-0d37-4119-a4f8-f9f9902c9588',
    source:
      'renamed "Bayer Ag Powered Services Imagery Solution"; easimon/azure-builtin-roles@82f7717546ba (2023-01-26)',
  },
  {
    name: 'Cognitive Search Serverless Data Contributor',
    id: '7ac06ca7-21ca-47e3-a67b-cbd6e6223baf',
    source:
      'renamed "Cognitive Search Serverless Data Contributor (Deprecated)"; easimon/azure-builtin-roles@5ac09ce59a58 (2024-02-08)',
  },
  {
    name: 'Cognitive Search Serverless Data Reader',
    id: '79b01272-bf9f-4f4c-9517-5506269cf524',
    source:
      'renamed "Cognitive Search Serverless Data Reader (Deprecated)"; easimon/azure-builtin-roles@edbb447a91aa (2024-02-08)',
  },
  {
    name: 'Cognitive Services Data Reader (Preview)',
    id: 'b59867f0-fa02-499b-be73-45a86b5b3e1c',
    source: 'renamed "Cognitive Services Data Reader"; easimon/azure-builtin-roles@f8037d99f353 (2024-10-12)',
  },
  {
    name: 'Compute Gallery Image Version Reader',
    id: 'cf7c76d2-98a3-4358-a134-615aa78bf44d',
    source: 'renamed "Compute Gallery Image Reader"; easimon/azure-builtin-roles@c75ac9997c07 (2024-08-29)',
  },
  {
    name: 'Dev Compute SandboxGroup Data Owner',
    id: 'c24cf47c-5077-412d-a19c-45202126392c',
    source:
      'renamed "Container Apps SandboxGroup Data Owner"; easimon/azure-builtin-roles@9c74be8b671b (2026-05-12)',
  },
  {
    name: 'ACR Registry Catalog Lister',
    id: 'bfdb9389-c9a5-478a-bb2f-ba9ca092c3c7',
    source:
      'renamed "Container Registry Repository Catalog Lister"; easimon/azure-builtin-roles@e1afbb0e2d1f (2024-08-22)',
  },
  {
    name: 'ACR Repository Contributor',
    id: '2efddaa5-3f1f-4df3-97df-af3f13818f4c',
    source:
      'renamed "Container Registry Repository Contributor"; easimon/azure-builtin-roles@b1ae192dd84c (2024-08-22)',
  },
  {
    name: 'ACR Repository Reader',
    id: 'b93aa761-3e63-49ed-ac28-beffa264f7ac',
    source:
      'renamed "Container Registry Repository Reader"; easimon/azure-builtin-roles@0afc9a6ff6b4 (2024-08-22)',
  },
  {
    name: 'ACR Repository Writer',
    id: '2a1e307c-b015-4ebd-883e-5b7698a07328',
    source:
      'renamed "Container Registry Repository Writer"; easimon/azure-builtin-roles@1368a71d5762 (2024-08-22)',
  },
  {
    name: 'CosmosDB Fleet Analytics Storage Data',
    id: 'bf41e52e-617f-4981-8b7a-47431bd4e011',
    source:
      'renamed "CosmosDB Fleet Analytics Storage Data Writer"; easimon/azure-builtin-roles@dccd22d28ac1 (2025-08-30)',
  },
  {
    name: 'CosmosDB Fleet Analytics Storage Data Writer service role',
    id: 'bf41e52e-617f-4981-8b7a-47431bd4e011',
    source:
      'renamed "CosmosDB Fleet Analytics Storage Data Writer"; easimon/azure-builtin-roles@930582db0d75 (2025-08-08)',
  },
  {
    name: 'VM Scanner Operator',
    id: 'd24ecba3-c1f4-40fa-a7bb-4588a071e8fd',
    source: 'renamed "Defender Agentless VM Scan"; easimon/azure-builtin-roles@85989e061821 (2025-11-15)',
  },
  {
    name: 'Kubernetes Agent Operator',
    id: '5e93ba01-8f92-4c7a-b12a-801e3df23824',
    source: 'renamed "Defender Containers Sensor"; easimon/azure-builtin-roles@9ce503d4fa55 (2026-01-12)',
  },
  {
    name: 'Storage Data Scanner',
    id: '1e7ca9b1-60d1-4db8-a914-f2ca1ff27c40',
    source:
      'renamed "Defender for Storage Data Scanner"; easimon/azure-builtin-roles@d9b1c2940880 (2023-07-12)',
  },
  {
    name: 'Defender for Storage scanner Operator (preview)',
    id: '0f641de8-0b88-4198-bdef-bd8b45ceba96',
    source:
      'renamed "Defender for Storage Scanner Operator"; easimon/azure-builtin-roles@15d90b291eee (2024-02-16)',
  },
  {
    name: 'Kubernetes Agentless Operator',
    id: 'd5a2ae44-610b-4500-93be-660a0c5f5ca6',
    source: 'renamed "Defender Kubernetes API Access"; easimon/azure-builtin-roles@444fca1c5346 (2025-09-17)',
  },
  {
    name: 'Azure Container Registry secure supply chain operator service role',
    id: '96062cf7-95ca-4f89-9b9d-2a2aa47356af',
    source: 'renamed "Defender Registry Access"; easimon/azure-builtin-roles@c15a515af269 (2026-01-12)',
  },
  {
    name: 'Defender CSPM Storage Data Scanner',
    id: '0b6ca2e8-2cdc-4bd6-b896-aa3d8c21fc35',
    source:
      'renamed "Defender Sensitive Data Discovery"; easimon/azure-builtin-roles@1f0aca22ce0e (2025-11-17)',
  },
  {
    name: 'Agentless scanning for Serverless Scanner Service Role',
    id: '68ac31b4-936a-4046-a6d2-ba6f8a757bf6',
    source: 'renamed "Defender Serverless Scanner"; easimon/azure-builtin-roles@1b3a1aaec140 (2025-08-26)',
  },
  {
    name: 'Microsoft.DevCenter Deployment Environments User',
    id: '18e40d4e-8d2e-438d-97e1-9528336e149c',
    source: 'renamed "Deployment Environments User"; easimon/azure-builtin-roles@d85d20588186 (2022-10-12)',
  },
  {
    name: 'DevOps Infrastructure Contributor Role',
    id: '76153a9e-0edb-49bc-8e01-93c47e6b5180',
    source:
      'renamed "DevOps Infrastructure Contributor"; easimon/azure-builtin-roles@16cb56eead68 (2025-07-16)',
  },
  {
    name: 'Azure AI Account Owner',
    id: 'e47c6f54-e4a2-4754-9501-8e0985b135e1',
    source: 'renamed "Foundry Account Owner"; easimon/azure-builtin-roles@fb099f875019 (2026-05-18)',
  },
  {
    name: 'Azure AI Owner',
    id: 'c883944f-8b7b-4483-af10-35834be79c4a',
    source: 'renamed "Foundry Owner"; easimon/azure-builtin-roles@8b15c4624448 (2026-05-18)',
  },
  {
    name: 'Azure AI Project Manager',
    id: 'eadc314b-1a2d-4efa-be10-5d325db5065e',
    source: 'renamed "Foundry Project Manager"; easimon/azure-builtin-roles@f621959fbfc4 (2026-05-18)',
  },
  {
    name: 'Azure AI User',
    id: '53ca6127-db72-4b80-b1b0-d745d6d5456d',
    source: 'renamed "Foundry User"; easimon/azure-builtin-roles@ae404b77536e (2026-05-13)',
  },
  {
    name: 'Health Bot Admin',
    id: 'f1082fec-a70f-419f-9230-885d2550fb38',
    source: 'renamed "Healthcare Agent Admin"; easimon/azure-builtin-roles@f67eedeb2365 (2025-03-18)',
  },
  {
    name: 'Health Bot Editor',
    id: 'af854a69-80ce-4ff7-8447-f1118a2e0ca8',
    source: 'renamed "Healthcare Agent Editor"; easimon/azure-builtin-roles@b111dc93fb0c (2025-03-18)',
  },
  {
    name: 'Health Bot Reader',
    id: 'eb5a76d5-50e7-4c33-a449-070e7c9c4cf2',
    source: 'renamed "Healthcare Agent Reader"; easimon/azure-builtin-roles@dd794c2a8e13 (2025-03-18)',
  },
  {
    name: 'IPAM Pool Contributor',
    id: '7b3e853f-ad5d-4fb5-a7b8-56a3581c7037',
    source: 'renamed "IPAM Pool User"; easimon/azure-builtin-roles@1681ad7f3169 (2024-02-10)',
  },
  {
    name: 'Key Vault Data Access Administrator (preview)',
    id: '8b54135c-b56d-4d72-a534-26097cfdc8d8',
    source:
      'renamed "Key Vault Data Access Administrator"; easimon/azure-builtin-roles@ad64a6eee1b1 (2023-12-12)',
  },
  {
    name: 'KubernetesRuntime Storage Class Contributor Role',
    id: '0cd9749a-3aaf-4ae5-8803-bd217705bf3b',
    source:
      'renamed "Kubernetes Runtime Storage Class Contributor Role"; easimon/azure-builtin-roles@f0465a3342f1 (2024-08-22)',
  },
  {
    name: 'Logic Apps Standard Contributor (Preview)',
    id: 'ad710c24-b039-4e85-a019-deb4a06e8570',
    source:
      'renamed "Logic Apps Standard Contributor"; easimon/azure-builtin-roles@017d54c6efdd (2026-07-09)',
  },
  {
    name: 'Logic Apps Standard Developer (Preview)',
    id: '523776ba-4eb2-4600-a3c8-f2dc93da4bdb',
    source: 'renamed "Logic Apps Standard Developer"; easimon/azure-builtin-roles@6a1de8fe2ef0 (2026-07-09)',
  },
  {
    name: 'Logic Apps Standard Operator (Preview)',
    id: 'b70c96e9-66fe-4c09-b6e7-c98e69c98555',
    source: 'renamed "Logic Apps Standard Operator"; easimon/azure-builtin-roles@b2191d288134 (2026-06-25)',
  },
  {
    name: 'Logic Apps Standard Reader (Preview)',
    id: '4accf36b-2c05-432f-91c8-5c532dff4c73',
    source: 'renamed "Logic Apps Standard Reader"; easimon/azure-builtin-roles@0823e83105db (2026-07-09)',
  },
  {
    name: 'Managed Applications Reader',
    id: 'b9331d33-8a36-4f8c-b097-4f54124fdb44',
    source:
      'renamed "Managed Application Publisher Operator"; easimon/azure-builtin-roles@b1c03c19afc9 (2025-05-02)',
  },
  {
    name: 'Portal Dashboard Writer Service Role',
    id: '78eacb5e-e318-4560-85a9-e6a724ca60c9',
    source: 'renamed "Portal Dashboard Writer Role"; easimon/azure-builtin-roles@22a1a8f562d2 (2025-07-28)',
  },
  {
    name: 'Role Based Access Control Administrator (Preview)',
    id: 'f58310d9-a9f6-439a-9e8d-f62e7b41a168',
    source:
      'renamed "Role Based Access Control Administrator"; easimon/azure-builtin-roles@8e5d6d867942 (2023-11-11)',
  },
  {
    name: 'Schema Registry Contributor (Preview)',
    id: '5dffeca3-4936-4216-b2bc-10343a5abb25',
    source: 'renamed "Schema Registry Contributor"; easimon/azure-builtin-roles@e274239d3a20 (2025-05-05)',
  },
  {
    name: 'Schema Registry Reader (Preview)',
    id: '2c56ea50-c6b3-40a6-83c0-9d98858bc7d2',
    source: 'renamed "Schema Registry Reader"; easimon/azure-builtin-roles@27d1a30982f4 (2025-05-05)',
  },
  {
    name: 'SRE Agent User',
    id: '2d84a65a-63b2-4343-bbb6-31105d857bc1',
    source: 'renamed "SRE Agent Standard User"; easimon/azure-builtin-roles@1d26003219be (2025-09-17)',
  },
  {
    name: 'Web PubSub Service Owner (Preview)',
    id: '12cf5a90-567b-43ae-8102-96cf46c7d9b4',
    source: 'renamed "Web PubSub Service Owner"; easimon/azure-builtin-roles@60d3ca7acd7f (2023-04-07)',
  },
  {
    name: 'Web PubSub Service Reader (Preview)',
    id: 'bfb1c7d2-fb1a-466b-b2ba-aee63b92deaf',
    source: 'renamed "Web PubSub Service Reader"; easimon/azure-builtin-roles@8ab21a3a2309 (2023-04-07)',
  },
  {
    name: 'Windows365 Network Interface Contributor',
    id: '1f135831-5bbe-4924-9016-264044c00788',
    source:
      'renamed "Windows 365 Network Interface Contributor"; easimon/azure-builtin-roles@9a31833ddea5 (2023-07-28)',
  },
  {
    name: 'Windows365NetworkInterfaceContributor',
    id: '1f135831-5bbe-4924-9016-264044c00788',
    source:
      'renamed "Windows 365 Network Interface Contributor"; easimon/azure-builtin-roles@895b855ca501 (2023-06-27)',
  },
  {
    name: 'Windows365 Network User',
    id: '7eabc9a4-85f7-4f71-b8ab-75daaccc1033',
    source: 'renamed "Windows 365 Network User"; easimon/azure-builtin-roles@9c89e0f6d0a9 (2023-07-28)',
  },
  {
    name: 'Windows365NetworkUser',
    id: '7eabc9a4-85f7-4f71-b8ab-75daaccc1033',
    source: 'renamed "Windows 365 Network User"; easimon/azure-builtin-roles@bcb0e7f85511 (2023-06-27)',
  },
  {
    name: 'Azure Machine Learning Workspace Connection Secret Reader',
    id: 'ea01e6af-a1c1-4350-9563-ad00f8c72ec5',
    source: 'spelling used on some Microsoft Learn pages (fact sheet S6) for "...Connection Secrets Reader"',
  },
]);
