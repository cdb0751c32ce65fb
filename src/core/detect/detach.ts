/**
 * A copy of `s` that does not keep a bigger string alive. Parsers cut messages, files and frames out
 * of the line texts, which are slices of a whole decoded pipe chunk (~64 KB); a record holding such a
 * slice kept that chunk alive, and since records live long, every chunk with an error report was
 * promoted to the old generation (measured: old space 63 MB → 17 MB on the access flood). Strings
 * shorter than V8's minimum slice length (13) are copies already. Anything kept beyond the batch — a
 * record's texts, a cached file key, a URL in a process snapshot — must be one of these.
 */
export function detach<T extends string | undefined>(s: T): T {
  if (s === undefined || s.length < 13) return s;
  return (' ' + s).slice(1) as T;
}
