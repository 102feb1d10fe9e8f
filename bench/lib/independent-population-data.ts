/**
 * Name data of the independent benchmark population (bench/lib/independent-population.ts).
 *
 * Written for this benchmark from general knowledge of the naming customs and romanisation habits,
 * NOT derived from the engine's tables (src/core/names: pools, surname table, Unihan readings,
 * Burmese romaniser) and never imported by the engine. Readings are the spellings people actually use
 * on documents, so they are deliberately inconsistent (Hokkien "Teck" and "Tek", Thai "Somchai" and
 * "Somchay"): an engine that only knows one system should lose here.
 */

/** Chinese character: simplified, traditional ('' = same), Mandarin pinyin, Hong Kong Cantonese, Hokkien (SG/MY). */
export type HanEntry = readonly [string, string, string, string, string];

export const HAN_SURNAMES: readonly HanEntry[] = [
  ['陈', '陳', 'Chen', 'Chan', 'Tan'],
  ['林', '', 'Lin', 'Lam', 'Lim'],
  ['黄', '黃', 'Huang', 'Wong', 'Ng'],
  ['李', '', 'Li', 'Lee', 'Lee'],
  ['张', '張', 'Zhang', 'Cheung', 'Teo'],
  ['王', '', 'Wang', 'Wong', 'Ong'],
  ['吴', '吳', 'Wu', 'Ng', 'Goh'],
  ['刘', '劉', 'Liu', 'Lau', 'Lau'],
  ['杨', '楊', 'Yang', 'Yeung', 'Yeo'],
  ['郑', '鄭', 'Zheng', 'Cheng', 'Tay'],
  ['蔡', '', 'Cai', 'Choi', 'Chua'],
  ['许', '許', 'Xu', 'Hui', 'Khoo'],
  ['郭', '', 'Guo', 'Kwok', 'Quek'],
  ['何', '', 'He', 'Ho', 'Ho'],
  ['周', '', 'Zhou', 'Chow', 'Chew'],
  ['梁', '', 'Liang', 'Leung', 'Neo'],
  ['谢', '謝', 'Xie', 'Tse', 'Chia'],
  ['叶', '葉', 'Ye', 'Yip', 'Yap'],
  ['苏', '蘇', 'Su', 'So', 'Soh'],
  ['洪', '', 'Hong', 'Hung', 'Ang'],
  ['庄', '莊', 'Zhuang', 'Chong', 'Chng'],
  ['萧', '蕭', 'Xiao', 'Siu', 'Seow'],
  ['马', '馬', 'Ma', 'Ma', 'Beh'],
  ['孙', '孫', 'Sun', 'Suen', 'Sng'],
  ['朱', '', 'Zhu', 'Chu', 'Choo'],
  ['罗', '羅', 'Luo', 'Law', 'Lo'],
];

