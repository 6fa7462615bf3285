import type { ShapeName } from './images';
import type { Category } from './schema';

/**
 * Word tables for the mock Alimama catalogue. Kept as space/comma-separated strings so the whole vocabulary stays
 * readable on one screen per category; `generate.ts` splits them once at module load.
 *
 * Brand notation: `名字` may sell every leaf of its category; `名字@叶子/叶子` only those leaves (so 漫步者 never sells
 * phones); a trailing `*` marks a small invented brand that mostly sells through C-shops (淘宝 rather than 天猫).
 * Axis notation: `名称:值,值` — a leading `$` means later values cost more (存储, 尺寸), so SKU prices climb with them.
 */
export interface TypeWords {
  /** `cat_leaf_name`, e.g. 口红 */
  leaf: string;
  /** Sibling product nouns of this leaf: a family of near-duplicates swaps one for another (粉饼 vs 散粉). */
  nouns: string;
  /** Sizes that become part of the product's name (50ml vs 100ml); later sizes cost more. */
  specs?: string;
  /** Typical final price range, yuan. */
  price: readonly [number, number];
  shape: ShapeName;
  axes: readonly string[];
  /** Keyword stuffing for the long title. */
  kw: string;
  /** Series/model names for this leaf only, replacing the category's (phone models are not watch models). */
  series?: string;
}

export interface CategoryWords {
  brands: string;
  series: string;
  types: readonly TypeWords[];
  /** Commission range in basis points: beauty pays far more than electronics. */
  commission: readonly [number, number];
  kw: string;
}

const COLOURS_CLOTHES = '颜色:黑色,白色,燕麦色,雾霾蓝,奶油杏,灰色,藏青,焦糖色,牛油果绿,酒红';
const SIZES_CLOTHES = '尺码:S,M,L,XL,XXL';

