import type { Rule } from '../types';
import { abacLegacyRoles } from './abac-legacy-roles';
import { registryAdminUser } from './admin-user';
import { aksRegistryAccess } from './aks-registry-access';
import { registryClosedUaiOnly } from './closed-registry-uai-only';
import { computeImagePull } from './compute-image-pull';
import { imageBuildCompute } from './image-build-compute';
import { registryTrustedServices } from './trusted-services';
import { workspaceUaiAcrPull } from './workspace-uai-acr-pull';

export const registryRules: readonly Rule[] = [
  registryClosedUaiOnly,
  workspaceUaiAcrPull,
  registryAdminUser,
  computeImagePull,
  aksRegistryAccess,
  abacLegacyRoles,
  registryTrustedServices,
  imageBuildCompute,
];
