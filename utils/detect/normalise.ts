/**
 * Text normalisation shared by detection and matching. Share text is often full-width (ｕＬ１ｃ０) or salted with
 * zero-width characters to dodge keyword filters, so both are undone before anything looks at the text.
 */

// Zero-width and invisible formatting characters used to split words (淘\u200b宝) or hide payloads.
const INVISIBLE = /[\u00ad\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\ufeff]/g;

/** Full-width ASCII (U+FF01–FF5E) → ASCII, ideographic space → space, invisible characters removed. */
export function normaliseText(input: string): string {
  let out = input.replace(INVISIBLE, '');
  // Fast path: most posts carry no full-width ASCII at all.
  if (!/[\uff01-\uff5e\u3000]/.test(out)) return out;
  out = out.replace(/[\uff01-\uff5e]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
  return out.replace(/\u3000/g, ' ');
}

/**
 * Share text as people paste it, folded for the guide vocabulary only (never for passwords or names): joiners and
 * salt inside words (復·制, 淘♂寳♀), emoji walls, Greek/Cyrillic look-alikes and accents (τаo宝аρρ, τáǒЬáǒ), the
 * traditional and variant forms share sheets use (復制, 咑閞, 寳), and the spelled-out dodges (fu致, 付致, 链街).
 * Lower-cased; the result is for matching words, not for offsets.
 */
const JOINERS =
  /[\u00b7\u30fb\u2022\u2027\u2219\u22c5\u2642\u2640\u26a2\u26a3\u2661\u2606\u2605\u25c7\u25c6]|\p{Extended_Pictographic}|\ufe0e|\ufe0f|\u200d|\u20e3/gu;
const LOOKALIKE: Record<string, string> = {
  α: 'a',
  а: 'a',
  ά: 'a',
  в: 'b',
  Ь: 'b',
  ь: 'b',
  β: 'b',
  с: 'c',
  ϲ: 'c',
  е: 'e',
  ε: 'e',
  ё: 'e',
  һ: 'h',
  і: 'i',
  ι: 'i',
  ı: 'i',
  ј: 'j',
  κ: 'k',
  к: 'k',
  ӏ: 'l',
  м: 'm',
  η: 'n',
  п: 'n',
  о: 'o',
  ο: 'o',
  ό: 'o',
  р: 'p',
  ρ: 'p',
  ѕ: 's',
  τ: 't',
  т: 't',
  υ: 'u',
  ν: 'v',
  ш: 'w',
  ω: 'w',
  х: 'x',
  χ: 'x',
  у: 'y',
  γ: 'y',
  ʐ: 'z',
};
const LOOKALIKES = new RegExp(`[${Object.keys(LOOKALIKE).join('')}]`, 'gu');
const VARIANT: Record<string, string> = {
  復: '复',
  製: '制',
  開: '开',
  閞: '开',
  咑: '打',
  點: '点',
  擊: '击',
  鏈: '链',
  寳: '宝',
  寶: '宝',
  綯: '淘',
  貓: '猫',
  購: '购',
  買: '买',
  這: '这',
  條: '条',
  話: '话',
  瀏: '浏',
  覽: '览',
  轉: '转',
  長: '长',
  後: '后',
  們: '们',
  機: '机',
  優: '优',
  劵: '券',
  碼: '码',
  鍊: '链',
  連: '连',
};
const VARIANTS = new RegExp(`[${Object.keys(VARIANT).join('')}]`, 'gu');
const DODGES: [RegExp, string][] = [
  [/(?:fu|付|富|覆|腹)(?:致|制|置)/g, '复制'],
  [/链街|连接/g, '链接'],
  [/lan(?:嘂|器)|览嘂/g, '览器'],
  [/tao\s*宝|淘\s*bao|tao\s*bao/g, '淘宝'],
];

export function foldShareText(input: string): string {
  let out = normaliseText(input).normalize('NFKD').replace(/\p{M}/gu, '');
  out = out.replace(JOINERS, '').replace(LOOKALIKES, (c) => LOOKALIKE[c] ?? c);
  out = out.replace(VARIANTS, (c) => VARIANT[c] ?? c).toLowerCase();
  for (const [re, to] of DODGES) out = out.replace(re, to);
  return out;
}
