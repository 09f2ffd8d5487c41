import type { Rule } from '../types';
import { privateEndpointReader } from './private-endpoint-reader';
import { restrictedStorageReachability } from './restricted-storage-reachability';
import { studioPreviewIdentity } from './studio-preview-identity';
import { trustedServicesException } from './trusted-services-exception';

export const networkRules: readonly Rule[] = [
  restrictedStorageReachability,
  studioPreviewIdentity,
  privateEndpointReader,
  trustedServicesException,
];
