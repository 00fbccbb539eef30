import { once } from 'node:events';
import type { Client } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';

/**
 * Streams rows into a table with COPY … FROM STDIN (text format). Rows are batched into chunks of about
 * 256 KiB and written with back-pressure, so memory stays flat however many rows there are.
 */
export async function copyRows(
  client: Client,
  table: string,
  columns: readonly string[],
  rows: Iterable<string>,
  onProgress: (rowsSent: number) => void,
): Promise<number> {
  const stream = client.query(copyFrom(`COPY ${table} (${columns.join(', ')}) FROM STDIN`));
  const done = new Promise<void>((resolve, reject) => {
    stream.on('finish', resolve);
    stream.on('error', reject);
  });
  let chunk: string[] = [];
  let size = 0;
  let sent = 0;
  for (const line of rows) {
    chunk.push(line);
    size += line.length;
    sent++;
    if (size >= 256 * 1024) {
      if (!stream.write(chunk.join(''))) await once(stream, 'drain');
      onProgress(sent);
      chunk = [];
      size = 0;
    }
  }
  if (chunk.length > 0) stream.write(chunk.join(''));
  stream.end();
  await done;
  onProgress(sent);
  return stream.rowCount;
}
