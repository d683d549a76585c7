// fazhi-lens analysis worker (see src/platform/worker.rs). The page sends, once, the URL of its own
// wasm-bindgen glue and the WebAssembly.Module it has already compiled; importing the glue and
// instantiating that module runs the same Rust `main`, which finds no `window` and answers
// analysis requests from then on. Nothing is downloaded or compiled a second time.
self.onmessage = async (event) => {
  self.onmessage = null;
  const { glue, module } = event.data;
  try {
    const bindings = await import(glue);
    await bindings.default({ module_or_path: module });
  } catch (e) {
    self.postMessage({ failed: String(e) });
  }
};
self.onmessageerror = () => self.postMessage({ failed: 'the page could not send the module' });
