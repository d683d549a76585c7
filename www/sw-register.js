// Registers fazhi-lens's service worker (dist/sw.js), which keeps the app working offline.
//
// Browsers allow service workers only in secure contexts served over http(s): HTTPS sites and
// http://localhost. On a plain-HTTP intranet host, or opened from disk, this does nothing, so
// nothing shows in the console. `cargo xtask build` adds this script to dist/index.html.

'use strict';

if ('serviceWorker' in navigator && window.isSecureContext && /^https?:$/.test(location.protocol)) {
  // After the page has loaded, so caching never competes with the app's own download.
  addEventListener('load', () => {
    navigator.serviceWorker.register('./sw.js', { scope: './' }).catch((e) => {
      console.warn('fazhi-lens: no offline copy (service worker not registered):', e);
    });
  });
}
