/**
 * Weighted pools of personal names by nationality, written in each person's own script with the
 * romanisation they would commonly give. Used by the demo scenario and synthetic benchmark populations.
 * Combinations are random and fictional; a short blocklist keeps well-known public figures out.
 *
 * Pool notation (to keep the data readable): entries separated by `|`, each `native=latin*weight`;
 * `=latin` is omitted when the name is already Latin script, `*weight` defaults to 1.
 * Lao, Sinhala and Ethiopic scripts are not in the Script union, so LA, LK and ET names are Latin.
 */
import type { Rng } from '../random.ts';

export interface PersonName {
  nationality: string; // ISO 3166-1 alpha-2
  script: 'Hani' | 'Latn' | 'Thai' | 'Mymr' | 'Khmr' | 'Beng' | 'Deva' | 'Hang';
  family: string | null; // native script; null for single-name / Burmese-style names
  given: string; // native script
  full: string; // as the person writes it, in their customary order
  latin: string; // the common romanisation they would give
  order: 'family_first' | 'given_first' | 'single';
}
export type NameScript = PersonName['script'];

interface Entry {
  native: string;
  latin: string;
  weight: number;
}
interface Pool {
  entries: Entry[];
  cumulative: number[];
  total: number;
}

function pool(spec: string): Pool {
  const entries = spec
    .split('|')
    .map((raw) => raw.trim())
    .filter(Boolean)
    .map((raw): Entry => {
      // split() always yields a first part, so the defaults only satisfy the type.
      const [names = '', w] = raw.split('*');
      const [native = '', latin] = names.split('=');
      return { native: native.trim(), latin: (latin ?? native).trim(), weight: w ? Number(w) : 1 };
    });
  let total = 0;
  const cumulative = entries.map((e) => (total += e.weight));
  return { entries, cumulative, total };
}

function draw(rng: Rng, p: Pool): Entry {
  const r = rng.next() * p.total;
  let lo = 0,
    hi = p.cumulative.length - 1; // binary search: pools are sampled millions of times in benchmarks
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (p.cumulative[mid]! > r) hi = mid;
    else lo = mid + 1;
  }
  return p.entries[lo]!;
}

type Sexed<T> = { female: T; male: T };
type Builder = (rng: Rng, sex: 'female' | 'male') => Omit<PersonName, 'nationality'>;

/** Picks one naming tradition within a country by weight, so names never mix traditions. */
function byGroup(groups: readonly (readonly [Builder, number])[]): Builder {
  const total = groups.reduce((sum, [, w]) => sum + w, 0);
  return (rng, sex) => {
    let r = rng.next() * total;
    for (const [build, w] of groups) if ((r -= w) < 0) return build(rng, sex);
    return groups[groups.length - 1]![0](rng, sex);
  };
}

/** Han and Hangul: family name then given name, no space in the native form. */
function familyFirstJoined(script: NameScript, family: Pool, given: Sexed<Pool>): Builder {
  return (rng, sex) => {
    const f = draw(rng, family),
      g = draw(rng, given[sex]);
    return {
      script,
      family: f.native,
      given: g.native,
      full: f.native + g.native,
      latin: `${f.latin} ${g.latin}`,
      order: 'family_first',
    };
  };
}

/** Given name(s) then family name, separated by a space, in any script. */
function givenFirst(script: NameScript, family: Pool | Sexed<Pool>, given: Sexed<Pool>): Builder {
  return (rng, sex) => {
    const f = draw(rng, 'entries' in family ? family : family[sex]),
      g = draw(rng, given[sex]);
    return {
      script,
      family: f.native,
      given: g.native,
      full: `${g.native} ${f.native}`,
      latin: `${g.latin} ${f.latin}`,
      order: 'given_first',
    };
  };
}

// ---- China (simplified Han, pinyin) --------------------------------------------------------------
const CN_FAMILY =
  pool(`王=Wang*7.1|李=Li*7|张=Zhang*6.4|刘=Liu*5.3|陈=Chen*4.5|杨=Yang*3.1|黄=Huang*2.2|赵=Zhao*2|吴=Wu*1.9|周=Zhou*1.9
  |徐=Xu*1.5|孙=Sun*1.4|马=Ma*1.3|朱=Zhu*1.2|胡=Hu*1.1|郭=Guo*1.1|何=He*1|林=Lin*0.9|罗=Luo*0.9|高=Gao*0.9|郑=Zheng*0.9
  |梁=Liang*0.8|谢=Xie*0.7|宋=Song*0.6|唐=Tang*0.6|许=Xu*0.6|邓=Deng*0.5|冯=Feng*0.5|韩=Han*0.5|曹=Cao*0.5|曾=Zeng*0.5
  |彭=Peng*0.5|蔡=Cai*0.4|潘=Pan*0.4|田=Tian*0.4|董=Dong*0.4|袁=Yuan*0.4|于=Yu*0.4|叶=Ye*0.4|蒋=Jiang*0.4|杜=Du*0.4|苏=Su*0.3
  |魏=Wei*0.3|程=Cheng*0.3|吕=Lyu*0.3`);
