import { describeMatrix } from '../../testing/authorisation-matrix/world.ts';
import { CASEWORK } from '../../testing/authorisation-matrix/casework.ts';

describeMatrix('casework', CASEWORK);
