// The report library in IndexedDB (see src/library/store.rs, which calls these functions through
// wasm-bindgen). Two object stores, written together in one transaction:
//   entries  {id, name, region, year, title, source, saved_at, chars}  keyed by id: what the list
//            needs, so listing thousands of reports reads no report text;
//   texts    the report text, keyed by the same id (a hash of the text: one copy per text).
// Every function returns a promise; a failure rejects with the browser's error (its `name`, e.g.
// QuotaExceededError, tells the app what to say). After each committed write the other tabs of
// the app are told on a BroadcastChannel, and list again.
//
// When IndexedDB cannot be opened (private mode, storage disabled, a browser that refuses the
// page's origin), the same functions work on a Map for as long as the page is open: `libOpen`
// says so and the app tells the user.

const ENTRIES = 'entries';
const TEXTS = 'texts';
let opening = null;
// Why a transaction was aborted by this module: an exception in a request's callback (a put
// that throws QuotaExceededError) would otherwise abort it as a bare AbortError.
const failures = new WeakMap();
let memory = null;
let channel;

// One channel for sending and listening: a channel never hears its own messages, so a tab is
// not told about its own writes.
function chan() {
  try {
    channel ??= new BroadcastChannel('fazhi-lens.library');
  } catch { /* no BroadcastChannel: other tabs see changes on their next start */ }
  return channel;
}

function tell() {
  chan()?.postMessage(1);
}

function db() {
  opening ??= new Promise((resolve, reject) => {
    const req = indexedDB.open('fazhi-lens', 1);
    req.onupgradeneeded = () => {
      req.result.createObjectStore(ENTRIES, { keyPath: 'id' });
      req.result.createObjectStore(TEXTS);
    };
    req.onsuccess = () => {
      // A newer build in another tab upgrades the database: let it, and open again next time.
      req.result.onversionchange = () => { req.result.close(); opening = null; };
      resolve(req.result);
    };
    req.onerror = () => reject(req.error);
  });
  opening.catch(() => { opening = null; });
  return opening;
}

// Runs `body(entries, texts)` in one transaction; resolves with what it put in `out.value` once
// the transaction has committed (so a resolved write is on disk), rejects if it aborts.
async function run(mode, body) {
  if (memory) return body(memory.entries, memory.texts, { value: undefined }, true);
  const d = await db();
  return new Promise((resolve, reject) => {
    const tx = d.transaction([ENTRIES, TEXTS], mode);
    const out = { value: undefined };
    tx.oncomplete = () => {
      if (mode === 'readwrite') tell();
      resolve(out.value);
    };
    tx.onabort = () => reject(failures.get(tx) || tx.error || new DOMException('transaction aborted', 'AbortError'));
    try {
      body(tx.objectStore(ENTRIES), tx.objectStore(TEXTS), out, false);
    } catch (e) {
      reject(e);
      try { tx.abort(); } catch { /* already finished */ }
    }
  });
}

// IndexedDB's request callbacks, or a Map's answer at once.
function get(store, key, then) {
  if (store instanceof Map) return then(store.get(key));
  store.get(key).onsuccess = (e) => {
    try {
      then(e.target.result);
    } catch (err) {
      failures.set(store.transaction, err);
      store.transaction.abort();
    }
  };
}

/** Opens the database: '' when it works, else the error's name (the library then lives in memory). */
export async function libOpen() {
  try {
    await db();
    return '';
  } catch (e) {
    memory = { entries: new Map(), texts: new Map() };
    return (e && e.name) || 'UnknownError';
  }
}

/** Every entry (no texts), newest first, as a JSON array. */
export function libList() {
  return run('readonly', (entries, _texts, out, mem) => {
    const done = (all) => {
      all.sort((a, b) => (a.saved_at < b.saved_at ? 1 : a.saved_at > b.saved_at ? -1 : a.id < b.id ? -1 : 1));
      out.value = JSON.stringify(all);
      return out.value;
    };
    if (mem) return done([...entries.values()]);
    entries.getAll().onsuccess = (e) => done(e.target.result);
  });
}

/**
 * Stores records ({...entry, text}, a JSON array) in one transaction. An id already stored keeps
 * its entry unless `refresh`: then it keeps only its name and takes the rest (a report analysed
 * again moves to the top). Resolves with how many ids were new.
 */
export function libSave(json, refresh) {
  return save(JSON.parse(json), refresh);
}

/** Stores one report: its entry (JSON) and its text, passed as it is (a 2 MB text is then not
 * written into JSON and parsed again), as `libSave` with `refresh`. */
export function libAdd(json, text) {
  return save([{ ...JSON.parse(json), text }], true);
}

function save(records, refresh) {
  const seen = new Set();
  return run('readwrite', (entries, texts, out, mem) => {
    out.value = 0;
    for (const { text, ...entry } of records) {
      // The same text twice in one batch is stored once.
      if (seen.has(entry.id)) continue;
      seen.add(entry.id);
      get(entries, entry.id, (old) => {
        if (old && !refresh) return;
        if (old) entry.name = old.name;
        else out.value += 1;
        if (mem) {
          entries.set(entry.id, entry);
          texts.set(entry.id, text);
        } else {
          entries.put(entry);
          if (!old) texts.put(text, entry.id);
        }
      });
    }
    if (mem) return out.value;
  });
}

/** The text stored under `id` (undefined if none). */
export function libText(id) {
  return run('readonly', (_entries, texts, out) => get(texts, id, (t) => { out.value = t; return t; }));
}

/** Renames the entry `id`. */
export function libRename(id, name) {
  return run('readwrite', (entries) => get(entries, id, (e) => {
    if (!e) return;
    e.name = name;
    if (entries instanceof Map) entries.set(id, e);
    else entries.put(e);
  }));
}

/** Deletes `id`; resolves with its record as JSON (for undo), or undefined. */
export function libDelete(id) {
  return run('readwrite', (entries, texts, out) => get(entries, id, (e) => get(texts, id, (text) => {
    if (!e) return undefined;
    out.value = JSON.stringify([{ ...e, text }]);
    entries.delete(id);
    texts.delete(id);
    return out.value;
  })));
}

/** Every record, with its text, newest first, as a JSON array (the export). */
export async function libExport() {
  const list = JSON.parse(await libList());
  return run('readonly', (_entries, texts, out, mem) => {
    const records = [];
    const done = () => { out.value = JSON.stringify(records); return out.value; };
    if (mem) {
      for (const e of list) records.push({ ...e, text: texts.get(e.id) ?? '' });
      return done();
    }
    list.forEach((e, i) => get(texts, e.id, (text) => {
      records.push({ ...e, text: text ?? '' });
      if (i === list.length - 1) done();
    }));
    if (!list.length) done();
  });
}

/**
 * Asks once for persistent storage (when `persist`), then says how much space the origin uses
 * and may use: [used bytes, quota bytes, persisted], or undefined where the browser cannot say.
 */
export async function libSpace(persist) {
  const s = navigator.storage;
  if (!s || !s.estimate) return undefined;
  let persisted = false;
  try {
    persisted = persist && s.persist ? await s.persist() : s.persisted ? await s.persisted() : false;
  } catch { /* refused: the estimate still helps */ }
  const { usage, quota } = await s.estimate();
  return [usage ?? 0, quota ?? 0, persisted];
}

/** Calls `f` whenever another tab of the app has written the library. */
export function libWatch(f) {
  const c = chan();
  if (c) c.onmessage = () => f();
}
