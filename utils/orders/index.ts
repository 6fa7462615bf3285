export * from './fen';
export * from './messages';
export * from './order-id';
export * from './quote';
export * from './validate';
export type * from './schema';
