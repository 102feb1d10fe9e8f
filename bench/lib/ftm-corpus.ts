/**
 * A synthetic FollowTheMoney corpus for `npm run bench:screen`: people and companies with aliases in several scripts
 * (Han, Vietnamese, Khmer, Thai, Latin), romanisation variants, typos and reordered names; plus the queries to screen,
 * each a variant of a known entity (half of the person queries with its birth date), or a name that is nobody's. Its name lists are written here, independently of
 * the engine's own pools (src/core/names/pools.ts), so the benchmark does not grade the engine on its own data.
 */
import type { FtmEntity } from '../../src/core/networks/ftm.ts';

/** [hanzi, pinyin, Vietnamese reading, Hokkien/Cantonese spelling or ''] */
const SURNAMES: [string, string, string, string][] = [
  ['陈', 'Chen', 'Trần', 'Tan'],
  ['李', 'Li', 'Lý', 'Lee'],
  ['王', 'Wang', 'Vương', 'Ong'],
  ['张', 'Zhang', 'Trương', 'Teo'],
  ['刘', 'Liu', 'Lưu', 'Lau'],
  ['黄', 'Huang', 'Hoàng', 'Wong'],
  ['林', 'Lin', 'Lâm', 'Lim'],
  ['吴', 'Wu', 'Ngô', 'Goh'],
  ['郑', 'Zheng', 'Trịnh', 'Tay'],
  ['周', 'Zhou', 'Chu', 'Chow'],
  ['徐', 'Xu', 'Từ', 'Chui'],
  ['孙', 'Sun', 'Tôn', 'Soon'],
  ['马', 'Ma', 'Mã', 'Mah'],
  ['朱', 'Zhu', 'Chu', 'Choo'],
  ['胡', 'Hu', 'Hồ', 'Oh'],
  ['郭', 'Guo', 'Quách', 'Kwek'],
  ['何', 'He', 'Hà', 'Ho'],
  ['高', 'Gao', 'Cao', 'Koh'],
  ['罗', 'Luo', 'La', 'Law'],
  ['梁', 'Liang', 'Lương', 'Leong'],
  ['谢', 'Xie', 'Tạ', 'Chia'],
  ['宋', 'Song', 'Tống', 'Soong'],
  ['唐', 'Tang', 'Đường', 'Tong'],
  ['许', 'Xu', 'Hứa', 'Khoo'],
  ['韩', 'Han', 'Hàn', 'Hon'],
  ['冯', 'Feng', 'Phùng', 'Fong'],
  ['邓', 'Deng', 'Đặng', 'Teng'],
  ['曹', 'Cao', 'Tào', 'Chou'],
  ['彭', 'Peng', 'Bành', 'Phang'],
  ['曾', 'Zeng', 'Tăng', 'Chan'],
  ['田', 'Tian', 'Điền', 'Tin'],
  ['董', 'Dong', 'Đổng', 'Tung'],
  ['潘', 'Pan', 'Phan', 'Phua'],
  ['袁', 'Yuan', 'Viên', 'Yuen'],
  ['蔡', 'Cai', 'Thái', 'Chua'],
  ['蒋', 'Jiang', 'Tưởng', 'Cheong'],
  ['余', 'Yu', 'Dư', 'Yee'],
  ['杜', 'Du', 'Đỗ', 'Toh'],
  ['叶', 'Ye', 'Diệp', 'Yap'],
  ['程', 'Cheng', 'Trình', 'Ching'],
  ['魏', 'Wei', 'Ngụy', 'Gui'],
  ['苏', 'Su', 'Tô', 'Soh'],
  ['丁', 'Ding', 'Đinh', 'Teng'],
  ['沈', 'Shen', 'Thẩm', 'Sim'],
  ['姚', 'Yao', 'Diêu', 'Yeo'],
  ['卢', 'Lu', 'Lư', 'Loh'],
  ['钟', 'Zhong', 'Chung', 'Chong'],
  ['谭', 'Tan', 'Đàm', 'Tham'],
  ['范', 'Fan', 'Phạm', 'Fam'],
  ['金', 'Jin', 'Kim', 'Kim'],
  ['石', 'Shi', 'Thạch', 'Chioh'],
  ['夏', 'Xia', 'Hạ', 'Ha'],
  ['方', 'Fang', 'Phương', 'Hong'],
  ['白', 'Bai', 'Bạch', 'Peh'],
  ['孟', 'Meng', 'Mạnh', 'Beng'],
  ['江', 'Jiang', 'Giang', 'Kang'],
  ['黎', 'Li', 'Lê', 'Lai'],
  ['武', 'Wu', 'Vũ', 'Boo'],
  ['龚', 'Gong', 'Cung', 'Kong'],
  ['文', 'Wen', 'Văn', 'Boon'],
];
/** [hanzi, pinyin, Vietnamese reading] */
const GIVEN: [string, string, string][] = [
  ['伟', 'wei', 'vĩ'],
  ['明', 'ming', 'minh'],
  ['华', 'hua', 'hoa'],
  ['强', 'qiang', 'cường'],
  ['军', 'jun', 'quân'],
  ['平', 'ping', 'bình'],
  ['国', 'guo', 'quốc'],
  ['建', 'jian', 'kiến'],
  ['志', 'zhi', 'chí'],
  ['勇', 'yong', 'dũng'],
  ['德', 'de', 'đức'],
  ['海', 'hai', 'hải'],
  ['光', 'guang', 'quang'],
  ['春', 'chun', 'xuân'],
  ['龙', 'long', 'long'],
  ['成', 'cheng', 'thành'],
  ['东', 'dong', 'đông'],
  ['兴', 'xing', 'hưng'],
  ['安', 'an', 'an'],
  ['庆', 'qing', 'khánh'],
  ['福', 'fu', 'phúc'],
  ['荣', 'rong', 'vinh'],
  ['玉', 'yu', 'ngọc'],
  ['芳', 'fang', 'phương'],
  ['丽', 'li', 'lệ'],
  ['英', 'ying', 'anh'],
  ['秀', 'xiu', 'tú'],
  ['慧', 'hui', 'tuệ'],
  ['雪', 'xue', 'tuyết'],
  ['红', 'hong', 'hồng'],
  ['梅', 'mei', 'mai'],
  ['兰', 'lan', 'lan'],
  ['凤', 'feng', 'phượng'],
  ['家', 'jia', 'gia'],
  ['俊', 'jun', 'tuấn'],
  ['杰', 'jie', 'kiệt'],
  ['涛', 'tao', 'đào'],
  ['鹏', 'peng', 'bằng'],
  ['飞', 'fei', 'phi'],
  ['辉', 'hui', 'huy'],
  ['山', 'shan', 'sơn'],
  ['永', 'yong', 'vĩnh'],
  ['新', 'xin', 'tân'],
  ['天', 'tian', 'thiên'],
  ['宝', 'bao', 'bảo'],
  ['义', 'yi', 'nghĩa'],
  ['金', 'jin', 'kim'],
  ['仁', 'ren', 'nhân'],
  ['信', 'xin', 'tín'],
  ['胜', 'sheng', 'thắng'],
];
/** [Latin, Khmer script] */
const KHMER: [string, string][] = [
  ['Sok', 'សុខ'],
  ['Chan', 'ចាន់'],
  ['Dara', 'ដារ៉ា'],
  ['Sophea', 'សុភា'],
  ['Vannak', 'វណ្ណៈ'],
  ['Pisey', 'ពិសី'],
  ['Bopha', 'បុប្ផា'],
  ['Kosal', 'កុសល'],
  ['Sokha', 'សុខា'],
  ['Chea', 'ជា'],
  ['Heng', 'ហេង'],
  ['Keo', 'កែវ'],
  ['Meas', 'មាស'],
  ['Sovann', 'សុវណ្ណ'],
  ['Rotha', 'រដ្ឋា'],
  ['Nary', 'ណារី'],
  ['Vuthy', 'វុទ្ធី'],
  ['Kanha', 'កញ្ញា'],
];
/** [Latin, Thai script] */
const THAI_GIVEN: [string, string][] = [
  ['Somchai', 'สมชาย'],
  ['Suda', 'สุดา'],
  ['Niran', 'นิรันดร์'],
  ['Kittisak', 'กิตติศักดิ์'],
  ['Malee', 'มาลี'],
  ['Prasert', 'ประเสริฐ'],
  ['Wichai', 'วิชัย'],
  ['Araya', 'อารยา'],
  ['Anan', 'อนันต์'],
  ['Ratana', 'รัตนา'],
];
/** Thai family names are long and rarely shared: two syllables from here, in both scripts. */
const THAI_SYLLABLES: [string, string][] = [
  ['Sri', 'ศรี'],
  ['Wong', 'วงศ์'],
  ['Chai', 'ชัย'],
  ['Boon', 'บุญ'],
  ['Rattana', 'รัตน'],
  ['Thong', 'ทอง'],
  ['Siri', 'สิริ'],
  ['Kaew', 'แก้ว'],
  ['Charoen', 'เจริญ'],
  ['Suk', 'สุข'],
  ['Wattana', 'วัฒนา'],
  ['Sombat', 'สมบัติ'],
  ['Mongkol', 'มงคล'],
  ['Rak', 'รักษ์'],
  ['Phon', 'พล'],
  ['Saeng', 'แสง'],
  ['Udom', 'อุดม'],
  ['Kasem', 'เกษม'],
];
const THAI_FAMILY: [string, string][] = [
  ['Srisuk', 'ศรีสุข'],
  ['Wongsawat', 'วงศ์สวัสดิ์'],
  ['Chaiyaporn', 'ชัยพร'],
  ['Boonmee', 'บุญมี'],
  ['Rattanakul', 'รัตนกุล'],
  ['Thongdee', 'ทองดี'],
  ['Saelim', 'แซ่ลิ้ม'],
  ['Phromma', 'พรหมมา'],
];
const BURMESE = [
  'Aung',
  'Kyaw',
  'Min',
  'Htet',
  'Zaw',
  'Naing',
  'Thant',
  'Win',
  'Myint',
  'Soe',
  'Hlaing',
  'Tun',
  'Ye',
  'Phyo',
  'Nyein',
  'Thida',
  'Khin',
  'Su',
  'Mya',
  'Lwin',
];
const WESTERN_GIVEN = [
  'Maria',
  'Jose',
  'John',
  'Michael',
  'Anna',
  'Budi',
  'Siti',
  'Agus',
  'Dewi',
  'Rizky',
  'Putri',
  'Ivan',
  'Olga',
  'Daniel',
  'Sarah',
  'Ahmed',
  'Fatima',
  'Carlos',
  'Elena',
  'Pavel',
];
const WESTERN_FAMILY = [
  'Reyes',
  'Santos',
  'Cruz',
  'Garcia',
  'Dela Cruz',
  'Santoso',
  'Wijaya',
  'Hidayat',
  'Smith',
  'Brown',
  'Ivanov',
  'Petrov',
  'Kowalski',
  'Novak',
  'Haddad',
  'Rahman',
  'Mendoza',
  'Okafor',
  'Nguyen',
  'Schmidt',
];
const CO_A = [
  'Golden',
  'Jade',
  'Royal',
  'Pacific',
  'Mekong',
  'Lucky',
  'Star',
  'Harbor',
  'Crown',
  'Silver',
  'Dragon',
  'Phoenix',
  'Lotus',
  'Oriental',
  'Grand',
  'Prime',
  'Horizon',
  'Summit',
  'Emerald',
  'Sapphire',
  'Eastern',
  'Victory',
  'Ocean',
  'Tiger',
];
const CO_B = [
  'Fortune',
  'Bay',
  'River',
  'Gate',
  'Tower',
  'Bridge',
  'Peak',
  'Garden',
  'Palace',
  'Coast',
  'Harvest',
  'Light',
  'Wave',
  'Stone',
];
const CO_SECTOR = [
  'Investment',
  'Holdings',
  'Trading',
  'Development',
  'Technology',
  'Property',
  'Logistics',
  'Entertainment',
  'Resorts',
  'Capital',
  'Consulting',
  'Security',
];
const CO_SUFFIX = [
  'Co., Ltd.',
  'Group',
  'Limited',
  'Inc.',
  'LLC',
  'Pte. Ltd.',
  'Sdn. Bhd.',
  '(Cambodia) Co., Ltd.',
  'Company Limited',
];
const CO_HAN: Record<string, string> = {
  Golden: '金',
  Jade: '玉',
  Royal: '皇家',
  Dragon: '龙',
  Phoenix: '凤凰',
  Lotus: '莲花',
  Star: '星',
  Crown: '皇冠',
  Silver: '银',
  Ocean: '海洋',
  Tiger: '虎',
  Lucky: '吉祥',
};
const COUNTRIES = ['kh', 'cn', 'vn', 'th', 'mm', 'la', 'my', 'ph', 'id', 'tw', 'hk', 'sg'];
const CHAIN_PREFIX = ['T', '0x', 'bc1q'];

