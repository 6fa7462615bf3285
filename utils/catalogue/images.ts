import { PICTURE_EXT } from './picture';
import type { Category } from './schema';

/**
 * Product pictures for the mock catalogue, drawn as SVG at build time so the extension never fetches an image.
 * Each picture is a soft gradient square with one simple silhouette in the category's colours. The build packages
 * them as WebP (scripts/pictures.ts); see picture.ts for why.
 */

interface Ink {
  /** main body colour */
  main: string;
  /** caps, soles, straps */
  dark: string;
  /** labels, highlights */
  light: string;
}

type Draw = (ink: Ink) => string;

// All silhouettes are drawn in a 240×240 box, standing on y≈196 so the floor shadow lines up.
const SHAPES = {
  bottle: (c) =>
    `<rect x="82" y="100" width="76" height="96" rx="16" fill="${c.main}"/><rect x="104" y="80" width="32" height="24" fill="${c.dark}"/><rect x="98" y="56" width="44" height="28" rx="8" fill="${c.dark}"/><ellipse cx="120" cy="52" rx="14" ry="10" fill="${c.dark}"/><rect x="94" y="126" width="52" height="40" rx="6" fill="${c.light}" opacity=".85"/><rect x="90" y="108" width="8" height="80" rx="4" fill="#fff" opacity=".35"/>`,
  jar: (c) =>
    `<rect x="62" y="110" width="116" height="84" rx="22" fill="${c.main}"/><rect x="68" y="84" width="104" height="30" rx="8" fill="${c.dark}"/><rect x="78" y="138" width="84" height="28" rx="6" fill="${c.light}" opacity=".85"/><rect x="72" y="120" width="10" height="60" rx="5" fill="#fff" opacity=".35"/>`,
  lipstick: (c) =>
    `<rect x="92" y="130" width="56" height="66" rx="6" fill="${c.dark}"/><rect x="98" y="106" width="44" height="28" rx="3" fill="${c.light}"/><path d="M104 106 L104 70 Q104 56 120 48 L136 58 L136 106 Z" fill="${c.main}"/><rect x="98" y="140" width="6" height="48" rx="3" fill="#fff" opacity=".3"/>`,
  compact: (c) =>
    `<ellipse cx="120" cy="86" rx="62" ry="38" fill="${c.dark}"/><ellipse cx="120" cy="86" rx="50" ry="28" fill="${c.light}" opacity=".55"/><rect x="112" y="118" width="16" height="16" fill="${c.dark}"/><ellipse cx="120" cy="160" rx="70" ry="30" fill="${c.dark}"/><ellipse cx="120" cy="150" rx="70" ry="30" fill="${c.main}"/><ellipse cx="120" cy="150" rx="54" ry="22" fill="${c.light}"/><circle cx="120" cy="150" r="12" fill="${c.main}" opacity=".5"/>`,
  tshirt: (c) =>
    `<path d="M82 60 L104 52 Q120 70 136 52 L158 60 L192 90 L172 114 L160 104 L160 194 L80 194 L80 104 L68 114 L48 90 Z" fill="${c.main}"/><path d="M104 52 Q120 70 136 52" fill="none" stroke="${c.dark}" stroke-width="5"/><rect x="104" y="116" width="32" height="24" rx="4" fill="${c.light}" opacity=".8"/>`,
  dress: (c) =>
    `<path d="M104 48 L108 72 L132 72 L136 48" fill="none" stroke="${c.dark}" stroke-width="5"/><path d="M102 72 L138 72 L134 104 L178 194 L62 194 L106 104 Z" fill="${c.main}"/><rect x="104" y="100" width="32" height="10" rx="3" fill="${c.dark}"/><circle cx="100" cy="160" r="6" fill="${c.light}"/><circle cx="140" cy="150" r="6" fill="${c.light}"/><circle cx="122" cy="176" r="6" fill="${c.light}"/>`,
  coat: (c) =>
    `<path d="M84 56 L156 56 L188 96 L180 186 L160 186 L158 120 L158 196 L82 196 L82 120 L80 186 L60 186 L52 96 Z" fill="${c.main}"/><path d="M120 60 L120 196" stroke="${c.dark}" stroke-width="4"/><path d="M84 96 H156 M84 130 H156 M84 164 H156" stroke="${c.light}" stroke-width="4" opacity=".7"/><path d="M100 56 Q120 76 140 56" fill="${c.dark}"/>`,
  pants: (c) =>
    `<path d="M82 52 L158 52 L166 196 L132 196 L120 100 L108 196 L74 196 Z" fill="${c.main}"/><rect x="82" y="52" width="76" height="14" fill="${c.dark}"/><path d="M96 70 Q104 84 96 96 M144 70 Q136 84 144 96" fill="none" stroke="${c.light}" stroke-width="3"/>`,
  phone: (c) =>
    `<rect x="82" y="42" width="76" height="154" rx="16" fill="${c.dark}"/><rect x="88" y="54" width="64" height="130" rx="8" fill="${c.main}"/><circle cx="120" cy="48" r="3" fill="${c.light}"/><path d="M88 120 Q120 96 152 112 L152 184 L88 184 Z" fill="${c.light}" opacity=".45"/>`,
  headphones: (c) =>
    `<path d="M66 140 A54 60 0 0 1 174 140" fill="none" stroke="${c.dark}" stroke-width="12" stroke-linecap="round"/><rect x="52" y="122" width="34" height="60" rx="14" fill="${c.main}"/><rect x="154" y="122" width="34" height="60" rx="14" fill="${c.main}"/><rect x="60" y="132" width="8" height="40" rx="4" fill="#fff" opacity=".35"/>`,
  laptop: (c) =>
    `<rect x="56" y="62" width="128" height="88" rx="8" fill="${c.dark}"/><rect x="64" y="70" width="112" height="72" rx="4" fill="${c.main}"/><path d="M64 120 Q110 92 176 110 L176 142 L64 142 Z" fill="${c.light}" opacity=".45"/><path d="M36 156 L204 156 L192 176 L48 176 Z" fill="${c.dark}"/><rect x="104" y="158" width="32" height="5" rx="2" fill="${c.light}"/>`,
  watch: (c) =>
    `<rect x="100" y="40" width="40" height="160" rx="12" fill="${c.dark}"/><rect x="80" y="80" width="80" height="80" rx="22" fill="${c.dark}"/><rect x="88" y="88" width="64" height="64" rx="16" fill="${c.main}"/><path d="M120 102 V120 L132 128" fill="none" stroke="${c.light}" stroke-width="5" stroke-linecap="round"/>`,
  lamp: (c) =>
    `<path d="M86 58 L154 58 L176 112 L64 112 Z" fill="${c.main}"/><rect x="116" y="112" width="8" height="68" fill="${c.dark}"/><ellipse cx="120" cy="186" rx="44" ry="10" fill="${c.dark}"/><ellipse cx="120" cy="114" rx="40" ry="6" fill="${c.light}" opacity=".8"/>`,
  cup: (c) =>
    `<path d="M88 64 L152 64 L146 186 Q146 196 136 196 L104 196 Q94 196 94 186 Z" fill="${c.main}"/><rect x="84" y="48" width="72" height="20" rx="8" fill="${c.dark}"/><rect x="96" y="110" width="48" height="30" rx="6" fill="${c.light}" opacity=".8"/><rect x="100" y="74" width="7" height="100" rx="3" fill="#fff" opacity=".3"/>`,
  pillow: (c) =>
    `<path d="M52 92 Q120 70 188 92 Q200 130 188 170 Q120 190 52 170 Q40 130 52 92 Z" fill="${c.main}"/><path d="M66 102 Q120 86 174 102 Q182 130 174 160 Q120 176 66 160 Q58 130 66 102 Z" fill="none" stroke="${c.light}" stroke-width="3" stroke-dasharray="6 6"/>`,
  pot: (c) =>
    `<path d="M62 112 L178 112 L170 178 Q168 192 154 192 L86 192 Q72 192 70 178 Z" fill="${c.main}"/><rect x="40" y="120" width="26" height="12" rx="6" fill="${c.dark}"/><rect x="174" y="120" width="26" height="12" rx="6" fill="${c.dark}"/><path d="M58 110 Q120 78 182 110 Z" fill="${c.dark}"/><circle cx="120" cy="88" r="8" fill="${c.light}"/>`,
  box: (c) =>
    `<rect x="64" y="104" width="112" height="90" rx="6" fill="${c.main}"/><rect x="58" y="88" width="124" height="24" rx="4" fill="${c.dark}"/><rect x="84" y="126" width="72" height="36" rx="5" fill="${c.light}" opacity=".75"/>`,
  giftbox: (c) =>
    `<rect x="64" y="104" width="112" height="90" rx="6" fill="${c.main}"/><rect x="58" y="88" width="124" height="24" rx="4" fill="${c.main}"/><rect x="112" y="88" width="16" height="106" fill="${c.dark}"/><path d="M120 88 Q96 52 86 76 Q84 90 120 88 Q156 90 154 76 Q144 52 120 88 Z" fill="${c.dark}"/><rect x="58" y="108" width="124" height="4" fill="${c.light}" opacity=".6"/>`,
  snackbag: (c) =>
    `<path d="M74 56 L166 56 L162 72 Q176 130 162 184 L166 198 L74 198 L78 184 Q64 130 78 72 Z" fill="${c.main}"/><path d="M74 56 L166 56 L164 66 L76 66 Z" fill="${c.dark}"/><circle cx="120" cy="128" r="30" fill="${c.light}" opacity=".85"/><circle cx="112" cy="122" r="8" fill="${c.dark}" opacity=".6"/><circle cx="130" cy="134" r="6" fill="${c.dark}" opacity=".6"/>`,
  foodbag: (c) =>
    `<path d="M70 60 L170 60 L176 196 L64 196 Z" fill="${c.main}"/><rect x="70" y="52" width="100" height="14" rx="3" fill="${c.dark}"/><circle cx="120" cy="136" r="18" fill="${c.light}"/><circle cx="98" cy="108" r="8" fill="${c.light}"/><circle cx="116" cy="100" r="8" fill="${c.light}"/><circle cx="134" cy="102" r="8" fill="${c.light}"/><circle cx="148" cy="114" r="8" fill="${c.light}"/>`,
  can: (c) =>
    `<rect x="74" y="70" width="92" height="124" rx="10" fill="${c.main}"/><ellipse cx="120" cy="70" rx="46" ry="12" fill="${c.dark}"/><rect x="74" y="112" width="92" height="42" fill="${c.light}" opacity=".85"/><rect x="82" y="80" width="8" height="104" rx="4" fill="#fff" opacity=".3"/>`,
  babybottle: (c) =>
    `<path d="M108 62 Q108 40 120 38 Q132 40 132 62 Z" fill="${c.light}"/><rect x="96" y="60" width="48" height="22" rx="6" fill="${c.dark}"/><rect x="90" y="80" width="60" height="114" rx="22" fill="${c.main}"/><path d="M132 104 H144 M132 124 H144 M132 144 H144 M132 164 H144" stroke="#fff" stroke-width="3" opacity=".8"/>`,
  diaper: (c) =>
    `<path d="M54 82 Q120 104 186 82 L178 142 Q150 152 142 192 L98 192 Q90 152 62 142 Z" fill="${c.main}"/><path d="M54 82 Q120 104 186 82 L184 96 Q120 118 56 96 Z" fill="${c.dark}"/><circle cx="120" cy="140" r="12" fill="${c.light}"/>`,
  shoe: (c) =>
    `<path d="M40 150 Q42 114 78 106 L110 88 Q126 110 152 114 Q192 122 200 150 Z" fill="${c.main}"/><rect x="36" y="148" width="168" height="18" rx="9" fill="${c.light}"/><path d="M92 104 L104 120 M104 96 L116 112 M116 92 L126 106" stroke="${c.dark}" stroke-width="4" stroke-linecap="round"/><path d="M140 130 Q170 126 192 142" fill="none" stroke="${c.dark}" stroke-width="5"/>`,
  ball: (c) =>
    `<circle cx="120" cy="126" r="66" fill="${c.main}"/><path d="M54 126 H186 M120 60 V192 M76 76 Q104 126 76 176 M164 76 Q136 126 164 176" fill="none" stroke="${c.dark}" stroke-width="4"/><circle cx="96" cy="98" r="14" fill="#fff" opacity=".25"/>`,
  dumbbell: (c) =>
    `<rect x="78" y="120" width="84" height="14" rx="6" fill="${c.dark}"/><rect x="50" y="88" width="30" height="78" rx="8" fill="${c.main}"/><rect x="160" y="88" width="30" height="78" rx="8" fill="${c.main}"/><rect x="36" y="104" width="16" height="46" rx="6" fill="${c.main}"/><rect x="188" y="104" width="16" height="46" rx="6" fill="${c.main}"/><rect x="56" y="96" width="6" height="60" rx="3" fill="#fff" opacity=".35"/>`,
  pump: (c) =>
    `<rect x="80" y="96" width="80" height="100" rx="18" fill="${c.main}"/><rect x="106" y="72" width="28" height="26" fill="${c.dark}"/><path d="M100 60 H150 V70 H134 V76 H106 V60 Z" fill="${c.dark}"/><rect x="92" y="126" width="56" height="40" rx="6" fill="${c.light}" opacity=".85"/>`,
  tube: (c) =>
    `<path d="M80 50 L160 50 L150 162 L90 162 Z" fill="${c.main}"/><rect x="78" y="42" width="84" height="12" rx="2" fill="${c.dark}"/><rect x="98" y="162" width="44" height="32" rx="5" fill="${c.dark}"/><rect x="96" y="86" width="48" height="40" rx="5" fill="${c.light}" opacity=".85"/>`,
  toothbrush: (c) =>
    `<rect x="110" y="84" width="22" height="112" rx="11" fill="${c.main}"/><rect x="114" y="40" width="14" height="48" rx="6" fill="${c.main}"/><rect x="100" y="42" width="14" height="30" rx="3" fill="${c.light}"/><circle cx="121" cy="128" r="5" fill="${c.dark}"/><rect x="96" y="186" width="50" height="12" rx="6" fill="${c.dark}"/>`,
  dryer: (c) =>
    `<rect x="52" y="70" width="124" height="52" rx="26" fill="${c.main}"/><rect x="168" y="80" width="20" height="32" rx="6" fill="${c.dark}"/><path d="M96 116 L128 116 L120 196 L100 196 Z" fill="${c.dark}"/><circle cx="78" cy="96" r="16" fill="${c.light}" opacity=".8"/>`,
  handbag: (c) =>
    `<path d="M88 104 Q88 56 120 56 Q152 56 152 104" fill="none" stroke="${c.dark}" stroke-width="8"/><path d="M60 100 L180 100 L170 192 L70 192 Z" fill="${c.main}"/><rect x="108" y="112" width="24" height="14" rx="3" fill="${c.light}"/>`,
  backpack: (c) =>
    `<path d="M96 64 Q96 40 120 40 Q144 40 144 64" fill="none" stroke="${c.dark}" stroke-width="8"/><rect x="70" y="60" width="100" height="136" rx="30" fill="${c.main}"/><rect x="86" y="126" width="68" height="52" rx="12" fill="${c.dark}" opacity=".8"/><rect x="96" y="134" width="48" height="6" rx="3" fill="${c.light}"/>`,
  suitcase: (c) =>
    `<rect x="106" y="40" width="28" height="30" rx="4" fill="none" stroke="${c.dark}" stroke-width="6"/><rect x="78" y="68" width="84" height="122" rx="12" fill="${c.main}"/><path d="M100 76 V182 M120 76 V182 M140 76 V182" stroke="${c.light}" stroke-width="4" opacity=".7"/><circle cx="94" cy="196" r="6" fill="${c.dark}"/><circle cx="146" cy="196" r="6" fill="${c.dark}"/>`,
  wallet: (c) =>
    `<rect x="50" y="90" width="140" height="86" rx="10" fill="${c.main}"/><path d="M50 100 Q50 90 60 90 L180 90 Q190 90 190 100 L190 124 L50 124 Z" fill="${c.dark}"/><circle cx="166" cy="124" r="9" fill="${c.light}"/>`,
  bowl: (c) =>
    `<ellipse cx="120" cy="126" rx="62" ry="14" fill="${c.light}"/><circle cx="104" cy="122" r="8" fill="${c.dark}" opacity=".5"/><circle cx="126" cy="118" r="8" fill="${c.dark}" opacity=".5"/><circle cx="142" cy="126" r="7" fill="${c.dark}" opacity=".5"/><path d="M52 130 L188 130 Q182 190 120 190 Q58 190 52 130 Z" fill="${c.main}"/><path d="M64 150 Q120 164 176 150" fill="none" stroke="#fff" stroke-width="4" opacity=".4"/>`,
  bone: (c) =>
    `<g transform="rotate(-30 120 128)"><rect x="72" y="112" width="96" height="32" rx="10" fill="${c.main}"/><circle cx="70" cy="110" r="20" fill="${c.main}"/><circle cx="70" cy="146" r="20" fill="${c.main}"/><circle cx="170" cy="110" r="20" fill="${c.main}"/><circle cx="170" cy="146" r="20" fill="${c.main}"/><rect x="84" y="120" width="72" height="6" rx="3" fill="#fff" opacity=".4"/></g>`,
} satisfies Record<string, Draw>;

