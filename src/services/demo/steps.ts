import type { DemoStep } from './load.ts';
import { organisationsStep, usersStep } from './accounts-step.ts';
import { survivorsStep } from './survivors-step.ts';

/** Demo loading, in order. Later capabilities append their own steps here. */
export const DEMO_STEPS: readonly DemoStep[] = [organisationsStep, usersStep, survivorsStep];
