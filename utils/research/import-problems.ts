import { defineMessages } from '@/utils/i18n';
import type { Lang } from '@/utils/settings';

/**
 * Why a participant's export was refused: a code and its details, so the researcher view can say it in the reader's
 * language (verifyExport also keeps the English sentence, for logs and tests). `line` is the events.ndjson line.
 */
export type ImportProblem =
  | { code: 'tooLarge'; bytes: number }
  | { code: 'notZip'; detail: string }
  | { code: 'noManifest' }
  | { code: 'manifestNotJson' }
  | { code: 'manifestMalformed'; at: string; detail: string }
  | { code: 'formatVersion'; version: number }
  | { code: 'schemaVersion'; version: number; supported: string }
  | { code: 'notListed'; file: string }
  | { code: 'fileMissing'; file: string }
  | { code: 'modified'; file: string }
  | { code: 'extraFiles'; files: string }
  | { code: 'lineNotJson'; line: number }
  | { code: 'rowNotObject'; line: number }
  | { code: 'rowUnknownField'; line: number; field: string }
  | { code: 'rowUnknownType'; line: number; type: string }
  | { code: 'rowSchema'; line: number; type: string; at: string; detail: string }
  | { code: 'rowNoId'; line: number }
  | { code: 'rowOtherStudy'; line: number }
  | { code: 'rowBeforeConsent'; line: number }
  | { code: 'totalMismatch'; rows: number; total: number }
  | { code: 'countMismatch'; type: string; rows: number; total: number }
  | { code: 'badFileName'; file: string }
  | { code: 'entryTooLarge'; file: string; bytes: number; limit: number }
  | { code: 'totalTooLarge'; bytes: number; limit: number }
  | { code: 'lineTooLong'; line: number; limit: number }
  | { code: 'rowDuplicate'; line: number }
  | { code: 'aborted' }
  | { code: 'failed'; detail: string };

const t = defineMessages(
  {
    tooLarge: '文件过大（{bytes} 字节）',
    notZip: '不是可读取的 ZIP 文件（{detail}）',
    noManifest: '缺少 manifest.json',
    manifestNotJson: 'manifest.json 不是 JSON',
    manifestMalformed: 'manifest.json 格式有误，位置 {at}：{detail}',
    formatVersion: '不支持的导出格式版本 {version}',
    schemaVersion: '不支持的数据结构版本 {version}（支持：{supported}）',
    notListed: 'manifest.json 未列出 {file}',
    fileMissing: '{file} 列在 manifest 中，但 ZIP 里没有',
    modified: '{file} 已被改动：SHA-256 与 manifest 不符',
    extraFiles: 'ZIP 中有 manifest 未列出的文件：{files}',
    lineNotJson: 'events.ndjson 第 {line} 行不是 JSON',
    rowNotObject: 'events.ndjson 第 {line} 行：不是对象',
    rowUnknownField: 'events.ndjson 第 {line} 行：字段“{field}”不在 manifest 的字段列表中',
    rowUnknownType: 'events.ndjson 第 {line} 行：未知事件类型 {type}',
    rowSchema: 'events.ndjson 第 {line} 行：与 {type} 事件的结构不符，位置 {at}：{detail}',
    rowNoId: 'events.ndjson 第 {line} 行：缺少 event_id 或 ts',
    rowOtherStudy: 'events.ndjson 第 {line} 行：study_id / participant_id 与 manifest 不一致',
    rowBeforeConsent: 'events.ndjson 第 {line} 行：事件记录于参与者同意之前',
    totalMismatch: 'events.ndjson 有 {rows} 条事件，manifest 写的是 {total} 条',
    countMismatch: 'events.ndjson 有 {rows} 条 {type} 事件，manifest 写的是 {total} 条',
    badFileName: 'manifest.json 列出的“{file}”不是导出文件的文件名',
    entryTooLarge: '{file} 解压后有 {bytes} 字节，超过上限 {limit} 字节（未解压即拒绝）',
    totalTooLarge: '解压后共 {bytes} 字节，超过上限 {limit} 字节（未解压即拒绝）',
    lineTooLong: 'events.ndjson 第 {line} 行超过 {limit} 个字符',
    rowDuplicate: 'events.ndjson 第 {line} 行：event_id 在本文件中重复',
    aborted: '已取消导入',
    failed: '导入失败：{detail}',
  },
  {
    tooLarge: 'file too large ({bytes} bytes)',
    notZip: 'not a readable zip ({detail})',
    noManifest: 'manifest.json is missing',
    manifestNotJson: 'manifest.json is not JSON',
    manifestMalformed: 'manifest.json is malformed at {at}: {detail}',
    formatVersion: 'unsupported export format version {version}',
    schemaVersion: 'unsupported schema version {version} (supported: {supported})',
    notListed: 'manifest.json does not list {file}',
    fileMissing: '{file} is listed in the manifest but missing from the zip',
    modified: '{file} was modified: its SHA-256 does not match the manifest',
    extraFiles: 'unexpected file(s) not in the manifest: {files}',
    lineNotJson: 'events.ndjson line {line} is not JSON',
    rowNotObject: 'events.ndjson line {line}: not an object',
    rowUnknownField: `events.ndjson line {line}: field "{field}" is not in the manifest's fields`,
    rowUnknownType: 'events.ndjson line {line}: unknown event type {type}',
    rowSchema: 'events.ndjson line {line}: does not match the {type} event schema at {at}: {detail}',
    rowNoId: 'events.ndjson line {line}: event_id or ts missing',
    rowOtherStudy: 'events.ndjson line {line}: study_id / participant_id differ from the manifest',
    rowBeforeConsent: 'events.ndjson line {line}: event recorded before the participant consented',
    totalMismatch: 'events.ndjson has {rows} events, the manifest says {total}',
    countMismatch: 'events.ndjson has {rows} {type} events, the manifest says {total}',
    badFileName: 'manifest.json lists "{file}", which is not an export file name',
    entryTooLarge: '{file} would inflate to {bytes} bytes, over the {limit}-byte limit (refused before inflating)',
    totalTooLarge:
      'the files would inflate to {bytes} bytes in all, over the {limit}-byte limit (refused before inflating)',
    lineTooLong: 'events.ndjson line {line} is longer than {limit} characters',
    rowDuplicate: 'events.ndjson line {line}: event_id repeats an earlier row of this file',
    aborted: 'import cancelled',
    failed: 'import failed: {detail}',
  },
);

/** The refusal in words, in `lang`. */
export function describeImportProblem(problem: ImportProblem, lang: Lang): string {
  const { code, ...vars } = problem;
  return t(lang, code, vars as Record<string, string | number>);
}