/** A small fast PRNG (mulberry32): the corpus is the same for the same seed. */
export function rng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (n: number) => Math.floor(next() * n),
    pick<T>(xs: readonly T[]): T {
      return xs[Math.floor(next() * xs.length)]!;
    },
    chance: (p: number) => next() < p,
  };
}
type Rng = ReturnType<typeof rng>;

const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** One typo: a swapped, dropped, doubled or replaced letter in a token of 4+ letters. */
export function typo(r: Rng, name: string): string {
  const tokens = name.split(' ');
  const idx = tokens.findIndex((t) => t.length >= 4);
  if (idx < 0) return name;
  const t = tokens[idx]!;
  const i = 1 + r.int(t.length - 2);
  const kind = r.int(4);
  const letters = 'aeiounrstlkhgm';
  tokens[idx] =
    kind === 0
      ? t.slice(0, i) + t[i + 1] + t[i] + t.slice(i + 2)
      : kind === 1
        ? t.slice(0, i) + t.slice(i + 1)
        : kind === 2
          ? t.slice(0, i) + t[i] + t.slice(i)
          : t.slice(0, i) + r.pick([...letters]) + t.slice(i + 1);
  return tokens.join(' ');
}

const date = (r: Rng) =>
  `${1950 + r.int(55)}-${String(1 + r.int(12)).padStart(2, '0')}-${String(1 + r.int(28)).padStart(2, '0')}`;

