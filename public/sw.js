// Mina steg service worker.
// - Built assets (/pkg/, named by content hash) and icons: cache first. A new
//   release has new names, so a new page never meets an old JS/WASM pair.
// - Participant pages: network first; the last good copy is shown offline,
//   with a banner whose words come from the page itself (the text catalogue).
// - Signing out empties the page cache: nothing personal stays on the phone.
const ASSETS = 'mina-steg-assets-v1';
const PAGES = 'mina-steg-pages-v1';
const PARTICIPANT_PAGES = /^\/(|min-plan|moten(\/\d+)?|kontakter|stegen|programmet|om)$/;

self.addEventListener('install', () => self.skipWaiting());

self.addEventListener('activate', (event) => {
  event.waitUntil((async () => {
    for (const name of await caches.keys()) {
      if (name !== ASSETS && name !== PAGES) await caches.delete(name);
    }
    await self.clients.claim();
  })());
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (request.method === 'POST' && url.pathname === '/api/sign_out') {
    event.waitUntil(caches.delete(PAGES));
    return;
  }
  if (request.method !== 'GET') return;
  if (url.pathname.startsWith('/pkg/') || url.pathname.startsWith('/icons/')) {
    event.respondWith(cacheFirst(request));
  } else if (request.mode === 'navigate' && PARTICIPANT_PAGES.test(url.pathname)) {
    event.respondWith(networkFirst(request));
  }
});

async function cacheFirst(request) {
  const cache = await caches.open(ASSETS);
  const hit = await cache.match(request);
  if (hit) return hit;
  const response = await fetch(request);
  if (response.ok) await cache.put(request, response.clone());
  return response;
}

async function networkFirst(request) {
  const cache = await caches.open(PAGES);
  try {
    const response = await fetch(request);
    // Only a page really shown (not a redirect to sign-in) is kept.
    if (response.ok && !response.redirected) {
      const body = await response.clone().text();
      const headers = new Headers(response.headers);
      headers.set('x-mina-steg-saved-at', String(Date.now()));
      await cache.put(request, new Response(body, { status: 200, headers }));
    }
    return response;
  } catch (error) {
    const saved = await cache.match(request);
    if (!saved) throw error;
    return withOfflineBanner(saved);
  }
}

async function withOfflineBanner(saved) {
  const html = await saved.text();
  const when = new Date(Number(saved.headers.get('x-mina-steg-saved-at')));
  const words = (html.match(/data-offline-text="([^"]*)"/) || [])[1] || '';
  const clock = (html.match(/data-offline-clock="([^"]*)"/) || [])[1] || '';
  // "söndag 22 november klockan 22.04": written out, no abbreviations.
  const day = when.toLocaleDateString('sv-SE', { weekday: 'long', day: 'numeric', month: 'long' });
  const minutes = when.getMinutes();
  const time = minutes === 0 ? `${when.getHours()}` : `${when.getHours()}.${String(minutes).padStart(2, '0')}`;
  const banner = `<div class="offline-banner" role="status">${words} ${day} ${clock} ${time}.</div>`;
  const body = html.replace(/(<main[^>]*>)/, `$1${banner}`);
  return new Response(body, { status: 200, headers: { 'content-type': 'text/html; charset=utf-8' } });
}
