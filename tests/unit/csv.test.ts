import { describe, expect, it } from 'vitest';
import { authorReport } from '@/utils/metrics/conversion';
import { BOM, csvField, reportFilename, reportToCsv, toCsv } from '@/utils/metrics/csv';

describe('CSV export', () => {
  it('starts with a UTF-8 BOM so Excel shows Chinese, and ends rows with CRLF', () => {
    const csv = toCsv([
      ['博文', '曝光'],
      ['PostA', 3],
    ]);
    expect(csv.startsWith(BOM)).toBe(true);
    expect(csv.slice(1)).toBe('博文,曝光\r\nPostA,3\r\n');
  });

  it('quotes fields with commas, quotes and line breaks (RFC 4180), and leaves plain ones alone', () => {
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('line1\nline2')).toBe('"line1\nline2"');
    expect(csvField('种草')).toBe('种草');
    expect(csvField(null)).toBe('');
    expect(csvField(-5)).toBe('-5');
  });

  it('defuses text a spreadsheet would run as a formula', () => {
    expect(csvField('=HYPERLINK("x")')).toBe('"\'=HYPERLINK(""x"")"');
    expect(csvField('@cmd')).toBe("'@cmd");
  });

  it('writes the report with exact yuan amounts, percentages and "—" for missing rates', () => {
    const r = authorReport(
      'u1',
      [
        { type: 'exposure', ts: 0, post_id: 'P,1', author_id: 'u1', item_id: '1' },
        { type: 'click', ts: 0, post_id: 'P,1', author_id: 'u1', item_id: '1' },
      ],
      [{ order_id: 'o', created_at: 0, post_id: 'P,1', author_id: 'u1', paid_fen: 1999, commission_rate_bp: 1550 }],
    );
    const lines = reportToCsv(r).slice(1).split('\r\n');
    expect(lines[0]).toBe('博文,曝光,曝光博文数,点击,种草,成交,点击率,转化率,成交金额(元),预估佣金(元)');
    expect(lines[1]).toBe('"P,1",1,1,1,0,1,100%,100%,19.99,3.10');
    expect(lines[2]).toBe('合计,1,1,1,0,1,100%,100%,19.99,3.10');
    expect(lines).toContain('只看过,1,1,100%,是');
    expect(lines).toContain('点过赞,0,0,—,是');
    expect(reportToCsv(r, 'en')).toContain('Post,Exposures');
  });

  it('names the file after the author with only safe characters', () => {
    expect(reportFilename('16698/../79400', new Date(2026, 0, 5))).toBe('zhongcao-report-16698____79400-20260105.csv');
  });
});
