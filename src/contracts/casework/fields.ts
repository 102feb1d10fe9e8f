import { z } from 'zod';

/** Small field schemas shared by the casework contracts. */

/** ISO 3166-1 alpha-2, upper case (the server upper-cases what it is given). */
export const CountryCode = z
  .string()
  .trim()
  .regex(/^[A-Za-z]{2}$/, 'an ISO 3166-1 alpha-2 code such as ID')
  .transform((s) => s.toUpperCase());
/** ISO 639-1/-3 language code, lower case. */
export const LanguageCode = z
  .string()
  .trim()
  .regex(/^[A-Za-z]{2,3}$/, 'an ISO 639 code such as id')
  .transform((s) => s.toLowerCase());

const validDay = (s: string): boolean => {
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().startsWith(s);
};
/** A calendar day, YYYY-MM-DD. */
export const IsoDay = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'a date as YYYY-MM-DD')
  .refine(validDay, 'not a real date');
export const IsoInstant = z.string();
/** A passport, identity card or travel document number: letters, digits, spaces and dashes as printed on it. */
export const DocumentNumber = z
  .string()
  .trim()
  .min(3)
  .max(40)
  .regex(/^[\p{L}\p{N}][\p{L}\p{N} -]*$/u, 'letters, digits, spaces and dashes as printed on the document');
/** Free text a person writes (reasons, notes): trimmed, not empty. */
export const Reason = z.string().trim().min(1).max(2000);

/** Comma-separated list in a query string (`?kind=medical,shelter`), each value checked. */
export function csvOf<T extends z.ZodType>(item: T, max = 20) {
  const list = z.array(item).max(max) as unknown as z.ZodType<z.output<T>[], string[]>;
  return z
    .string()
    .max(1000)
    .transform((s) =>
      s
        .split(',')
        .map((v) => v.trim())
        .filter((v) => v !== ''),
    )
    .pipe(list);
}

export const OrganisationRef = z.object({ id: z.string(), name: z.string(), kind: z.string() });
export type OrganisationRef = z.infer<typeof OrganisationRef>;

export const Page = <T extends z.ZodType>(item: T) =>
  z.object({ items: z.array(item), nextCursor: z.string().nullable() });
