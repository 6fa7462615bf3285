import { type KeyboardEvent, type MouseEvent, useEffect, useId, useLayoutEffect, useRef, useState } from 'react';
import type { CatalogueItem, Sku } from '@/utils/catalogue/schema';
import type { OrderRow } from '@/utils/db';
import { formatFen, formatFenShort, yuanToFen } from '@/utils/orders/fen';
import { orderMessages } from '@/utils/orders/messages';
import { couponLabelEn, couponLabelZh, MAX_QUANTITY, quoteOrder } from '@/utils/orders/quote';
import type { PlaceOrderRequest, PlaceOrderResult } from '@/utils/orders/schema';
import type { Lang } from '@/utils/settings';
import { cardMessages as t } from './messages';
import { isTrusted } from './trusted';

export type OrderDraft = Pick<PlaceOrderRequest, 'itemId' | 'skuId' | 'quantity' | 'expectedTotalFen'>;

export interface QuickBuySheetProps {
  item: CatalogueItem;
  lang: Lang;
  now: number;
  imageSrc: (pictUrl: string) => string;
  /** Places the order (through the background); the sheet shows the outcome. */
  onPlaceOrder: (draft: OrderDraft) => Promise<PlaceOrderResult>;
  onClose: () => void;
  /** Focus goes back here when the sheet closes (the 立即购买 button that opened it). */
  returnFocusTo?: HTMLElement | null;
}

/** 确认下单 does nothing this soon after the sheet opens: a click or Enter meant for what was there before lands here. */
export const CONFIRM_GUARD_MS = 500;
/** Focus that follows the person's own pointer or key input within this long counts as theirs. */
const FOCUS_FROM_INPUT_MS = 1_000;

const FOCUSABLE = 'button:not([disabled]), input:not([disabled]), a[href], [tabindex]:not([tabindex="-1"])';

type Phase = { kind: 'form'; error: string | null } | { kind: 'placing' } | { kind: 'done'; order: OrderRow };

function skuName(sku: Sku): string {
  return Object.values(sku.props).join(' / ');
}

function activeIn(el: HTMLElement): Element | null {
  const root = el.getRootNode() as Document | ShadowRoot;
  return root.activeElement ?? null;
}

