import { describeMatrix } from '../../testing/authorisation-matrix/world.ts';
import { CARE } from '../../testing/authorisation-matrix/care.ts';

describeMatrix('care', CARE);
