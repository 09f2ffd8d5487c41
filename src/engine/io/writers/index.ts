/**
 * Writers: what the analysis of an estate becomes outside the explorer. All pure: strings out, no I/O.
 * - {@link writeAzScript}: a bash remediation script, ordered so that it runs top to bottom;
 * - {@link writeBicep}: main.bicep plus one module per resource group, for the missing grants and policies;
 * - {@link writeTerraform}: one file of azurerm_role_assignment / azurerm_key_vault_access_policy;
 * - {@link writeMarkdownReport}: a review report, every name escaped;
 * - {@link writeSarif}: SARIF 2.1.0 for code scanning.
 * The native estate writer lives with its reader in `../native`.
 */
export { writeAzScript } from './az-script';
export { writeBicep } from './bicep';
export { atOrAbove, type SeverityThreshold } from './fix-plan';
export { writeMarkdownReport } from './markdown';
export { writeSarif } from './sarif';
export { writeTerraform } from './terraform';