export const WORDS: Record<Category, CategoryWords> = {
  美妆: {
    brands:
      '雅诗兰黛 兰蔻 完美日记 花西子 珀莱雅 薇诺娜@面霜/精华/面膜 欧莱雅 毛戈平 彩棠 橘朵 卡姿兰 自然堂 百雀羚@面霜/精华/面膜 资生堂 植村秀 小奥汀 雾语* 栀言* 柒色花园* 云裳集*',
    series: '空气 丝绒 水光 柔雾 持妆 无瑕 玻尿酸 烟酰胺 小金管 雕花 山茶花 玫瑰 轻透 奶油肌 微醺 雪绒',
    commission: [1500, 4500],
    kw: '官方正品 保税直发 学生党 敏感肌可用 新品上市 七夕礼物 送女友',
    types: [
      {
        leaf: '口红',
        nouns: '丝绒唇釉 雾面口红 水光唇釉 唇泥',
        price: [59, 420],
        shape: 'lipstick',
        axes: ['色号:#01 正红,#02 豆沙,#03 枫叶红,#05 奶茶,#07 烂番茄,#09 脏橘,#12 玫瑰,#16 复古红'],
        kw: '显白 不沾杯 持久 黄皮友好 滋润不拔干 素颜可涂',
      },
      {
        leaf: '粉底',
        nouns: '持妆粉底液 粉底霜 气垫BB霜',
        specs: '30ml 40ml',
        price: [89, 520],
        shape: 'bottle',
        axes: ['色号:象牙白,自然色,暖米色,亮肤色,小麦色'],
        kw: '遮瑕 控油 持久不脱妆 干皮 油皮 养肤',
      },
      {
        leaf: '蜜粉',
        nouns: '蜜粉饼 散粉 定妆粉',
        price: [69, 380],
        shape: 'compact',
        axes: ['色号:01 透明色,02 自然色,03 亮肤色'],
        kw: '控油定妆 持久不脱妆 细腻 柔焦 防水防汗',
      },
      {
        leaf: '精华',
        nouns: '精华液 精华露 安瓶原液',
        specs: '30ml 50ml 100ml',
        price: [129, 1280],
        shape: 'bottle',
        axes: ['套装:单瓶装,两瓶装,赠小样套装'],
        kw: '修护 抗皱 紧致 提亮 淡纹 补水保湿 熬夜',
      },
      {
        leaf: '面霜',
        nouns: '面霜 保湿霜 眼霜',
        specs: '15ml 30ml 50ml',
        price: [99, 980],
        shape: 'jar',
        axes: ['套装:正装,正装+小样,双支装'],
        kw: '保湿 滋润 修护屏障 抗初老 秋冬 面部护肤',
      },
      {
        leaf: '眼影',
        nouns: '九色眼影盘 四色眼影 大地色眼影盘 单色眼影',
        price: [59, 560],
        shape: 'compact',
        axes: ['色号:大地色,玫瑰金,蜜桃粉,奶茶色,烟熏灰'],
        kw: '珠光 哑光 日常通勤 新手 不飞粉 显色',
      },
      {
        leaf: '面膜',
        nouns: '补水面膜 睡眠面膜 清洁泥膜',
        specs: '5片装 10片装 21片装',
        price: [39, 299],
        shape: 'jar',
        axes: ['功效:补水,美白,修护'],
        kw: '补水保湿 提亮 收缩毛孔 清洁 熬夜急救',
      },
    ],
  },
  服饰: {
    brands:
      '优衣库 太平鸟 波司登@羽绒服 森马 以纯 江南布衣 雪中飞@羽绒服 海澜之家 伊芙丽 初语 步履不停 日着 棉麻社* 熊本日记* 木槿生活* 南风小铺*',
    series: '基础款 法式 简约 复古 美式 日系 韩版 小香风 高级感 极简 慵懒风 通勤 宽松 修身',
    commission: [800, 3500],
    kw: '2026秋冬新款 女装 男装 百搭 显瘦 ins风 大码 情侣款 外穿',
    types: [
      {
        leaf: 'T恤',
        nouns: '纯棉短袖T恤 圆领T恤 重磅T恤 印花T恤',
        price: [39, 199],
        shape: 'tshirt',
        axes: [COLOURS_CLOTHES, SIZES_CLOTHES],
        kw: '纯棉 透气 不变形 oversize 打底',
      },
      {
        leaf: '连衣裙',
        nouns: '碎花连衣裙 茶歇裙 针织连衣裙 吊带长裙',
        price: [99, 699],
        shape: 'dress',
        axes: [COLOURS_CLOTHES, SIZES_CLOTHES],
        kw: '收腰 气质 温柔风 度假 显瘦 长裙',
      },
      {
        leaf: '羽绒服',
        nouns: '轻薄羽绒服 长款羽绒服 连帽羽绒服 短款面包服',
        price: [299, 1999],
        shape: 'coat',
        axes: [COLOURS_CLOTHES, SIZES_CLOTHES],
        kw: '90白鸭绒 保暖 加厚 防风 冬季外套',
      },
      {
        leaf: '卫衣',
        nouns: '连帽卫衣 圆领卫衣 加绒卫衣',
        price: [89, 399],
        shape: 'tshirt',
        axes: [COLOURS_CLOTHES, SIZES_CLOTHES],
        kw: '加绒加厚 宽松 情侣 潮牌 上衣',
      },
      {
        leaf: '牛仔裤',
        nouns: '直筒牛仔裤 阔腿牛仔裤 小脚牛仔裤',
        price: [99, 499],
        shape: 'pants',
        axes: ['颜色:浅蓝,深蓝,黑色,烟灰', '尺码:25,26,27,28,29,30,31,32'],
        kw: '高腰 显瘦 弹力 九分 垂感',
      },
      {
        leaf: '衬衫',
        nouns: '牛津纺衬衫 亚麻衬衫 条纹衬衫',
        price: [79, 399],
        shape: 'tshirt',
        axes: [COLOURS_CLOTHES, SIZES_CLOTHES],
        kw: '长袖 免烫 商务 休闲 抗皱',
      },
      {
        leaf: '毛针织衫',
        nouns: '羊毛开衫 高领毛衣 羊绒衫',
        price: [129, 1299],
        shape: 'coat',
        axes: [COLOURS_CLOTHES, SIZES_CLOTHES],
        kw: '软糯 100%羊毛 不起球 慵懒 内搭',
      },
    ],
  },
  数码: {
    brands:
      '小米 华为 苹果 OPPO vivo 荣耀 一加@手机/耳机 联想@笔记本/平板 漫步者@耳机 倍思@耳机/充电 绿联@充电/耳机 安克@充电 索尼@耳机 趣听*@耳机 拾光*@充电/智能手表 墨鱼科技*@充电/耳机',
    series: 'K80 X30 Note14 Pro12 Nova13 S24 Air3 Lite5 Max8 Neo7 Ace5 GT6 Mini4',
    commission: [100, 800],
    kw: '官方正品 国家补贴 顺丰包邮 新品 全国联保 12期免息',
    types: [
      {
        leaf: '手机',
        nouns: '5G手机 拍照手机 游戏手机',
        price: [999, 7999],
        shape: 'phone',
        axes: ['颜色:曜石黑,雪域白,远峰蓝,薄荷绿,钛金色', '$存储:8+256GB,12+256GB,12+512GB,16+1TB'],
        kw: '骁龙 长续航 超级快充 护眼屏 旗舰 学生',
      },
      {
        leaf: '耳机',
        nouns: '真无线蓝牙耳机 降噪耳机 头戴式耳机 运动耳机',
        series: 'Buds5 FreePods3 Air3 Pro2 Studio Neo Sport Lite SE',
        price: [99, 1999],
        shape: 'headphones',
        axes: ['颜色:星空黑,珍珠白,冰川蓝,樱花粉'],
        kw: '主动降噪 超长续航 低延迟 游戏 HiFi音质 入耳式',
      },
      {
        leaf: '笔记本',
        nouns: '轻薄笔记本电脑 游戏本 二合一笔记本',
        series: 'Book14 Air15 Pro16 X1 Yoga7 Y9000P RedmiBook',
        price: [2999, 12999],
        shape: 'laptop',
        axes: ['颜色:深空灰,银色', '$配置:i5/16G/512G,i7/16G/1T,i7/32G/1T,i9/32G/2T'],
        kw: '高刷屏 办公 设计 学生 长续航 轻薄本',
      },
      {
        leaf: '平板',
        nouns: '平板电脑 学习平板 护眼平板',
        series: 'Pad6 PadAir MatePad11 PadPro PadSE TabS9',
        price: [999, 5999],
        shape: 'phone',
        axes: ['颜色:深空灰,银色,星光白', '$存储:8+128GB,8+256GB,12+512GB'],
        kw: '网课 追剧 绘画 护眼 大屏',
      },
      {
        leaf: '智能手表',
        nouns: '智能手表 运动手环 儿童手表',
        series: 'Watch5 GT5 Band9 Fit3 WatchS3 Kids7',
        price: [149, 3999],
        shape: 'watch',
        axes: ['颜色:曜石黑,星光银,草木绿', '表带:氟橡胶表带,皮质表带,金属表带'],
        kw: '心率血氧 睡眠监测 NFC 防水 长续航',
      },
      {
        leaf: '充电',
        nouns: '磁吸充电宝 氮化镓充电器 无线充电宝',
        series: 'MagGo 能量棒 口袋 闪充 Nano Prime',
        specs: '10000mAh 20000mAh',
        price: [59, 399],
        shape: 'phone',
        axes: ['颜色:黑色,白色,薄荷绿'],
        kw: '快充 小巧便携 可上飞机 PD快充 大容量',
      },
    ],
  },
  家居: {
    brands:
      '无印良品 网易严选 苏泊尔@锅具/水杯 膳魔师@水杯 象印@水杯/锅具 富安娜@床品/枕头 水星家纺@床品/枕头 罗莱@床品/枕头 欧普照明@灯具 雷士照明@灯具 乐扣乐扣@水杯/收纳 木与家* 栖居生活* 南山日记*',
    series: '北欧 原木 奶油风 侘寂 简约 轻奢 ins风 日式 云朵 小方 极简 复古',
    commission: [500, 2500],
    kw: '家用 宿舍 卧室 客厅 乔迁礼物 高颜值 包邮',
    types: [
      {
        leaf: '灯具',
        nouns: '护眼台灯 LED床头灯 氛围落地灯',
        price: [59, 599],
        shape: 'lamp',
        axes: ['颜色:奶白,原木色,雅黑'],
        kw: '护眼 无频闪 可调光 充电 阅读 小夜灯',
      },
      {
        leaf: '水杯',
        nouns: '保温杯 玻璃水杯 马克杯 吸管杯',
        specs: '350ml 500ml 750ml',
        price: [29, 299],
        shape: 'cup',
        axes: ['颜色:奶油白,雾霾蓝,樱花粉,燕麦色,墨绿'],
        kw: '316不锈钢 大容量 便携 男女 办公室 保冷',
      },
      {
        leaf: '床品',
        nouns: '纯棉四件套 天丝四件套 水洗棉床单',
        price: [129, 899],
        shape: 'pillow',
        axes: ['颜色:奶咖,雾蓝,浅灰,牛油果绿', '$尺寸:1.5m床,1.8m床,2.0m床'],
        kw: '全棉 亲肤 裸睡 被套 床笠 学生宿舍',
      },
      {
        leaf: '枕头',
        nouns: '乳胶枕 记忆棉枕头 羽绒枕',
        price: [49, 399],
        shape: 'pillow',
        axes: ['款式:低枕,中枕,高枕'],
        kw: '护颈椎 助睡眠 单人 成人 一对装',
      },
      {
        leaf: '锅具',
        nouns: '不粘炒锅 珐琅铸铁锅 多功能电煮锅',
        specs: '24cm 28cm 32cm',
        price: [89, 899],
        shape: 'pot',
        axes: ['颜色:曜石黑,樱桃红,奶白'],
        kw: '无涂层 少油烟 燃气电磁炉通用 家用',
      },
      {
        leaf: '收纳',
        nouns: '桌面收纳盒 折叠收纳箱 衣柜收纳袋',
        price: [19, 159],
        shape: 'box',
        axes: ['颜色:透明,白色,灰色', '$规格:小号,中号,大号'],
        kw: '大容量 防尘 整理 可叠加 宿舍神器',
      },
    ],
  },
  食品: {
    brands:
      '三只松鼠 良品铺子 百草味 洽洽@坚果/零食 卫龙@零食/速食 好欢螺@速食 李子柒@速食/零食 西湖牌@茶叶 艺福堂@茶叶 三顿半@咖啡 雀巢@咖啡 稻香村@礼盒 来伊份 王小卤@零食 山野小铺* 咔滋星球* 茶小满*@茶叶',
    series: '每日 经典 原味 秘制 手工 有机 小包装 家庭装 网红 老字号 鲜',
    commission: [600, 3000],
    kw: '零食大礼包 休闲食品 办公室 解馋 送礼 年货 新日期',
    types: [
      {
        leaf: '坚果',
        nouns: '每日坚果 夏威夷果 碧根果 混合坚果',
        specs: '250g 500g 750g',
        price: [29, 199],
        shape: 'snackbag',
        axes: ['口味:原味,奶油味,椒盐味,焦糖味'],
        kw: '孕妇 儿童 营养 炒货 干果',
      },
      {
        leaf: '零食',
        nouns: '牛肉干 猪肉脯 辣条 芒果干 海苔脆',
        specs: '100g 200g 500g',
        price: [9.9, 129],
        shape: 'snackbag',
        axes: ['口味:原味,香辣味,黑椒味,麻辣味'],
        kw: '解馋 追剧 小零食 独立包装 网红',
      },
      {
        leaf: '茶叶',
        nouns: '明前龙井 正山小种红茶 白茶饼 茉莉花茶',
        specs: '50g 100g 250g',
        price: [49, 899],
        shape: 'can',
        axes: ['包装:罐装,礼盒装'],
        kw: '2026新茶 特级 浓香型 口粮茶 送长辈',
      },
      {
        leaf: '咖啡',
        nouns: '冻干咖啡粉 挂耳咖啡 速溶美式',
        specs: '24颗 48颗',
        price: [29, 199],
        shape: 'can',
        axes: ['风味:经典,深烘,拿铁风味'],
        kw: '0蔗糖 提神 冷萃 黑咖啡 健身',
      },
      {
        leaf: '礼盒',
        nouns: '流心月饼礼盒 糕点礼盒 年货大礼包',
        price: [49, 399],
        shape: 'giftbox',
        axes: ['规格:标准装,豪华装'],
        kw: '送礼 团购 中秋 春节 伴手礼',
      },
      {
        leaf: '速食',
        nouns: '螺蛳粉 自热火锅 酸辣粉',
        specs: '3袋装 6袋装 12袋装',
        price: [19, 99],
        shape: 'snackbag',
        axes: ['口味:原味,加辣,特辣'],
        kw: '宿舍 夜宵 懒人 速食 方便',
      },
    ],
  },
  母婴: {
    brands:
      '飞鹤@奶粉 爱他美@奶粉 君乐宝@奶粉 惠氏@奶粉 帮宝适@纸尿裤 花王@纸尿裤 好奇@纸尿裤 贝亲@奶瓶/辅食 可优比@奶瓶/童装 英氏@辅食/童装 巴拉巴拉@童装 嘉宝@辅食 戴维贝拉@童装 小象萌*@奶瓶/童装 棉小芽*@童装',
    series: '星飞帆 臻稚 启赋 a2 有机 倍护 舒睡 鲸鱼 小森林 萌趣',
    commission: [300, 2000],
    kw: '官方正品 新生儿 宝宝 婴儿 母婴 顺丰',
    types: [
      {
        leaf: '奶粉',
        nouns: '婴幼儿配方奶粉 有机奶粉 羊奶粉',
        specs: '1段800g 2段800g 3段800g',
        price: [199, 499],
        shape: 'can',
        axes: ['$规格:1罐,2罐,6罐整箱'],
        kw: '新国标 易吸收 含乳铁蛋白 0-6月 6-12月',
      },
      {
        leaf: '纸尿裤',
        nouns: '纸尿裤 拉拉裤 超薄纸尿裤',
        price: [79, 259],
        shape: 'diaper',
        axes: ['尺码:NB,S,M,L,XL,XXL'],
        kw: '超薄 透气 干爽 尿不湿 整箱',
      },
      {
        leaf: '奶瓶',
        nouns: '玻璃奶瓶 PPSU奶瓶 宽口径奶瓶',
        specs: '160ml 240ml 300ml',
        price: [49, 259],
        shape: 'babybottle',
        axes: ['奶嘴:S号,M号,L号'],
        kw: '防胀气 防摔 新生儿 宽口 仿母乳',
      },
      {
        leaf: '童装',
        nouns: '婴儿连体衣 儿童羽绒服 宝宝纯棉套装',
        price: [59, 499],
        shape: 'tshirt',
        axes: ['颜色:奶白,浅粉,雾蓝,燕麦', '尺码:66cm,73cm,80cm,90cm,100cm,110cm'],
        kw: 'A类 纯棉 男童 女童 秋冬',
      },
      {
        leaf: '辅食',
        nouns: '婴儿米粉 宝宝面条 果泥',
        specs: '150g 225g',
        price: [29, 99],
        shape: 'can',
        axes: ['口味:原味,胡萝卜,南瓜,苹果'],
        kw: '高铁 无添加 6月+ 营养 辅食添加',
      },
    ],
  },
  运动: {
    brands:
      '李宁 安踏 特步 361度 匹克 鸿星尔克 耐克 阿迪达斯 Keep@健身/运动服 迪卡侬 斯伯丁@球类 尤尼克斯@球类 风行者* 跃动* 极速蜂*',
    series: '飞电 超轻 赤兔 马赫 驭帅 氮科技 烈骏 云朵 疾风 逐日 闪电',
    commission: [500, 3000],
    kw: '官方正品 2026新款 男女 透气 减震 运动',
    types: [
      {
        leaf: '跑鞋',
        nouns: '缓震跑步鞋 竞速跑鞋 休闲运动鞋 篮球鞋',
        price: [199, 1299],
        shape: 'shoe',
        axes: ['颜色:黑白,纯白,荧光黄,天空蓝,酒红', '尺码:38,39,40,41,42,43,44'],
        kw: '碳板 回弹 轻便 防滑 耐磨 马拉松',
      },
      {
        leaf: '运动服',
        nouns: '速干T恤 运动套装 防风外套 瑜伽裤',
        price: [79, 599],
        shape: 'tshirt',
        axes: ['颜色:黑色,白色,灰色,藏青', SIZES_CLOTHES],
        kw: '速干 健身 跑步 训练 冰丝',
      },
      {
        leaf: '球类',
        nouns: '比赛篮球 训练足球 羽毛球拍',
        price: [59, 899],
        shape: 'ball',
        axes: ['规格:5号,7号,标准'],
        kw: '室内外通用 耐磨 手感好 比赛用',
      },
      {
        leaf: '健身',
        nouns: '可调节哑铃 瑜伽垫 筋膜枪 跳绳',
        price: [29, 999],
        shape: 'dumbbell',
        axes: ['$规格:入门款,进阶款,专业款'],
        kw: '家用 减脂 塑形 静音 防滑',
      },
    ],
  },
  个护: {
    brands:
      '海飞丝@洗发 潘婷@洗发 舒肤佳@沐浴 多芬@洗发/沐浴 云南白药@口腔 舒适达@口腔 高露洁@口腔 飞利浦@电动牙刷/个护电器 欧乐B@电动牙刷 戴森@个护电器 徕芬@个护电器 飞科@个护电器 芙丽芳丝@洁面 至本@洁面 滋源@洗发 森林浴*@洗发/沐浴 白茶研究所*@沐浴/洁面',
    series: '清爽 去屑 氨基酸 无硅油 香氛 樱花 白茶 海盐 小白瓶 温和 强韧',
    commission: [1000, 4000],
    kw: '官方正品 家庭装 持久留香 男女通用 囤货',
    types: [
      {
        leaf: '洗发',
        nouns: '洗发水 护发素 发膜',
        specs: '400ml 500ml 750ml',
        price: [29, 199],
        shape: 'pump',
        axes: ['香型:清爽控油,滋润修护,去屑止痒'],
        kw: '控油蓬松 去屑止痒 柔顺 修护毛躁',
      },
      {
        leaf: '沐浴',
        nouns: '沐浴露 身体乳 香氛沐浴露',
        specs: '300ml 500ml 1L',
        price: [29, 199],
        shape: 'pump',
        axes: ['香型:樱花,白茶,海盐,小苍兰'],
        kw: '持久留香 保湿 滋润 去鸡皮 秋冬',
      },
      {
        leaf: '口腔',
        nouns: '美白牙膏 护龈牙膏 漱口水',
        specs: '120g 180g',
        price: [9.9, 99],
        shape: 'tube',
        axes: ['$规格:1支,3支装,5支装'],
        kw: '清新口气 去黄 防蛀 抗敏感',
      },
      {
        leaf: '电动牙刷',
        nouns: '声波电动牙刷 冲牙器',
        price: [99, 899],
        shape: 'toothbrush',
        axes: ['颜色:白色,黑色,粉色,薄荷绿'],
        kw: '情侣款 充电式 软毛 智能 护龈',
      },
      {
        leaf: '个护电器',
        nouns: '高速吹风机 电动剃须刀 卷发棒',
        price: [99, 2999],
        shape: 'dryer',
        axes: ['颜色:紫红,银灰,雾白'],
        kw: '负离子 速干 护发 大功率 礼物',
      },
      {
        leaf: '洁面',
        nouns: '氨基酸洗面奶 卸妆油 卸妆水',
        specs: '100g 150ml 200ml',
        price: [39, 299],
        shape: 'tube',
        axes: ['规格:单支,两支装'],
        kw: '温和 深层清洁 敏感肌 控油 泡沫细腻',
      },
    ],
  },
  箱包: {
    brands:
      '新秀丽@行李箱/双肩包 外交官@行李箱 90分@行李箱/双肩包 卡拉羊@双肩包 稻草人 金利来@钱包/双肩包 迈克高仕@女包/钱包 小CK@女包/钱包 鹿与森* 栗子包铺* 途行者*@行李箱/双肩包',
    series: '通勤 复古 轻奢 极简 大容量 小众 法式 撞色 云朵 经典',
    commission: [800, 3500],
    kw: '2026新款 百搭 高级感 送女友 女士 男士 大容量',
    types: [
      {
        leaf: '女包',
        nouns: '托特包 斜挎包 腋下包 链条小方包',
        price: [99, 1999],
        shape: 'handbag',
        axes: ['颜色:黑色,奶白,焦糖,酒红,橄榄绿'],
        kw: '真皮 单肩 手提 斜挎 质感',
      },
      {
        leaf: '双肩包',
        nouns: '通勤双肩包 电脑背包 学生书包',
        price: [79, 699],
        shape: 'backpack',
        axes: ['颜色:黑色,灰色,藏青', '尺寸:14英寸,15.6英寸'],
        kw: '防泼水 大容量 商务 出差 轻便',
      },
      {
        leaf: '行李箱',
        nouns: '铝框拉杆箱 万向轮行李箱 登机箱',
        specs: '20寸 24寸 28寸',
        price: [199, 1999],
        shape: 'suitcase',
        axes: ['颜色:月光银,曜石黑,樱花粉,薄荷绿'],
        kw: '静音万向轮 密码锁 耐摔 大容量 旅行',
      },
      {
        leaf: '钱包',
        nouns: '长款钱包 零钱包 卡包',
        price: [49, 899],
        shape: 'wallet',
        axes: ['颜色:黑色,咖啡色,酒红'],
        kw: '真皮 多卡位 小巧 送男友 礼盒',
      },
    ],
  },
  宠物: {
    brands:
      '皇家@猫粮/狗粮 渴望@猫粮/狗粮 麦富迪 伯纳天纯@猫粮/狗粮 比瑞吉@猫粮/狗粮 小佩@宠物用品 霍曼@宠物用品 卫仕@宠物零食 宠幸@宠物零食 网易严选 喵小馋* 汪星球* 毛孩子工坊*',
    series: '全价 无谷 鲜肉 冻干 低敏 高蛋白 益生菌 鸡肉 三文鱼 牛肉',
    commission: [800, 3000],
    kw: '官方正品 营养 美毛 增肥 发腮 囤货装',
    types: [
      {
        leaf: '猫粮',
        nouns: '成猫粮 冻干猫粮 幼猫粮',
        specs: '1.5kg 2kg 5kg 10kg',
        price: [49, 599],
        shape: 'foodbag',
        axes: ['口味:鸡肉味,鱼肉味,牛肉味'],
        kw: '英短 布偶 美短 全阶段 主粮',
      },
      {
        leaf: '狗粮',
        nouns: '成犬粮 小型犬狗粮 幼犬粮',
        specs: '1.5kg 2kg 5kg 10kg',
        price: [59, 699],
        shape: 'foodbag',
        axes: ['口味:鸡肉味,羊肉味,牛肉味'],
        kw: '泰迪 金毛 柯基 比熊 通用',
      },
      {
        leaf: '猫砂',
        nouns: '豆腐猫砂 膨润土猫砂 混合猫砂',
        specs: '2.5kg 6L 10kg',
        price: [19, 129],
        shape: 'foodbag',
        axes: ['$规格:1包,4包,整箱'],
        kw: '除臭 低尘 结团快 可冲厕所',
      },
      {
        leaf: '宠物零食',
        nouns: '冻干零食 猫条 磨牙棒',
        specs: '50g 100g 30支装',
        price: [19, 129],
        shape: 'bone',
        axes: ['口味:鸡肉,三文鱼,鸭肉,蛋黄'],
        kw: '训练奖励 补水 营养 洁齿',
      },
      {
        leaf: '宠物用品',
        nouns: '宠物碗 自动喂食器 智能饮水机 逗猫棒',
        price: [19, 499],
        shape: 'bowl',
        axes: ['颜色:奶白,雾蓝,樱花粉'],
        kw: '防打翻 静音 大容量 猫咪 狗狗',
      },
    ],
  },
};

