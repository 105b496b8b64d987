// Mina steg service worker.
// - Built assets (/pkg/, named by content hash) and icons: cache first. A new
//   release has new names, so a new page never meets an old JS/WASM pair.
// - Participant pages: network first; the last good copy is shown offline,
//   with a banner whose words come from the page itself (the text catalogue).
// - A copy never outlives the access it was shown under:
//   - The server marks each participant page with an opaque tag of the
//     sign-in and of what it may show (`x-mina-steg-viewer`, a keyed hash made
//     on the server; absent when nobody is signed in). A copy keeps its tag. A
//     page with another tag (someone else signed in, a consent withdrawn)
//     removes every copy with an older one, and offline a copy is shown only
//     while its tag is the last one seen.
//   - An answer that refuses (a redirect to sign-in, 401, 403: also the page
//     that says a part is not shared) or a page shown to nobody signed in
//     removes every copy. The server also sends Clear-Site-Data when the session
//     has ended and on the sign-in pages (security.rs).
//   - A copy is kept 72 hours at most; then it is removed, and offline the page
//     /inte-uppkopplad says in easy words that the page cannot be shown.
// - Signing out on this phone removes every copy.
const ASSETS = 'mina-steg-assets-v1';
// v2: the copies of the first worker had no tag; they go when this one starts.
const PAGES = 'mina-steg-pages-v2';
const OFFLINE = 'mina-steg-offline-v1';
const OFFLINE_PAGE = '/inte-uppkopplad';
const PARTICIPANT_PAGES = /^\/(|min-plan|moten(\/\d+)?|kontakter|stegen|programmet|om)$/;
const VIEWER = 'x-mina-steg-viewer';
const SAVED_AT = 'x-mina-steg-saved-at';
const KEEP_MS = 72 * 60 * 60 * 1000;
// A copy saved "in the future" means the clock was moved back: it could
// otherwise outlive the 72 hours, so it goes too (a few minutes of drift are fine).
const CLOCK_SLACK_MS = 5 * 60 * 1000;
// Where the last tag seen is kept (in PAGES, so it goes with the copies).
const LAST_VIEWER = '/__mina-steg-viewer';

self.addEventListener('install', (event) => {
  self.skipWaiting();
  event.waitUntil(keepOfflinePage());
});

