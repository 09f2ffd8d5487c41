/**
 * The native estate format: a YAML (or JSON) file describing an Azure ML estate in az ml v2 terms. See
 * docs/estate-format.md for every field.
 */
export { readNative as readNativeEstate, type NativeReadResult } from './reader';
export { writeNativeEstate } from './writer';
