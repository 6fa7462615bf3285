/**
 * Page scripts can reach open shadow roots and dispatch `click()` / synthetic key events. Only events the browser
 * generated from real input carry `isTrusted: true`, so every action (save, buy, order, dismiss…) checks it.
 */
export function isTrusted(e: { nativeEvent: Event }): boolean {
  return e.nativeEvent.isTrusted === true;
}