export type ShapeName = keyof typeof SHAPES;

/** File-name stem per category: `beauty-03.svg`. */
export const CATEGORY_SLUGS: Record<Category, string> = {
  美妆: 'beauty',
  服饰: 'apparel',
  数码: 'digital',
  家居: 'home',
  食品: 'food',
  母婴: 'baby',
  运动: 'sports',
  个护: 'care',
  箱包: 'bags',
  宠物: 'pets',
};

/** Silhouettes each category's pictures use; a product type's `shape` must be one of its category's. */
export const CATEGORY_SHAPES: Record<Category, readonly ShapeName[]> = {
  美妆: ['bottle', 'jar', 'lipstick', 'compact'],
  服饰: ['tshirt', 'dress', 'coat', 'pants'],
  数码: ['phone', 'headphones', 'laptop', 'watch'],
  家居: ['lamp', 'cup', 'pillow', 'pot', 'box'],
  食品: ['snackbag', 'can', 'giftbox'],
  母婴: ['babybottle', 'diaper', 'can', 'tshirt'],
  运动: ['shoe', 'tshirt', 'ball', 'dumbbell'],
  个护: ['pump', 'tube', 'toothbrush', 'dryer'],
  箱包: ['handbag', 'backpack', 'suitcase', 'wallet'],
  宠物: ['foodbag', 'bone', 'bowl'],
};

