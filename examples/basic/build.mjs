// A one-shot build: prints progress and succeeds.
const steps = ['resolving modules', 'transforming 42 files', 'writing dist/'];
for (const [i, step] of steps.entries()) {
  await new Promise((r) => setTimeout(r, 150));
  console.log(`[${i + 1}/${steps.length}] ${step}`);
}
console.log('build finished');
