import { generateCatalogue } from '@/utils/catalogue/generate';
import { generateCatalogueImages } from '@/utils/catalogue/images';
import type { CatalogueItem } from '@/utils/catalogue/schema';
import { makeOrderId } from '@/utils/orders/order-id';
import type { PlaceOrderRequest, PlaceOrderResult } from '@/utils/orders/schema';
import { validateOrderRequest } from '@/utils/orders/validate';
import type { Lang } from '@/utils/settings';
import type { Reason } from '@/utils/types';
import type { CardProduct, ProductCardsProps } from './product-cards';

/**
 * Sample props for screenshots and visual checks outside the extension: real catalogue items, pictures inlined as
 * data: URLs, and an order callback that prices against the same items the way the background does (in memory).
 */
let images: Map<string, string> | null = null;

export function previewImageSrc(pictUrl: string): string {
  images ??= new Map(
    generateCatalogueImages().map((i) => [
      `catalogue/img/${i.file}`,
      `data:image/svg+xml,${encodeURIComponent(i.svg)}`,
    ]),
  );
  return images.get(pictUrl) ?? '';
}

/** Items with a live coupon, several SKUs and one sold-out SKU come first: they show the most of the UI. */
export function previewItems(count: number, catalogue: CatalogueItem[] = generateCatalogue({ count: 400 })) {
  const score = (i: CatalogueItem) =>
    (i.coupon_info ? 2 : 0) + (i.skus.length > 1 ? 1 : 0) + (i.skus.some((s) => s.stock === 0) ? 1 : 0);
  return [...catalogue].sort((a, b) => score(b) - score(a)).slice(0, count);
}

export interface PreviewLog {
  action: string;
  itemId?: string;
}

export function previewCardsProps(
  opts: { count?: number; lang?: Lang; collapsed?: boolean; now?: number; log?: PreviewLog[] } = {},
): ProductCardsProps {
  const items = previewItems(opts.count ?? 1);
  const now = opts.now ?? Date.UTC(2026, 10, 24, 4);
  const log = opts.log ?? [];
  const products: CardProduct[] = items.map((item) => ({ item, link: item.short_url }));
  const reasons: Reason[] = [
    ...items.map((i) => ({
      code: 'short-link' as const,
      weight: 3,
      detail: `含淘宝短链 ${i.short_url}`,
      itemId: i.item_id,
    })),
    { code: 'guide-words', weight: 1, detail: '“闭眼入”“链接放这了”' },
    { code: 'author-tier', weight: 1, detail: '金V 美妆博主' },
  ];
  const byId = new Map(items.map((i) => [i.item_id, i]));
  return {
    postId: 'PrEv1ew01',
    author: { id: '1669879400', name: '种草小鹿' },
    products,
    reasons,
    savedIds: new Set(),
    collapsed: opts.collapsed ?? false,
    lang: opts.lang ?? 'zh-CN',
    now,
    imageSrc: previewImageSrc,
    onSave: (itemId) => log.push({ action: 'save', itemId }),
    onUnsave: (itemId) => log.push({ action: 'unsave', itemId }),
    onBuy: (itemId) => log.push({ action: 'buy', itemId }),
    onViewItem: (itemId) => log.push({ action: 'view', itemId }),
    onDismiss: () => log.push({ action: 'dismiss' }),
    onToggleCollapsed: (collapsed) => log.push({ action: collapsed ? 'collapse' : 'expand' }),
    onReasons: (itemId) => log.push({ action: 'reasons', itemId }),
    onPlaceOrder: async (req: PlaceOrderRequest): Promise<PlaceOrderResult> => {
      const item = byId.get(req.itemId);
      const v = validateOrderRequest(req, item, now);
      if (!v.ok) return { ok: false, code: v.error.code, message: v.error.message, vars: v.error.vars };
      log.push({ action: 'order', itemId: req.itemId });
      return {
        ok: true,
        order: {
          order_id: makeOrderId(now),
          item_id: req.itemId,
          sku_id: v.sku.sku_id,
          sku_props: v.sku.props,
          title: item?.title ?? '',
          pict_url: item?.pict_url ?? '',
          quantity: v.quote.quantity,
          unit_price_fen: v.quote.unitFen,
          coupon_fen: v.quote.couponFen,
          paid_fen: v.quote.totalFen,
          commission_rate_bp: Number(item?.commission_rate ?? 0),
          post_id: req.postId,
          author_id: req.authorId,
          author_name: req.authorName,
          created_at: now,
          status: 'paid',
        },
      };
    },
  };
}