export const HAN_GIVEN: readonly HanEntry[] = [
  ['志', '', 'Zhi', 'Chi', 'Chee'],
  ['明', '', 'Ming', 'Ming', 'Beng'],
  ['伟', '偉', 'Wei', 'Wai', 'Wee'],
  ['德', '', 'De', 'Tak', 'Teck'],
  ['成', '', 'Cheng', 'Shing', 'Seng'],
  ['华', '華', 'Hua', 'Wah', 'Hua'],
  ['国', '國', 'Guo', 'Kwok', 'Kok'],
  ['文', '', 'Wen', 'Man', 'Boon'],
  ['强', '強', 'Qiang', 'Keung', 'Kiong'],
  ['俊', '', 'Jun', 'Chun', 'Choon'],
  ['杰', '傑', 'Jie', 'Kit', 'Kiat'],
  ['建', '', 'Jian', 'Kin', 'Kian'],
  ['金', '', 'Jin', 'Kam', 'Kim'],
  ['平', '', 'Ping', 'Ping', 'Peng'],
  ['美', '', 'Mei', 'Mei', 'Bee'],
  ['玲', '', 'Ling', 'Ling', 'Leng'],
  ['丽', '麗', 'Li', 'Lai', 'Lee'],
  ['秀', '', 'Xiu', 'Sau', 'Siew'],
  ['英', '', 'Ying', 'Ying', 'Eng'],
  ['慧', '', 'Hui', 'Wai', 'Hui'],
  ['芳', '', 'Fang', 'Fong', 'Hong'],
  ['月', '', 'Yue', 'Yuet', 'Guat'],
  ['兰', '蘭', 'Lan', 'Lan', 'Lan'],
  ['玉', '', 'Yu', 'Yuk', 'Geok'],
  ['宝', '寶', 'Bao', 'Po', 'Poh'],
  ['福', '', 'Fu', 'Fuk', 'Hock'],
  ['荣', '榮', 'Rong', 'Wing', 'Eng'],
  ['辉', '輝', 'Hui', 'Fai', 'Hui'],
  ['海', '', 'Hai', 'Hoi', 'Hai'],
  ['东', '東', 'Dong', 'Tung', 'Tong'],
  ['安', '', 'An', 'On', 'An'],
  ['家', '', 'Jia', 'Ka', 'Ka'],
  ['新', '', 'Xin', 'San', 'Sin'],
  ['光', '', 'Guang', 'Kwong', 'Kong'],
  ['龙', '龍', 'Long', 'Lung', 'Leong'],
  ['春', '', 'Chun', 'Chun', 'Choon'],
  ['秋', '', 'Qiu', 'Chau', 'Chiu'],
  ['梅', '', 'Mei', 'Mui', 'Bwee'],
  ['凤', '鳳', 'Feng', 'Fung', 'Hong'],
  ['婷', '', 'Ting', 'Ting', 'Teng'],
  ['燕', '', 'Yan', 'Yin', 'Ean'],
  ['红', '紅', 'Hong', 'Hung', 'Ang'],
  ['发', '發', 'Fa', 'Fat', 'Huat'],
  ['源', '', 'Yuan', 'Yuen', 'Guan'],
  ['忠', '', 'Zhong', 'Chung', 'Tiong'],
  ['义', '義', 'Yi', 'Yee', 'Gee'],
  ['君', '', 'Jun', 'Kwan', 'Kun'],
  ['峰', '', 'Feng', 'Fung', 'Hong'],
];

/** Same-sounding or look-alike characters a clerk types instead (simplified). */
export const HAN_SLIPS: Readonly<Record<string, string>> = {
  明: '铭',
  伟: '玮',
  丽: '莉',
  华: '桦',
  志: '智',
  玲: '琳',
  英: '瑛',
  芳: '方',
  杰: '洁',
  俊: '骏',
  平: '萍',
  红: '虹',
  燕: '艳',
  峰: '锋',
  辉: '晖',
  婷: '亭',
  梅: '玫',
};

/** Vietnamese: family names, middle names by sex, given names by sex (with diacritics). */
export const VI_FAMILY = [
  'Nguyễn',
  'Trần',
  'Lê',
  'Phạm',
  'Hoàng',
  'Huỳnh',
  'Phan',
  'Vũ',
  'Võ',
  'Đặng',
  'Bùi',
  'Đỗ',
  'Hồ',
  'Ngô',
  'Dương',
  'Lý',
];
export const VI_MIDDLE = { M: ['Văn', 'Văn', 'Hữu', 'Đức', 'Minh', 'Quốc'], F: ['Thị', 'Thị', 'Ngọc', 'Thanh', 'Kim'] };
export const VI_GIVEN = {
  M: [
    'An',
    'Bình',
    'Cường',
    'Dũng',
    'Hải',
    'Hùng',
    'Khánh',
    'Long',
    'Minh',
    'Nam',
    'Phúc',
    'Quang',
    'Sơn',
    'Thành',
    'Tuấn',
    'Việt',
    'Toàn',
    'Hiếu',
  ],
  F: [
    'Anh',
    'Hà',
    'Hạnh',
    'Hoa',
    'Hương',
    'Lan',
    'Linh',
    'Mai',
    'Ngọc',
    'Nhung',
    'Phương',
    'Thảo',
    'Thu',
    'Trang',
    'Vân',
    'Yến',
    'Hằng',
    'Dung',
  ],
};

