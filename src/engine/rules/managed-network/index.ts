import type { Rule } from '../types';
import { isolationIrreversible } from './isolation-irreversible';
import { uaiConnectionApprover } from './uai-connection-approver';

// R84 (trusted-services exception on secured dependencies) is covered by AML-NET-004 in the network area.
export const managedNetworkRules: readonly Rule[] = [uaiConnectionApprover, isolationIrreversible];
