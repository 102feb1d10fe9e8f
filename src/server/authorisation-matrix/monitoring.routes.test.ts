import { describeMatrix } from '../../testing/authorisation-matrix/world.ts';
import { MONITORING } from '../../testing/authorisation-matrix/monitoring.ts';

describeMatrix('monitoring', MONITORING);