self.addEventListener('activate', (event) => {
  event.waitUntil((async () => {
    for (const name of await caches.keys()) {
      if (name !== ASSETS && name !== PAGES && name !== OFFLINE) await caches.delete(name);
    }
    await dropOldCopies();
    await self.clients.claim();
  })());
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (request.method === 'POST' && url.pathname === '/api/sign_out') {
    // Signed out on this phone: no copies, and no more notifications for the
    // one who was signed in (the next person on a shared phone gets none).
    event.waitUntil(Promise.all([
      caches.delete(PAGES),
      self.registration.pushManager.getSubscription().then((s) => s && s.unsubscribe()).catch(() => {}),
    ]));
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
  let response;
  try {
    response = await fetch(request);
  } catch (error) {
    return offlineCopy(request);
  }
  await learnFrom(request, response);
  return response;
}

// What an answer from the server says about the copies on this phone.
async function learnFrom(request, response) {
  const viewer = response.headers.get(VIEWER);
  // A navigation's redirect reaches the worker as an opaque redirect: for a
  // participant page it means sign-in (or staff's own start page).
  const refused = response.type === 'opaqueredirect' || response.status === 401 || response.status === 403;
  if (refused || (response.ok && !viewer)) {
    await caches.delete(PAGES);
    return;
  }
  // Without a tag and not a page (a proxy's 502, a timeout): nothing is known.
  if (!viewer) return;
  const cache = await caches.open(PAGES);
  await dropCopies(cache, (copy) => copy.headers.get(VIEWER) !== viewer);
  await cache.put(LAST_VIEWER, new Response('', { headers: { [VIEWER]: viewer } }));
  if (response.status === 200) {
    const body = await response.clone().text();
    const headers = new Headers(response.headers);
    headers.set(SAVED_AT, String(Date.now()));
    await cache.put(request, new Response(body, { status: 200, headers }));
  } else if (response.status === 404 || response.status === 410) {
    // A meeting that is gone, or no longer this person's.
    await cache.delete(request);
  }
}

async function offlineCopy(request) {
  await dropOldCopies();
  const cache = await caches.open(PAGES);
  const saved = await cache.match(request);
  const last = await cache.match(LAST_VIEWER);
  const viewer = last && last.headers.get(VIEWER);
  if (saved && viewer && saved.headers.get(VIEWER) === viewer) return withOfflineBanner(saved);
  return offlinePage();
}

async function dropOldCopies() {
  const cache = await caches.open(PAGES);
  const now = Date.now();
  await dropCopies(cache, (copy) => {
    const savedAt = Number(copy.headers.get(SAVED_AT));
    return !Number.isFinite(savedAt) || savedAt <= 0 || now - savedAt > KEEP_MS || savedAt - now > CLOCK_SLACK_MS;
  });
}

async function dropCopies(cache, shouldGo) {
  for (const key of await cache.keys()) {
    if (new URL(key.url).pathname === LAST_VIEWER) continue;
    const copy = await cache.match(key);
    if (!copy || shouldGo(copy)) await cache.delete(key);
  }
}

// The page that says, in the catalogue's words, that the page cannot be shown;
// kept with its style sheet and pictograms when the worker installs.
async function keepOfflinePage() {
  try {
    const response = await fetch(OFFLINE_PAGE, { credentials: 'omit', cache: 'no-store' });
    if (!response.ok) return;
    const html = await response.clone().text();
    await (await caches.open(OFFLINE)).put(OFFLINE_PAGE, response);
    const assets = await caches.open(ASSETS);
    const urls = [...html.matchAll(/(?:href|src)="(\/(?:pkg\/[^"]+\.css|icons\/[^"]+))"/g)].map((m) => m[1]);
    await Promise.all(urls.map(async (url) => {
      if (await assets.match(url)) return;
      const asset = await fetch(url);
      if (asset.ok) await assets.put(url, asset);
    }));
  } catch (error) {
    // Installed while offline: until it is kept, the browser's own offline page shows.
  }
}

async function offlinePage() {
  const saved = await caches.match(OFFLINE_PAGE, { cacheName: OFFLINE });
  if (!saved) return Response.error();
  return htmlResponse(await saved.text(), saved);
}

async function withOfflineBanner(saved) {
  const html = await saved.text();
  const when = new Date(Number(saved.headers.get(SAVED_AT)));
  const words = (html.match(/data-offline-text="([^"]*)"/) || [])[1] || '';
  const clock = (html.match(/data-offline-clock="([^"]*)"/) || [])[1] || '';
  // "söndag 22 november klockan 22.04": written out, no abbreviations.
  const day = when.toLocaleDateString('sv-SE', { weekday: 'long', day: 'numeric', month: 'long' });
  const minutes = when.getMinutes();
  const time = minutes === 0 ? `${when.getHours()}` : `${when.getHours()}.${String(minutes).padStart(2, '0')}`;
  const banner = `<div class="offline-banner" role="status">${words} ${day} ${clock} ${time}.</div>`;
  return htmlResponse(html.replace(/(<main[^>]*>)/, `$1${banner}`), saved);
}

// The page's own CSP goes with it (its inline script carries that CSP's nonce).
function htmlResponse(body, saved) {
  const headers = { 'content-type': 'text/html; charset=utf-8' };
  const csp = saved.headers.get('content-security-policy');
  if (csp) headers['content-security-policy'] = csp;
  return new Response(body, { status: 200, headers });
}

// Reminders (issue 14): the server's message, which the browser has
// decrypted, shown with the meeting pictogram. The tag is the message's own
// key, so a message sent again (its server died mid-send) replaces itself
// instead of showing twice. A tap opens the meeting (or the reminders page).
self.addEventListener('push', (event) => {
  let message = {};
  try {
    message = event.data ? event.data.json() : {};
  } catch {
    // Not ours to read: show nothing rather than something wrong.
    return;
  }
  if (!message.title) return;
  event.waitUntil((async () => {
    await self.registration.showNotification(message.title, {
      body: message.body || '',
      icon: '/icons/meeting-192.png',
      badge: '/icons/meeting-192.png',
      tag: message.tag,
      lang: 'sv',
      data: { url: message.url || '/' },
    });
    // Tells the server it was shown, so staff see it was delivered. Signed
    // out, or offline, it stays "sent": nothing else depends on this.
    try {
      await fetch('/api/reminder_shown', {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
        body: new URLSearchParams({ key: message.tag || '' }),
        credentials: 'same-origin',
      });
    } catch {
      // Offline: shown all the same.
    }
  })());
});

self.addEventListener('notificationclick', (event) => {
  event.notification.close();
  const url = new URL(event.notification.data?.url || '/', self.location.origin);
  // Only this site's own pages.
  if (url.origin !== self.location.origin) return;
  event.waitUntil((async () => {
    for (const client of await self.clients.matchAll({ type: 'window', includeUncontrolled: true })) {
      if ('navigate' in client) {
        await client.navigate(url.href);
        return client.focus();
      }
    }
    return self.clients.openWindow(url.href);
  })());
});
