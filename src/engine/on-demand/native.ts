/* An on-demand entry (see ./analysis.ts): the native format alone, for samples, share links and saving. */
export { readNativeEstate, writeNativeEstate } from '../io/native';