/** Thai: [script, RTGS, a common passport / self spelling]. */
export type ThaiEntry = readonly [string, string, string];
export const TH_GIVEN: { M: readonly ThaiEntry[]; F: readonly ThaiEntry[] } = {
  M: [
    ['อนันต์', 'Anan', 'Anant'],
    ['สมชาย', 'Somchai', 'Somchay'],
    ['สมศักดิ์', 'Somsak', 'Somsuk'],
    ['ประเสริฐ', 'Prasoet', 'Prasert'],
    ['วิชัย', 'Wichai', 'Vichai'],
    ['สุรชัย', 'Surachai', 'Surachay'],
    ['ธนากร', 'Thanakon', 'Thanakorn'],
    ['กิตติ', 'Kitti', 'Kittee'],
    ['ณัฐพล', 'Natthaphon', 'Nattapol'],
    ['อภิชาติ', 'Aphichat', 'Apichart'],
    ['บุญมี', 'Bunmi', 'Boonmee'],
    ['ชัยวัฒน์', 'Chaiwat', 'Chaiwatt'],
  ],
  F: [
    ['สมหญิง', 'Somying', 'Somyhing'],
    ['มาลี', 'Mali', 'Malee'],
    ['สุดา', 'Suda', 'Sudaa'],
    ['วันเพ็ญ', 'Wanphen', 'Wanpen'],
    ['นภา', 'Napha', 'Napa'],
    ['ปราณี', 'Prani', 'Pranee'],
    ['รัตนา', 'Rattana', 'Ratana'],
    ['กาญจนา', 'Kanchana', 'Kanjana'],
    ['พรทิพย์', 'Phonthip', 'Porntip'],
    ['ศิริพร', 'Siriphon', 'Siriporn'],
    ['จันทร์เพ็ญ', 'Chanphen', 'Janpen'],
    ['อรุณี', 'Aruni', 'Arunee'],
  ],
};
export const TH_FAMILY: readonly ThaiEntry[] = [
  ['ศรีสุข', 'Srisuk', 'Srisook'],
  ['แสงทอง', 'Saengthong', 'Sangthong'],
  ['สุขสวัสดิ์', 'Suksawat', 'Suksawad'],
  ['บุญมา', 'Bunma', 'Boonma'],
  ['ทองดี', 'Thongdi', 'Thongdee'],
  ['วงศ์สวัสดิ์', 'Wongsawat', 'Vongsawat'],
  ['รุ่งเรือง', 'Rungrueang', 'Rungruang'],
  ['ใจดี', 'Chaidi', 'Jaidee'],
  ['พรหมมา', 'Phromma', 'Promma'],
  ['สมบูรณ์', 'Sombun', 'Somboon'],
  ['มีสุข', 'Misuk', 'Meesuk'],
  ['ศรีวงศ์', 'Siwong', 'Sriwong'],
  ['ปัญญาดี', 'Panyadi', 'Panyadee'],
  ['เพชรรัตน์', 'Phetcharat', 'Petcharat'],
];
/** Thai nicknames, used by some organisations instead of the given name. */
export const TH_NICK = { M: ['Lek', 'Ton', 'Bank', 'Nok', 'Daeng'], F: ['Noi', 'Joy', 'Ploy', 'Fon', 'Daeng'] };