/** Base hue per category, so a feed of cards reads by colour. */
const CATEGORY_HUES: Record<Category, number> = {
  美妆: 340,
  服饰: 205,
  数码: 225,
  家居: 32,
  食品: 18,
  母婴: 190,
  运动: 145,
  个护: 170,
  箱包: 280,
  宠物: 45,
};

export const VARIANTS_PER_CATEGORY = 10;

function imageName(category: Category, variant: number): string {
  return `${CATEGORY_SLUGS[category]}-${String(variant).padStart(2, '0')}`;
}

/** Variant numbers (1-based) whose picture shows `shape`, in a fixed order. */
export function variantsForShape(category: Category, shape: ShapeName): number[] {
  const shapes = CATEGORY_SHAPES[category];
  const out: number[] = [];
  for (let v = 1; v <= VARIANTS_PER_CATEGORY; v++) if (shapes[(v - 1) % shapes.length] === shape) out.push(v);
  return out;
}

/** The `pict_url` of one picture as packaged: `catalogue/img/beauty-03.webp` (drawn as `beauty-03.svg`). */
export function pictUrl(category: Category, variant: number): string {
  return `catalogue/img/${imageName(category, variant)}.${PICTURE_EXT}`;
}

function hsl(h: number, s: number, l: number): string {
  return `hsl(${((h % 360) + 360) % 360} ${s}% ${l}%)`;
}

