// A watcher: reports a rebuild every two seconds, forever.
let n = 0;
console.log('watching for file changes…');
setInterval(() => {
  n += 1;
  console.log(`\x1b[2m[watch]\x1b[22m rebuilt in ${(Math.random() * 40 + 5).toFixed(0)}ms (#${n})`);
}, 2000);