/** Burmese syllables: [script, usual romanisation, other spellings seen]. Names have no family name. */
export type MyEntry = readonly [string, string, readonly string[]];
export const MY_SYLLABLES: { M: readonly MyEntry[]; F: readonly MyEntry[]; both: readonly MyEntry[] } = {
  M: [
    ['အောင်', 'Aung', []],
    ['ကျော်', 'Kyaw', ['Kyawe']],
    ['ထွန်း', 'Htun', ['Tun', 'Thun']],
    ['ဇော်', 'Zaw', ['Zaw']],
    ['ဝင်း', 'Win', ['Winn']],
    ['သန့်', 'Thant', ['Thandt']],
    ['စိုး', 'Soe', ['So']],
    ['မြင့်', 'Myint', ['Myin']],
    ['နိုင်', 'Naing', ['Nyaing']],
    ['ထက်', 'Htet', ['Htat', 'Het']],
    ['ဖြိုး', 'Phyo', ['Pyo']],
    ['ဦး', 'Oo', ['U', 'Uu']],
  ],
  F: [
    ['ခင်', 'Khin', ['Khine']],
    ['မြ', 'Mya', ['Myah']],
    ['နွယ်', 'Nwe', ['Nway']],
    ['စန္ဒာ', 'Sandar', ['Sanda']],
    ['ဆု', 'Hsu', ['Su', 'Suu']],
    ['ချို', 'Cho', ['Cho', 'Chou']],
    ['မေ', 'May', ['Mei', 'Me']],
    ['သူ', 'Thu', ['Thuu']],
    ['ယု', 'Yu', ['Yuu']],
    ['ဖူး', 'Phu', ['Phoo']],
  ],
  both: [
    ['မင်း', 'Min', ['Minn']],
    ['လှိုင်', 'Hlaing', ['Laing']],
    ['သီရိ', 'Thiri', ['Thiri']],
    ['ဝေ', 'Wai', ['Wei', 'Way']],
    ['ဇင်', 'Zin', ['Zinn']],
    ['မိုး', 'Moe', ['Mo']],
  ],
};
/** Burmese honorifics: adult man, adult woman, young man, young woman. */
export const MY_HONORIFIC: Record<'M' | 'F', readonly (readonly [string, string])[]> = {
  M: [
    ['ဦး', 'U'],
    ['ကို', 'Ko'],
    ['မောင်', 'Maung'],
  ],
  F: [
    ['ဒေါ်', 'Daw'],
    ['မ', 'Ma'],
  ],
};

/** Khmer: [script, usual romanisation, variant]. Family name first. */
export const KH_FAMILY: readonly ThaiEntry[] = [
  ['សុខ', 'Sok', 'Sokh'],
  ['ចាន់', 'Chan', 'Chann'],
  ['ហេង', 'Heng', 'Hang'],
  ['លី', 'Ly', 'Lee'],
  ['គឹម', 'Kim', 'Kym'],
  ['ស៊ុន', 'Sun', 'Soun'],
  ['ម៉ៅ', 'Mao', 'Mau'],
  ['កែវ', 'Keo', 'Kaev'],
  ['ឈឹម', 'Chhim', 'Chim'],
  ['ប៊ុន', 'Bun', 'Boun'],
  ['ពៅ', 'Pov', 'Pau'],
  ['យិន', 'Yin', 'Yinn'],
];
export const KH_GIVEN: { M: readonly ThaiEntry[]; F: readonly ThaiEntry[] } = {
  M: [
    ['ដារ៉ា', 'Dara', 'Darra'],
    ['សុភ័ក្រ', 'Sopheak', 'Sophak'],
    ['វណ្ណា', 'Vanna', 'Vana'],
    ['បូរ៉ា', 'Bora', 'Borra'],
    ['វិចិត្រ', 'Vichet', 'Vichith'],
    ['សំណាង', 'Samnang', 'Somnang'],
    ['ពិសិដ្ឋ', 'Piseth', 'Piset'],
    ['រិទ្ធី', 'Rithy', 'Rithi'],
    ['សុខា', 'Sokha', 'Sokhaa'],
    ['ចន្ទា', 'Chantha', 'Chanta'],
  ],
  F: [
    ['សុភា', 'Sophea', 'Sophia'],
    ['ពិសី', 'Pisey', 'Pisei'],
    ['ស្រីមុំ', 'Sreymom', 'Sreimom'],
    ['ធារី', 'Theary', 'Teary'],
    ['ឌីណា', 'Dina', 'Deena'],
    ['រតនា', 'Rotana', 'Ratana'],
    ['ចរិយា', 'Chariya', 'Chareya'],
    ['សុធា', 'Sothea', 'Sotha'],
    ['លក្ខិណា', 'Leakhena', 'Leakena'],
    ['ស្រីពៅ', 'Sreypov', 'Sreypau'],
  ],
};