function drawImage(category: Category, variant: number): string {
  const shapes = CATEGORY_SHAPES[category];
  const shape = shapes[(variant - 1) % shapes.length] as ShapeName;
  // Spread the ten variants ±40° around the category hue; the step is coprime with 10 so neighbours differ.
  const hue = CATEGORY_HUES[category] + (((variant * 37) % 80) - 40);
  const id = imageName(category, variant);
  const ink: Ink = { main: hsl(hue, 62, 58), dark: hsl(hue + 10, 45, 32), light: hsl(hue - 20, 80, 92) };
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 240 240" width="240" height="240">` +
    `<defs><linearGradient id="${id}-bg" x1="0" y1="0" x2="1" y2="1">` +
    `<stop offset="0" stop-color="${hsl(hue - 25, 70, 96)}"/><stop offset="1" stop-color="${hsl(hue + 20, 60, 86)}"/>` +
    `</linearGradient></defs>` +
    `<rect width="240" height="240" fill="url(#${id}-bg)"/>` +
    `<ellipse cx="120" cy="202" rx="78" ry="10" fill="${hsl(hue, 30, 40)}" opacity=".18"/>` +
    SHAPES[shape](ink) +
    `</svg>`
  );
}

/** Every catalogue picture, for the build hook to emit under `catalogue/img/`. */
export function generateCatalogueImages(): { file: string; svg: string }[] {
  const out: { file: string; svg: string }[] = [];
  for (const category of Object.keys(CATEGORY_SLUGS) as Category[]) {
    for (let v = 1; v <= VARIANTS_PER_CATEGORY; v++) {
      out.push({ file: `${imageName(category, v)}.svg`, svg: drawImage(category, v) });
    }
  }
  return out;
}
