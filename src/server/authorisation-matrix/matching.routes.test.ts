import { describeMatrix } from '../../testing/authorisation-matrix/world.ts';
import { MATCHING } from '../../testing/authorisation-matrix/matching.ts';

describeMatrix('matching', MATCHING);
