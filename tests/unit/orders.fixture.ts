import type { CatalogueItem } from '@/utils/catalogue/schema';

/** Noon on 1 June 2025 in Beijing: the lipstick's coupon is valid. */
export const JUNE_1 = Date.UTC(2025, 5, 1, 4, 0, 0);

/** A lipstick at ¥19.90 with a 满50减5 coupon valid through 2025-06-30 (Beijing time). */
export function lipstick(over: Partial<CatalogueItem> = {}): CatalogueItem {
  return {
    item_id: '600000000001',
    title: '丝绒哑光口红 小金条 #316 豆沙色',
    short_title: '丝绒哑光口红',
    pict_url: 'catalogue/img/lipstick.svg',
    reserve_price: '29.90',
    zk_final_price: '19.90',
    user_type: 1,
    shop_title: '花西子官方旗舰店',
    nick: '花西子官方旗舰店',
    volume: 12345,
    provcity: '浙江 杭州',
    coupon_info: '满50元减5元',
    coupon_amount: '5.00',
    coupon_start_fee: '50.00',
    coupon_end_time: '2025-06-30',
    commission_rate: '1550',
    cat_name: '美妆',
    cat_leaf_name: '口红',
    brand: '花西子',
    item_url: 'https://detail.tmall.com/item.htm?id=600000000001',
    click_url: 'https://s.click.taobao.com/AbC1234',
    short_url: 'https://m.tb.cn/h.5aBcD9x',
    tpwd: 'uL1c0Yz0Zkk',
    skus: [
      { sku_id: '700000000001', props: { 色号: '#316 豆沙' }, price: '19.90', stock: 5 },
      { sku_id: '700000000002', props: { 色号: '#999 正红' }, price: '19.90', stock: 0 },
      { sku_id: '700000000003', props: { 色号: '礼盒装' }, price: '59.00', stock: 2 },
    ],
    ...over,
  };
}
