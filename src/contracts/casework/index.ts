/** Casework API contracts (zod 4), shared by the server routes and the web pages. */
export * from './fields.ts';
export * from './survivors.ts';
export * from './cases.ts';
export * from './work.ts';
export * from './referral-exchange.ts';
export * from './compound-links.ts';
