/**
 * Place and group gazetteers for article extraction: countries (with their nationality adjectives and
 * demonyms), provinces and cities where scam compounds are reported, and the words that make a number a
 * count of people or of places. Compounds are not here: they come from the registry at run time
 * (`CompoundNameIndex` in extract-places.ts). Hand-written; extend by adding rows.
 */

export interface CountryEntry {
  code: string;
  /** ISO 3166-1 alpha-3 (passports and UN forms write VNM, PHL). */
  alpha3: string;
  names: readonly string[];
  /** Adjectives and demonyms: "Indonesian", "Indonesians", "Filipino". */
  demonyms: readonly string[];
}

export const COUNTRIES: readonly CountryEntry[] = [
  {
    code: 'KH',
    alpha3: 'KHM',
    names: ['Cambodia', 'Kingdom of Cambodia'],
    demonyms: ['Cambodian', 'Cambodians', 'Khmer'],
  },
  { code: 'MM', alpha3: 'MMR', names: ['Myanmar', 'Burma'], demonyms: ['Myanmar', 'Burmese'] },
  { code: 'LA', alpha3: 'LAO', names: ['Laos', 'Lao PDR'], demonyms: ['Lao', 'Laotian', 'Laotians'] },
  { code: 'TH', alpha3: 'THA', names: ['Thailand'], demonyms: ['Thai', 'Thais'] },
  { code: 'VN', alpha3: 'VNM', names: ['Vietnam', 'Viet Nam'], demonyms: ['Vietnamese'] },
  { code: 'CN', alpha3: 'CHN', names: ['China', "People's Republic of China"], demonyms: ['Chinese'] },
  { code: 'TW', alpha3: 'TWN', names: ['Taiwan'], demonyms: ['Taiwanese'] },
  { code: 'HK', alpha3: 'HKG', names: ['Hong Kong'], demonyms: ['Hongkongers'] },
  { code: 'ID', alpha3: 'IDN', names: ['Indonesia'], demonyms: ['Indonesian', 'Indonesians'] },
  { code: 'MY', alpha3: 'MYS', names: ['Malaysia'], demonyms: ['Malaysian', 'Malaysians'] },
  {
    code: 'PH',
    alpha3: 'PHL',
    names: ['Philippines', 'the Philippines'],
    demonyms: ['Filipino', 'Filipinos', 'Filipina', 'Filipinas'],
  },
  { code: 'SG', alpha3: 'SGP', names: ['Singapore'], demonyms: ['Singaporean', 'Singaporeans'] },
  { code: 'IN', alpha3: 'IND', names: ['India'], demonyms: ['Indian', 'Indians'] },
  { code: 'BD', alpha3: 'BGD', names: ['Bangladesh'], demonyms: ['Bangladeshi', 'Bangladeshis'] },
  { code: 'LK', alpha3: 'LKA', names: ['Sri Lanka'], demonyms: ['Sri Lankan', 'Sri Lankans'] },
  { code: 'NP', alpha3: 'NPL', names: ['Nepal'], demonyms: ['Nepali', 'Nepalis', 'Nepalese'] },
  { code: 'PK', alpha3: 'PAK', names: ['Pakistan'], demonyms: ['Pakistani', 'Pakistanis'] },
  {
    code: 'KR',
    alpha3: 'KOR',
    names: ['South Korea', 'Korea'],
    demonyms: ['South Korean', 'South Koreans', 'Korean', 'Koreans'],
  },
  { code: 'JP', alpha3: 'JPN', names: ['Japan'], demonyms: ['Japanese'] },
  {
    code: 'US',
    alpha3: 'USA',
    names: ['United States', 'United States of America', 'USA', 'U.S.'],
    demonyms: ['American', 'Americans'],
  },
  { code: 'GB', alpha3: 'GBR', names: ['United Kingdom', 'Britain', 'UK'], demonyms: ['British', 'Briton', 'Britons'] },
  { code: 'KE', alpha3: 'KEN', names: ['Kenya'], demonyms: ['Kenyan', 'Kenyans'] },
  { code: 'UG', alpha3: 'UGA', names: ['Uganda'], demonyms: ['Ugandan', 'Ugandans'] },
  { code: 'ET', alpha3: 'ETH', names: ['Ethiopia'], demonyms: ['Ethiopian', 'Ethiopians'] },
  { code: 'NG', alpha3: 'NGA', names: ['Nigeria'], demonyms: ['Nigerian', 'Nigerians'] },
  { code: 'SL', alpha3: 'SLE', names: ['Sierra Leone'], demonyms: ['Sierra Leonean', 'Sierra Leoneans'] },
  { code: 'BR', alpha3: 'BRA', names: ['Brazil'], demonyms: ['Brazilian', 'Brazilians'] },
  { code: 'RU', alpha3: 'RUS', names: ['Russia'], demonyms: ['Russian', 'Russians'] },
  { code: 'TR', alpha3: 'TUR', names: ['Turkey', 'Türkiye'], demonyms: ['Turkish'] },
];

export interface SubdivisionEntry {
  name: string;
  aliases: readonly string[];
  country: string;
  kind: 'province' | 'city';
}

