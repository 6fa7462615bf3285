export * from './fen';
export * from './messages';
export * from './order-id';
export * from './quote';
export type * from './schema';
export * from './validate';