const CN_GIVEN: Sexed<Pool> = {
  male: pool(`伟=Wei|强=Qiang|磊=Lei|军=Jun|勇=Yong|杰=Jie|涛=Tao|斌=Bin|超=Chao|明=Ming|浩=Hao|鹏=Peng|志强=Zhiqiang|建华=Jianhua
    |建国=Jianguo|俊杰=Junjie|子豪=Zihao|宇航=Yuhang|浩然=Haoran|家乐=Jiale|文博=Wenbo|志伟=Zhiwei|海波=Haibo|晓东=Xiaodong
    |天宇=Tianyu|振宇=Zhenyu|明辉=Minghui|国栋=Guodong|永刚=Yonggang|少华=Shaohua|金龙=Jinlong|立新=Lixin`),
  female:
    pool(`芳=Fang|娜=Na|敏=Min|静=Jing|丽=Li|艳=Yan|娟=Juan|霞=Xia|婷=Ting|雪=Xue|秀英=Xiuying|桂英=Guiying|玉兰=Yulan
    |晓燕=Xiaoyan|丽华=Lihua|欣怡=Xinyi|梓涵=Zihan|雨桐=Yutong|诗涵=Shihan|佳怡=Jiayi|思雨=Siyu|雅琴=Yaqin|春梅=Chunmei
    |海燕=Haiyan|美玲=Meiling|小红=Xiaohong|慧敏=Huimin|文静=Wenjing|颖=Ying|倩=Qian`),
};

// ---- Taiwan (traditional Han, Wade–Giles as on Taiwanese passports) -------------------------------
const TW_FAMILY =
  pool(`陳=Chen*11|林=Lin*8.3|黃=Huang*6|張=Chang*5.3|李=Li*5.1|王=Wang*4.1|吳=Wu*4|劉=Liu*3.2|蔡=Tsai*2.9|楊=Yang*2.6
  |許=Hsu*2.3|鄭=Cheng*1.9|謝=Hsieh*1.8|郭=Kuo*1.7|洪=Hung*1.6|曾=Tseng*1.4|邱=Chiu*1.4|廖=Liao*1.3|賴=Lai*1.3|周=Chou*1.2
  |徐=Hsu*1.1|蘇=Su*1.1|葉=Yeh*1.1|莊=Chuang*1|呂=Lu*1|江=Chiang*0.9|何=Ho*0.9|蕭=Hsiao*0.8|羅=Lo*0.8|高=Kao*0.8`);
const TW_GIVEN: Sexed<Pool> = {
  male: pool(`志明=Chih-ming|家豪=Chia-hao|冠宇=Kuan-yu|俊傑=Chun-chieh|建宏=Chien-hung|承恩=Cheng-en|宗翰=Tsung-han|彥廷=Yen-ting
    |柏翰=Po-han|冠廷=Kuan-ting|志豪=Chih-hao|家銘=Chia-ming|俊宏=Chun-hung|明輝=Ming-hui|文彬=Wen-pin|信宏=Hsin-hung
    |國華=Kuo-hua|宏達=Hung-ta|育誠=Yu-cheng|哲瑋=Che-wei`),
  female:
    pool(`淑芬=Shu-fen|怡君=Yi-chun|雅婷=Ya-ting|美玲=Mei-ling|佳穎=Chia-ying|詩涵=Shih-han|欣怡=Hsin-yi|淑惠=Shu-hui
    |宜蓁=Yi-chen|雅雯=Ya-wen|惠如=Hui-ju|麗華=Li-hua|佩君=Pei-chun|靜怡=Ching-yi|筱涵=Hsiao-han|婉婷=Wan-ting|玉珍=Yu-chen
    |秀琴=Hsiu-chin|思妤=Szu-yu|品妍=Pin-yen`),
};

// ---- South Korea (Hangul, Revised Romanisation with the customary passport spellings) -------------
const KR_FAMILY =
  pool(`김=Kim*21|이=Lee*14.7|박=Park*8.4|최=Choi*4.7|정=Jung*4.3|강=Kang*2.3|조=Cho*2.1|윤=Yoon*2.1|장=Jang*2
  |임=Lim*1.7|한=Han*1.5|오=Oh*1.5|서=Seo*1.5|신=Shin*1.5|권=Kwon*1.4|황=Hwang*1.4|안=Ahn*1.4|송=Song*1.3|류=Ryu*1.2|전=Jeon*1.1`);
const KR_GIVEN: Sexed<Pool> = {
  male: pool(`민준=Min-jun|서준=Seo-jun|도윤=Do-yun|지훈=Ji-hoon|현우=Hyun-woo|성민=Sung-min|준호=Jun-ho|영호=Young-ho|동현=Dong-hyun
    |재원=Jae-won|상우=Sang-woo|태현=Tae-hyun|승현=Seung-hyun|진우=Jin-woo|민수=Min-su|정훈=Jung-hoon|우진=Woo-jin|건우=Geon-woo`),
  female:
    pool(`서연=Seo-yeon|지은=Ji-eun|민지=Min-ji|수빈=Su-bin|예진=Ye-jin|하은=Ha-eun|지영=Ji-young|수진=Su-jin|유진=Yu-jin
    |은지=Eun-ji|혜진=Hye-jin|미영=Mi-young|소희=So-hee|다은=Da-eun|현정=Hyun-jung|지혜=Ji-hye|은영=Eun-young|수연=Su-yeon`),
};

// ---- Viet Nam (family, middle, given; diacritics kept) --------------------------------------------
const VN_FAMILY = pool(`Nguyễn*38|Trần*11|Lê*9.5|Phạm*7|Hoàng*5|Huỳnh*4|Phan*4|Vũ*3.9|Võ*3|Đặng*2.1|Bùi*2|Đỗ*1.4|Hồ*1.3
  |Ngô*1.3|Dương*1|Lý*0.5|Đinh*0.5|Trương*0.5|Lương*0.4|Mai*0.4|Cao*0.3|Tạ*0.3|Đoàn*0.3`);
