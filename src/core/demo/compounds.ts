/**
 * Twenty fictional compounds in the provinces where public reporting placed scam compounds.
 * Points sit a few kilometres from real towns, on land, never on a town centre; names and operators
 * are invented. Footprints are seeded irregular polygons 50–600 m across.
 */
import type { Rng } from '../random.ts';
import type { DemoCompound, DemoPolygon } from './types.ts';

interface CompoundSpec {
  key: string;
  en: string;
  zh: string;
  km: string;
  aliases: string[];
  province: string;
  district: string;
  lon: number;
  lat: number;
  operators: string[];
  notes: string;
  /** Relative number of people held, used to weight survivors' compounds. */
  size: number;
}

const SPECS: CompoundSpec[] = [
  {
    key: 'copperleaf-bay-park',
    en: 'Copperleaf Bay Park',
    zh: '铜叶湾园区',
    km: 'សួនឆ្នេរស្លឹកស្ពាន់',
    aliases: ['CB Park', 'the copper towers'],
    province: 'Preah Sihanouk',
    district: 'Krong Preah Sihanouk',
    lon: 103.5452,
    lat: 10.6403,
    size: 9,
    operators: ['Copperleaf Bay Development Co., Ltd.'],
    notes:
      'Eight-storey blocks behind a wall with razor wire; several hundred left over three days during the mass exit.',
  },
  {
    key: 'jinding-gardens',
    en: 'Jinding Gardens',
    zh: '金鼎园区',
    km: 'បរិវេណឆ្នាំងមាស',
    aliases: ['Jinding Yuanqu', 'JD'],
    province: 'Preah Sihanouk',
    district: 'Prey Nob',
    lon: 103.6551,
    lat: 10.7047,
    size: 8,
    operators: ['Jinding Investment Group (Cambodia) Co., Ltd.', 'Sea Crest Property Management'],
    notes: 'Former casino hotel converted to dormitories; survivors describe quotas and fines.',
  },
  {
    key: 'ocean-pearl',
    en: 'Ocean Pearl Compound',
    zh: '海珠园区',
    km: 'បរិវេណគុជសមុទ្រ',
    aliases: ['Pearl building'],
    province: 'Preah Sihanouk',
    district: 'Stueng Hav',
    lon: 103.5468,
    lat: 10.6912,
    size: 5,
    operators: ['Ocean Pearl Hospitality Ltd.'],
    notes: 'Near the port road; guards reportedly left before the exit.',
  },
  {
    key: 'phoenix-bay',
    en: 'Phoenix Bay Compound',
    zh: '凤凰湾园区',
    km: 'ឆ្នេរហង្ស',
    aliases: ['Otres block', 'Phoenix'],
    province: 'Preah Sihanouk',
    district: 'Krong Preah Sihanouk',
    lon: 103.5761,
    lat: 10.5912,
    size: 4,
    operators: ['Phoenix Bay Leisure Co., Ltd.'],
    notes: 'Unfinished resort site inland from the beach; reported reactivated after a raid.',
  },
  {
    key: 'blue-lotus-park',
    en: 'Blue Lotus Science Park',
    zh: '蓝莲科技园',
    km: 'សួនឈូកខៀវ',
    aliases: ['Blue Lotus', 'BL Park'],
    province: 'Svay Rieng',
    district: 'Krong Bavet',
    lon: 106.1093,
    lat: 11.0724,
    size: 8,
    operators: ['Blue Lotus Technology Park Co., Ltd.'],
    notes: 'Close to the Viet Nam border crossing; many Vietnamese and Chinese workers.',
  },
  {
    key: 'crown-star-plaza',
    en: 'Crown Star Plaza',
    zh: '皇冠星广场',
    km: 'ផ្សារផ្កាយមកុដ',
    aliases: ['Crown Star', 'CSP'],
    province: 'Svay Rieng',
    district: 'Krong Bavet',
    lon: 106.1402,
    lat: 11.0583,
    size: 6,
    operators: ['Crown Star Entertainment Ltd.'],
    notes: 'Casino front with office floors above; mass exit after electricity was cut.',
  },
  {
    key: 'fortune-horse-plaza',
    en: 'Fortune Horse Plaza',
    zh: '骏马广场',
    km: 'ផ្សារសេះសំណាង',
    aliases: ['Horse building'],
    province: 'Svay Rieng',
    district: 'Krong Bavet',
    lon: 106.0981,
    lat: 11.0807,
    size: 3,
    operators: ['Swift Horse Trading Co., Ltd.'],
    notes: 'Smaller site along the highway; few reports.',
  },
  {
    key: 'dragon-gate-park',
    en: 'Dragon Gate Tech Park',
    zh: '龙门科技园',
    km: 'ទ្វារនាគ',
    aliases: ['Dragon Gate', 'Longmen'],
    province: 'Banteay Meanchey',
    district: 'Krong Poi Pet',
    lon: 102.5852,
    lat: 13.6651,
    size: 7,
    operators: ['Dragon Gate Digital Services Co., Ltd.'],
    notes: 'Thai and Burmese survivors describe being walked across the border at night.',
  },
  {
    key: 'silver-palm',
    en: 'Silver Palm Complex',
    zh: '银棕榈娱乐城',
    km: 'បរិវេណត្នោតប្រាក់',
    aliases: ['Silver Palm', 'SP casino'],
    province: 'Banteay Meanchey',
    district: "O'Chrov",
    lon: 102.6004,
    lat: 13.6402,
    size: 5,
    operators: ['Silver Palm Resorts Ltd.', 'Northgate Labour Services'],
    notes: 'Resort and casino with a locked back compound.',
  },
  {
    key: 'lucky-seven-park',
    en: 'Lucky Seven Industrial Park',
    zh: '七星工业园',
    km: 'តំបន់ឧស្សាហកម្មប្រាំពីរ',
    aliases: ['Lucky 7', 'Qixing'],
    province: 'Banteay Meanchey',
    district: "O'Chrov",
    lon: 102.6203,
    lat: 13.6719,
    size: 4,
    operators: ['Seven Stars Industrial Development Co., Ltd.'],
    notes: 'Warehouses fitted out as call-centre floors.',
  },
  {
    key: 'emerald-coast-zone',
    en: 'Emerald Coast Zone',
    zh: '翡翠海岸园区',
    km: 'តំបន់ឆ្នេរត្បូងមរកត',
    aliases: ['Emerald'],
    province: 'Koh Kong',
    district: 'Krong Khemara Phoumin',
    lon: 102.9951,
    lat: 11.6252,
    size: 4,
    operators: ['Emerald Coast Holdings Ltd.'],
    notes: 'Riverside buildings reached by a single guarded road.',
  },
  {
    key: 'cardamom-ridge',
    en: 'Cardamom Ridge Villas',
    zh: '豆蔻山庄',
    km: 'ភូមិគ្រឹះភ្នំក្រវាញ',
    aliases: ['the villas'],
    province: 'Koh Kong',
    district: 'Botum Sakor',
    lon: 103.2703,
    lat: 10.9902,
    size: 3,
    operators: ['Ridgeview Eco-Tourism Co., Ltd.'],
    notes: 'Remote villa estate; survivors walked for a day to reach help.',
  },
  {
    key: 'northern-gate',
    en: 'Northern Gate Complex',
    zh: '北门园区',
    km: 'ទ្វារខាងជើង',
    aliases: ["O'Smach site"],
    province: 'Oddar Meanchey',
    district: 'Samraong',
    lon: 103.7151,
    lat: 14.4052,
    size: 5,
    operators: ['Northern Gate Hotel & Casino Ltd.'],
    notes: 'Hotel near the border checkpoint; reports of people moved here from the coast.',
  },
  {
    key: 'bokor-cloud',
    en: 'Bokor Cloud Residences',
    zh: '云顶公寓',
    km: 'លំនៅដ្ឋានពពកបូកគោ',
    aliases: ['Cloud apartments'],
    province: 'Kampot',
    district: 'Teuk Chhou',
    lon: 104.0453,
    lat: 10.6402,
    size: 3,
    operators: ['Cloud Peak Residences Co., Ltd.'],
    notes: 'Apartment blocks on the mountain road.',
  },
  {
    key: 'riverside-tower',
    en: 'Riverside Tower Compound',
    zh: '河畔大厦',
    km: 'អគារមាត់ទន្លេ',
    aliases: ['Tower B'],
    province: 'Phnom Penh',
    district: 'Chbar Ampov',
    lon: 104.9621,
    lat: 11.5218,
    size: 4,
    operators: ['Riverside Tower Management Ltd.'],
    notes: 'Office tower whose upper floors were closed to other tenants.',
  },
  {
    key: 'great-harvest-park',
    en: 'Great Harvest Park',
    zh: '大丰园区',
    km: 'សួនប្រមូលផលធំ',
    aliases: ['Dafeng'],
    province: 'Phnom Penh',
    district: 'Dangkao',
    lon: 104.8603,
    lat: 11.4801,
    size: 5,
    operators: ['Great Harvest Agro-Industrial Co., Ltd.'],
    notes: 'Walled site off the ring road; mass exit reported on social media.',
  },
  {
    key: 'jade-river-estate',
    en: 'Jade River Estate',
    zh: '玉河庄园',
    km: 'ទន្លេត្បូងយ៉ក',
    aliases: ['Jade estate'],
    province: 'Takeo',
    district: 'Kiri Vong',
    lon: 104.8602,
    lat: 10.7003,
    size: 2,
    operators: ['Jade River Plantation Co., Ltd.'],
    notes: 'Plantation buildings near the southern border.',
  },
  {
    key: 'western-hills-farm',
    en: 'Western Hills Farm',
    zh: '西山农场',
    km: 'កសិដ្ឋានភ្នំខាងលិច',
    aliases: ['the farm'],
    province: 'Pursat',
    district: 'Veal Veaeng',
    lon: 102.8302,
    lat: 12.2301,
    size: 2,
    operators: ['Western Hills Agriculture Ltd.'],
    notes: 'Border-area farm compound; few survivors, long journeys out.',
  },
  {
    key: 'mekong-star-garden',
    en: 'Mekong Star Garden',
    zh: '湄公星园',
    km: 'សួនផ្កាយមេគង្គ',
    aliases: ['Mekong Star'],
    province: 'Kandal',
    district: 'Kien Svay',
    lon: 105.0352,
    lat: 11.4803,
    size: 4,
    operators: ['Mekong Star Real Estate Co., Ltd.'],
    notes: 'Gated housing estate with blacked-out windows.',
  },
  {
    key: 'new-city-block-c',
    en: 'New City Block C',
    zh: '新城C区',
    km: 'ទីក្រុងថ្មី ប្លុក គ',
    aliases: ['Block C'],
    province: 'Kandal',
    district: 'Krong Ta Khmau',
    lon: 104.9352,
    lat: 11.4623,
    size: 3,
    operators: ['New City Urban Development Co., Ltd.'],
    notes: 'One block of a satellite-city development.',
  },
];

