// Writes N realistic log lines as fast as the pipe takes them (default 100000), then exits.
const total = Number(process.argv[2] ?? process.env.FLOOD_LINES ?? 100000);
const batch = 1000;
let i = 0;
function line(n) {
  return `2026-11-27T10:00:00.000Z [info] GET /api/items/${n} 200 in ${n % 97}ms user=${n % 13} trace=${(n * 2654435761) >>> 0}\n`;
}
function write() {
  while (i < total) {
    let chunk = '';
    for (let j = 0; j < batch && i < total; j++, i++) chunk += line(i);
    if (!process.stdout.write(chunk)) return process.stdout.once('drain', write);
  }
}
write();
