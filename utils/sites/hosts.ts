/**
 * The Weibo hosts the extension runs on, the one list: the manifest's match patterns (wxt.config.ts), the content
 * scripts', the site readers', the long-text origins and the worker's sender check all come from here. Imported
 * relatively by wxt.config.ts at build time and by the page bridge, so it imports nothing.
 */
export const PC_HOSTS = ['weibo.com', 'www.weibo.com'] as const;
export const MOBILE_HOSTS = ['m.weibo.cn'] as const;
export const WEIBO_HOSTS: readonly string[] = [...PC_HOSTS, ...MOBILE_HOSTS];

/** Match patterns for the manifest (content scripts, web-accessible resources). */
export const WEIBO_MATCHES: string[] = WEIBO_HOSTS.map((host) => `https://${host}/*`);

const pc: ReadonlySet<string> = new Set(PC_HOSTS);
const mobile: ReadonlySet<string> = new Set(MOBILE_HOSTS);

export const isPcHost = (hostname: string): boolean => pc.has(hostname.toLowerCase());
export const isMobileHost = (hostname: string): boolean => mobile.has(hostname.toLowerCase());
export const isWeiboHost = (hostname: string): boolean => isPcHost(hostname) || isMobileHost(hostname);

/** `https://` origins, as `location.origin` gives them. */
export const isPcOrigin = (origin: string): boolean => PC_HOSTS.some((host) => origin === `https://${host}`);
export const isMobileOrigin = (origin: string): boolean => MOBILE_HOSTS.some((host) => origin === `https://${host}`);
