import { describe, expect, it } from 'vitest';
import { generateCatalogue } from '@/utils/catalogue/generate';
import { analysePost } from '@/utils/detect/analyse';
import { missedReferences } from '@/utils/events/missed-refs';
import { buildCatalogueIndex } from '@/utils/match/index';
import type { Post } from '@/utils/types';

const index = buildCatalogueIndex(generateCatalogue().slice(0, 100));
const post = (text: string, links: string[] = []): Post =>
  ({
    id: 'P1',
    text,
    links: links.map((url) => ({ url })),
    author: { uid: '1', name: 'a', tier: 'gold' },
    images: [],
    promoted: false,
    enriched: false,
  }) as unknown as Post;

describe('items a post names that no catalogue holds', () => {
  it('are in the reasons by kind and lookup value, and in one line for the detect event', () => {
    const p = post('好物推荐 领券 复制￥Zz9Yy8Xx7Ww￥打开淘宝 到手价99 链接 https://m.tb.cn/h.Nn0tHeRe 冲', [
      'https://item.taobao.com/item.htm?id=999999999999',
      'https://s.click.taobao.com/Qq1Ww2E',
    ]);
    const { detection } = analysePost(p, index);
    const refs = detection.reasons.filter((r) => r.code === 'unknown-item').map((r) => r.ref);
    expect(refs).toEqual(
      expect.arrayContaining([
        { kind: 'item', value: '999999999999' },
        { kind: 'affiliate', value: 'Qq1Ww2E' },
        { kind: 'short', value: 'Nn0tHeRe' },
        { kind: 'tpwd', value: 'Zz9Yy8Xx7Ww' },
      ]),
    );
    const line = missedReferences(detection.reasons);
    expect(line.split(' ').sort()).toEqual(
      ['affiliate:Qq1Ww2E', 'item:999999999999', 'short:Nn0tHeRe', 'tpwd:Zz9Yy8Xx7Ww'].sort(),
    );
  });

  it('known references are not missed', () => {
    const item = generateCatalogue()[0];
    const { detection } = analysePost(post(`链接 ${item?.short_url}`), index);
    expect(missedReferences(detection.reasons)).toBe('');
  });
});
