/**
 * Shopping-guide vocabulary. Each entry is a pattern over folded text (`foldShareText`: lower case, simplified,
 * look-alikes undone) with its weight; a word counts once per
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
  w('种草', 1),
  w('拔草', 1),
  w('好物', 1),
  w('回购', 1),
  w('安利', 1),
  w('平价替代', 1, /平价替代|平替/),
  w('空瓶', 1),
  w('闭眼入', 1, /闭眼(?:入|买|冲)/),
  w('同款', 1),
  w('买它', 1),
  w('入手', 0.5),
  w('囤货', 1, /囤货|囤起来|屯货/),
  w('必入', 1, /必入|必买|必备好物/),
  w('剁手', 0.5),
  w('宝藏', 0.5, /宝藏(?:单品|好物|店铺|小店)?/),
  w('性价比', 0.5),
  w('链接', 0.5, /链接|戳这里|戳链接/),
  w('冲', 0.5, /冲鸭|冲呀|冲冲冲|快冲|可以冲|直接冲|速冲|冲就完事|给我冲/),
  w('券后', 1, /券后|领券|优惠券|到手价|神价|好价|折后/),
  w('下单', 0.5, /下单|拍下|拍[一二两三]件/),
  w('测评', 0.5, /测评|评测|试用报告/),
  // Softer words of the genre: each alone says little, together they read as a recommendation.
  w('好用', 0.5, /好用|爱用|亲测/),
  w('推荐', 0.5, /推荐|强推|私藏|自用/),
  w('码住', 0.5, /码住|马住|收藏起来/),
  w('不亏', 0.5, /不亏|不踩雷|手慢无|绝了|yyds|真香/),
  w('交作业', 0.5, /交作业|清单|合集|(?:购物|省钱|双十一|双11|618|囤货|选购|好物|剁手)攻略|分享一下|好物分享/),
  // Taobao's share sheet, read from folded text (`foldShareText`: 復·制…淘♂寳♀, fu致, τаo宝аρρ, 咑閞), and its 2023+
  // form 【淘宝】https://e.tb.cn/h.… CZ0012 「title」.
  w(
    '淘宝分享',
    1,
    /(?:复制|长按|打开|点击链接|这行话|这段描述|这条信息|转移至|淘宝搜索).{0,40}?(?:淘宝|天猫|手机淘|taobao|\btb\b)|【(?:淘宝|天猫)】|淘口令|[em]\.tb\.cn\/h\.[a-z0-9]+\S*\s+[a-z]{2}\d{3,5}\b/,
  ),
];
