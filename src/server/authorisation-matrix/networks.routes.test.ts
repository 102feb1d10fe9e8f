import { describeMatrix } from '../../testing/authorisation-matrix/world.ts';
import { NETWORKS } from '../../testing/authorisation-matrix/networks.ts';

describeMatrix('networks', NETWORKS);