const VN_MIDDLE: Sexed<Pool> = {
  male: pool('Văn*5|Đức*2|Minh*2|Quang*1.5|Hữu*1.5|Thanh|Công|Xuân'),
  female: pool('Thị*6|Ngọc*2|Thu*1.5|Thanh|Kim|Mỹ|Bảo|Hồng'),
};
const VN_GIVEN: Sexed<Pool> = {
  male: pool(
    `Minh|Hùng|Tuấn|Dũng|Long|Nam|Phong|Quân|Huy|Khánh|Bảo|Đạt|Thắng|Sơn|Hải|Cường|Hiếu|Trung|Thành|Vinh|Tâm|Toàn|Hoàng
      |Phúc|Lộc`,
  ),
  female: pool(
    `Lan|Hương|Hoa|Mai|Linh|Trang|Thảo|Ngọc|Hạnh|Phương|Nhung|Yến|Thủy|Hà|Vy|Anh|Huyền|Nga|Loan|Dung|Tuyết|Hằng|Oanh
      |Nhi`,
  ),
};
const vn: Builder = (rng, sex) => {
  const f = draw(rng, VN_FAMILY).native,
    middle = draw(rng, VN_MIDDLE[sex]).native;
  let last = draw(rng, VN_GIVEN[sex]).native;
  while (last === middle) last = draw(rng, VN_GIVEN[sex]).native; // "Minh Minh" does not occur
  const given = `${middle} ${last}`;
  const full = `${f} ${given}`;
  return { script: 'Latn', family: f, given, full, latin: full, order: 'family_first' };
};

// ---- Indonesia (single names, given + given, some Batak clan names) -------------------------------
const ID_SINGLE: Sexed<Pool> = {
  male: pool(
    `Sutrisno|Sugianto|Budiman|Hartono|Supriyadi|Wahyudi|Suparman|Slamet|Darmawan|Sumarno|Mulyadi|Suyanto|Sunarto
      |Riyanto|Haryanto`,
  ),
  female: pool('Sumiati|Suharti|Wartini|Sulastri|Rohani|Sutini|Suwarni|Yuliani|Sumarni|Ngatini|Rusmini|Kasmirah'),
};
const ID_FIRST: Sexed<Pool> = {
  male: pool(
    `Muhammad*3|Ahmad*2|Agus|Budi|Dedi|Eko|Rizki|Fajar|Andi|Dimas|Yoga|Hendra|Rudi|Arif|Bayu|Teguh|Wahyu|Irfan|Rizal
      |Dwi`,
  ),
  female: pool('Siti*3|Dewi*2|Sri*2|Nur|Rina|Ayu|Putri|Indah|Fitri|Wulan|Rani|Eka|Dian|Novi|Maya|Yuni|Ratna|Lina'),
};
const ID_SECOND: Sexed<Pool> = {
  male: pool(`Rizki|Santoso|Setiawan|Saputra|Pratama|Hidayat|Kurniawan|Nugroho|Wibowo|Prasetyo|Firmansyah|Ramadhan|Hakim
    |Susanto
    |Gunawan|Syahputra|Permana|Maulana|Hermawan|Purnomo`),
  female:
    pool(`Rahayu|Lestari|Wahyuni|Handayani|Susanti|Kartika|Anggraini|Purnamasari|Safitri|Maharani|Puspita|Utami|Aprilia
    |Wulandari|Rahmawati|Fitriani|Yulianti|Oktaviani`),
};
const ID_BATAK = pool(
  'Simanjuntak|Siregar|Nasution|Hutapea|Sitorus|Sinaga|Lubis|Harahap|Manurung|Simbolon|Silalahi|Tambunan',
);
const id: Builder = (rng, sex) => {
  const roll = rng.next();
  if (roll < 0.3) {
    const n = draw(rng, ID_SINGLE[sex]).native;
    return { script: 'Latn', family: null, given: n, full: n, latin: n, order: 'single' };
  }
  // Two-part names: the last part goes where forms ask for a surname.
  const g = draw(rng, ID_FIRST[sex]).native,
    f = draw(rng, roll < 0.4 ? ID_BATAK : ID_SECOND[sex]).native;
  return { script: 'Latn', family: f, given: g, full: `${g} ${f}`, latin: `${g} ${f}`, order: 'given_first' };
};

// ---- Malaysia (Malay patronymics with bin/binti; Chinese Malaysians in Han with Hokkien/Cantonese spellings)
const MY_MALAY_GIVEN: Sexed<Pool> = {
  male: pool(
    `Ahmad|Muhammad Faiz|Mohd Hafiz|Amirul|Syafiq|Hakim|Firdaus|Azlan|Rizal|Haziq|Nazri|Aiman|Izzat|Faizal|Shahrul
      |Muhammad Aiman`,
  ),
  female: pool(
    `Nurul Aina|Siti Aisyah|Nur Izzati|Farah|Aisyah|Nabila|Syafiqah|Aminah|Zulaikha|Hidayah|Nur Ain|Nadia|Liyana|Amira
      |Nurul Huda`,
  ),
};
const MY_MALAY_FATHER = pool(
  'Abdullah*3|Hassan|Ismail|Ibrahim|Yusof|Othman|Rahman|Aziz|Kamal|Zainal|Hamid|Salleh|Rosli|Mahmud|Jaafar|Sulaiman',
);
const MY_HAN_FAMILY =
  pool(`陈=Tan*4|林=Lim*3|李=Lee*2.5|黄=Wong*2.5|张=Teoh*1.5|吴=Ng*1.5|刘=Lau*1.2|王=Ong*1.2|郑=Tay|蔡=Chua|许=Koh
  |谢=Chia|杨=Yeoh|叶=Yap|梁=Leong|曾=Chan|罗=Loh|何=Ho|苏=Soh|邱=Khoo`);
