/**
 * az CLI JSON output (az role assignment/definition, az ml, az identity, az ad, az account) read into estate
 * fragments. See docs/inputs.md for the commands and the shapes accepted.
 */
export {
  readAzCliJson,
  readAzCliDocuments,
  classifyAzObject,
  groupFromFileName,
  type AzCliOptions,
  type AzCliShape,
} from './reader';
