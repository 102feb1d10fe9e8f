/**
 * Pet forms and nicknames that are not cut from their full name (so `standsFor` in compare.ts cannot see
 * them): Spanish / Filipino, English, West African and a few Malay/Indonesian ones. Compiled for this
 * project from general knowledge of naming customs; each line is "full name: its pet forms". Folded
 * lower-case ASCII, as tokens come out of normaliseName. A pet form may serve several full names.
 */
const LINES = `
antonio: tony tonio tonyo anton
antonia: tonia tonya toni
francisco: kiko paco pancho cisco frank
francisca: paquita kika
jose: pepe pepito joey jojo
josefina: pina fina josie
rosario: charo chayo rosie charito
dolores: lola lolita
concepcion: concha conchita connie
ignacio: nacho
eduardo: eddie eddy edu ed
edgardo: eddie edgar ed
rodrigo: rudy digoy rod
rodolfo: rudy dolfo rudolf
ramon: monching mon monchito
teresa: tess tessie tere
teresita: tess tessie tessa tere
jocelyn: joy joyce
maria: ma mary marie
mariaLuisa: malou
enrique: kiko quique rique
roberto: bert berto bobby obet
angelica: gela gel angge
juan: johnny jhun jun
alberto: bert berto
gilberto: bert gil
guillermo: memo willy
manuel: manny manolo noel
emmanuel: manny noel
fernando: nando andoy ferdie
ferdinand: ferdie andoy
rafael: paeng raffy
ricardo: carding ricky dodong
carlos: caloy carlitos
jesus: chucho chuy jessie
santiago: tiago yago santi
alfredo: fred freddie alfie
federico: fred freddie kiko
rogelio: roger
reynaldo: rey naldo
elizabeth: beth liza betty lisa bessy
margarita: marga margie rita
catherine: cathy kate
katherine: kathy kate
william: bill billy will
robert: bob bobby rob bert
richard: dick rick ricky
margaret: peggy maggie meg
patricia: pat patty trish
michael: mike mick mikey
oluwaseun: seun
oluwatobi: tobi
oluwafemi: femi
olufunmilayo: funmi funmilayo
oluwakemi: kemi
oluwabunmi: bunmi
oluwatoyin: toyin
oluwadamilare: dami lare
temitope: tope temi
adebayo: bayo
abubakarr: bakarr abu
abubakar: bakar abu
ibrahim: brima ibra
mohamed: momoh mo
mohammed: momoh mo
muhammad: momoh mo
zainab: zee
ifeanyi: ify
kadiatu: kadi
fatmata: fatu
aminata: minata
isatu: satu
alusine: alu
`;

const BY_TOKEN: ReadonlyMap<string, ReadonlySet<string>> = (() => {
  const map = new Map<string, Set<string>>();
  const link = (a: string, b: string) => {
    const set = map.get(a) ?? new Set<string>();
    set.add(b);
    map.set(a, set);
  };
  for (const line of LINES.split('\n')) {
    const [full, pets] = line.split(':');
    if (!full || !pets) continue;
    // "mariaLuisa": a pet form of two given names written as one token ("malou") meets the first of them.
    const key = full.trim().replace(/[A-Z].*$/, '');
    for (const pet of pets.trim().split(/\s+/)) {
      link(key, pet);
      link(pet, key);
    }
  }
  return map;
})();

/** Is one token a pet form or nickname of the other ("charo" / "rosario", "kiko" / "francisco")? */
export function isNicknameOf(a: string, b: string): boolean {
  return BY_TOKEN.get(a)?.has(b) === true;
}