/** Indonesian: given names (often the whole name), second names, old spellings. */
export const ID_GIVEN = {
  M: [
    'Budi',
    'Agus',
    'Bambang',
    'Eko',
    'Joko',
    'Hendra',
    'Wahyu',
    'Slamet',
    'Sutrisno',
    'Dedi',
    'Rudi',
    'Yusuf',
    'Ahmad',
    'Rizki',
  ],
  F: ['Sri', 'Dewi', 'Siti', 'Rina', 'Yanti', 'Wati', 'Suharti', 'Ani', 'Nur', 'Lestari', 'Fitri', 'Indah'],
};
export const ID_SECOND = [
  'Santoso',
  'Setiawan',
  'Prasetyo',
  'Gunawan',
  'Wahyuni',
  'Lestari',
  'Hidayat',
  'Susanto',
  'Saputra',
  'Kurniawan',
  'Rahayu',
  'Utomo',
  'Suryadi',
  'Aminah',
  'Marlina',
];
/** Pre-1972 spellings still on documents: oe→u, dj→j, tj→c, j→y. */
export const ID_OLD_SPELLING: readonly (readonly [RegExp, string])[] = [
  [/u/g, 'oe'],
  [/j/g, 'dj'],
  [/c/g, 'tj'],
  [/y/g, 'j'],
];
/** Muslim fathers' names for "bin"/"binti" names. */
export const ID_FATHER = ['Yusuf', 'Abdullah', 'Ismail', 'Hasan', 'Salim', 'Ibrahim', 'Rahman', 'Sulaiman'];

/** Filipino: given names with their nicknames / short forms; middle (mother's) and family names. */
export const PH_GIVEN: {
  M: readonly (readonly [string, readonly string[]])[];
  F: readonly (readonly [string, readonly string[]])[];
} = {
  M: [
    ['Jose', ['Pepe', 'Jojo', 'Joey']],
    ['Juan', ['Johnny', 'Jun']],
    ['Antonio', ['Tony', 'Anton']],
    ['Ramon', ['Mon', 'Monching']],
    ['Eduardo', ['Eddie', 'Ed']],
    ['Rodrigo', ['Rudy', 'Digo']],
    ['Roberto', ['Bob', 'Bert', 'Obet']],
    ['Francisco', ['Paco', 'Kiko']],
    ['Mark Anthony', ['Mark', 'Anthony']],
    ['Reynaldo', ['Rey', 'Naldo']],
  ],
  F: [
    ['Maria Cristina', ['Ma. Cristina', 'Tina', 'Cristina']],
    ['Rosario', ['Charo', 'Rosie']],
    ['Teresita', ['Tessie', 'Tess']],
    ['Montserrat', ['Montse', 'Monse']],
    ['Jocelyn', ['Joy', 'Joce']],
    ['Maria Luisa', ['Ma. Luisa', 'Malou', 'Luisa']],
    ['Jessa', ['Jes']],
    ['Elizabeth', ['Beth', 'Liza']],
    ['Josefina', ['Josie', 'Pina']],
    ['Angelica', ['Gelay', 'Angel']],
  ],
};
export const PH_FAMILY = [
  'Garcia',
  'Reyes',
  'Santos',
  'Dela Cruz',
  'Mendoza',
  'Flores',
  'Castillo',
  'Villanueva',
  'Ramos',
  'Gonzales',
  'Bautista',
  'Aquino',
  'Navarro',
  'Fernandez',
  'Ferrer',
  'Ocampo',
  'Torres',
  'Cruz',
];