interface Made {
  entity: FtmEntity;
  /** How the same person may be written elsewhere (the queries draw from these). */
  variants: string[];
}

function chinesePerson(r: Rng, id: string): Made {
  const [sh, sp, sv, sk] = r.pick(SURNAMES);
  const g = [r.pick(GIVEN), ...(r.chance(0.85) ? [r.pick(GIVEN)] : [])];
  const han = sh + g.map((x) => x[0]).join('');
  const pinyin = `${sp} ${cap(g.map((x) => x[1]).join(''))}`;
  const viet = `${sv} ${g.map((x) => cap(x[2])).join(' ')}`;
  const names = [han];
  const alias = [pinyin];
  if (r.chance(0.3)) alias.push(viet);
  const variants = [pinyin, viet, `${cap(g.map((x) => x[1]).join(''))} ${sp}`, typo(r, pinyin), han];
  if (sk && r.chance(0.5)) variants.push(`${sk} ${g.map((x) => cap(x[1])).join(' ')}`);
  return {
    entity: {
      id,
      schema: 'Person',
      caption: han,
      datasets: [],
      properties: { name: names, alias, birthDate: [date(r)], nationality: [r.pick(['cn', 'tw', 'my', 'kh', 'vn'])] },
    },
    variants,
  };
}

function otherPerson(r: Rng, id: string): Made {
  const kind = r.int(4);
  let name: string;
  let alias: string[] = [];
  let variants: string[];
  let country: string;
  if (kind === 0) {
    const parts = Array.from({ length: r.chance(0.6) ? 3 : 2 }, () => r.pick(KHMER));
    name = parts.map((x) => x[0]).join(' ');
    const khmer = parts.map((x) => x[1]).join(' ');
    if (r.chance(0.5)) alias = [khmer];
    variants = [
      [...parts]
        .reverse()
        .map((x) => x[0])
        .join(' '),
      typo(r, name),
      khmer,
    ];
    country = 'kh';
  } else if (kind === 1) {
    const a = r.pick(THAI_GIVEN);
    const [x, y] = [r.pick(THAI_SYLLABLES), r.pick(THAI_SYLLABLES)];
    const b: [string, string] = r.chance(0.3) ? r.pick(THAI_FAMILY) : [x[0] + y[0].toLowerCase(), x[1] + y[1]];
    name = `${a[0]} ${b[0]}`;
    alias = [`${a[1]} ${b[1]}`];
    variants = [typo(r, name), `${a[1]} ${b[1]}`];
    country = 'th';
  } else if (kind === 2) {
    name = Array.from({ length: 2 + r.int(2) }, () => r.pick(BURMESE)).join(' ');
    variants = [typo(r, name), name.toUpperCase()];
    country = 'mm';
  } else {
    name = `${r.pick(WESTERN_GIVEN)} ${r.chance(0.6) ? `${r.pick(WESTERN_GIVEN)} ` : ''}${r.pick(WESTERN_FAMILY)}`;
    variants = [typo(r, name), name.split(' ').reverse().join(' ')];
    country = r.pick(COUNTRIES);
  }
  return {
    entity: {
      id,
      schema: 'Person',
      caption: name,
      datasets: [],
      properties: { name: [name], alias, birthDate: [date(r)], nationality: [country] },
    },
    variants,
  };
}

