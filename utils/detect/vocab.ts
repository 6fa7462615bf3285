/**
 * Shopping-guide vocabulary. Each entry is a pattern over normalised text with its weight; a word counts once per
 * post however often it repeats, and the total is capped by the detector. Single characters like 冲 only count in
 * their shopping sense (冲鸭, 闭眼冲), never in 冲突 / 冲浪.
 */
export interface GuideWord {
  word: string;
  re: RegExp;
  weight: number;
}

const w = (word: string, weight: number, re?: RegExp): GuideWord => ({ word, weight, re: re ?? new RegExp(word) });

export const GUIDE_WORDS: readonly GuideWord[] = [
  w('种草', 1, /种草|種草/),
  w('拔草', 1),
  w('好物', 1),
  w('回购', 1, /回购|回購/),
  w('安利', 1),
  w('平价替代', 1, /平价替代|平替/),
  w('空瓶', 1),
  w('闭眼入', 1, /闭眼(?:入|买|冲)/),
  w('同款', 1),
  w('买它', 1, /买它|買它/),
  w('入手', 0.5),
  w('囤货', 1, /囤货|囤起来|屯货/),
  w('必入', 1, /必入|必买|必备好物/),
  w('剁手', 0.5),
  w('宝藏', 0.5, /宝藏(?:单品|好物|店铺|小店)?/),
  w('性价比', 0.5),
  w('链接', 0.5, /链接|鏈接|戳这里|戳👉/),
  w('冲', 0.5, /冲鸭|冲呀|冲冲冲|快冲|可以冲|直接冲|速冲|冲就完事|给我冲/),
  w('券后', 1, /券后|领券|優惠券|优惠券|到手价|神价|好价|折后/),
  w('下单', 0.5, /下单|拍下|拍[一二两三]件/),
  w('测评', 0.5, /测评|评测|试用报告/),
  // Softer words of the genre: each alone says little, together they read as a recommendation.
  w('好用', 0.5, /好用|爱用|亲测/),
  w('推荐', 0.5, /推荐|强推|私藏|自用/),
  w('码住', 0.5, /码住|马住|收藏起来/),
  w('不亏', 0.5, /不亏|不踩雷|手慢无|绝了|yyds|真香/i),
  w('交作业', 0.5, /交作业|清单|合集|攻略|分享一下|好物分享/),
  // Taobao's share text, often obfuscated (淘♂寳♀) to get past keyword filters.
  w('淘宝分享', 1, /(?:复制|復制|长按|長按|打开|打開).{0,12}(?:淘.{0,3}[宝寳寶]|tao.?bao|天.{0,3}猫|[tT][Bb]\b)/i),
];