const MY_HAN_GIVEN: Sexed<Pool> = {
  male: pool(
    `伟明=Wei Ming|志强=Chee Keong|家兴=Kah Heng|文发=Boon Huat|俊杰=Chun Kiat|国华=Kok Wah|建明=Kian Meng|振华=Chin Hua|德明=Teck Meng
      |永康=Weng Kong|嘉伟=Ka Wai|志明=Chee Meng|顺发=Soon Huat|荣华=Eng Hwa`,
  ),
  female: pool(
    `秀玲=Siew Ling|美玲=Mei Ling|慧敏=Hui Min|佩珊=Pei Shan|丽英=Lee Ying|淑仪=Sook Yee|雪莉=Suet Li|凯欣=Kai Xin|诗敏=Sze Min
      |玉梅=Geok Mui|丽华=Lay Hwa|秀英=Siew Eng`,
  ),
};
const myHan = familyFirstJoined('Hani', MY_HAN_FAMILY, MY_HAN_GIVEN);
const my: Builder = (rng, sex) => {
  if (rng.chance(0.3)) return myHan(rng, sex);
  const g = draw(rng, MY_MALAY_GIVEN[sex]).native,
    father = draw(rng, MY_MALAY_FATHER).native;
  const full = `${g} ${sex === 'male' ? 'bin' : 'binti'} ${father}`;
  // The father's name is what forms put in the surname box.
  return { script: 'Latn', family: father, given: g, full, latin: full, order: 'given_first' };
};

// ---- Philippines -------------------------------------------------------------------------------------
const PH_FAMILY =
  pool(`Dela Cruz*4|Santos*3.5|Reyes*3|Garcia*2.5|Mendoza*2|Bautista*2|Ramos*1.8|Villanueva*1.5|Castillo*1.4
    |Fernandez*1.3
  |Gonzales*1.3|Cruz*1.3|Flores*1.2|Torres*1.1|Rivera*1.1|Lopez|Navarro|Dizon|Manalo|Pascual|Salazar|Soriano|Tolentino
  |Mercado
  |Aguilar|Domingo|Gutierrez|Morales|Panganiban|Macaraeg|De Guzman|Del Rosario|Magbanua|Santiago`);
const PH_GIVEN: Sexed<Pool> = {
  male: pool(
    `Juan Carlos|Mark Anthony|John Paul|Jerome|Ronaldo|Rodel|Jomar|Christian|Jayson|Ramil|Arnel|Joel|Renato|Michael
      |Kevin|Angelo|Ryan|Jericho|Dennis|Noel|John Mark|Rommel`,
  ),
  female: pool(
    `Maria Cristina|Ana Marie|Jocelyn|Rowena|Marites|Lovely|Princess|Kristine|Mary Grace|Jenny|Rhea|Angelica|Shiela|Joy
      |Maricel|Lorna|Divina|Cherry|Mary Joy|Janine`,
  ),
};

// ---- Thailand (Thai script, given first; the romanisation people actually write) ------------------
const TH_FAMILY = pool(`ศรีสุข=Srisuk|แสงทอง=Saengthong|ใจดี=Jaidee|บุญมา=Boonma|ทองดี=Thongdee|สุขสวัสดิ์=Suksawat
    |วงศ์สวัสดิ์=Wongsawat
  |ศรีวงศ์=Sriwong|พรหมมา=Phromma|แก้วมณี=Kaewmanee|มั่นคง=Mankong|สมบูรณ์=Somboon|รุ่งเรือง=Rungruang
  |ชัยมงคล=Chaimongkol
  |ทองคำ=Thongkham|เพชรรัตน์=Phetcharat|จันทร์แก้ว=Chankaew|อินทร์แก้ว=Inkaew|ปัญญาดี=Panyadee|ศรีสวัสดิ์=Srisawat
  |บุญเรือง=Boonruang
  |สุวรรณ=Suwan|กิตติวงศ์=Kittiwong|ประเสริฐศรี=Prasertsri|วงศ์ใหญ่=Wongyai|สายทอง=Saithong|บุญช่วย=Boonchuay
  |คำแสน=Khamsaen`);
const TH_GIVEN: Sexed<Pool> = {
  male: pool(`สมชาย=Somchai|สมศักดิ์=Somsak|ประเสริฐ=Prasert|ชัยวัฒน์=Chaiwat|วิชัย=Wichai|สุรชัย=Surachai|อนุชา=Anucha
    |ธนากร=Thanakorn
    |กิตติ=Kitti|ณัฐพล=Natthaphon|สุริยา=Suriya|อภิชาติ=Aphichat|พงศกร=Phongsakorn|ธีรพงษ์=Thiraphong|วีระ=Weera
    |ศักดิ์ชัย=Sakchai
    |เอกชัย=Ekkachai|สมพงษ์=Somphong|ชาญชัย=Chanchai|ปิยะ=Piya`),
  female: pool(`สมศรี=Somsri|มาลี=Malee|สุดา=Suda|วันเพ็ญ=Wanphen|กาญจนา=Kanchana|นภา=Napha|ปราณี=Pranee|รัตนา=Rattana
      |จันทร์เพ็ญ=Chanphen
    |สุภาพร=Suphaphorn|ศิริพร=Siriporn|อรุณี=Arunee|พิมพ์ชนก=Phimchanok|ณัฐธิดา=Natthida|วิไลวรรณ=Wilaiwan
    |ธิดารัตน์=Thidarat
    |กมลวรรณ=Kamonwan|อัญชลี=Anchalee|เพ็ญศรี=Phensri|ดวงใจ=Duangjai`),
};

