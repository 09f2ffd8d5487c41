import starterYaml from '../../../public/samples/starter.yaml?raw';
import { estateFromYaml } from '../../engine/testing/estates';
import type { Estate } from '../../engine/model/types';

/** The starter sample, read as the app reads it: the graph's tests run on what users first see. */
export function starterEstate(): Estate {
  return estateFromYaml(starterYaml, 'starter.yaml');
}
