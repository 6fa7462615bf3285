import { ByteWriter, ParquetWriter } from 'hyparquet-writer';
import type { DataDictionary } from './dictionary';

/**
 * events.parquet, streamed: rows are gathered into row groups and each group is encoded and handed on as it is done,
 * so memory holds one group. hyparquet-writer is plain JavaScript (its Snappy too): no WebAssembly, so the extension's
 * default CSP holds. Column types come from the data dictionary, which is generated from the Zod event schema.
 */

export type ParquetKind = 'STRING' | 'INT64' | 'DOUBLE' | 'BOOLEAN';

export interface ParquetColumn {
  name: string;
  kind: ParquetKind;
}

/** Rows per row group: large enough for readers to skip by statistics, small enough to hold one in memory. */
export const ROW_GROUP = 50_000;

/** The Parquet type of a dictionary field (every column is optional: most fields belong to some event types only). */
export function parquetKindOf(dictType: string, values?: readonly (string | number | boolean)[]): ParquetKind {
  if (dictType.startsWith('integer')) return 'INT64';
  if (dictType.startsWith('number')) {
    // A union or literal of numbers (schema_version) holds integers only.
    return values?.length && values.every((v) => Number.isInteger(v)) ? 'INT64' : 'DOUBLE';
  }
  if (dictType.startsWith('boolean')) return 'BOOLEAN';
  return 'STRING';
}

export function parquetColumns(dict: DataDictionary, fields: readonly string[]): ParquetColumn[] {
  const byName = new Map(dict.fields.map((f) => [f.name, f]));
  return fields.map((name) => {
    const f = byName.get(name);
    if (!f) throw new Error(`parquet: no dictionary entry for ${name}`);
    return { name, kind: parquetKindOf(f.type, f.values) };
  });
}

const SCHEMA_TYPE = {
  STRING: { type: 'BYTE_ARRAY', converted_type: 'UTF8' },
  INT64: { type: 'INT64' },
  DOUBLE: { type: 'DOUBLE' },
  BOOLEAN: { type: 'BOOLEAN' },
} as const;

function cellOf(kind: ParquetKind, v: unknown): string | bigint | number | boolean | null {
  if (v === null || v === undefined) return null;
  switch (kind) {
    case 'INT64':
      return typeof v === 'number' && Number.isSafeInteger(v) ? BigInt(v) : null;
    case 'DOUBLE':
      return typeof v === 'number' && Number.isFinite(v) ? v : null;
    case 'BOOLEAN':
      return typeof v === 'boolean' ? v : null;
    default:
      return typeof v === 'string' ? v : String(v);
  }
}

/** Hands each finished stretch of the file to `sink` (a copy: the writer reuses its buffer). */
class SinkWriter extends ByteWriter {
  constructor(private readonly sink: (bytes: Uint8Array) => void) {
    super(1 << 20);
  }
  flush(): void {
    if (this.index === 0) return;
    this.sink(new Uint8Array(this.buffer.slice(0, this.index)));
    this.index = 0;
  }
  override finish(): void {
    this.flush();
  }
}

export class ParquetStream {
  private readonly writer: ParquetWriter;
  private readonly data: (string | bigint | number | boolean | null)[][];
  private rows = 0;

  constructor(
    private readonly columns: readonly ParquetColumn[],
    sink: (bytes: Uint8Array) => void,
    private readonly rowGroup = ROW_GROUP,
    createdBy = 'zhongcao',
  ) {
    this.writer = new ParquetWriter({
      writer: new SinkWriter(sink),
      schema: [
        { name: 'root', num_children: columns.length },
        ...columns.map((c) => ({ name: c.name, repetition_type: 'OPTIONAL' as const, ...SCHEMA_TYPE[c.kind] })),
      ],
      createdBy,
    });
    this.data = columns.map(() => []);
  }

  push(row: Record<string, unknown>): void {
    this.columns.forEach((c, i) => {
      this.data[i]?.push(cellOf(c.kind, row[c.name]));
    });
    if (++this.rows >= this.rowGroup) this.flushGroup();
  }

  finish(): void {
    this.flushGroup();
    void this.writer.finish();
  }

  private flushGroup(): void {
    if (this.rows === 0) return;
    void this.writer.write({
      columnData: this.columns.map((c, i) => ({ name: c.name, data: this.data[i] ?? [] })),
      rowGroupSize: this.rows,
    });
    for (const col of this.data) col.length = 0;
    this.rows = 0;
  }
}