// ---- Myanmar (Burmese script, no family name: names of two or three syllables) --------------------
const MM_SYLLABLES: Sexed<Pool> = {
  male: pool(`အောင်=Aung*3|ကို=Ko*2|ဇော်=Zaw*2|မင်း=Min*2|ထွန်း=Tun*2|ဝင်း=Win*2|ကျော်=Kyaw*3|စိုး=Soe*2|သူ=Thu
    |နိုင်=Naing*2
    |ထက်=Htet|ဟိန်း=Hein|ပြည့်=Pyae|ဖြိုး=Phyo|လင်း=Lin*2|သန့်=Thant|ရဲ=Ye|ညီ=Nyi|မျိုး=Myo*2|ဦး=Oo|သိန်း=Thein
    |မောင်=Maung`),
  female: pool(`အေး=Aye*2|မြ=Mya*2|သီ=Thi|နွယ်=Nwe*2|ခင်=Khin*3|စု=Su*2|ဖြူ=Phyu|ချို=Cho*2|မေ=May*2|ယု=Yu|ဝေ=Wai*2
    |လှ=Hla*2
    |ဆု=Hsu|မွန်=Mon|ဇင်=Zin|ပွင့်=Pwint|သက်=Thet|နု=Nu|ဖူး=Phoo|သဇင်=Thazin|နန္ဒာ=Nandar|မော်=Maw`),
};
const mm: Builder = (rng, sex) => {
  const parts = Array.from({ length: rng.chance(0.55) ? 3 : 2 }, () => draw(rng, MM_SYLLABLES[sex]));
  const given = parts.map((p) => p.native).join('');
  return {
    script: 'Mymr',
    family: null,
    given,
    full: given,
    latin: parts.map((p) => p.latin).join(' '),
    order: 'single',
  };
};

// ---- Cambodia (Khmer script, family first) ------------------------------------------------------------
const KH_FAMILY =
  pool(`សុខ=Sok*4|ចាន់=Chan*3|ហេង=Heng*2|លី=Ly*2|គឹម=Kim*2|ម៉ៅ=Mao|សេង=Seng*1.5|ឈឹម=Chhim|ពៅ=Pov|ខៀវ=Khiev|ស៊ុន=Sun
  |ម៉ម=Mom|ញឹក=Nhek|អ៊ុក=Ouk|ទេព=Tep|យឹម=Yim|ព្រំ=Prum|ឡុង=Long|នួន=Nuon|សួស=Suos|ឃុន=Khun|ជា=Chea*1.5`);
const KH_GIVEN: Sexed<Pool> = {
  male: pool(`វណ្ណា=Vanna|ដារ៉ា=Dara|សុផល=Sophal|វិចិត្រ=Vichet|ពិសិដ្ឋ=Piseth|សំណាង=Samnang|សុខា=Sokha|វាសនា=Veasna
    |សុវណ្ណ=Sovann
    |រិទ្ធី=Rithy|ភក្តី=Pheakdey|មករា=Makara|សម្បត្តិ=Sambath|វឌ្ឍនា=Vathana|កុសល=Kosal|ធារ៉ា=Theara|សុភា=Sophea
    |បូរ៉ា=Bora`),
  female: pool(`ស្រីមុំ=Srey Mom|សុភាព=Sopheap|ចាន់ធី=Chanthy|សុខលី=Sokly|ស្រីនាង=Srey Neang|ដាលីស=Dalis|បុប្ផា=Bopha
    |ចន្ទ្រា=Chantrea
    |រស្មី=Reaksmey|លក្ខិណា=Leakhena|ម៉ាលីស=Malis|ធីតា=Thida|កញ្ញា=Kanha|សុជាតា=Socheata|ស្រីពៅ=Srey Pov|ពិសី=Pisey
    |នារី=Neary|ចន្ថា=Chantha`),
};
const kh: Builder = (rng, sex) => {
  const f = draw(rng, KH_FAMILY),
    g = draw(rng, KH_GIVEN[sex]);
  return {
    script: 'Khmr',
    family: f.native,
    given: g.native,
    full: `${f.native} ${g.native}`,
    latin: `${f.latin} ${g.latin}`,
    order: 'family_first',
  };
};

// ---- Laos (Latin: given first, family second) -------------------------------------------------------
const LA_FAMILY =
  pool(`Phommachanh|Vongsa|Keomany|Sisavath|Phanthavong|Inthavong|Souvannavong|Chanthavong|Xaysana|Sengdara|Vilaysack
  |Khounvilay|Sihalath|Phetsamone|Douangchanh|Southammavong|Luangrath|Rattanavong|Saysombath|Keobounphanh`);
const LA_GIVEN: Sexed<Pool> = {
  male: pool(
    `Somphone|Bounmy|Khamphet|Souksavanh|Vilay|Phonesavanh|Thongsavanh|Sengphet|Anousone|Khamsing|Vanxay|Kongkeo
      |Bounthanh|Sithong|Noy`,
  ),
  female: pool(
    `Chanthaly|Phetsamay|Manivanh|Souksakhone|Vilaivanh|Bouavanh|Latsamy|Malavanh|Souphaphone|Khamla|Vanida|Dalavanh
      |Thipphavanh|Sengdao|Keo`,
  ),
};

// ---- India (Hindi speakers in Devanagari) -------------------------------------------------------------
const IN_FAMILY = pool(`शर्मा=Sharma*3|वर्मा=Verma*1.5|सिंह=Singh*4|कुमार=Kumar*3|यादव=Yadav*2|गुप्ता=Gupta*1.5
  |मिश्रा=Mishra
    |पटेल=Patel*2
  |चौहान=Chauhan|तिवारी=Tiwari|पांडे=Pandey|जोशी=Joshi|राठौर=Rathore|ठाकुर=Thakur|मौर्य=Maurya|प्रजापति=Prajapati
  |सैनी=Saini
  |रावत=Rawat|कश्यप=Kashyap|निषाद=Nishad|चौधरी=Chaudhary`);
