import { defineMessages } from '@/utils/i18n';

export const t = defineMessages(
  {
    heading: '种草好物',
    why: '推荐理由',
    price: '¥{price}',
    imageAlt: '{title} 商品图',
  },
  {
    heading: 'Shop this post',
    why: 'Why',
    price: '¥{price}',
    imageAlt: 'Photo of {title}',
  },
);
