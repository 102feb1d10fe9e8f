import { describeMatrix } from '../../testing/authorisation-matrix/world.ts';
import { REPORTING } from '../../testing/authorisation-matrix/reporting.ts';

describeMatrix('reporting', REPORTING);
