/** Shapes of the demo scenario: plain objects the database loader writes. Keys are stable slugs. */
import type {
  AgeBand,
  ContactChannel,
  DocumentStatus,
  ExitMode,
  LocationKind,
  OrganisationKind,
  Role,
  Sex,
} from '../vocabulary.ts';

export type DemoLocale = 'en' | 'km' | 'zh' | 'id';

export interface DemoOrganisation {
  key: string;
  name: string;
  kind: OrganisationKind;
  /** ISO 3166-1 alpha-2; embassies only, empty for everyone else. */
  nationalitiesServed: string[];
  city: string;
}

export interface DemoUser {
  key: string;
  email: string;
  displayName: string;
  memberships: { orgKey: string; role: Role }[];
  locale: DemoLocale;
}

export interface DemoPolygon {
  type: 'Polygon';
  coordinates: [number, number][][];
}

export interface DemoCompound {
  key: string;
  names: { lang: 'km' | 'zh' | 'en'; name: string }[];
  aliases: string[];
  province: string;
  district: string;
  point: [lon: number, lat: number];
  /** Closed ring, counter-clockwise, 50–600 m across. */
  footprint: DemoPolygon;
  /** Fictional company names. */
  operators: string[];
  notes: string;
}

export interface DemoSurvivorName {
  value: string;
  script: string;
  preferred: boolean;
}

export interface DemoSurvivor {
  key: string;
  /** Native script first, then one or two romanisations; exactly one preferred. */
  names: DemoSurvivorName[];
  sex: Sex;
  dateOfBirth: string | null; // YYYY-MM-DD
  ageBand: AgeBand;
  nationalities: string[];
  languages: string[]; // ISO 639-1
  contacts: { channel: ContactChannel; value: string }[];
  documentStatus: DocumentStatus;
  location: { kind: LocationKind; detail: string | null; orgKey: string | null };
  compoundKey: string | null;
  exitMode: ExitMode;
  exitDate: string; // YYYY-MM-DD
  registeredByOrgKey: string;
  registeredByUserKey: string;
  registeredAt: string; // ISO 8601, UTC
  consent: {
    shareWithOwnEmbassy: boolean;
    shareWithOrgKeys: string[];
    statistics: boolean;
    crossOrganisationMatching?: boolean;
  };
}

export interface DemoScenario {
  organisations: DemoOrganisation[];
  users: DemoUser[];
  compounds: DemoCompound[];
  survivors: DemoSurvivor[];
  /** Ground truth for tests and benchmarks: pairs of survivor keys that are the same person. The UI never sees it. */
  duplicates: [keyA: string, keyB: string][];
}

export interface DemoOptions {
  seed?: number;
  survivors?: number;
  /** Every date is computed relative to this instant (default 2026-02-15T00:00:00Z; the loader passes its start day). */
  anchor?: Date;
  /**
   * What monitoring's story says about each compound, in days relative to the anchor: when it was first seen and
   * when its mass exit happened (null: none recorded). Survivors then leave a compound after it was first seen, and
   * those of a mass exit leave around its day.
   */
  compoundDays?: ReadonlyMap<string, { firstSeen: number; massExit: number | null }>;
}
