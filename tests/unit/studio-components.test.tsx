// @vitest-environment happy-dom
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { ConversionReport } from '@/components/studio/ConversionReport';
import { DraftPreview, type DraftPreviewProps } from '@/components/studio/DraftPreview';
import { generateCatalogue } from '@/utils/catalogue/generate';
import type { CatalogueItem } from '@/utils/catalogue/schema';
import { buildCatalogueIndex, type CatalogueIndex } from '@/utils/match/index';
import { authorReport } from '@/utils/metrics/conversion';
import { analyseDraft } from '@/utils/studio/draft';

let items: CatalogueItem[];
let index: CatalogueIndex;
beforeAll(() => {
  items = generateCatalogue();
  index = buildCatalogueIndex(items);
});
afterEach(cleanup);

function preview(over: Partial<DraftPreviewProps>) {
  const props: DraftPreviewProps = {
    lang: 'zh-CN',
    text: '',
    tier: 'none',
    promoted: false,
    analysis: null,
    status: { kind: 'ready' },
    theme: null,
    now: Date.UTC(2026, 5, 1),
    imageSrc: () => '',
    onText: vi.fn(),
    onTier: vi.fn(),
    onPromoted: vi.fn(),
    ...over,
  };
  return { props, view: render(<DraftPreview {...props} />) };
}

describe('the draft preview', () => {
  it('has a text box named 草稿 in both languages, and reports typing and the tier choice', () => {
    const { props } = preview({});
    const box = screen.getByRole('textbox', { name: /草稿/ });
    fireEvent.change(box, { target: { value: '种草' } });
    expect(props.onText).toHaveBeenCalledWith('种草');
    fireEvent.click(screen.getByRole('radio', { name: '金V' }));
    expect(props.onTier).toHaveBeenCalledWith('gold');
    cleanup();
    preview({ lang: 'en' });
    expect(screen.getByRole('textbox', { name: /草稿/ })).toBeTruthy();
  });

  it('shows 未识别 with the score, the missing signals and no cards for plain text', () => {
    const text = '周末去爬山，风景很好。';
    preview({ text, analysis: analyseDraft({ text, tier: 'none' }, index, 3) });
    expect(screen.getByTestId('verdict').textContent).toContain('未识别');
    expect(screen.getByTestId('verdict').textContent).toContain('得分 0 / 阈值 3');
    expect(screen.getByText('加上商品链接或淘口令')).toBeTruthy();
    expect(screen.getByText('写上品牌和完整商品名')).toBeTruthy();
    expect(screen.getByText('不会展示商品卡片')).toBeTruthy();
    for (const host of document.querySelectorAll('zhongcao-cards')) expect(host.getAttribute('data-item-ids')).toBe('');
  });

  it('lists every reason with its weight and puts the matched item in two feed hosts', async () => {
    const item = items[3] as CatalogueItem;
    const text = `回购第三次 ￥${item.tpwd}￥`;
    await act(async () => {
      preview({ text, tier: 'gold', analysis: analyseDraft({ text, tier: 'gold' }, index, 3) });
    });
    expect(screen.getByTestId('verdict').textContent).toContain('已识别');
    const reasons = document.querySelectorAll('.st-reasons li');
    expect([...reasons].map((r) => r.querySelector('.st-weight')?.textContent)).toEqual(['+4', '+1', '+1']);
    const hosts = document.querySelectorAll(`zhongcao-cards[data-post-id="draft"][data-item-ids="${item.item_id}"]`);
    expect(hosts).toHaveLength(2);
    const shadow = hosts[0]?.shadowRoot;
    expect(shadow?.textContent).toContain(item.short_title);
    expect(shadow?.textContent).toContain('预览');
  });
});

describe('the conversion report', () => {
  it('asks to browse first when no author is in the logs', () => {
    render(
      <ConversionReport
        lang="zh-CN"
        authors={[]}
        authorId={null}
        report={null}
        onAuthor={vi.fn()}
        onExportCsv={vi.fn()}
      />,
    );
    expect(screen.getByText(/还没有任何作者的数据/)).toBeTruthy();
  });

  it('shows — for rates without a denominator, yuan amounts, n per group with 样本较少, and exports', () => {
    const report = authorReport(
      'u1',
      [
        { type: 'exposure', ts: Date.UTC(2026, 5, 1), post_id: 'P1', author_id: 'u1', item_id: '1' },
        {
          type: 'interaction',
          ts: Date.UTC(2026, 5, 1),
          post_id: 'P1',
          author_id: 'u1',
          item_id: null,
          action: 'like',
        },
      ],
      [
        {
          order_id: 'o',
          created_at: Date.UTC(2026, 5, 1),
          post_id: 'P1',
          author_id: 'u1',
          paid_fen: 12990,
          commission_rate_bp: 1550,
        },
      ],
    );
    const onExport = vi.fn();
    const onAuthor = vi.fn();
    render(
      <ConversionReport
        lang="zh-CN"
        authors={[
          { id: 'u1', name: '种草小鹿' },
          { id: 'u2', name: null },
        ]}
        authorId="u1"
        report={report}
        onAuthor={onAuthor}
        onExportCsv={onExport}
      />,
    );
    const total = screen.getByTestId('report-total');
    const kpi = (k: string) => total.querySelector(`[data-kpi="${k}"] dd`)?.textContent;
    expect(kpi('clicks')).toBe('0');
    expect(kpi('ctr')).toBe('0%');
    expect(kpi('conversion')).toBe('—');
    expect(kpi('gmv')).toBe('¥129.90');
    expect(kpi('commission')).toBe('¥20.13'); // 2013.45 fen → 2013
    const like = within(screen.getByTestId('report-depth')).getByText('点过赞').closest('tr') as HTMLElement;
    expect(like.textContent).toContain('100%');
    expect(like.textContent).toContain('样本较少');
    fireEvent.change(screen.getByRole('combobox', { name: '作者' }), { target: { value: 'u2' } });
    expect(onAuthor).toHaveBeenCalledWith('u2');
    fireEvent.click(screen.getByRole('button', { name: '导出 CSV' }));
    expect(onExport).toHaveBeenCalledTimes(1);
  });
});