const METRES_PER_DEGREE = 111_320;

/** An irregular, counter-clockwise, closed ring around the point, `radius` metres give or take. */
function footprintAround(rng: Rng, lon: number, lat: number): DemoPolygon {
  const vertices = 5 + rng.int(4);
  const radius = 40 + rng.next() * 240; // across: roughly 60–560 m
  const metresPerLon = METRES_PER_DEGREE * Math.cos((lat * Math.PI) / 180);
  const ring: [number, number][] = [];
  const turn = rng.next() * 2 * Math.PI;
  for (let i = 0; i < vertices; i++) {
    const angle = turn + (2 * Math.PI * (i + 0.3 * (rng.next() - 0.5))) / vertices;
    const r = radius * (0.8 + 0.2 * rng.next());
    ring.push([
      round6(lon + (r * Math.cos(angle)) / metresPerLon),
      round6(lat + (r * Math.sin(angle)) / METRES_PER_DEGREE),
    ]);
  }
  ring.push([ring[0]![0], ring[0]![1]]);
  return { type: 'Polygon', coordinates: [ring] };
}

function round6(x: number): number {
  return Math.round(x * 1e6) / 1e6;
}

export function demoCompounds(rng: Rng): DemoCompound[] {
  return SPECS.map((s) => ({
    key: s.key,
    names: [
      { lang: 'km', name: s.km },
      { lang: 'zh', name: s.zh },
      { lang: 'en', name: s.en },
    ],
    aliases: [...s.aliases],
    province: s.province,
    district: s.district,
    point: [s.lon, s.lat],
    footprint: footprintAround(rng, s.lon, s.lat),
    operators: [...s.operators],
    notes: s.notes,
  }));
}

/** Relative share of survivors held at each compound (by key). */
export function compoundWeights(): [string, number][] {
  return SPECS.map((s) => [s.key, s.size]);
}