function company(r: Rng, id: string): Made {
  const a = r.pick(CO_A);
  const b = r.pick(CO_B);
  const sector = r.pick(CO_SECTOR);
  const core = `${a} ${b} ${sector}`;
  const name = `${core} ${r.pick(CO_SUFFIX)}`;
  const alias =
    CO_HAN[a] && r.chance(0.4) ? [`${CO_HAN[a]}${r.pick(['投资集团有限公司', '控股有限公司', '科技有限公司'])}`] : [];
  return {
    entity: {
      id,
      schema: 'Company',
      caption: name,
      datasets: [],
      properties: {
        name: [name],
        alias,
        jurisdiction: [r.pick(COUNTRIES)],
        registrationNumber: [`R${100000 + r.int(900000)}`],
      },
    },
    variants: [core, `${core} ${r.pick(CO_SUFFIX)}`, typo(r, name)],
  };
}

function wallet(r: Rng, id: string): Made {
  const key =
    r.pick(CHAIN_PREFIX) + Array.from({ length: 30 }, () => '0123456789abcdefghjkmnpqrstuvwxyz'[r.int(33)]).join('');
  return {
    entity: {
      id,
      schema: 'CryptoWallet',
      caption: key,
      datasets: [],
      properties: { publicKey: [key], currency: ['USDT'] },
    },
    variants: [],
  };
}

