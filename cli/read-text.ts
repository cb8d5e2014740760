/** The text of a CSV file, plain or gzip-compressed (by its .gz name or, failing that, its magic bytes). */
export async function readText(path: string): Promise<string> {
  const file = Bun.file(path);
  if (!(await file.exists())) throw new Error('no such file');
  const bytes = new Uint8Array(await file.arrayBuffer());
  const gzipped = path.endsWith('.gz') || (bytes[0] === 0x1f && bytes[1] === 0x8b);
  try {
    // fatal: a binary file given by mistake fails here rather than as a million bad lines.
    return new TextDecoder('utf-8', { fatal: true }).decode(gzipped ? Bun.gunzipSync(bytes) : bytes);
  } catch (e) {
    throw new Error(gzipped ? `not a readable gzip file (${(e as Error).message})` : 'not UTF-8 text');
  }
}
