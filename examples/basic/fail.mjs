// A script that fails: prints an uncaught Node error with a stack, and exits 1.
console.log('loading configuration…');
function readConfig(text) {
  return JSON.parse(text).port.toFixed();
}
setTimeout(() => {
  readConfig('{}');
}, 200);
