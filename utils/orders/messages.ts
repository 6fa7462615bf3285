import { defineMessages } from '@/utils/i18n';

/** Texts of refused orders. Keys are the `OrderErrorCode`s; the background answers in zh-CN, pages localise by code. */
export const orderMessages = defineMessages(
  {
    'unknown-item': '这件商品已下架或不在商品库中，无法下单。',
    'unknown-sku': '所选规格已不存在，请重新选择。',
    'bad-quantity': '购买数量须为 1 到 {max} 之间的整数。',
    'out-of-stock': '所选规格库存不足（剩余 {stock} 件），订单未提交。',
    'price-changed': '商品价格已变动，现价合计 {total}，订单未提交。请确认新价格后再下单。',
    'coupon-expired': '优惠券已过期，合计变为 {total}，订单未提交。',
    'bad-request': '下单请求无效，订单未提交。',
    failed: '下单失败，订单未提交。请稍后重试。',
  },
  {
    'unknown-item': 'This item is no longer in the catalogue, so it cannot be ordered.',
    'unknown-sku': 'The option you chose no longer exists. Please choose again.',
    'bad-quantity': 'Quantity must be a whole number from 1 to {max}.',
    'out-of-stock': 'Not enough stock for this option ({stock} left). The order was not placed.',
    'price-changed': 'The price has changed (new total {total}). The order was not placed; please check the new price.',
    'coupon-expired': 'The coupon has expired (new total {total}). The order was not placed.',
    'bad-request': 'Invalid order request. The order was not placed.',
    failed: 'The order could not be placed. Please try again later.',
  },
);
