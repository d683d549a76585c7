//! `InputPanel`: the paste area, "open file", drag-and-drop and the demo report.

use fazhi_lens::decode::Format;
use fazhi_lens::DecodeError;
use wasm_bindgen::JsCast;
use web_sys::{ClipboardEvent, File, HtmlElement, HtmlInputElement, HtmlTextAreaElement};
use yew::prelude::*;

use super::text::{format_size, splice_utf16, split_bilingual, HELD_TEXT_BYTES};
use crate::i18n::{fill, use_strings, Lang, Strings};
use crate::platform::browser::{read_bytes, BrowserDecoder};
use crate::platform::many::{self, Item};
use crate::platform::pdf::{self, PdfFailure};
use crate::platform::{static_shell, storage};

/// The built-in demo report (synthetic; written for this app).
pub const DEMO: &str = include_str!("../../www/demo.txt");

/// Files larger than this are refused before reading (a report is well under 1 MB of text).
const MAX_MB: f64 = 64.0;

/// Props of [`InputPanel`].
#[derive(Properties, PartialEq)]
pub struct Props {
    /// Analyse `(text, source name)`.
    pub on_analyze: Callback<(String, String)>,
    /// Show (or, with `None`, clear) an error message.
    pub on_error: Callback<Option<String>>,
    /// Open several files (a multiple pick, a folder, a drop of more than one file).
    pub on_many: Callback<Vec<Item>>,
}

/// The message for a file the analyser cannot decode, in the interface language.
///
/// The core's messages read "中文说明 (English explanation)"; the part in the other language
/// is dropped.
fn decode_message(lang: Lang, err: &DecodeError) -> String {
    let message = err.to_string();
    let (zh, en) = split_bilingual(&message);
    match lang {
        Lang::Zh => zh.to_string(),
        Lang::En => en.unwrap_or(zh).to_string(),
    }
}

/// The message for a PDF that gave no text.
pub fn pdf_message(s: &Strings, failure: PdfFailure) -> String {
    match failure {
        PdfFailure::NoTextLayer => s.pdf_no_text,
        PdfFailure::NeedsPassword => s.pdf_password,
        PdfFailure::Damaged => s.pdf_damaged,
        PdfFailure::Unsupported => s.pdf_unsupported,
        PdfFailure::Crashed => s.pdf_failed,
    }
    .to_string()
}

/// What is being read: a file's name, and whether it is a PDF whose text is being extracted.
#[derive(Clone, PartialEq)]
struct Reading {
    name: String,
    pdf: bool,
}

/// Turns a file's bytes into text: what the core decodes, and a PDF (which the core refuses in
/// the web app) through the PDF module, after `reading_pdf` has said so.
async fn file_text(bytes: &[u8], name: &str, lang: Lang, reading_pdf: impl FnOnce()) -> Result<String, String> {
    match fazhi_lens::decode::decode_with(bytes, name, &BrowserDecoder) {
        Err(DecodeError::Unsupported(Format::Pdf)) => {
            reading_pdf();
            pdf::read(bytes).await.map_err(|f| pdf_message(lang.strings(), f))
        }
        decoded => decoded.map_err(|e| decode_message(lang, &e)),
    }
}

