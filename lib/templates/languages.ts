// ISO 639-1 language codes, the names of template files (`<code>.txt`), as AEM uses them.
// The 184 codes are those of the ISO 639-1 register, `bh` (Bihari languages, deprecated in 2021
// but still listed by Java's Locale.getISOLanguages()) included. Java's list is these 184 plus
// the legacy aliases in/iw/ji/mo, which normalizeLanguage maps to their current codes.
// Pure data and functions: used in the browser as well.

export interface IsoLanguage {
  /** ISO 639-1 code, two lower-case letters. */
  code: string;
  /** ISO 639-2/T three-letter code (what Java's Locale.getISO3Language() returns). */
  alpha3: string;
  /** English name. */
  name: string;
  /** Name in the language itself, where known. */
  nativeName?: string;
  /** Withdrawn from ISO 639-1 (only `bh`). */
  deprecated?: boolean;
}

// [code, ISO 639-2/T, English name, native name]
const DATA: readonly (readonly [string, string, string, string?])[] = [
  ["aa", "aar", "Afar", "Qafaraf"],
  ["ab", "abk", "Abkhazian", "Аԥсуа бызшәа"],
  ["ae", "ave", "Avestan", "avesta"],
  ["af", "afr", "Afrikaans", "Afrikaans"],
  ["ak", "aka", "Akan", "Akan"],
  ["am", "amh", "Amharic", "አማርኛ"],
  ["an", "arg", "Aragonese", "aragonés"],
  ["ar", "ara", "Arabic", "العربية"],
  ["as", "asm", "Assamese", "অসমীয়া"],
  ["av", "ava", "Avaric", "авар мацӀ"],
  ["ay", "aym", "Aymara", "aymar aru"],
  ["az", "aze", "Azerbaijani", "azərbaycan"],
  ["ba", "bak", "Bashkir", "башҡорт"],
  ["be", "bel", "Belarusian", "беларуская"],
  ["bg", "bul", "Bulgarian", "български"],
  ["bh", "bih", "Bihari languages"],
  ["bi", "bis", "Bislama", "Bislama"],
  ["bm", "bam", "Bambara", "bamanakan"],
  ["bn", "ben", "Bengali", "বাংলা"],
  ["bo", "bod", "Tibetan", "བོད་སྐད་"],
  ["br", "bre", "Breton", "brezhoneg"],
  ["bs", "bos", "Bosnian", "bosanski"],
  ["ca", "cat", "Catalan", "català"],
  ["ce", "che", "Chechen", "нохчийн"],
  ["ch", "cha", "Chamorro", "Chamoru"],
  ["co", "cos", "Corsican", "corsu"],
  ["cr", "cre", "Cree", "ᓀᐦᐃᔭᐍᐏᐣ"],
  ["cs", "ces", "Czech", "čeština"],
  ["cu", "chu", "Church Slavonic", "ѩзыкъ словѣньскъ"],
  ["cv", "chv", "Chuvash", "чӑваш чӗлхи"],
  ["cy", "cym", "Welsh", "Cymraeg"],
  ["da", "dan", "Danish", "dansk"],
  ["de", "deu", "German", "Deutsch"],
  ["dv", "div", "Divehi", "ދިވެހި"],
  ["dz", "dzo", "Dzongkha", "རྫོང་ཁ"],
  ["ee", "ewe", "Ewe", "eʋegbe"],
  ["el", "ell", "Greek", "Ελληνικά"],
  ["en", "eng", "English", "English"],
  ["eo", "epo", "Esperanto", "Esperanto"],
  ["es", "spa", "Spanish", "español"],
  ["et", "est", "Estonian", "eesti"],
  ["eu", "eus", "Basque", "euskara"],
  ["fa", "fas", "Persian", "فارسی"],
  ["ff", "ful", "Fulah", "Pulaar"],
  ["fi", "fin", "Finnish", "suomi"],
  ["fj", "fij", "Fijian", "vosa Vakaviti"],
  ["fo", "fao", "Faroese", "føroyskt"],
  ["fr", "fra", "French", "français"],
  ["fy", "fry", "Western Frisian", "Frysk"],
  ["ga", "gle", "Irish", "Gaeilge"],
  ["gd", "gla", "Scottish Gaelic", "Gàidhlig"],
  ["gl", "glg", "Galician", "galego"],
  ["gn", "grn", "Guarani", "Avañe'ẽ"],
  ["gu", "guj", "Gujarati", "ગુજરાતી"],
  ["gv", "glv", "Manx", "Gaelg"],
  ["ha", "hau", "Hausa", "Hausa"],
  ["he", "heb", "Hebrew", "עברית"],
  ["hi", "hin", "Hindi", "हिन्दी"],
  ["ho", "hmo", "Hiri Motu", "Hiri Motu"],
  ["hr", "hrv", "Croatian", "hrvatski"],
  ["ht", "hat", "Haitian Creole", "Kreyòl ayisyen"],
  ["hu", "hun", "Hungarian", "magyar"],
  ["hy", "hye", "Armenian", "հայերեն"],
  ["hz", "her", "Herero", "Otjiherero"],
  ["ia", "ina", "Interlingua", "interlingua"],
  ["id", "ind", "Indonesian", "Bahasa Indonesia"],
  ["ie", "ile", "Interlingue", "Interlingue"],
  ["ig", "ibo", "Igbo", "Asụsụ Igbo"],
  ["ii", "iii", "Sichuan Yi", "ꆈꌠꉙ"],
  ["ik", "ipk", "Inupiaq", "Iñupiaq"],
  ["io", "ido", "Ido", "Ido"],
  ["is", "isl", "Icelandic", "íslenska"],
  ["it", "ita", "Italian", "italiano"],
  ["iu", "iku", "Inuktitut", "ᐃᓄᒃᑎᑐᑦ"],
  ["ja", "jpn", "Japanese", "日本語"],
  ["jv", "jav", "Javanese", "basa Jawa"],
  ["ka", "kat", "Georgian", "ქართული"],
  ["kg", "kon", "Kongo", "Kikongo"],
  ["ki", "kik", "Kikuyu", "Gĩkũyũ"],
  ["kj", "kua", "Kuanyama", "Kuanyama"],
  ["kk", "kaz", "Kazakh", "қазақ тілі"],
  ["kl", "kal", "Kalaallisut", "kalaallisut"],
  ["km", "khm", "Khmer", "ខ្មែរ"],
  ["kn", "kan", "Kannada", "ಕನ್ನಡ"],
  ["ko", "kor", "Korean", "한국어"],
  ["kr", "kau", "Kanuri", "Kanuri"],
  ["ks", "kas", "Kashmiri", "کٲشُر"],
  ["ku", "kur", "Kurdish", "Kurdî"],
  ["kv", "kom", "Komi", "коми кыв"],
  ["kw", "cor", "Cornish", "Kernewek"],
  ["ky", "kir", "Kyrgyz", "кыргызча"],
  ["la", "lat", "Latin", "latine"],
  ["lb", "ltz", "Luxembourgish", "Lëtzebuergesch"],
  ["lg", "lug", "Ganda", "Luganda"],
  ["li", "lim", "Limburgish", "Limburgs"],
  ["ln", "lin", "Lingala", "lingála"],
  ["lo", "lao", "Lao", "ລາວ"],
  ["lt", "lit", "Lithuanian", "lietuvių"],
  ["lu", "lub", "Luba-Katanga", "Tshiluba"],
  ["lv", "lav", "Latvian", "latviešu"],
  ["mg", "mlg", "Malagasy", "Malagasy"],
  ["mh", "mah", "Marshallese", "Kajin M̧ajeļ"],
  ["mi", "mri", "Maori", "te reo Māori"],
  ["mk", "mkd", "Macedonian", "македонски"],
  ["ml", "mal", "Malayalam", "മലയാളം"],
  ["mn", "mon", "Mongolian", "монгол"],
  ["mr", "mar", "Marathi", "मराठी"],
  ["ms", "msa", "Malay", "Bahasa Melayu"],
  ["mt", "mlt", "Maltese", "Malti"],
  ["my", "mya", "Burmese", "မြန်မာ"],
  ["na", "nau", "Nauru", "Dorerin Naoero"],
  ["nb", "nob", "Norwegian Bokmål", "norsk bokmål"],
  ["nd", "nde", "North Ndebele", "isiNdebele"],
  ["ne", "nep", "Nepali", "नेपाली"],
  ["ng", "ndo", "Ndonga", "Owambo"],
  ["nl", "nld", "Dutch", "Nederlands"],
  ["nn", "nno", "Norwegian Nynorsk", "norsk nynorsk"],
  ["no", "nor", "Norwegian", "norsk"],
  ["nr", "nbl", "South Ndebele", "isiNdebele"],
  ["nv", "nav", "Navajo", "Diné bizaad"],
  ["ny", "nya", "Chichewa", "chiCheŵa"],
  ["oc", "oci", "Occitan", "occitan"],
  ["oj", "oji", "Ojibwa", "ᐊᓂᔑᓈᐯᒧᐎᓐ"],
  ["om", "orm", "Oromo", "Oromoo"],
  ["or", "ori", "Oriya", "ଓଡ଼ିଆ"],
  ["os", "oss", "Ossetian", "ирон"],
  ["pa", "pan", "Punjabi", "ਪੰਜਾਬੀ"],
  ["pi", "pli", "Pali", "पाऴि"],
  ["pl", "pol", "Polish", "polski"],
  ["ps", "pus", "Pashto", "پښتو"],
  ["pt", "por", "Portuguese", "português"],
  ["qu", "que", "Quechua", "Runasimi"],
  ["rm", "roh", "Romansh", "rumantsch"],
  ["rn", "run", "Rundi", "Ikirundi"],
  ["ro", "ron", "Romanian", "română"],
  ["ru", "rus", "Russian", "русский"],
  ["rw", "kin", "Kinyarwanda", "Ikinyarwanda"],
  ["sa", "san", "Sanskrit", "संस्कृतम्"],
  ["sc", "srd", "Sardinian", "sardu"],
  ["sd", "snd", "Sindhi", "سنڌي"],
  ["se", "sme", "Northern Sami", "davvisámegiella"],
  ["sg", "sag", "Sango", "Sängö"],
  ["si", "sin", "Sinhala", "සිංහල"],
  ["sk", "slk", "Slovak", "slovenčina"],
  ["sl", "slv", "Slovenian", "slovenščina"],
  ["sm", "smo", "Samoan", "Gagana Sāmoa"],
  ["sn", "sna", "Shona", "chiShona"],
  ["so", "som", "Somali", "Soomaali"],
  ["sq", "sqi", "Albanian", "shqip"],
  ["sr", "srp", "Serbian", "српски"],
  ["ss", "ssw", "Swati", "siSwati"],
  ["st", "sot", "Southern Sotho", "Sesotho"],
  ["su", "sun", "Sundanese", "Basa Sunda"],
  ["sv", "swe", "Swedish", "svenska"],
  ["sw", "swa", "Swahili", "Kiswahili"],
  ["ta", "tam", "Tamil", "தமிழ்"],
  ["te", "tel", "Telugu", "తెలుగు"],
  ["tg", "tgk", "Tajik", "тоҷикӣ"],
  ["th", "tha", "Thai", "ไทย"],
  ["ti", "tir", "Tigrinya", "ትግርኛ"],
  ["tk", "tuk", "Turkmen", "türkmen dili"],
  ["tl", "tgl", "Tagalog", "Wikang Tagalog"],
  ["tn", "tsn", "Tswana", "Setswana"],
  ["to", "ton", "Tonga", "lea fakatonga"],
  ["tr", "tur", "Turkish", "Türkçe"],
  ["ts", "tso", "Tsonga", "Xitsonga"],
  ["tt", "tat", "Tatar", "татар"],
  ["tw", "twi", "Twi", "Twi"],
  ["ty", "tah", "Tahitian", "Reo Tahiti"],
  ["ug", "uig", "Uyghur", "ئۇيغۇرچە"],
  ["uk", "ukr", "Ukrainian", "українська"],
  ["ur", "urd", "Urdu", "اردو"],
  ["uz", "uzb", "Uzbek", "oʻzbek"],
  ["ve", "ven", "Venda", "Tshivenḓa"],
  ["vi", "vie", "Vietnamese", "Tiếng Việt"],
  ["vo", "vol", "Volapük", "Volapük"],
  ["wa", "wln", "Walloon", "walon"],
  ["wo", "wol", "Wolof", "Wolof"],
  ["xh", "xho", "Xhosa", "isiXhosa"],
  ["yi", "yid", "Yiddish", "ייִדיש"],
  ["yo", "yor", "Yoruba", "Yorùbá"],
  ["za", "zha", "Zhuang", "Saɯ cueŋƅ"],
  ["zh", "zho", "Chinese", "中文"],
  ["zu", "zul", "Zulu", "isiZulu"],
];

