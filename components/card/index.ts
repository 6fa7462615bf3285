export { cardMessages } from './messages';
export { ProductCard, type ProductCardProps } from './product-card';
export { type CardProduct, ProductCards, type ProductCardsProps } from './product-cards';
export { type OrderDraft, QuickBuySheet, type QuickBuySheetProps } from './quick-buy-sheet';
export { cardStyles, darkTokens, lightTokens } from './styles';
export { isTrusted } from './trusted';