/** `provcity` as Taobao prints it: "省 市", or the city alone for municipalities. */
export const PROVCITIES =
  '浙江 杭州|浙江 金华|浙江 宁波|广东 广州|广东 深圳|广东 东莞|上海|北京|江苏 苏州|江苏 南京|福建 泉州|福建 厦门|山东 青岛|四川 成都|湖北 武汉|安徽 芜湖|湖南 长沙|河南 郑州|重庆|天津'.split(
    '|',
  );

/** Pieces of C-shop (淘宝) shop names: 小鹿 + 美妆 + 小铺. */
export const SHOP_PREFIXES =
  '小鹿 阿珍 橙子 木木 糖果 喵喵 晴天 蜜桃 一号 老王 暖暖 星河 北海 南风 柚子 菠萝 小满 十七 大白 青柠'.split(' ');
export const SHOP_SUFFIXES = '小铺 精品店 工作室 严选 的店 百货 优选 生活馆 专营店 集合店'.split(' ');
export const SHOP_THEMES: Record<Category, string> = {
  美妆: '美妆',
  服饰: '衣橱',
  数码: '数码',
  家居: '家居',
  食品: '零食',
  母婴: '母婴',
  运动: '运动',
  个护: '好物',
  箱包: '箱包',
  宠物: '萌宠',
};

export const TMALL_TITLE_PREFIXES = ['【官方正品】', '【官方旗舰店】', '【顺丰速发】', '【新品首发】', '', ''];
export const TAOBAO_TITLE_PREFIXES = ['【现货速发】', '【正品保障】', '【包邮】', '【限时特惠】', '', '', ''];
/** Appended to a short title only to break a collision with an existing product. */
export const EDITIONS = ['升级款', '2026新款', '礼盒装', '套装', '经典款', '限定款'];
