// fazhi-lens service worker: keeps the app working when its server goes away.
//
// `cargo xtask build` writes this file to dist/sw.js with FILES (every file of that build,
// relative to this script; "./" is index.html) and VERSION (a hash of their contents) filled in.
// A new release therefore has a new sw.js: the browser installs it, it caches the new files under
// a new cache name, takes over at once and deletes this scope's older caches.
//
// Browsers allow service workers only on HTTPS and http://localhost; sw-register.js does not
// even try elsewhere, and the single-file build (fazhi-lens.html) has neither script.

'use strict';

const VERSION = '__FAZHI_VERSION__';
const FILES = __FAZHI_FILES__;

// One app may be served at several paths of one origin: each scope keeps its own caches.
const PREFIX = `fazhi-lens ${self.registration.scope} `;
const CACHE = PREFIX + VERSION;
const INDEX = new URL('./', self.registration.scope).href;

self.addEventListener('install', (event) => {
  event.waitUntil((async () => {
    const cache = await caches.open(CACHE);
    // no-cache: revalidate with the server, so a stale HTTP cache cannot mix two releases.
    await cache.addAll(FILES.map((f) => new Request(new URL(f, self.location.href), { cache: 'no-cache' })));
    await self.skipWaiting();
  })());
});

self.addEventListener('activate', (event) => {
  event.waitUntil((async () => {
    for (const key of await caches.keys()) {
      if (key.startsWith(PREFIX) && key !== CACHE) await caches.delete(key);
    }
    await self.clients.claim();
  })());
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET' || !request.url.startsWith(self.registration.scope)) return;
  if (request.mode === 'navigate') {
    // The page itself: the server's when it answers (so a new release shows at once), else ours.
    event.respondWith((async () => {
      try {
        const response = await fetch(request);
        if (response.status < 500) return response;
      } catch {
        // offline, or the server is gone
      }
      return (await caches.match(INDEX, { cacheName: CACHE })) ?? Response.error();
    })());
    return;
  }
  // Everything else has a content hash in its name: ours is as good as the server's.
  event.respondWith((async () => (await caches.match(request, { cacheName: CACHE, ignoreSearch: true })) ?? fetch(request))());
});