const IN_GIVEN: Sexed<Pool> = {
  male: pool(`राहुल=Rahul|अमित=Amit|विकास=Vikas|संदीप=Sandeep|अजय=Ajay|सुनील=Sunil|मनोज=Manoj|रवि=Ravi|दीपक=Deepak
    |आकाश=Akash
    |रोहित=Rohit|अंकित=Ankit|विशाल=Vishal|प्रदीप=Pradeep|नितिन=Nitin|गौरव=Gaurav|पंकज=Pankaj|अभिषेक=Abhishek|हर्ष=Harsh
    |सौरभ=Saurabh`),
  female: pool(`प्रिया=Priya|पूजा=Pooja|नेहा=Neha|अंजलि=Anjali|सुनीता=Sunita|कविता=Kavita|ज्योति=Jyoti|दिव्या=Divya
    |रीना=Reena
    |मनीषा=Manisha|सीमा=Seema|आरती=Aarti|स्वाति=Swati|निशा=Nisha|पल्लवी=Pallavi|रुचि=Ruchi`),
};

// ---- Bangladesh (Bengali script; Muslim and Hindu naming kept apart) --------------------------------
const BD_MUSLIM_FAMILY: Sexed<Pool> = {
  male: pool(`ইসলাম=Islam*3|হোসেন=Hossain*3|আহমেদ=Ahmed*2|রহমান=Rahman*3|খান=Khan|উদ্দিন=Uddin*2|আলম=Alam*2
    |মিয়া=Mia*1.5
    |চৌধুরী=Chowdhury|সরকার=Sarker|শেখ=Sheikh|হক=Haque|মোল্লা=Molla|হাওলাদার=Howlader`),
  female: pool(
    'আক্তার=Akter*4|খাতুন=Khatun*3|বেগম=Begum*2|ইসলাম=Islam|রহমান=Rahman|সুলতানা=Sultana*1.5|পারভীন=Parvin|আলম=Alam',
  ),
};
const BD_MUSLIM_GIVEN: Sexed<Pool> = {
  male: pool(`মোহাম্মদ রফিকুল=Mohammad Rafiqul*2|মাসুদ=Masud|আরিফ=Arif|রাকিব=Rakib|তানভীর=Tanvir|ফাহিম=Fahim|জাহিদ=Zahid
    |কামরুল=Kamrul
    |শাহিন=Shahin|নাঈম=Naim|রুবেল=Rubel|সুমন=Sumon|মামুন=Mamun|হাসান=Hasan|রাসেল=Rasel|সজীব=Sajib|মিজানুর=Mizanur
    |আবুল=Abul
    |জসিম=Jashim|মোহাম্মদ সোহেল=Mohammad Sohel`),
  female: pool(`নাসরিন=Nasrin|শারমিন=Sharmin|রুমানা=Rumana|সুমাইয়া=Sumaiya|তাসলিমা=Taslima|ফাতেমা=Fatema
    |রোকসানা=Roksana
      |মরিয়ম=Mariam
    |শাহনাজ=Shahnaz|রিমা=Rima|শিরিন=Shirin|মৌসুমী=Mousumi|আয়েশা=Ayesha|লিপি=Lipi|মুন্নি=Munni`),
};
const BD_HINDU_FAMILY = pool(
  'দাস=Das*3|রায়=Roy*2|বিশ্বাস=Biswas|মণ্ডল=Mondal|সরকার=Sarker|ঘোষ=Ghosh|পাল=Pal|দে=Dey|সাহা=Saha',
);
const BD_HINDU_GIVEN: Sexed<Pool> = {
  male: pool(
    'প্রদীপ=Pradip|সুব্রত=Subrata|অমিত=Amit|বিপ্লব=Biplob|তাপস=Tapas|সঞ্জয়=Sanjoy|উত্তম=Uttam|রতন=Ratan|গোপাল=Gopal',
  ),
  female: pool('মিতা=Mita|পূজা=Puja|রীতা=Rita|শম্পা=Shampa|দীপিকা=Dipika|সুমিতা=Sumita|কাকলি=Kakoli|মিঠু=Mithu'),
};
const bd = byGroup([
  [givenFirst('Beng', BD_MUSLIM_FAMILY, BD_MUSLIM_GIVEN), 0.9],
  [givenFirst('Beng', BD_HINDU_FAMILY, BD_HINDU_GIVEN), 0.1],
]);

// ---- Nepal (Nepali in Devanagari) ----------------------------------------------------------------------
const NP_FAMILY = pool(`थापा=Thapa*2|गुरुङ=Gurung*2|तामाङ=Tamang*2|श्रेष्ठ=Shrestha*2|राई=Rai*1.5|मगर=Magar*1.5
  |लिम्बु=Limbu
    |शर्मा=Sharma
  |अधिकारी=Adhikari*1.5|पौडेल=Poudel|भट्टराई=Bhattarai|खड्का=Khadka|कार्की=Karki|बस्नेत=Basnet|घिमिरे=Ghimire
  |तिमिल्सिना=Timilsina
  |महर्जन=Maharjan|राउत=Raut|यादव=Yadav`);
const NP_GIVEN: Sexed<Pool> = {
  male: pool(`राम बहादुर=Ram Bahadur|सुरेश=Suresh|बिकास=Bikash|सन्तोष=Santosh|राजेश=Rajesh|प्रकाश=Prakash|सुजन=Sujan
    |अनिल=Anil
    |रमेश=Ramesh|कृष्ण=Krishna|निराजन=Nirajan|मिलन=Milan|बिनोद=Binod|दिनेश=Dinesh|हरि बहादुर=Hari Bahadur
    |सन्जय=Sanjay`),
  female: pool(`सीता=Sita|गीता=Gita|सरिता=Sarita|अनिता=Anita|सुनिता=Sunita|पुजा=Puja|रिता=Rita|मनिषा=Manisha
    |सबिना=Sabina
    |कमला=Kamala|बिमला=Bimala|सृजना=Srijana|प्रतिमा=Pratima|लक्ष्मी=Laxmi|सुस्मिता=Susmita`),
};

