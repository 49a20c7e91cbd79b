// Preloaded into the API process by the load test only (node --expose-gc --import …):
// SIGUSR2 runs a full garbage collection, so that the memory read from /proc afterwards is
// what the process retains, not wherever V8's heap sizing happened to stand.
process.on('SIGUSR2', () => globalThis.gc?.());
