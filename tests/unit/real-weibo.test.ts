// @vitest-environment happy-dom
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generateCatalogue } from '../../utils/catalogue/generate';
import { analysePost } from '../../utils/detect';
import { foldShareText } from '../../utils/detect/normalise';
import { GUIDE_WORDS } from '../../utils/detect/vocab';
import { buildCatalogueIndex } from '../../utils/match';
import { collectReferences } from '../../utils/match/references';
import { applyLongText, midToBid, postFromMblog, readHtmlText, weiboMobile } from '../../utils/sites';
import type { Post, VerifiedTier } from '../../utils/types';

// What Weibo's and Taobao's servers really produced (../shared/real-weibo, beside the project; see its README).
// Read in place, never copied into the repository; someone who cloned the project alone has no such folder.
const REAL = resolve(__dirname, '../../../shared/real-weibo');
const present = existsSync(resolve(REAL, 'mblogs.json'));
if (!present) console.warn(`[real-weibo] ${REAL} is absent: the tests on real Weibo data are skipped.`);

type Obj = Record<string, unknown>;
interface Entry {
  key: string;
  api: string;
  mblog: Obj;
}
const read = (name: string) => JSON.parse(readFileSync(resolve(REAL, name), 'utf8'));
const entries: Entry[] = present ? read('mblogs.json') : [];
/** Every post object: the 46 saved ones and the 6 they quote. */
const objects: Obj[] = entries.flatMap((e) => [
  e.mblog,
  ...(e.mblog.retweeted_status ? [e.mblog.retweeted_status as Obj] : []),
]);

function tierOf(user: Obj): VerifiedTier {
  const type = user.verified_type;
  if (type === -1 || type === undefined) return 'none';
  if (type === 0) return user.verified_type_ext === 1 ? 'gold' : user.verified_type_ext === 0 ? 'orange' : 'yellow';
  return 'blue';
}

const isMobile = (o: Obj) => typeof o.mblogid !== 'string';
const index = buildCatalogueIndex(generateCatalogue());

describe.runIf(present)('real Weibo post JSON (52 objects from m.weibo.cn and weibo.com)', () => {
  it('reads every object, none refused, with its id, author and tier', () => {
    expect(objects.length).toBe(52);
    for (const o of objects) {
      const post = postFromMblog(o);
      expect(post, String(o.bid ?? o.mblogid)).not.toBeNull();
      if (!post) continue;
      const user = o.user as Obj;
      if (isMobile(o)) {
        expect(post.site).toBe('weibo-mobile');
        expect(post.id).toBe(String(o.mid));
        expect(midToBid(post.id)).toBe(o.bid);
      } else {
        expect(post.id).toBe(o.mblogid);
      }
      expect(post.author.uid).toBe(String(user.idstr ?? user.id));
      expect(post.author.name).toBe(user.screen_name);
      expect(post.author.tier).toBe(tierOf(user));
    }
  });

  it('fills the quoted post’s author, uid and tier, on every repost', () => {
    const reposts = entries.filter((e) => e.mblog.retweeted_status);
    expect(reposts.length).toBe(6);
    for (const e of reposts) {
      const rt = e.mblog.retweeted_status as Obj;
      const post = postFromMblog(e.mblog);
      expect(post?.repost?.author, e.key).toEqual({
        uid: String((rt.user as Obj).id),
        name: (rt.user as Obj).screen_name,
        tier: tierOf(rt.user as Obj),
      });
    }
  });

  it('reads string counts as numbers', () => {
    const post = postFromMblog({ ...entries[0]?.mblog, reposts_count: '100万+', attitudes_count: '3.7万' });
    expect(post?.counts.reposts).toBe(1_000_000);
    expect(post?.counts.likes).toBe(37_000);
  });

  it('gives the same visible text and links as the page draws them (m.weibo.cn)', () => {
    for (const o of objects.filter(isMobile)) {
      const card = document.createElement('div');
      card.className = 'card m-panel card9';
      // The saved HTML is Weibo's own markup: parsing it is what the browser does on m.weibo.cn.
      card.innerHTML = `<header class="weibo-top"><a class="m-img-box" href="/profile/${(o.user as Obj).id}"></a><div class="m-text-box"><h3 class="m-text-cut">${(o.user as Obj).screen_name}</h3><h4><a href="/detail/${o.mid}"><span class="time">1分钟前</span></a></h4></div></header><article class="weibo-main"><div class="weibo-og"><div class="weibo-text">${o.text}</div></div></article>`;
      document.body.replaceChildren(card);
      const dom = weiboMobile.extract(card) as Post;
      // As drawn in a list: a long post's whole text, when an answer embeds it, is not on the page yet.
      const json = postFromMblog({ ...o, longText: undefined }) as Post;
      expect(json.text, String(o.bid)).toBe(dom.text);
      // Links drawn in the text (a page_info card under the post is drawn elsewhere).
      const own = (p: Post) =>
        p.links.filter((l) => !l.inRepost && l.offset !== undefined).map((l) => [l.url, l.text, l.offset]);
      expect(own(json)).toEqual(own(dom));
      expect(json.truncated === true, String(o.bid)).toBe(o.isLongText === true);
      expect(dom.truncated === true).toBe(readHtmlText(String(o.text)).cut);
    }
  });

  it('keeps labelled links as labels, and a post with them is not taken for a cut one', () => {
    const lottery = postFromMblog(entries.find((e) => e.mblog.bid === 'KktFEsjrO')?.mblog) as Post;
    expect(lottery.text).toContain('-高级版对本次抽奖进行监督');
    expect(lottery.text).not.toContain('t.cn');
    expect(lottery.truncated).toBeUndefined();
    expect(lottery.links.map((l) => l.url)).toContain('http://t.cn/A6VGmrc6');
  });

  it('reads the whole text of the two long posts whose statuses/extend answers are saved', () => {
    const extend = readdirSync(resolve(REAL, 'raw')).filter((f) => /_detail_\d+$/.test(f));
    expect(extend.length).toBe(2);
    for (const file of extend) {
      const mid = /(\d+)$/.exec(file)?.[1] as string;
      const o = objects.find((x) => String(x.mid) === mid) as Obj;
      const cut = postFromMblog(o) as Post;
      expect(cut.truncated).toBe(true);
      const whole = applyLongText(cut, read(`raw/${file}`).data.longTextContent);
      expect(whole.truncated).toBe(false);
      expect(whole.text.length).toBeGreaterThan(cut.text.length);
      expect(whole.text.startsWith(cut.text.replace(/\s*\.\.\.$/, '').slice(0, 60))).toBe(true);
      expect(whole.text).not.toMatch(/<[a-z]/i);
    }
    const first = applyLongText(
      postFromMblog(objects.find((x) => x.mid === '4645748019299849') as Obj) as Post,
      read('raw/bison__weibo_detail_4645748019299849').data.longTextContent,
    );
    // After the fold: the vinyl box set, and the real destination of the 网页链接 (sinaurl-wrapped in the answer).
    expect(first.text).toContain('三、明日方舟音律联觉主题黑胶礼盒现已上架');
    expect(first.links.map((l) => l.url)).toContain('http://mrfz.biligame.com/yllj/');
  });

  it('marks the real app ad as promoted, and no real post as a guide post', () => {
    const ad = postFromMblog(entries.find((e) => e.mblog.mblogid === 'JyTzYa84k')?.mblog);
    expect(ad?.promoted).toBe(true);
    for (const o of objects) {
      const post = postFromMblog(o) as Post;
      const { detection } = analysePost(post, index, { threshold: 3 });
      expect(detection.isGuide, `${post.id} scored ${detection.score}`).toBe(false);
      // A celebrity's tier is no shopping signal: the reason appears only beside a shopping reference.
      if (detection.reasons.some((r) => r.code === 'author-tier'))
        expect(
          detection.reasons.some((r) => r.code !== 'author-tier' && r.weight > 0 && r.code !== 'guide-words'),
        ).toBe(true);
      // Weibo's link labels (网页链接, a video card's 某某的微博视频) and account names are not guide vocabulary.
      const words = detection.reasons.find((r) => r.code === 'guide-words')?.detail ?? '';
      expect(words, post.id).not.toMatch(/交作业/);
      if (/链接/.test(words)) expect(post.text.replace(/网页链接/g, ''), post.id).toMatch(/链接/);
    }
  });
});

