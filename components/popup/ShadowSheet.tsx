import { type ReactNode, useLayoutEffect, useRef, useState } from 'react';
import { createPortal } from 'react-dom';
import { cardStyles } from '@/components/card/styles';

/**
 * Hosts the feed's QuickBuySheet in a shadow root with the cards' own stylesheet, so "buy from here" looks and
 * behaves exactly as in the feed without copying its CSS into the popup.
 */
export function ShadowSheet({ children, theme }: { children: ReactNode; theme?: 'light' | 'dark' }) {
  const hostRef = useRef<HTMLDivElement>(null);
  const [root, setRoot] = useState<ShadowRoot | null>(null);
  useLayoutEffect(() => {
    const host = hostRef.current;
    if (!host) return;
    setRoot(host.shadowRoot ?? host.attachShadow({ mode: 'open' }));
  }, []);
  return (
    <div ref={hostRef} className="zc-sheet-host" data-theme={theme}>
      {root &&
        createPortal(
          <>
            <style>{cardStyles}</style>
            {children}
          </>,
          root,
        )}
    </div>
  );
}