export const SUBDIVISIONS: readonly SubdivisionEntry[] = [
  { name: 'Phnom Penh', aliases: [], country: 'KH', kind: 'city' },
  { name: 'Sihanoukville', aliases: ['Preah Sihanouk City'], country: 'KH', kind: 'city' },
  { name: 'Preah Sihanouk', aliases: ['Preah Sihanouk Province'], country: 'KH', kind: 'province' },
  { name: 'Koh Kong', aliases: [], country: 'KH', kind: 'province' },
  { name: 'Kampot', aliases: [], country: 'KH', kind: 'province' },
  { name: 'Bavet', aliases: [], country: 'KH', kind: 'city' },
  { name: 'Svay Rieng', aliases: [], country: 'KH', kind: 'province' },
  { name: 'Poipet', aliases: [], country: 'KH', kind: 'city' },
  { name: 'Banteay Meanchey', aliases: [], country: 'KH', kind: 'province' },
  { name: 'Pursat', aliases: [], country: 'KH', kind: 'province' },
  { name: 'Takeo', aliases: [], country: 'KH', kind: 'province' },
  { name: 'Siem Reap', aliases: [], country: 'KH', kind: 'province' },
  { name: 'Myawaddy', aliases: ['Myawadi'], country: 'MM', kind: 'city' },
  { name: 'Shwe Kokko', aliases: ['Shwekokko'], country: 'MM', kind: 'city' },
  { name: 'Kayin State', aliases: ['Karen State', 'Kayin'], country: 'MM', kind: 'province' },
  { name: 'Shan State', aliases: [], country: 'MM', kind: 'province' },
  { name: 'Tachileik', aliases: [], country: 'MM', kind: 'city' },
  { name: 'Laukkai', aliases: ['Laukkaing'], country: 'MM', kind: 'city' },
  { name: 'Yangon', aliases: ['Rangoon'], country: 'MM', kind: 'city' },
  { name: 'Bokeo', aliases: [], country: 'LA', kind: 'province' },
  { name: 'Golden Triangle Special Economic Zone', aliases: ['Golden Triangle SEZ'], country: 'LA', kind: 'province' },
  { name: 'Vientiane', aliases: [], country: 'LA', kind: 'city' },
  { name: 'Mae Sot', aliases: [], country: 'TH', kind: 'city' },
  { name: 'Tak', aliases: ['Tak Province'], country: 'TH', kind: 'province' },
  { name: 'Bangkok', aliases: [], country: 'TH', kind: 'city' },
  { name: 'Manila', aliases: ['Metro Manila'], country: 'PH', kind: 'city' },
  { name: 'Pampanga', aliases: [], country: 'PH', kind: 'province' },
  { name: 'Jakarta', aliases: [], country: 'ID', kind: 'city' },
  { name: 'Batam', aliases: [], country: 'ID', kind: 'city' },
  { name: 'Kuala Lumpur', aliases: [], country: 'MY', kind: 'city' },
  { name: 'Hanoi', aliases: [], country: 'VN', kind: 'city' },
  { name: 'Ho Chi Minh City', aliases: ['Saigon'], country: 'VN', kind: 'city' },
];

/** Nouns that make a number a count of people (singular and plural forms listed; lower case). */
export const PEOPLE_NOUNS: readonly string[] = [
  'people',
  'persons',
  'person',
  'individuals',
  'nationals',
  'citizens',
  'workers',
  'victims',
  'survivors',
  'foreigners',
  'migrants',
  'men',
  'women',
  'children',
  'minors',
  'residents',
  'suspects',
  'employees',
  'detainees',
];

/** Nouns that make a number a count of places; each maps to the unit its claims are grouped by. */
export const PLACE_NOUNS: Readonly<Record<string, string>> = {
  'scam zones': 'scam_site',
  'scam zone': 'scam_site',
  'scam compounds': 'scam_site',
  'scam compound': 'scam_site',
  'scam centres': 'scam_site',
  'scam centers': 'scam_site',
  'scam centre': 'scam_site',
  'scam center': 'scam_site',
  'scam sites': 'scam_site',
  compounds: 'scam_site',
  compound: 'scam_site',
  zones: 'scam_site',
  sites: 'scam_site',
  casinos: 'casino',
  casino: 'casino',
  buildings: 'building',
  provinces: 'province',
  countries: 'country',
};

/** Words ending an organisation name ("Prince Group", "National Police", "Ministry of Interior"). */
export const ORG_WORDS: ReadonlySet<string> = new Set([
  'Group',
  'Holdings',
  'Company',
  'Corporation',
  'Corp',
  'Bank',
  'Police',
  'Ministry',
  'Ministry',
  'Department',
  'Agency',
  'Office',
  'Embassy',
  'Commission',
  'Council',
  'Court',
  'Army',
  'Force',
  'Forces',
  'Organization',
  'Organisation',
  'Foundation',
  'International',
  'Association',
  'Network',
  'Nations',
  'Institute',
  'University',
  'Committee',
  'Coalition',
  'Treasury',
  'Bureau',
  'Service',
  'Times',
  'Post',
  'News',
  'Watch',
  'Mission',
  'UNODC',
  'Interpol',
  'OFAC',
  'FBI',
]);

/** Roles and titles that, next to a name, make it a person and say what they do. */
export const ROLE_WORDS: readonly string[] = [
  'senior researcher',
  'researcher',
  'spokesman',
  'spokeswoman',
  'spokesperson',
  'chairman',
  'chairwoman',
  'chair',
  'founder',
  'director',
  'minister',
  'ambassador',
  'official',
  'governor',
  'commissioner',
  'analyst',
  'chief executive',
  'CEO',
  'head',
  'president',
  'lawyer',
  'prosecutor',
  'investigator',
  'police chief',
  'general',
  'deputy',
  'secretary',
  'consul',
  'adviser',
  'advisor',
  'coordinator',
];

/** Titles before a name ("Gen.", "Dr"). */
export const TITLES: readonly string[] = [
  'Mr',
  'Mrs',
  'Ms',
  'Dr',
  'Gen',
  'General',
  'Colonel',
  'Col',
  'Lt',
  'Minister',
];
