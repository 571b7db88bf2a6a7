// Independent check of Touchstone's Parquet files: reads each file named on the command line
// with npm's hyparquet (plus hyparquet-compressors for zstd) and prints one JSON document with
// each file's metadata (schema, row groups, column chunks, statistics, key-value metadata)
// and every row. The C++ tests compare that with the values they wrote.
import { asyncBufferFromFile, parquetMetadataAsync, parquetReadObjects } from 'hyparquet'
import { compressors } from 'hyparquet-compressors'

function plain(v) {
  if (typeof v === 'bigint') return Number.isSafeInteger(Number(v)) ? Number(v) : v.toString()
  if (typeof v === 'number' && !Number.isFinite(v)) return String(v) // NaN, Infinity
  if (v instanceof Uint8Array) return Array.from(v)
  if (ArrayBuffer.isView(v)) return Array.from(v, plain)
  if (Array.isArray(v)) return v.map(plain)
  if (v instanceof Date) return v.toISOString()
  if (v && typeof v === 'object') {
    const o = {}
    for (const [k, x] of Object.entries(v)) o[k] = plain(x)
    return o
  }
  return v
}

const out = []
for (const file of process.argv.slice(2)) {
  try {
    const buffer = await asyncBufferFromFile(file)
    const meta = await parquetMetadataAsync(buffer)
    const rows = await parquetReadObjects({ file: buffer, metadata: meta, compressors })
    out.push({
      file,
      num_rows: plain(meta.num_rows),
      created_by: meta.created_by ?? null,
      key_value_metadata: Object.fromEntries((meta.key_value_metadata ?? []).map(kv => [kv.key, kv.value ?? null])),
      schema: meta.schema.map(s => plain({
        name: s.name, type: s.type ?? null, repetition_type: s.repetition_type ?? null,
        num_children: s.num_children ?? null, converted_type: s.converted_type ?? null,
        logical_type: s.logical_type?.type ?? null,
      })),
      row_groups: meta.row_groups.map(rg => plain({
        num_rows: rg.num_rows,
        columns: rg.columns.map(c => ({
          path: c.meta_data.path_in_schema.join('.'), type: c.meta_data.type,
          codec: c.meta_data.codec, encodings: c.meta_data.encodings,
          num_values: c.meta_data.num_values,
          dictionary_page_offset: c.meta_data.dictionary_page_offset ?? null,
          statistics: c.meta_data.statistics ? {
            min_value: c.meta_data.statistics.min_value ?? null,
            max_value: c.meta_data.statistics.max_value ?? null,
            null_count: c.meta_data.statistics.null_count ?? null,
          } : null,
        })),
      })),
      rows: plain(rows),
    })
  } catch (e) {
    process.stderr.write(`${file}: hyparquet cannot read it: ${e?.stack ?? e}\n`)
    process.exit(1)
  }
}
process.stdout.write(JSON.stringify({ files: out }) + '\n')
