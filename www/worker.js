// fazhi-lens analysis worker (see src/platform/worker.rs). The page sends, once, the URL of its own
// wasm-bindgen glue and the WebAssembly.Module it has already compiled; importing the glue and
// instantiating that module runs the same Rust `main`, which finds no `window` and answers
// analysis requests from then on. Nothing is downloaded or compiled a second time.
//
// Sent `{pdf: url}` instead, the worker reads PDFs (src/platform/pdf.rs): it imports the PDF
// module at `url` (which sets `self.__fazhiPdf`), then answers each `{bytes, panic}` with the module's
// `{kind, text}`, or `{crashed}` when the module trapped (a panic), or `{failed}` when it could
// not be loaded. A trap is caught here, so the page hears an answer, never an `error` event.
self.onmessage = async (event) => {
  self.onmessage = null;
  const { glue, module, pdf } = event.data;
  if (pdf) {
    readPdfs(pdf);
    return;
  }
  try {
    const bindings = await import(glue);
    await bindings.default({ module_or_path: module });
  } catch (e) {
    self.postMessage({ failed: String(e) });
  }
};
self.onmessageerror = () => self.postMessage({ failed: 'the page could not send the module' });

function readPdfs(url) {
  const loaded = import(url).then(() => self.__fazhiPdf.load());
  // A failure is answered with the first request, not reported as unhandled before it.
  loaded.catch(() => {});
  self.onmessage = async (event) => {
    try {
      await loaded;
    } catch (e) {
      self.postMessage({ failed: String(e) });
      return;
    }
    try {
      self.postMessage(self.__fazhiPdf.read(event.data.bytes, !!event.data.panic));
    } catch (e) {
      self.postMessage({ crashed: String(e) });
    }
  };
}