// ---- Sri Lanka (Latin: Sinhala and Tamil names as written in English) ---------------------------------
const LK_FAMILY =
  pool(`Perera*4|Fernando*3|Silva*2.5|Jayasinghe|Bandara*1.5|Gunawardena|Herath|Kumara*1.5|Rathnayake|Senanayake
  |Weerasinghe|Samaraweera|Karunaratne|Pathirana|Liyanage|Wijesinghe|Ekanayake|Gamage|Sivakumar|Kandasamy|Rajendran`);
const LK_GIVEN: Sexed<Pool> = {
  male: pool(
    `Nuwan|Kasun|Chamara|Dinesh|Sampath|Tharindu|Lahiru|Isuru|Chathura|Pradeep|Ruwan|Asanka|Saman|Kavinda|Tharshan|Nimal
      |Suresh`,
  ),
  female: pool(
    `Nadeesha|Dilani|Sanduni|Nirosha|Madushani|Ishara|Hasini|Tharushi|Sewwandi|Dulani|Piumi|Thilini|Kalpana|Menaka
      |Tharani`,
  ),
};

// ---- Kenya, Uganda, Nigeria, Ethiopia, Brazil ------------------------------------------------------------
const KE_FAMILY =
  pool(`Otieno*2|Ochieng*2|Odhiambo*1.5|Kamau*2|Mwangi*2|Njoroge|Kiprono|Cheruiyot|Kipchumba|Wafula|Wekesa|Mutua*1.5
  |Wambua|Kariuki|Omondi*1.5|Onyango*1.5|Kiptoo|Rotich|Barasa|Juma|Owino|Ndungu|Muriuki|Chebet`);
const KE_GIVEN: Sexed<Pool> = {
  male: pool(
    'Brian|Kevin|Dennis|Collins|Victor|Joseph|Samuel|Emmanuel|Felix|Alex|Eric|Kelvin|Evans|Martin|Stephen|Geoffrey',
  ),
  female: pool(
    'Faith|Mercy|Caroline|Purity|Winnie|Sharon|Esther|Grace|Lilian|Ann|Diana|Joy|Cynthia|Beatrice|Naomi|Wanjiru',
  ),
};
// ---- Sierra Leone, Liberia, Madagascar (no resident embassy in Phnom Penh) ------------------------------
const SL_FAMILY = pool(
  'Kamara*2|Sesay*2|Conteh*1.5|Bangura*1.5|Koroma*2|Kargbo|Turay|Mansaray|Jalloh*1.5|Kanu|Fofanah|Sankoh|Tarawally|Kallon',
);
const SL_GIVEN: Sexed<Pool> = {
  male: pool('Mohamed*2|Ibrahim|Abdul|Alhaji|Sorie|Foday|Augustine|Santigie|Osman|Mustapha|Joseph|Alusine'),
  female: pool('Fatmata*2|Aminata*1.5|Isatu|Mariama|Hawa|Kadiatu|Adama|Zainab|Christiana|Marie|Yabom|Memunatu'),
};
const LR_FAMILY = pool(
  'Kollie*1.5|Flomo*1.5|Kpoto|Doe*1.5|Johnson*2|Kromah|Tarpeh|Dolo|Gbowee|Sirleaf|Weah|Massaquoi|Togba|Zinnah|Sackor',
);
const LR_GIVEN: Sexed<Pool> = {
  male: pool('Emmanuel*1.5|Prince|Moses|Samuel|Varney|Momo|Patrick|Boima|Sekou|Alfred|Jerome|Augustine'),
  female: pool('Comfort*1.5|Musu|Korpo|Blessing|Princess|Esther|Hawa|Oretha|Felecia|Gbessie|Yassah|Martha'),
};
const MG_FAMILY = pool(
  'Rakotomalala*1.5|Rasoanaivo|Randrianarisoa|Rakotoarisoa*1.5|Andriamanana|Razafindrakoto|Rabemananjara|Ravelojaona|Rajaonarison|Randriamampionona',
);
const MG_GIVEN: Sexed<Pool> = {
  male: pool('Jean*1.5|Hery|Tiana|Faly|Mamy|Rivo|Toky|Haja|Fanja|Njaka|Andry|Lanto'),
  female: pool('Voahangy|Lalao|Noro|Hanitra|Tahina|Fara|Mialy|Rindra|Soa|Vola|Nirina|Miora'),
};
const UG_FAMILY: Sexed<Pool> = {
  male: pool(
    `Ssemakula|Mugisha*2|Tumusiime|Byaruhanga|Okello*2|Ochola|Kato*1.5|Wasswa|Ssekandi|Muwanga|Kyeyune|Tumwine|Atuhaire
      |Kisakye|Opio`,
  ),
  female: pool(
    'Nakato*2|Namukasa|Nabirye|Akello*2|Auma*1.5|Atuhaire|Ainembabazi|Kisakye|Nansubuga|Namutebi|Achan|Tumusiime',
  ),
};
const UG_GIVEN: Sexed<Pool> = {
  male: pool('Ronald|Isaac|Moses|Godfrey|Brian|Joseph|Patrick|Denis|Ivan|Julius|Allan|Henry|Solomon|Hassan|Emmanuel'),
  female: pool('Sarah|Prossy|Harriet|Doreen|Brenda|Esther|Joan|Juliet|Shamim|Aisha|Agnes|Irene|Mercy|Peace|Patience'),
};
// Nigeria: Igbo, Yoruba and Hausa names kept within their own group.
const ng = byGroup([
  [
    givenFirst('Latn', pool('Okafor*2|Okonkwo|Eze*2|Nwosu|Okeke*1.5|Chukwu|Nwachukwu|Onyekachi|Obiora|Nnadi|Okoro'), {
      male: pool('Chinedu|Emeka|Chukwuemeka|Kelechi|Uche|Ikenna|Ifeanyi|Godwin|Daniel|Obinna|Chidi'),
      female: pool('Chioma|Adaeze|Amaka|Chiamaka|Nneka|Blessing|Precious|Ngozi|Ifeoma|Ebere'),
    }),
    0.4,
  ],
  [
    givenFirst(
      'Latn',
      pool('Adeyemi*2|Adebayo*2|Ogunleye|Balogun|Olawale|Ojo|Akinola|Ogundipe|Adewale|Oladipo|Olaniyan'),
      {
        male: pool('Oluwaseun|Tunde|Femi|Segun|Babatunde|Daniel|Kayode|Adewale|Damilola|Tobi'),
        female: pool('Funmilayo|Folake|Yetunde|Temitope|Esther|Blessing|Bukola|Damilola|Kemi|Titilayo'),
      },
    ),
    0.4,
  ],
  [
    givenFirst('Latn', pool('Bello*2|Musa*2|Abubakar|Ibrahim*1.5|Usman|Yusuf|Danjuma|Sani|Garba|Lawal|Aliyu'), {
      male: pool('Abdullahi|Sani|Aminu|Umar|Haruna|Kabiru|Nasiru|Suleiman|Bashir'),
      female: pool('Aisha|Zainab|Hauwa|Fatima|Hadiza|Amina|Maryam|Halima|Rukayya'),
    }),
    0.2,
  ],
]);

