import { defineMessages } from '@/utils/i18n';

/** The researcher's import panel's own words (the rest of the research section's are in messages.ts). */
export const importMessages = defineMessages(
  {
    hashNote:
      '说明：SHA-256 只能发现文件损坏或被单独改动，不能证明数据未被篡改——能改数据的人也能重算清单里的哈希。数据是否可信，需向参与者本人核实。',
    importing: '正在核对 {name}：已读取 {read} / {total} 字节，{rows} 行',
    importProgress: '导入进度',
    cancel: '取消导入',
    added: '（其中 {n} 条为新事件）',
    sectionFailed: '此部分出错，其他部分不受影响：{reason}',
    retry: '重试',
  },
  {
    hashNote:
      'Note: SHA-256 hashes detect corruption, not tampering: they show a file was damaged or edited on its own, but whoever can edit the rows can recompute the hashes in the manifest too. Only the participant can vouch for their data.',
    importing: 'Checking {name}: {read} of {total} bytes read, {rows} rows',
    importProgress: 'Import progress',
    cancel: 'Cancel import',
    added: '({n} new events)',
    sectionFailed: 'This part failed; the others are unaffected: {reason}',
    retry: 'Try again',
  },
);
