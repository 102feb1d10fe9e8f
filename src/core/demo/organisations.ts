/**
 * Demo organisations. Embassies stand for the countries whose nationals were reported among the
 * early-2026 exits; every NGO, shelter, clinic and agency name is invented.
 */
import type { DemoOrganisation } from './types.ts';

interface EmbassySpec {
  code: string;
  country: string;
  serves?: string[];
  desk?: boolean;
}

// Countries without a resident mission get a "consular desk" (a visiting team or a mission accredited from Bangkok).
const EMBASSIES: EmbassySpec[] = [
  { code: 'id', country: 'Indonesia' },
  { code: 'cn', country: 'China' },
  { code: 'vn', country: 'Viet Nam' },
  { code: 'ph', country: 'the Philippines' },
  { code: 'mm', country: 'Myanmar' },
  { code: 'th', country: 'Thailand' },
  { code: 'in', country: 'India' },
  { code: 'bd', country: 'Bangladesh', desk: true },
  { code: 'my', country: 'Malaysia' },
  { code: 'la', country: 'Lao PDR' },
  { code: 'kr', country: 'the Republic of Korea' },
  { code: 'br', country: 'Brazil' },
  { code: 'lk', country: 'Sri Lanka', desk: true },
  { code: 'np', country: 'Nepal', desk: true },
  { code: 'ke', country: 'Kenya', desk: true },
  { code: 'ug', country: 'Uganda', desk: true },
  { code: 'ng', country: 'Nigeria', desk: true },
  { code: 'et', country: 'Ethiopia', desk: true },
];

const OTHERS: DemoOrganisation[] = [
  {
    key: 'ngo-lantern-reach',
    name: 'Lantern Reach Outreach',
    kind: 'ngo',
    nationalitiesServed: [],
    city: 'Phnom Penh',
  },
  { key: 'ngo-tonle-harbour', name: 'Tonle Harbour Aid', kind: 'ngo', nationalitiesServed: [], city: 'Phnom Penh' },
  { key: 'ngo-kiteline', name: 'Kiteline Migrant Help', kind: 'ngo', nationalitiesServed: [], city: 'Sihanoukville' },
  {
    key: 'ngo-bamboo-shield',
    name: 'Bamboo Shield Legal Aid',
    kind: 'ngo',
    nationalitiesServed: [],
    city: 'Phnom Penh',
  },
  {
    key: 'ngo-borderlight',
    name: 'Borderlight Crossing Support',
    kind: 'ngo',
    nationalitiesServed: [],
    city: 'Poipet',
  },
  {
    key: 'shelter-harbour-house',
    name: 'Harbour House Shelter',
    kind: 'shelter',
    nationalitiesServed: [],
    city: 'Phnom Penh',
  },
  {
    key: 'shelter-banyan-rest',
    name: 'Banyan Rest Shelter',
    kind: 'shelter',
    nationalitiesServed: [],
    city: 'Sihanoukville',
  },
  {
    key: 'shelter-lotus-step',
    name: "Lotus Step Women's Shelter",
    kind: 'shelter',
    nationalitiesServed: [],
    city: 'Phnom Penh',
  },
  {
    key: 'clinic-chamkar-street',
    name: 'Chamkar Street Clinic',
    kind: 'clinic',
    nationalitiesServed: [],
    city: 'Phnom Penh',
  },
  {
    key: 'clinic-northbank',
    name: 'Northbank Health Post',
    kind: 'clinic',
    nationalitiesServed: [],
    city: 'Sihanoukville',
  },
  {
    key: 'io-imso',
    name: 'International Migration Support Office (IMSO)',
    kind: 'international_org',
    nationalitiesServed: [],
    city: 'Phnom Penh',
  },
  {
    key: 'monitor-compound-watch',
    name: 'Compound Watch Research Collective',
    kind: 'monitor',
    nationalitiesServed: [],
    city: 'Phnom Penh',
  },
  {
    key: 'coord-exit-cell',
    name: 'Exit Response Coordination Cell',
    kind: 'coordination',
    nationalitiesServed: [],
    city: 'Phnom Penh',
  },
];

export function demoOrganisations(): DemoOrganisation[] {
  const embassies = EMBASSIES.map((e): DemoOrganisation => ({
    key: `embassy-${e.code}`,
    name: e.desk ? `Consular Desk of ${e.country} (Phnom Penh)` : `Embassy of ${e.country} in Phnom Penh`,
    kind: 'embassy',
    nationalitiesServed: e.serves ?? [e.code.toUpperCase()],
    city: 'Phnom Penh',
  }));
  return [...embassies, ...OTHERS.map((o) => ({ ...o, nationalitiesServed: [...o.nationalitiesServed] }))];
}

/** The embassy key that serves a nationality, if any. */
export function embassyFor(orgs: readonly DemoOrganisation[], nationality: string): DemoOrganisation | undefined {
  return orgs.find((o) => o.kind === 'embassy' && o.nationalitiesServed.includes(nationality));
}