// Ethiopians carry their father's given name in the surname position.
const ET_FATHER = pool(
  'Bekele|Tesfaye|Getachew|Mulugeta|Kebede|Tadesse|Mesfin|Alemu|Girma|Worku|Desta|Negash|Assefa|Wolde|Demissie|Hailu',
);
const ET_GIVEN: Sexed<Pool> = {
  male: pool('Abebe|Dawit|Solomon|Yonas|Biruk|Henok|Yohannes|Fikru|Tewodros|Samuel|Kidus|Natnael|Mikiyas|Eyob|Bereket'),
  female: pool('Tigist|Hirut|Selam|Meron|Bethlehem|Mekdes|Hana|Liya|Saba|Rahel|Aster|Almaz|Tsion|Eden|Frehiwot'),
};
const BR_FAMILY =
  pool(`Silva*6|Santos*4|Oliveira*3|Souza*3|Rodrigues*2|Ferreira*2|Alves*2|Pereira*2|Lima*1.5|Gomes*1.5|Costa*1.5
    |Ribeiro
  |Martins|Carvalho|Almeida|Lopes|Soares|Fernandes|Vieira|Barbosa|Rocha|Dias|Nascimento|Andrade|Moreira|da Silva*2
  |dos Santos*1.5`);
const BR_GIVEN: Sexed<Pool> = {
  male: pool(
    `João Pedro|Lucas|Gabriel|Matheus|Rafael|Felipe|Bruno|Thiago|Rodrigo|Gustavo|Leonardo|Diego|Carlos Eduardo|Vinícius
      |Luiz Fernando|André`,
  ),
  female: pool(
    `Ana Paula|Juliana|Fernanda|Camila|Beatriz|Larissa|Mariana|Patrícia|Aline|Bruna|Letícia|Vanessa|Amanda|Gabriela
      |Tatiane|Jéssica`,
  ),
};

const BUILDERS: Record<string, Builder> = {
  CN: familyFirstJoined('Hani', CN_FAMILY, CN_GIVEN),
  TW: familyFirstJoined('Hani', TW_FAMILY, TW_GIVEN),
  KR: familyFirstJoined('Hang', KR_FAMILY, KR_GIVEN),
  VN: vn,
  ID: id,
  MY: my,
  MM: mm,
  KH: kh,
  PH: givenFirst('Latn', PH_FAMILY, PH_GIVEN),
  TH: givenFirst('Thai', TH_FAMILY, TH_GIVEN),
  LA: givenFirst('Latn', LA_FAMILY, LA_GIVEN),
  IN: givenFirst('Deva', IN_FAMILY, IN_GIVEN),
  BD: bd,
  NP: givenFirst('Deva', NP_FAMILY, NP_GIVEN),
  LK: givenFirst('Latn', LK_FAMILY, LK_GIVEN),
  KE: givenFirst('Latn', KE_FAMILY, KE_GIVEN),
  SL: givenFirst('Latn', SL_FAMILY, SL_GIVEN),
  LR: givenFirst('Latn', LR_FAMILY, LR_GIVEN),
  MG: givenFirst('Latn', MG_FAMILY, MG_GIVEN),
  UG: givenFirst('Latn', UG_FAMILY, UG_GIVEN),
  NG: ng,
  ET: givenFirst('Latn', ET_FATHER, ET_GIVEN),
  BR: givenFirst('Latn', BR_FAMILY, BR_GIVEN),
};

export const NAME_POOL_NATIONALITIES: readonly string[] = Object.freeze(Object.keys(BUILDERS));

/** Romanised full names of public figures that random combinations could reproduce; resampled if drawn. */
const BLOCKED_LATIN = new Set([
  'Chen Zhi',
  'Li Qiang',
  'Li Na',
  'Wang Yi',
  'Dewi Lestari',
  'Min Aung',
  'Aung San',
  'Aung Min',
  'Win Myint',
  'Kyaw Zaw',
  'Thein Sein',
  'Kim Min-jae',
  'Park Ji-sung',
  'Lin Chih-ling',
  'Emeka Okafor',
  'Taslima Nasrin',
]);

/** One plausible, fictional name for a person of this nationality and sex, drawn from the weighted pools. */
export function samplePersonName(rng: Rng, nationality: string, sex: 'female' | 'male'): PersonName {
  const build = BUILDERS[nationality];
  if (!build) throw new RangeError(`no name pool for nationality ${nationality}`);
  let name = build(rng, sex);
  for (let tries = 0; tries < 8 && BLOCKED_LATIN.has(name.latin); tries++) name = build(rng, sex);
  return { nationality, ...name };
}