/// Where the report text is entered.
#[function_component]
pub fn InputPanel(props: &Props) -> Html {
    let s = use_strings();
    let lang = use_context::<Lang>().unwrap_or(Lang::Zh);
    // A text kept across a reload after a failed analysis (see `root`) comes back here.
    // Else what was typed into the page's static shell while the app loaded.
    let text = use_state(|| storage::take_draft().or_else(static_shell::take_text).unwrap_or_default());
    // The file name while the paste area holds a file's text unchanged.
    let source = use_state(|| None::<String>);
    let dragging = use_state(|| false);
    let reading = use_state(|| None::<Reading>);
    // True while `text` is too long for the paste area and is held outside it (see
    // `HELD_TEXT_BYTES`): the area is replaced by a summary until the user asks to see it.
    let held = {
        let long = text.len() >= HELD_TEXT_BYTES;
        use_state(move || long)
    };
    let analyze_button = use_node_ref();
    let area = use_node_ref();
    {
        // The static shell's paste area had the focus: this one takes it, so typing goes on.
        let area = area.clone();
        use_effect_with((), move |()| {
            if static_shell::had_focus() {
                if let Some(area) = area.cast::<HtmlElement>() {
                    let _ = area.focus();
                }
            }
        });
    }
    {
        // After a long paste the area is gone: the keyboard continues on 分析.
        let analyze_button = analyze_button.clone();
        use_effect_with(*held, move |&held| {
            if held {
                if let Some(button) = analyze_button.cast::<HtmlElement>() {
                    let _ = button.focus();
                }
            }
        });
    }

    // Counts the files opened: a file still being read (a big PDF) when another is opened is
    // dropped when it is done, so it cannot replace the newer one.
    let opened = use_mut_ref(|| 0u32);
    // The demo or 清空 while a file is read: the file is dropped when it is done.
    let drop_reading = {
        let (opened, reading) = (opened.clone(), reading.clone());
        move || {
            let mut opened = opened.borrow_mut();
            *opened = opened.wrapping_add(1);
            reading.set(None);
        }
    };
    let open_file = {
        let (text, source, reading, held) = (text.clone(), source.clone(), reading.clone(), held.clone());
        let (on_analyze, on_error) = (props.on_analyze.clone(), props.on_error.clone());
        move |file: File| {
            let name = file.name();
            let id = {
                let mut opened = opened.borrow_mut();
                *opened = opened.wrapping_add(1);
                *opened
            };
            let latest = {
                let opened = opened.clone();
                move || *opened.borrow() == id
            };
            if file.size() > MAX_MB * 1024.0 * 1024.0 {
                on_error.emit(Some(fill(s.err_too_large, &[&MAX_MB.to_string()])));
                return;
            }
            on_error.emit(None);
            reading.set(Some(Reading { name: name.clone(), pdf: false }));
            let (text, source, reading, held) = (text.clone(), source.clone(), reading.clone(), held.clone());
            let (on_analyze, on_error) = (on_analyze.clone(), on_error.clone());
            wasm_bindgen_futures::spawn_local(async move {
                let pdf_status = {
                    let (reading, name, latest) = (reading.clone(), name.clone(), latest.clone());
                    move || {
                        if latest() {
                            reading.set(Some(Reading { name, pdf: true }));
                        }
                    }
                };
                let decoded = match read_bytes(&file).await {
                    Ok(bytes) => file_text(&bytes, &name, lang, pdf_status).await,
                    Err(e) => Err(fill(s.err_read, &[&name, &e])),
                };
                if !latest() {
                    return;
                }
                reading.set(None);
                match decoded {
                    Ok(decoded) => {
                        held.set(decoded.len() >= HELD_TEXT_BYTES);
                        text.set(decoded.clone());
                        source.set(Some(name.clone()));
                        on_analyze.emit((decoded, name));
                    }
                    Err(message) => on_error.emit(Some(message)),
                }
            });
        }
    };

    let analyze = {
        let (text, source, on_analyze) = (text.clone(), source.clone(), props.on_analyze.clone());
        move || {
            let name = (*source).clone().unwrap_or_else(|| s.pasted_source.to_string());
            on_analyze.emit(((*text).clone(), name));
        }
    };
    let on_analyze_click = {
        let analyze = analyze.clone();
        Callback::from(move |_: MouseEvent| analyze())
    };
    let on_keydown = Callback::from(move |e: KeyboardEvent| {
        if e.key() == "Enter" && (e.ctrl_key() || e.meta_key()) {
            e.prevent_default();
            analyze();
        }
    });
    let on_input = {
        let (text, source) = (text.clone(), source.clone());
        Callback::from(move |e: InputEvent| {
            text.set(e.target_unchecked_into::<HtmlTextAreaElement>().value());
            source.set(None);
        })
    };
    // A long paste is taken from the clipboard data and held; a short one is the browser's.
    let on_paste = {
        let (text, source, held) = (text.clone(), source.clone(), held.clone());
        Callback::from(move |e: Event| {
            let pasted = e
                .dyn_ref::<ClipboardEvent>()
                .and_then(ClipboardEvent::clipboard_data)
                .and_then(|d| d.get_data("text/plain").ok());
            let Some(pasted) = pasted.filter(|p| p.len() >= HELD_TEXT_BYTES) else { return };
            e.prevent_default();
            let area: HtmlTextAreaElement = e.target_unchecked_into();
            let start = area.selection_start().ok().flatten().unwrap_or(0);
            let end = area.selection_end().ok().flatten().unwrap_or(start);
            text.set(splice_utf16(&area.value(), start, end, &pasted));
            source.set(None);
            held.set(true);
        })
    };
    let on_show_held = {
        let held = held.clone();
        Callback::from(move |_: MouseEvent| held.set(false))
    };
    let on_demo = {
        let (text, source, held, on_analyze) = (text.clone(), source.clone(), held.clone(), props.on_analyze.clone());
        let drop_reading = drop_reading.clone();
        Callback::from(move |_: MouseEvent| {
            drop_reading();
            held.set(false);
            text.set(DEMO.to_string());
            source.set(Some(s.demo_source.to_string()));
            on_analyze.emit((DEMO.to_string(), s.demo_source.to_string()));
        })
    };
    let on_clear = {
        let (text, source, held, on_error) = (text.clone(), source.clone(), held.clone(), props.on_error.clone());
        Callback::from(move |_: MouseEvent| {
            drop_reading();
            held.set(false);
            text.set(String::new());
            source.set(None);
            on_error.emit(None);
        })
    };
    // One file opens as it always has (its report shows); more go to `on_many`.
    let open_items = {
        let (open_file, on_many) = (open_file.clone(), props.on_many.clone());
        move |mut items: Vec<Item>| match items.pop() {
            Some(Ok(file)) if items.is_empty() => open_file(file),
            Some(last) => {
                items.push(last);
                on_many.emit(items);
            }
            None => {}
        }
    };
    let on_file = {
        let open_items = open_items.clone();
        Callback::from(move |e: Event| {
            let input: HtmlInputElement = e.target_unchecked_into();
            if let Some(files) = input.files() {
                open_items(many::picked(&files));
            }
            // Choosing the same file again must fire `change` again.
            input.set_value("");
        })
    };
    let on_dragover = {
        let dragging = dragging.clone();
        Callback::from(move |e: DragEvent| {
            let has_files = e.data_transfer().is_some_and(|dt| dt.types().includes(&"Files".into(), 0));
            if has_files {
                e.prevent_default();
                dragging.set(true);
            }
        })
    };
    let on_dragleave = {
        let dragging = dragging.clone();
        Callback::from(move |_: DragEvent| dragging.set(false))
    };
    let on_drop = {
        let dragging = dragging.clone();
        Callback::from(move |e: DragEvent| {
            dragging.set(false);
            // Dropped text (not files) is the paste area's, as the browser does it.
            let files = e.data_transfer().filter(|dt| dt.types().includes(&"Files".into(), 0));
            if let Some(dt) = files {
                e.prevent_default();
                // The entries are taken now, while the event runs; folders are walked after.
                let dropped = many::dropped(&dt);
                let open_items = open_items.clone();
                wasm_bindgen_futures::spawn_local(async move { open_items(dropped.await) });
            }
        })
    };

    let drop_class = classes!("drop-zone", dragging.then_some("dragging"));
    html! {
        <section id="input-panel" class="panel input-panel" aria-labelledby="input-heading">
            <h2 id="input-heading">{ s.input_heading }</h2>
            <div class={drop_class} ondragover={on_dragover} ondragleave={on_dragleave} ondrop={on_drop}>
                if *held {
                    <div id="held-text" class="held-text">
                        <p>{ fill(s.held_text, &[&text.chars().count().to_string(), &format_size(text.len(), s.size_bytes)]) }</p>
                        <button type="button" id="show-held" class="button subtle" onclick={on_show_held}>{ s.held_edit }</button>
                    </div>
                } else {
                    <label for="input">{ s.input_label }</label>
                    <textarea id="input" ref={area} rows="12" spellcheck="false" aria-describedby="input-help"
                              placeholder={s.input_placeholder} value={(*text).clone()}
                              oninput={on_input} onkeydown={on_keydown} onpaste={on_paste} />
                }
                if *dragging {
                    <p class="drop-hint" aria-hidden="true">{ s.drop_here }</p>
                }
            </div>
            <p id="input-help" class="help">{ s.input_help }</p>
            <div class="actions">
                <button type="button" id="analyze" class="button primary" ref={analyze_button} onclick={on_analyze_click}>{ s.analyze }</button>
                <label class="button file-button">
                    { s.open_file }
                    <input type="file" id="file" class="visually-hidden" accept=".txt,.html,.htm,.docx,.pdf" multiple=true onchange={on_file.clone()} />
                </label>
                <label class="button file-button">
                    { s.open_folder }
                    <input type="file" id="folder" class="visually-hidden" webkitdirectory=true onchange={on_file} />
                </label>
                <button type="button" id="demo" class="button" onclick={on_demo}>{ s.demo }</button>
                <button type="button" id="clear" class="button subtle" onclick={on_clear}>{ s.clear }</button>
                <span class="status" role="status">
                    { reading.as_ref().map(|r| fill(if r.pdf { s.reading_pdf } else { s.reading_file }, &[&r.name])).unwrap_or_default() }
                </span>
            </div>
        </section>
    }
}
