import { describeMatrix } from '../../testing/authorisation-matrix/world.ts';
import { ACCESS } from '../../testing/authorisation-matrix/access.ts';

describeMatrix('access', ACCESS);
