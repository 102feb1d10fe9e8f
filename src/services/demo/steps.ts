import type { DemoStep } from './load.ts';
import { organisationsStep, usersStep } from './accounts-step.ts';
import { survivorsStep } from './survivors-step.ts';
import { caseworkSteps } from './casework-step.ts';
import { monitoringSteps } from './monitoring-step.ts';
import { matchingSteps } from './matching-step.ts';
import { reportingSteps } from './reporting-step.ts';
import { networksSteps } from './networks-step.ts';
import { capacitySteps } from './capacity-step.ts';

/** Demo loading, in order. Each capability appends its own steps in its own file. */
export const DEMO_STEPS: readonly DemoStep[] = [
  organisationsStep,
  usersStep,
  // Compounds before survivors: a survivor's compound is a link to the registry.
  ...monitoringSteps,
  survivorsStep,
  ...caseworkSteps,
  ...capacitySteps,
  ...matchingSteps,
  ...networksSteps,
  ...reportingSteps,
];