/** All 184 ISO 639-1 languages, sorted by code. */
export const ISO_639_1: readonly IsoLanguage[] = Object.freeze(
  DATA.map(([code, alpha3, name, nativeName]) =>
    Object.freeze({
      code,
      alpha3,
      name,
      ...(nativeName ? { nativeName } : {}),
      ...(code === "bh" ? { deprecated: true } : {}),
    }),
  ),
);

const BY_CODE: ReadonlyMap<string, IsoLanguage> = new Map(ISO_639_1.map((l) => [l.code, l]));

/**
 * Old two-letter codes still produced by older JVMs (Locale("he").getLanguage() was "iw" before
 * Java 17) and other systems, mapped to the current code.
 */
const LEGACY_ALIASES: Readonly<Record<string, string>> = { iw: "he", in: "id", ji: "yi", jw: "jv", mo: "ro" };

/** ISO 639-2/B ("bibliographic") codes that differ from the /T codes. */
const ALPHA3_B: Readonly<Record<string, string>> = {
  alb: "sq", arm: "hy", baq: "eu", bur: "my", chi: "zh", cze: "cs", dut: "nl", fre: "fr", geo: "ka",
  ger: "de", gre: "el", ice: "is", mac: "mk", mao: "mi", may: "ms", per: "fa", rum: "ro", slo: "sk",
  tib: "bo", wel: "cy",
};

