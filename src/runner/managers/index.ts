// manager name → StartManager: the runner looks a variant's manager up here and never knows which
// supervisor it drives.
import type { ManagerName } from '../../types.js';
import type { StartManager } from './manager.js';
import { startNode } from './node.js';
import { startNodeCluster } from './node-cluster.js';
import { startPm2 } from './pm2.js';
import { startResilab } from './resilab.js';

/** Every manager a variant may name; a missing name is a compile error. */
export const MANAGERS: { [K in ManagerName]: StartManager } = {
  resilab: startResilab,
  pm2: startPm2,
  node: startNode,
  'node-cluster': startNodeCluster,
};