export function QuickBuySheet(props: QuickBuySheetProps) {
  const { item, lang, now } = props;
  const titleId = useId();
  const qtyId = useId();
  const skuName_ = useId();
  const dialogRef = useRef<HTMLDivElement>(null);
  const doneRef = useRef<HTMLButtonElement>(null);
  const firstInStock = item.skus.find((s) => s.stock > 0) ?? null;
  const [skuId, setSkuId] = useState<string | null>(firstInStock?.sku_id ?? null);
  const [qtyText, setQtyText] = useState('1');
  const [phase, setPhase] = useState<Phase>({ kind: 'form', error: null });
  const openedAt = useRef(performance.now());
  /** Last trusted pointer or key input inside the sheet; opening counts (the person pressed 立即购买). */
  const lastInput = useRef(openedAt.current);
  /** Whether Enter in a field may submit: false after focus that no input of the person's brought (a page's focus()). */
  const enterArmed = useRef(true);

  const sku = item.skus.find((s) => s.sku_id === skuId) ?? null;
  const maxQty = sku ? Math.min(sku.stock, MAX_QUANTITY) : 0;
  const parsedQty = Number.parseInt(qtyText, 10);
  const quantity = Number.isFinite(parsedQty) ? Math.min(Math.max(parsedQty, 1), Math.max(maxQty, 1)) : 1;
  const quote = sku ? quoteOrder(item, sku.sku_id, quantity, now) : null;
  const couponLabel = (terms: Parameters<typeof couponLabelZh>[0]) =>
    lang === 'en' ? couponLabelEn(terms) : couponLabelZh(terms);

  // Move focus into the dialog once, on open (re-running on later renders would steal focus back).
  useLayoutEffect(() => {
    const dialog = dialogRef.current;
    const target =
      dialog?.querySelector<HTMLInputElement>('input[type=radio]:checked') ??
      dialog?.querySelector<HTMLElement>(FOCUSABLE);
    target?.focus({ preventScroll: true });
  }, []);

  // Return focus to the opener on close, once the render that removed the sheet is complete: until then the cards
  // around it are still `inert` and focus would fail. (A microtask is after the commit whether the renderer runs
  // passive cleanups after it, as React does, or during it, as Preact does.)
  // biome-ignore lint/correctness/useExhaustiveDependencies: the opener is fixed for the sheet's lifetime
  useEffect(() => {
    const opener = props.returnFocusTo;
    return () => {
      queueMicrotask(() => {
        if (opener?.isConnected) opener.focus({ preventScroll: true });
      });
    };
  }, []);

  useEffect(() => {
    if (phase.kind === 'done') doneRef.current?.focus({ preventScroll: true });
  }, [phase.kind]);

  const close = () => {
    if (phase.kind === 'placing') return; // the order is in flight; closing now would hide its outcome
    props.onClose();
  };

  const submit = async () => {
    if (!sku || !quote || phase.kind === 'placing') return;
    if (performance.now() - openedAt.current < CONFIRM_GUARD_MS) return;
    setQtyText(String(quantity));
    setPhase({ kind: 'placing' });
    let res: PlaceOrderResult;
    try {
      res = await props.onPlaceOrder({
        itemId: item.item_id,
        skuId: sku.sku_id,
        quantity,
        expectedTotalFen: quote.totalFen,
      });
    } catch {
      res = { ok: false, code: 'failed', message: orderMessages('zh-CN', 'failed') };
    }
    if (res.ok) setPhase({ kind: 'done', order: res.order });
    else setPhase({ kind: 'form', error: orderMessages(lang, res.code, res.vars) });
  };

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const dialog = dialogRef.current;
    if (!dialog) return;
    if (e.key === 'Escape') {
      e.stopPropagation(); // Weibo closes its own layers on Escape; this one is ours
      if (isTrusted(e)) close();
      return;
    }
    if (e.key === 'Tab') {
      const items = [...dialog.querySelectorAll<HTMLElement>(FOCUSABLE)].filter(
        // Only the checked radio of a group is in the Tab sequence.
        (el) => !(el instanceof HTMLInputElement && el.type === 'radio' && !el.checked),
      );
      const first = items[0];
      const last = items[items.length - 1];
      if (!first || !last) return;
      const active = activeIn(dialog);
      if (e.shiftKey && (active === first || !dialog.contains(active))) {
        e.preventDefault();
        last.focus();
      } else if (!e.shiftKey && (active === last || !dialog.contains(active))) {
        e.preventDefault();
        first.focus();
      }
      return;
    }
    // Enter in a field confirms, as in a native form; buttons handle Enter themselves.
    if (e.key === 'Enter' && e.target instanceof HTMLInputElement && phase.kind === 'form') {
      e.preventDefault();
      if (isTrusted(e) && enterArmed.current) void submit();
    }
  };

  const guard = (fn: () => void) => (e: MouseEvent) => {
    if (!isTrusted(e)) return;
    fn();
  };

  return (
    <div
      ref={dialogRef}
      className="zc-sheet"
      role="dialog"
      aria-modal="true"
      aria-labelledby={titleId}
      onKeyDown={onKeyDown}
      onPointerDownCapture={(e) => {
        if (!isTrusted(e)) return;
        lastInput.current = performance.now();
        enterArmed.current = true;
      }}
      onKeyDownCapture={(e) => {
        if (isTrusted(e)) lastInput.current = performance.now();
      }}
      onFocusCapture={() => {
        enterArmed.current = performance.now() - lastInput.current <= FOCUS_FROM_INPUT_MS;
      }}
    >
      <div className="zc-sheet-head">
        <img className="zc-sheet-img" src={props.imageSrc(item.pict_url) || undefined} alt="" width={56} height={56} />
        <div className="zc-sheet-heading">
          <h3 id={titleId} className="zc-sheet-title">
            {phase.kind === 'done' ? t(lang, 'successTitle') : item.short_title}
          </h3>
          {phase.kind !== 'done' && quote && (
            <p className="zc-sheet-price">
              <span className="zc-yen">¥</span>
              {formatFenShort(quote.unitFen)}
            </p>
          )}
        </div>
        <button type="button" className="zc-icon-btn" aria-label={t(lang, 'close')} onClick={guard(close)}>
          <span aria-hidden="true">×</span>
        </button>
      </div>

      {phase.kind === 'done' ? (
        <div className="zc-sheet-done">
          <p role="status" className="zc-done-status">
            {t(lang, 'successTitle')} · {t(lang, 'paid')} {formatFen(phase.order.paid_fen)}
          </p>
          <dl className="zc-summary">
            <div>
              <dt>{t(lang, 'orderNo')}</dt>
              <dd className="zc-order-no">{phase.order.order_id}</dd>
            </div>
            <div>
              <dt>{t(lang, 'sku')}</dt>
              <dd>
                {Object.values(phase.order.sku_props).join(' / ')} × {phase.order.quantity}
              </dd>
            </div>
          </dl>
          <p className="zc-fine">{t(lang, 'mock')}</p>
          <button ref={doneRef} type="button" className="zc-btn zc-btn-primary zc-btn-wide" onClick={guard(close)}>
            {t(lang, 'done')}
          </button>
        </div>
      ) : (
        <form className="zc-sheet-form" onSubmit={(e) => e.preventDefault()} noValidate>
          <fieldset className="zc-skus">
            <legend>{t(lang, 'sku')}</legend>
            {item.skus.map((s) => {
              const out = s.stock <= 0;
              return (
                <label key={s.sku_id} className={out ? 'zc-sku zc-sku-out' : 'zc-sku'}>
                  <input
                    type="radio"
                    data-zc-click="sku"
                    name={skuName_}
                    value={s.sku_id}
                    checked={s.sku_id === skuId}
                    disabled={out || phase.kind === 'placing'}
                    onChange={(e) => {
                      if (!isTrusted(e)) return;
                      setSkuId(s.sku_id);
                      setQtyText((q) => String(Math.min(Math.max(Number.parseInt(q, 10) || 1, 1), s.stock)));
                      setPhase({ kind: 'form', error: null });
                    }}
                  />
                  <span className="zc-sku-name">{skuName(s)}</span>
                  <span className="zc-sku-meta">
                    ¥{formatFenShort(yuanToFen(s.price))} ·{' '}
                    {out ? t(lang, 'soldOut') : t(lang, 'stock', { n: s.stock })}
                  </span>
                </label>
              );
            })}
          </fieldset>
          {!sku && <p className="zc-error">{t(lang, 'allSoldOut')}</p>}

          <div className="zc-qty-row">
            <label htmlFor={qtyId}>{t(lang, 'quantity')}</label>
            <div className="zc-stepper">
              <button
                type="button"
                className="zc-step"
                aria-label={t(lang, 'decrease')}
                disabled={!sku || quantity <= 1 || phase.kind === 'placing'}
                onClick={guard(() => setQtyText(String(quantity - 1)))}
              >
                −
              </button>
              <input
                id={qtyId}
                className="zc-qty"
                type="number"
                inputMode="numeric"
                min={1}
                max={Math.max(maxQty, 1)}
                value={qtyText}
                disabled={!sku || phase.kind === 'placing'}
                onChange={(e) => setQtyText(e.currentTarget.value.replace(/\D/g, '').slice(0, 3))}
                onBlur={() => setQtyText(String(quantity))}
              />
              <button
                type="button"
                className="zc-step"
                aria-label={t(lang, 'increase')}
                disabled={!sku || quantity >= maxQty || phase.kind === 'placing'}
                onClick={guard(() => setQtyText(String(quantity + 1)))}
              >
                +
              </button>
            </div>
            {sku && <span className="zc-meta">{t(lang, 'maxHint', { n: maxQty })}</span>}
          </div>

          {quote && (
            <dl className="zc-summary" aria-live="polite">
              <div>
                <dt>{t(lang, 'subtotal')}</dt>
                <dd>{formatFen(quote.subtotalFen)}</dd>
              </div>
              {quote.coupon.status !== 'none' && (
                <div>
                  <dt>{t(lang, 'couponRow')}</dt>
                  <dd className={quote.coupon.status === 'applied' ? 'zc-coupon-on' : 'zc-meta'}>
                    {quote.coupon.status === 'applied'
                      ? t(lang, 'couponApplied', {
                          label: couponLabel(quote.coupon.terms),
                          amount: formatFen(quote.couponFen),
                        })
                      : quote.coupon.status === 'below-threshold'
                        ? t(lang, 'couponShort', {
                            label: couponLabel(quote.coupon.terms),
                            amount: formatFen(quote.coupon.shortfallFen),
                          })
                        : t(lang, 'couponExpired', { label: couponLabel(quote.coupon.terms) })}
                  </dd>
                </div>
              )}
              <div className="zc-total">
                <dt>{t(lang, 'total')}</dt>
                <dd data-zc-total={quote.totalFen}>{formatFen(quote.totalFen)}</dd>
              </div>
            </dl>
          )}

          {phase.kind === 'form' && phase.error && (
            <p role="alert" className="zc-error">
              {phase.error}
            </p>
          )}

          <button
            type="button"
            className="zc-btn zc-btn-primary zc-btn-wide"
            disabled={!sku}
            aria-disabled={phase.kind === 'placing' || undefined}
            aria-busy={phase.kind === 'placing' || undefined}
            onClick={guard(() => void submit())}
          >
            {phase.kind === 'placing' ? t(lang, 'placing') : t(lang, 'confirm')}
          </button>
          <p className="zc-fine">{t(lang, 'mock')}</p>
        </form>
      )}
    </div>
  );
}
