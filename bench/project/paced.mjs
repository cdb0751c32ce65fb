// Writes realistic log lines at a steady rate (default 100,000 lines/s) until stopped.
const rate = Number(process.argv[2] ?? 100_000);
const perTick = Math.max(1, Math.round(rate / 100));
let n = 0;
setInterval(() => {
  let chunk = '';
  for (let i = 0; i < perTick; i++, n++) {
    chunk += `2026-11-27T10:00:00.000Z [info] GET /api/items/${n} 200 in ${n % 97}ms user=${n % 13}\n`;
  }
  process.stdout.write(chunk);
}, 10);