/** Entity `i` of the corpus (deterministic): ~45% Chinese-script people, 30% other people, 20% companies, 5% wallets. */
export function corpusEntity(seed: number, i: number): Made {
  const r = rng(seed * 7919 + i);
  const id = `bench-${i}`;
  const x = r.next();
  const made =
    x < 0.45 ? chinesePerson(r, id) : x < 0.75 ? otherPerson(r, id) : x < 0.95 ? company(r, id) : wallet(r, id);
  if (r.chance(0.03)) made.entity.properties.topics = ['sanction'];
  made.entity.datasets = ['bench'];
  return made;
}

export interface BenchQuery {
  name: string;
  /** The entity's birth date, given with half of the person queries (screening usually has one). */
  birthDate?: string;
  /** The entity the query was made from, or null for a name that is nobody's. */
  expected: string | null;
  schema: string;
}

/** Queries: variants of random entities (other script, reading, order, typo), and 20% names that are nobody's. */
export function corpusQueries(seed: number, size: number, count: number): BenchQuery[] {
  const r = rng(seed ^ 0x5eed);
  const out: BenchQuery[] = [];
  while (out.length < count) {
    if (r.chance(0.2)) {
      out.push({
        name: `${r.pick(WESTERN_GIVEN)} ${r.pick(THAI_FAMILY)[0]} ${r.pick(BURMESE)}`,
        expected: null,
        schema: 'Person',
      });
      continue;
    }
    const i = r.int(size);
    const made = corpusEntity(seed, i);
    if (made.variants.length === 0) continue;
    const birthDate = r.chance(0.5) ? made.entity.properties.birthDate?.[0] : undefined;
    out.push({ name: r.pick(made.variants), birthDate, expected: made.entity.id, schema: made.entity.schema });
  }
  return out;
}
