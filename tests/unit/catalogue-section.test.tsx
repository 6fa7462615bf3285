// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { CatalogueSection, type CatalogueSectionProps } from '@/components/catalogue/CatalogueSection';

afterEach(cleanup);

const sources: CatalogueSectionProps['sources'] = [
  {
    id: 'file-a',
    name: 'a.xlsx',
    kind: 'xuanpinku-xlsx',
    imported_at: 0,
    rows: 2,
    sha256: 'a'.repeat(64),
    enabled: true,
    priority: -1,
  },
  {
    id: 'mock',
    name: '内置示例商品库',
    kind: 'mock',
    imported_at: 0,
    rows: 5000,
    sha256: 'm'.repeat(64),
    enabled: true,
    priority: 0,
  },
];

function renderSection(over: Partial<CatalogueSectionProps> = {}) {
  const props: CatalogueSectionProps = {
    lang: 'zh-CN',
    phase: { kind: 'idle' },
    sources,
    shadowed: new Map([['mock', 3]]),
    onFile: vi.fn(),
    onToggle: vi.fn(),
    onRemove: vi.fn(),
    onMove: vi.fn(),
    onDownloadIssues: vi.fn(),
    ...over,
  };
  render(<CatalogueSection {...props} />);
  return props;
}

describe('the 商品库 section', () => {
  it('offers a file input named 导入商品库 and hands the chosen file on', () => {
    const props = renderSection();
    const input = screen.getByLabelText(/导入商品库/);
    const file = new File(['x'], 'a.csv');
    fireEvent.change(input, { target: { files: [file] } });
    expect(props.onFile).toHaveBeenCalledWith(file);
  });

  it('shows rows read and rows per second while reading, then the summary and the refused rows', () => {
    renderSection({ phase: { kind: 'reading', name: 'a.csv', rowsRead: 12000, rowsPerSecond: 40000, written: 10000 } });
    expect(screen.getByRole('status').textContent).toMatch(/已读 12,000 行，每秒 40,000 行，已写入 10,000 个/);
    cleanup();
    const props = renderSection({
      phase: {
        kind: 'done',
        name: 'a.csv',
        added: 2,
        updated: 1,
        refused: 1,
        issues: [{ row: 4, column: '商品名称', reason: '公式单元格 formula cell', action: 'refused' }],
        unknownColumns: ['推广位'],
      },
    });
    expect(screen.getByText(/新增 2，更新 1，拒绝 1/)).toBeTruthy();
    expect(screen.getByRole('table', { name: '有问题的行' }).textContent).toMatch(/4商品名称公式单元格/);
    fireEvent.click(screen.getByRole('button', { name: /下载问题行/ }));
    expect(props.onDownloadIssues).toHaveBeenCalled();
  });

  it('a failure says the catalogue is unchanged', () => {
    renderSection({ phase: { kind: 'failed', name: 'bomb.xlsx', reason: '疑似压缩炸弹' } });
    expect(screen.getByRole('alert').textContent).toMatch(/bomb\.xlsx 未导入：疑似压缩炸弹。?\s*商品库保持不变/);
  });

  it('lists sources with on/off, reorder and remove (the mock cannot be removed)', () => {
    const props = renderSection();
    fireEvent.click(screen.getByLabelText('启用 a.xlsx'));
    expect(props.onToggle).toHaveBeenCalledWith('file-a', false);
    fireEvent.click(screen.getByRole('button', { name: '下移 a.xlsx' }));
    expect(props.onMove).toHaveBeenCalledWith('file-a', 'down');
    fireEvent.click(screen.getByRole('button', { name: '删除 a.xlsx' }));
    expect(props.onRemove).toHaveBeenCalledWith('file-a');
    expect(screen.queryByRole('button', { name: /删除 内置/ })).toBeNull();
    // The mock row says how many of its items a source above supplies.
    expect(screen.getByText('内置示例商品库').closest('tr')?.textContent).toMatch(/5,0003/);
  });
});
