// Realistic dev-server output for the in-process benchmarks: mostly ~100-byte access-log lines, about
// 1% of lines inside error reports (Node errors with 5 stack frames, tsc `file(l,c): error TS…` lines),
// and an occasional local URL. Deterministic, so every run and every mode sees the same bytes.

const ROUTES = ['/api/items', '/api/users', '/api/orders', '/assets/app', '/api/search'];
const METHODS = ['GET', 'GET', 'GET', 'POST', 'PUT', 'DELETE'];
const STATUS = [200, 200, 200, 200, 201, 204, 304, 404];
const NODE_ERRORS = [
  ['TypeError', "Cannot read properties of undefined (reading 'id')"],
  ['RangeError', 'Invalid array length'],
  ['Error', 'connect ECONNREFUSED 127.0.0.1:5432'],
  ['SyntaxError', 'Unexpected token } in JSON at position 17'],
  ['ReferenceError', 'session is not defined'],
];
const TS_ERRORS = [
  "TS2322: Type 'string' is not assignable to type 'number'.",
  "TS2339: Property 'total' does not exist on type 'Order'.",
  "TS7006: Parameter 'item' implicitly has an 'any' type.",
];

/** One access-log line, ~100 bytes (without the newline). */
export function accessLine(n) {
  // 5xx are rare (≈0.8% of requests), as in a healthy server's log.
  const status = n % 211 === 0 ? 500 : n % 307 === 0 ? 503 : STATUS[(n >> 2) % STATUS.length];
  return (
    `2026-11-27T10:${String((n >> 10) % 60).padStart(2, '0')}:00.${String(n % 1000).padStart(3, '0')}Z ` +
    `[info] ${METHODS[n % METHODS.length]} ${ROUTES[n % ROUTES.length]}/${n % 100000} ${status} ` +
    `in ${n % 97}ms user=${n % 13} trace=${(n * 2654435761) >>> 0}`
  );
}

/** A Node error report: header plus 5 `at` frames (6 lines). `k` picks one of ~40 distinct errors. */
export function nodeErrorLines(k) {
  const [name, message] = NODE_ERRORS[k % NODE_ERRORS.length];
  const file = `/app/src/routes/handler-${k % 8}.ts`;
  return [
    `${name}: ${message}`,
    `    at loadItem (${file}:${40 + (k % 8)}:17)`,
    `    at async Router.handle (/app/node_modules/express/lib/router/index.js:284:9)`,
    `    at async next (/app/node_modules/express/lib/router/route.js:149:13)`,
    `    at processTicksAndRejections (node:internal/process/task_queues:95:5)`,
    `    at async Server.<anonymous> (/app/src/server.ts:88:5)`,
  ];
}

/** A tsc diagnostic in `--pretty false` form (1 line). `k` picks one of ~30 distinct diagnostics. */
export function tscErrorLine(k) {
  return `src/components/Item${k % 10}.tsx(${12 + (k % 10)},${5 + (k % 3)}): error ${TS_ERRORS[k % TS_ERRORS.length]}`;
}

/**
 * Generates `total` lines (strings, no newline) and counts what was injected: about one line in 100
 * belongs to an error report (alternately a Node error block and a tsc line); one line in 20,000 is a
 * dev-server URL (one of 20 ports).
 * @returns {{ lines: string[], nodeReports: number, tscReports: number, urlLines: number }}
 */
export function floodLines(total) {
  const lines = [];
  let nodeReports = 0;
  let tscReports = 0;
  let urlLines = 0;
  let n = 0;
  while (lines.length < total) {
    const i = lines.length;
    if (i % 20000 === 19999) {
      lines.push(`  ➜  Local:   http://localhost:${5170 + (urlLines++ % 20)}/`);
    } else if (i % 700 === 350) {
      for (const l of nodeErrorLines(nodeReports++)) lines.push(l);
    } else if (i % 700 === 699) {
      lines.push(tscErrorLine(tscReports++));
    } else {
      lines.push(accessLine(n++));
    }
  }
  lines.length = total;
  return { lines, nodeReports, tscReports, urlLines };
}

/**
 * Joins lines into `\n`-terminated chunks of exactly `chunkBytes` bytes (the last may be shorter), cut
 * wherever the byte count falls, as a pipe delivers them (lines and UTF-8 characters split across chunks).
 */
export function toChunks(lines, chunkBytes = 64 * 1024) {
  const all = Buffer.from(lines.join('\n') + '\n', 'utf8');
  const chunks = [];
  for (let off = 0; off < all.length; off += chunkBytes) chunks.push(all.subarray(off, off + chunkBytes));
  return chunks;
}

/**
 * Feeds pipe chunks through core objects the way child-output.ts does: `pushBatch` per chunk, the chunk
 * and its decoded text as the lines' source. `ingest(lines, truncated, source)` gets each batch
 * (`source` undefined for the final unterminated line); returns the number of lines fed.
 */
export function feedChunks(LineSplitter, chunks, ingest) {
  const splitter = new LineSplitter();
  let fed = 0;
  for (const chunk of chunks) {
    const carried = splitter.pending;
    const lines = [];
    const cuts = {};
    if (splitter.pushBatch(chunk, lines, cuts) === 0) continue;
    fed += lines.length;
    const region =
      cuts.joined === undefined || cuts.regionStart === undefined
        ? undefined
        : { start: cuts.regionStart, end: cuts.regionEnd, firstLine: cuts.carried, text: cuts.regionText };
    ingest(lines, cuts.truncated, { bytes: chunk, carried, joined: cuts.joined, region });
  }
  const rest = [];
  splitter.end((line) => rest.push(line));
  if (rest.length > 0) {
    fed += rest.length;
    ingest(rest, undefined, undefined);
  }
  return fed;
}
