import { defineMessages } from '@/utils/i18n';

export const welcomeMessages = defineMessages(
  {
    title: '欢迎使用种草 Zhongcao',
    lead: '刷微博时，种草会认出博主的导购博文（种草帖），在博文下方放一张商品卡片。',
    whatHeading: '它做什么',
    what: '卡片上有价格、优惠券、店铺和月销量。点「种草」收藏，点「立即购买」在信息流里直接下单（模拟订单，不会扣款），不用离开微博。',
    localHeading: '数据只在这台电脑上',
    local:
      '收藏、订单和浏览记录只保存在本机浏览器里，不上传到任何服务器。扩展只在 weibo.com 和 m.weibo.cn 上运行，随时可以在设置里删除全部数据。',
    hideHeading: '不想看卡片？',
    hide: '点卡片上的「不感兴趣」隐藏这条微博的卡片；在设置里可以屏蔽某位博主，或关掉「在微博信息流中显示商品卡片」。',
    settings: '打开设置',
    dashboard: '打开工作台',
    toolbar: '之后点浏览器工具栏上的种草图标，就能看到收藏、订单和设置。',
  },
  {
    title: 'Welcome to Zhongcao 种草',
    lead: "As you read Weibo, Zhongcao recognises influencers' shopping-guide posts and puts a product card under them.",
    whatHeading: 'What it does',
    what: 'A card shows the price, coupon, shop and monthly sales. Press “种草” to save an item, or “立即购买” to buy it right in the feed (a mock order: nothing is charged), without leaving Weibo.',
    localHeading: 'Your data stays on this computer',
    local:
      'Saves, orders and what you viewed are kept in this browser only and never uploaded anywhere. The extension runs only on weibo.com and m.weibo.cn, and you can delete all of its data in the settings at any time.',
    hideHeading: 'Rather not see cards?',
    hide: '“Not interested” on a card hides the cards of that post; in the settings you can mute an influencer, or turn off “Show product cards in the Weibo feed”.',
    settings: 'Open the settings',
    dashboard: 'Open the dashboard',
    toolbar: "Later, click Zhongcao's icon in the browser toolbar for your saves, orders and settings.",
  },
);
