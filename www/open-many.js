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
