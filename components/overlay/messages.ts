import { defineMessages } from '@/utils/i18n';

export const t = defineMessages(
  {
    heading: '种草好物',
    why: '推荐理由',
    from: '来自 @{name}',
    price: '¥{price}',
    imageAlt: '{title} 商品图',
  },
  {
    heading: 'Shop this post',
    why: 'Why',
    from: 'from @{name}',
    price: '¥{price}',
    imageAlt: 'Photo of {title}',
  },
);