/** Bangladeshi: name parts in Bengali script and their usual spellings (first = most common). */
export const BD_PARTS: Readonly<Record<string, readonly [string, readonly string[]]>> = {
  mohammad: ['মোহাম্মদ', ['Mohammad', 'Mohammed', 'Muhammad', 'Md.', 'Md', 'MD']],
  abdul: ['আব্দুল', ['Abdul', 'Abdul']],
  abdur: ['আব্দুর', ['Abdur', 'Abdur']],
  karim: ['করিম', ['Karim', 'Korim']],
  rafiqul: ['রফিকুল', ['Rafiqul', 'Rafikul']],
  shahidul: ['শহিদুল', ['Shahidul', 'Shohidul']],
  nazrul: ['নজরুল', ['Nazrul', 'Nojrul']],
  kamal: ['কামাল', ['Kamal', 'Kamal']],
  jahangir: ['জাহাঙ্গীর', ['Jahangir', 'Jahangeer']],
  anwar: ['আনোয়ার', ['Anwar', 'Anowar']],
  rahman: ['রহমান', ['Rahman', 'Rohman']],
  islam: ['ইসলাম', ['Islam', 'Islam']],
  hossain: ['হোসেন', ['Hossain', 'Hossen', 'Hussain']],
  alam: ['আলম', ['Alam', 'Alom']],
  uddin: ['উদ্দিন', ['Uddin', 'Uddin']],
  fatema: ['ফাতেমা', ['Fatema', 'Fatima']],
  nasrin: ['নাসরিন', ['Nasrin', 'Nasreen']],
  rokeya: ['রোকেয়া', ['Rokeya', 'Rokeia']],
  shirin: ['শিরিন', ['Shirin', 'Sirin']],
  taslima: ['তাসলিমা', ['Taslima', 'Tasleema']],
  rina: ['রিনা', ['Rina', 'Reena']],
  begum: ['বেগম', ['Begum', 'Begom']],
  akter: ['আক্তার', ['Akter', 'Akhter', 'Aktar']],
  khatun: ['খাতুন', ['Khatun', 'Khatoon']],
  sultana: ['সুলতানা', ['Sultana', 'Sultana']],
};
export const BD_NAMES = {
  M: [
    ['mohammad', 'abdul', 'karim'],
    ['mohammad', 'rafiqul', 'islam'],
    ['mohammad', 'shahidul', 'islam'],
    ['abdur', 'rahman'],
    ['kamal', 'hossain'],
    ['jahangir', 'alam'],
    ['nazrul', 'islam'],
    ['mohammad', 'anwar', 'hossain'],
    ['mohammad', 'kamal', 'uddin'],
  ],
  F: [
    ['fatema', 'begum'],
    ['nasrin', 'akter'],
    ['rokeya', 'khatun'],
    ['shirin', 'sultana'],
    ['taslima', 'akter'],
    ['rina', 'begum'],
    ['fatema', 'khatun'],
  ],
};

/** Nigerian: [full given name, short forms, written with Yoruba tone marks ('' = none)]. */
export const NG_GIVEN: {
  M: readonly (readonly [string, readonly string[], string])[];
  F: readonly (readonly [string, readonly string[], string])[];
} = {
  M: [
    ['Babatunde', ['Tunde'], 'Bábátúndé'],
    ['Oluwaseun', ['Seun'], 'Olúwaseun'],
    ['Olumide', ['Mide'], 'Olúmidé'],
    ['Adebayo', ['Bayo'], 'Adébáyọ̀'],
    ['Oluwafemi', ['Femi'], 'Olúwafẹ́mi'],
    ['Adewale', ['Wale'], 'Adéwálé'],
    ['Chukwuemeka', ['Emeka'], ''],
    ['Chinedu', ['Nedu'], ''],
    ['Obinna', ['Obi'], ''],
    ['Ifeanyi', ['Ify', 'Ifey'], ''],
    ['Chinonso', ['Nonso'], ''],
    ['Uchechukwu', ['Uche'], ''],
    ['Abubakar', ['Abu', 'Bakar'], ''],
    ['Ibrahim', ['Ibro'], ''],
  ],
  F: [
    ['Olufunmilayo', ['Funmi', 'Funmilayo'], 'Olúfúnmiláyọ̀'],
    ['Oluwatoyin', ['Toyin'], 'Olúwatóyìn'],
    ['Abimbola', ['Bimbo', 'Bola'], 'Abímbọ́lá'],
    ['Temitope', ['Tope'], 'Tèmítọ́pẹ́'],
    ['Oluwakemi', ['Kemi'], 'Olúwakẹ́mi'],
    ['Folasade', ['Sade'], 'Fọláṣadé'],
    ['Chiamaka', ['Amaka'], ''],
    ['Ngozi', ['Ngo'], ''],
    ['Chidinma', ['Dinma'], ''],
    ['Hauwa', ['Hauwa'], ''],
    ['Aisha', ['Aishat'], ''],
  ],
};
export const NG_FAMILY = [
  'Adeyemi',
  'Okafor',
  'Okonkwo',
  'Balogun',
  'Eze',
  'Nwosu',
  'Okoro',
  'Ogunleye',
  'Bello',
  'Abdullahi',
  'Olawale',
  'Adeleke',
  'Nwachukwu',
  'Oyelaran',
];

