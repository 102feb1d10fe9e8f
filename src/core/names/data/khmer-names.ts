/**
 * Khmer name words and the spelling Cambodian passports, NGOs and family members usually write them in
 * (Keo, Sok, Chhay, Theary, Sreypov), not the letter-by-letter transliteration any-ascii gives ("kaev",
 * "tharei", "rtna"), which shares few letters with what people type. Compiled for this project from general
 * knowledge of Cambodian naming; one popular spelling per word (the comparison's fuzzy levels absorb
 * close variants such as Rotana / Ratana). "word spelling" pairs, separated by spaces.
 */
const PAIRS = `
កែវ keo សុខ sok ចាន់ chan ស៊ុន sun ហេង heng លី ly ម៉ៅ mao ជា chea ឆាយ chhay ញឹម nhim ពៅ pov យិន yin
ស្រី srey អ៊ុំ um ទេព tep ប៊ុន bun ខៀវ khieu ឃុន khun ម៉ម mom អ៊ុក ouk ប្រាក់ prak ស៊ឹម sim សៅ sao
ហ៊ុន hun ឡាយ lay ធី thy ជុំ chum ពេជ្រ pich សួន suon ណុប nop ហួត huot ចេង cheng នួន nuon សេង seng
ឡុង long មាស meas សំ sam ឈឹម chhim ផល phal យឹម yim ឯក ek វង់ vong អ៊ូ ou ហម hom ឡេង leng គឹម kim
ធារី theary រតនា rotana ដារ៉ា dara សុខា sokha ចាន់ថា chantha សុភាព sopheap វណ្ណា vanna ពិសី pisey
សុផល sophal ភារ៉ា phara សំណាង samnang វិបុល vibol បុប្ផា bopha លក្ខិណា leakhena រិទ្ធី rithy ឌីណា dina
ណារិន narin សុភា sophea សោភា sophea ចន្ធូ chanthou សុជាតិ socheat វិចិត្រ vichet ពិសិដ្ឋ piseth
សុវណ្ណ sovann ម៉ាលី maly សុខុម sokhom បញ្ញា panha សុវណ្ណារី sovannary ចំរើន chamroeun រស្មី reaksmey
ណារី neary មករា makara ដាវី davy វាសនា veasna ភក្តី pheakdey ផល្លា phalla គន្ធា kunthea កុសល kosal
ធីតា thida បូរ៉ា bora រដ្ឋា rotha ពិសាល pisal ម៉ានិត manith ចិន្តា chenda លីដា lida មុន្នី monny
វុទ្ធី vuthy សម្បត្តិ sambath ធារ៉ា theara សារិន sarin មុំ mom នាង neang លក្ខណ៍ leak ពិសិទ្ធ piseth
`;

export const KHMER_NAME_WORDS: ReadonlyMap<string, string> = (() => {
  const map = new Map<string, string>();
  const parts = PAIRS.trim().split(/\s+/);
  for (let i = 0; i + 1 < parts.length; i += 2) if (!map.has(parts[i]!)) map.set(parts[i]!, parts[i + 1]!);
  return map;
})();

const LONGEST = Math.max(...[...KHMER_NAME_WORDS.keys()].map((w) => w.length));

/**
 * The usual spelling of a Khmer-script name word: the word itself from the table, or a compound written
 * as one word (ស្រីពៅ = ស្រី + ពៅ → "sreypov") when the table's words cover all of it, longest first.
 * undefined when the word is not covered (the caller falls back to a transliteration).
 */
export function romaniseKhmerWord(word: string): string | undefined {
  const w = word.replace(/[\u200b\u200c\u200d]/g, '');
  const whole = KHMER_NAME_WORDS.get(w);
  if (whole) return whole;
  let out = '';
  let i = 0;
  while (i < w.length) {
    let found = 0;
    for (let len = Math.min(LONGEST, w.length - i); len > 0 && found === 0; len--) {
      const r = KHMER_NAME_WORDS.get(w.slice(i, i + len));
      if (r) {
        out += r;
        found = len;
      }
    }
    if (found === 0) return undefined;
    i += found;
  }
  return out || undefined;
}