const BY_ALPHA3: ReadonlyMap<string, string> = new Map([
  ...ISO_639_1.map((l) => [l.alpha3, l.code] as const),
  ...Object.entries(ALPHA3_B),
]);

/** Whether `code` is exactly an ISO 639-1 code as used in file names: two lower-case letters. */
export function isIsoLanguage(code: string): boolean {
  return BY_CODE.has(code);
}

/** The language entry for a code or any form normalizeLanguage accepts; undefined if invalid. */
export function getLanguage(input: string): IsoLanguage | undefined {
  const code = normalizeLanguage(input);
  return code === null ? undefined : BY_CODE.get(code);
}

/** English name ("German" for "de", "de-CH", "DE"); undefined if not a language. */
export function languageName(code: string): string | undefined {
  return getLanguage(code)?.name;
}

/** Name in the language itself ("Deutsch"), falling back to the English name. */
export function nativeLanguageName(code: string): string | undefined {
  const l = getLanguage(code);
  return l ? (l.nativeName ?? l.name) : undefined;
}

/**
 * Reduces a recipient's language setting to an ISO 639-1 code: `de_CH`, `de-CH`, `DE`,
 * `de_CH.UTF-8@euro`, `zh-Hant-TW`, `en-US-u-ca-gregory` → the primary language; legacy codes
 * (`iw` → `he`) and ISO 639-2 codes (`deu`, `ger` → `de`) are mapped. Returns null for anything
 * that names no ISO 639-1 language (`und`, `x-klingon`, `C`, empty).
 */
export function normalizeLanguage(input: string | null | undefined): string | null {
  if (typeof input !== "string") return null;
  const trimmed = input.trim();
  // Primary subtag: up to the first region/script/encoding/modifier separator.
  const subtag = /^([A-Za-z]{2,3})(?:$|[-_.@])/.exec(trimmed)?.[1];
  if (subtag === undefined) return null;
  const primary = subtag.toLowerCase();
  if (primary.length === 2) {
    if (BY_CODE.has(primary)) return primary;
    return LEGACY_ALIASES[primary] ?? null;
  }
  return BY_ALPHA3.get(primary) ?? null;
}