/** Sierra Leonean: [given name, short forms / nicknames]. */
export const SL_GIVEN: {
  M: readonly (readonly [string, readonly string[]])[];
  F: readonly (readonly [string, readonly string[]])[];
} = {
  M: [
    ['Mohamed', ['Momoh', 'Mo']],
    ['Abubakarr', ['Abu', 'Bakarr']],
    ['Ibrahim', ['Brima']],
    ['Alusine', ['Alu']],
    ['Foday', ['Fodeh']],
    ['Sorie', ['Sorie']],
    ['Sallieu', ['Salieu']],
    ['Osman', ['Osman']],
    ['Alhassan', ['Hassan']],
  ],
  F: [
    ['Fatmata', ['Fatu', 'Fatima']],
    ['Aminata', ['Ami', 'Minata']],
    ['Isatu', ['Isha']],
    ['Kadiatu', ['Kadie']],
    ['Mariama', ['Mariam']],
    ['Hawa', ['Hawa']],
    ['Adama', ['Ada']],
    ['Zainab', ['Zee']],
  ],
};
export const SL_FAMILY = [
  'Kamara',
  'Sesay',
  'Bangura',
  'Conteh',
  'Kargbo',
  'Koroma',
  'Turay',
  'Jalloh',
  'Bah',
  'Kanu',
  'Mansaray',
  'Fofanah',
];

/** Country written as a code, a name or a demonym by different organisations. */
export const COUNTRY_WRITINGS: Readonly<Record<string, readonly string[]>> = {
  CN: ['CN', 'CN', 'CN', 'CHN', 'China'],
  HK: ['HK', 'HK', 'HKG', 'Hong Kong'],
  MY: ['MY', 'MY', 'MYS', 'Malaysia'],
  VN: ['VN', 'VN', 'VN', 'VNM', 'Vietnam'],
  TH: ['TH', 'TH', 'TH', 'THA', 'Thailand'],
  MM: ['MM', 'MM', 'MM', 'MMR', 'Myanmar'],
  KH: ['KH', 'KH', 'KH', 'KHM', 'Cambodia'],
  ID: ['ID', 'ID', 'ID', 'IDN', 'Indonesia'],
  PH: ['PH', 'PH', 'PH', 'PHL', 'Philippines'],
  BD: ['BD', 'BD', 'BD', 'BGD', 'Bangladesh'],
  NG: ['NG', 'NG', 'NG', 'NGA', 'Nigeria'],
  SL: ['SL', 'SL', 'SL', 'SLE', 'Sierra Leone'],
};

/** Calling code and national number pattern ('x' = digit). */
export const PHONES: Readonly<Record<string, readonly [string, string]>> = {
  CN: ['86', '13xxxxxxxxx'],
  HK: ['852', '9xxxxxxx'],
  MY: ['60', '1xxxxxxxx'],
  VN: ['84', '9xxxxxxxx'],
  TH: ['66', '8xxxxxxxx'],
  MM: ['95', '9xxxxxxxx'],
  KH: ['855', '1xxxxxxx'],
  ID: ['62', '81xxxxxxxxx'],
  PH: ['63', '9xxxxxxxxx'],
  BD: ['880', '1xxxxxxxxx'],
  NG: ['234', '80xxxxxxxx'],
  SL: ['232', '7xxxxxxx'],
};

/** Sex as different intake forms write it. */
export const SEX_WRITINGS = {
  M: ['M', 'M', 'M', 'Male', 'male', 'm'],
  F: ['F', 'F', 'F', 'Female', 'female', 'f'],
} as const;
