/** Public surface of the demo scenario for the database loader and the UI. */
export { DEMO_DUPLICATE_RATE, DEMO_NOTICE, DEMO_PASSWORD, generateDemoScenario } from './scenario.ts';
export { DEMO_ADMIN_EMAIL, DEMO_ADMIN_KEY, DEMO_EMAIL_DOMAIN } from './users.ts';
export { DEFAULT_ANCHOR as DEMO_DEFAULT_ANCHOR } from './dates.ts';
export type {
  DemoCompound,
  DemoLocale,
  DemoOptions,
  DemoOrganisation,
  DemoPolygon,
  DemoScenario,
  DemoSurvivor,
  DemoSurvivorName,
  DemoUser,
} from './types.ts';
