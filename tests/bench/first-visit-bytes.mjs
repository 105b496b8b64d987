// Benchmark: bytes over the wire for a participant's first visit of the start
// page (HTML, CSS, JS, WASM, icons), compressed as served. Prints a breakdown
// and fails above the budget of issue 3 (150 KB). Not a timing: sizes only.
import { startServer, launch } from '../browser/support.mjs';

const BUDGET = 150 * 1024;
const server = await startServer();
const browser = await launch();
let exitCode = 0;
try {
  // Sign in on one page; measure the first visit of the start page on a fresh one (empty cache).
  // A first visit: no service worker yet (it would answer from its cache).
  const context = await browser.newContext({ viewport: { width: 360, height: 740 }, serviceWorkers: 'block' });
  const signIn = await context.newPage();
  await signIn.goto(`${server.base}/demo`);
  await signIn.locator('section').first().getByRole('button').first().click();
  await signIn.waitForURL(`${server.base}/`);
  await signIn.close();

  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  const responses = new Map();
  cdp.on('Network.responseReceived', (e) => responses.set(e.requestId, { url: e.response.url, type: e.type, encoding: e.response.headers['content-encoding'] || e.response.headers['Content-Encoding'] || '-' }));
  const sizes = new Map();
  cdp.on('Network.loadingFinished', (e) => sizes.set(e.requestId, e.encodedDataLength));
  await page.goto(`${server.base}/`, { waitUntil: 'networkidle' });
  await page.waitForTimeout(500);

  let total = 0;
  const rows = [];
  for (const [id, r] of responses) {
    const bytes = sizes.get(id) ?? 0;
    total += bytes;
    rows.push([bytes, r.type, r.encoding, new URL(r.url).pathname]);
  }
  rows.sort((a, b) => b[0] - a[0]);
  console.log('First visit of the start page (participant, empty cache), bytes over the wire:');
  for (const [bytes, type, encoding, path] of rows) {
    console.log(`${String(bytes).padStart(8)}  ${type.padEnd(10)} ${encoding.padEnd(5)} ${path}`);
  }
  console.log(`${String(total).padStart(8)}  total (${(total / 1024).toFixed(1)} KB of a ${BUDGET / 1024} KB budget)`);
  if (total > BUDGET) {
    console.error('Over budget.');
    exitCode = 1;
  }
} finally {
  await browser.close();
  server.stop();
}
process.exit(exitCode);