describe.runIf(present)('real Taobao share texts (23, 2017–2024)', () => {
  const samples = present ? read('shopping-samples.json') : { tpwd: [], mobileHtml: [] };
  const share = GUIDE_WORDS.find((g) => g.word === '淘宝分享');

  it('gives each its 淘口令 core and/or its share-link token', () => {
    expect(samples.tpwd.length).toBe(23);
    for (const s of samples.tpwd as { text: string; expect: { core?: string; token?: string } }[]) {
      const refs = collectReferences({ text: s.text, repost: null, links: [] });
      const cores = refs.flatMap((r) => (r.kind === 'tpwd' && r.tpwd ? [r.tpwd.core] : []));
      const tokens = refs.flatMap((r) => (r.link?.token ? [r.link.token] : []));
      if (s.expect.core) expect(cores, s.text).toContain(s.expect.core);
      if (s.expect.token) expect(tokens, s.text).toContain(s.expect.token);
    }
  });

  it('recognises every one with words or a password as Taobao share text', () => {
    const texts = (samples.tpwd as { text: string }[]).map((s) => s.text);
    const worded = texts.filter((t) => /[\p{Script=Han}]{4}/u.test(t));
    for (const t of worded) expect(share?.re.test(foldShareText(t)), t).toBe(true);
    expect(worded.length).toBeGreaterThanOrEqual(20);
  });

  it('reads the 2023+ share link’s tk= as the password', () => {
    const refs = collectReferences({
      text: '【淘宝】https://e.tb.cn/h.8qP8G0N3s7kCmIo?tk=ZxplTi8oakt CZ007 「牙科专用诊桌…」点击链接直接打开',
      repost: null,
      links: [],
    });
    expect(refs.find((r) => r.kind === 'tpwd')?.tpwd?.core).toBe('ZxplTi8oakt');
  });

  it('keeps the real Tmall-store link’s t.cn destination and its shop icon', () => {
    const sample = samples.mobileHtml[0] as { html: string; mid: string; expect: { text: string } };
    const card = document.createElement('div');
    card.className = 'card m-panel card9';
    card.innerHTML = `<article class="weibo-main"><div class="weibo-og"><div class="weibo-text">${sample.html}</div></div></article><a href="/status/${midToBid(sample.mid)}"></a>`;
    document.body.replaceChildren(card);
    const post = weiboMobile.extract(card) as Post;
    expect(post.id).toBe(sample.mid);
    expect(post.text).toBe(sample.expect.text);
    const store = post.links.find((l) => l.text === 'PANDORA潘多拉官方旗舰店');
    expect(store?.url).toBe('http://t.cn/RfdaBGE');
    expect(store?.icon).toBe('timeline_card_small_taobao_default');
    expect(readHtmlText(sample.html).text).toBe(sample.expect.text);
  });
});
