import type { Rule } from '../types';
import { callerCannotFetchCredentials } from './caller-cannot-fetch-credentials';
import { creatorCannotUseStudio } from './creator-cannot-use-studio';
import { creatorCannotWrite } from './creator-cannot-write';
import { nobodyCanRotateKeys } from './nobody-can-rotate-keys';

export const endpointControlRules: readonly Rule[] = [
  creatorCannotWrite,
  creatorCannotUseStudio,
  callerCannotFetchCredentials,
  nobodyCanRotateKeys,
];
