// "Open many" (src/platform/many.rs): the files of a drop or of a folder picked with
// <input webkitdirectory>, folders walked recursively in name order. As the CLI does, files in
// folders that are hidden (".x"), Office lock files ("~$x") and Thumbs.db / desktop.ini are
// skipped. An entry that cannot be read becomes `{name, reason}`, so the page lists it.
const SKIP = /^(\.|~\$)|^(thumbs\.db|desktop\.ini)$/i;

function readEntries(reader) {
  return new Promise((resolve, reject) => reader.readEntries(resolve, reject));
}

async function walk(entry, out, top) {
  if (!top && SKIP.test(entry.name)) return;
  try {
    if (entry.isDirectory) {
      const reader = entry.createReader();
      const children = [];
      // readEntries answers in batches (100 in Chromium) until an empty one.
      for (let batch; (batch = await readEntries(reader)).length; ) children.push(...batch);
      children.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
      for (const child of children) await walk(child, out, false);
    } else {
      out.push(await new Promise((resolve, reject) => entry.file(resolve, reject)));
    }
  } catch (e) {
    out.push({ name: entry.name, reason: String((e && e.message) || e) });
  }
}

// The entries must be taken while the drop event runs; they are walked afterwards.
export function droppedFiles(dataTransfer) {
  const items = [...(dataTransfer.items || [])].filter((i) => i.kind === 'file');
  const entries = items.map((i) => (i.webkitGetAsEntry ? i.webkitGetAsEntry() : null));
  const files = [...(dataTransfer.files || [])];
  if (!entries.length || entries.some((e) => !e)) return Promise.resolve(files);
  return (async () => {
    const out = [];
    for (const entry of entries) await walk(entry, out, true);
    return out;
  })();
}

// A picked folder's files (their paths below it), or picked files as they are.
export function pickedFiles(list) {
  return [...list].filter((f) => !(f.webkitRelativePath || '').split('/').slice(1).some((part) => SKIP.test(part)));
}

// The pool: one lane per core (at most 4), each a worker running the app's own module (the same
// worker.js and compiled module as the page's analyser, src/platform/worker.rs) that takes the
// next file from a shared queue, posts the File itself and gets back `{text, meta}` or
// `{failure, why}` (worker.rs `answer_file`). Kept here rather than in Rust: async Rust of this
// size costs the .wasm ~4 KB of gzip. The page's side is given as functions:
//   inPage(file, name, text)  the same answer, analysed in the page (no worker could start)
//   readPdf(file)             a PDF's text (string), or the number of its failure
//   onFile(name, answer)      each outcome (`{failure: 'large'}` over `maxBytes`), in order done
//   onEnd()                   once every lane has stopped (all done, or cancelled)
// Returns a function that cancels: workers end at once, no outcome is reported after it.
export function openMany(files, glue, module, maxBytes, inPage, readPdf, onFile, onEnd) {
  const queue = [...files];
  const workers = new Set();
  let cancelled = false;
  let stop;
  const stopped = new Promise((resolve) => (stop = resolve));
  const wait = (promise) => Promise.race([promise, stopped]);
  const end = (w) => { w.terminate(); workers.delete(w); };

  async function spawn() {
    let w;
    try {
      w = new Worker('./worker.js', { type: 'module' });
      w.postMessage({ glue, module });
    } catch {
      return null;
    }
    workers.add(w);
    const ready = await wait(new Promise((resolve) => {
      const timer = setTimeout(() => resolve(false), 10_000);
      w.onmessage = (e) => { clearTimeout(timer); resolve(!!e.data.ready); };
      w.onerror = (e) => { e.preventDefault(); clearTimeout(timer); resolve(false); };
    }));
    if (ready) return w;
    end(w);
    return null;
  }

  // One file in the lane's worker, or in the page; undefined once cancelled.
  async function analyse(lane, file, text) {
    if (!lane.worker) {
      await new Promise((resolve) => setTimeout(resolve, 0));
      return cancelled ? undefined : inPage(file, file.name, text);
    }
    const w = lane.worker;
    const answer = await wait(new Promise((resolve) => {
      w.onmessage = (e) => resolve(e.data);
      // A panic in the core: this worker's module may be left in any state; a fresh one follows.
      w.onerror = w.onmessageerror = (e) => { e.preventDefault(); resolve(null); };
      w.postMessage({ many: true, file, name: file.name, text, panic: globalThis.__FAZHI_TEST_PANIC__ });
    }));
    if (answer !== null) return answer;
    end(w);
    lane.worker = cancelled ? null : await spawn();
    return { failure: 'crashed' };
  }

  async function lane() {
    const lane = { worker: queue.length && glue && module ? await spawn() : null };
    for (let file; !cancelled && (file = queue.shift()); ) {
      let answer = file.size > maxBytes ? { failure: 'large' } : await analyse(lane, file);
      if (answer && answer.failure === 'pdf') {
        const text = await wait(readPdf(file));
        answer = typeof text === 'string' ? await analyse(lane, file, text) : text === undefined ? undefined : { failure: 'pdf', why: text };
      }
      if (cancelled || answer === undefined) return;
      onFile(file.name, answer);
    }
  }

  const cores = Math.min(Math.max(navigator.hardwareConcurrency || 1, 1), 4, Math.max(queue.length, 1));
  Promise.all(Array.from({ length: cores }, lane)).finally(() => {
    for (const w of workers) w.terminate();
    onEnd();
  });
  return () => {
    cancelled = true;
    for (const w of [...workers]) end(w);
    stop();
  };
}
