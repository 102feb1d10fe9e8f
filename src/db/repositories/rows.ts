import type { Selectable } from 'kysely';

/** snake_case to camelCase at the type level: `organisation_id` → `organisationId`. */
export type CamelCase<S extends string> = S extends `${infer H}_${infer T}` ? `${H}${Capitalize<CamelCase<T>>}` : S;

/**
 * A table's row as repositories hand it to services: Kysely's Selectable of the table (so enum
 * columns carry core's vocabulary types), with camelCase keys. A renamed column renames the field
 * and a new enum value widens it, so both fail to compile where they matter.
 */
export type RowOf<T> = { [K in keyof Selectable<T> & string as CamelCase<K>]: Selectable<T>[K] };
