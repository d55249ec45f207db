//! The one door to the browser: every use of the page, the address bar,
//! storage, files, the clipboard, observers and timings goes through here.
//! The rest of the app is plain yew over plain data.
//!
//! Compiled on every target, with no native stand-ins: natively nothing calls
//! it (yew's server renderer runs no callbacks or effects), and should
//! anything try, [`window`] is `None` there, so every call does nothing.
//!
//! Not here: deciding anything. Which URL to write, what a file's refusal
//! says, which block to focus: the callers decide, this module only carries
//! it out.

pub mod crash;

use super::instance::Options;
use super::url::{self, UrlMode};
use gloo_events::{EventListener, EventListenerOptions};
use std::cell::{Cell, RefCell};
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement};
use yew::{Callback, NodeRef};

/// The page's window; `None` natively (and in a page without one).
pub fn window() -> Option<web_sys::Window> {
    if cfg!(target_arch = "wasm32") {
        web_sys::window()
    } else {
        None
    }
}

fn document() -> Option<web_sys::Document> {
    window().and_then(|w| w.document())
}

fn by_id(id: &str) -> Option<Element> {
    document().and_then(|d| d.get_element_by_id(id))
}

/// The browser said no: storage full or disabled, the clipboard denied, a file unreadable.
/// Callers turn it into one sentence for the reader.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Refused;

// ------------------------------------------------------------------ focus and scrolling

/// Focuses the element `id`; whether there is one.
pub fn focus_id(id: &str) -> bool {
    let el = by_id(id).and_then(|e| e.dyn_into::<HtmlElement>().ok());
    el.map(|el| el.focus()).is_some()
}

/// Scrolls `el` to the top of the view: `instant`ly (whatever the page's
/// `scroll-behavior`: after the reading pane's window moved, so the drawn
/// neighbourhood is measured from the target), or as the page scrolls.
fn scroll_to(el: &Element, instant: bool) {
    if instant {
        let options = web_sys::ScrollIntoViewOptions::new();
        options.set_behavior(web_sys::ScrollBehavior::Instant);
        options.set_block(web_sys::ScrollLogicalPosition::Start);
        el.scroll_into_view_with_scroll_into_view_options(&options);
    } else {
        el.scroll_into_view_with_bool(true);
    }
}

/// Brings section `section_id` (or its `paragraph`-th paragraph, counted from 0) to
/// the top of the view and focuses it.
pub fn reveal(section_id: &str, paragraph: Option<usize>, instant: bool) {
    let Some(section) = by_id(section_id) else { return };
    let target = match paragraph {
        None => Some(section),
        Some(nth) => {
            let p = section.query_selector_all(":scope > p").ok().and_then(|l| l.get(nth as u32));
            let p = p.and_then(|p| p.dyn_into::<Element>().ok());
            if let Some(p) = &p {
                let _ = p.set_attribute("tabindex", "-1");
            }
            p
        }
    };
    let Some(el) = target.and_then(|e| e.dyn_into::<HtmlElement>().ok()) else { return };
    // Instantly: to the place first, then the focus (which would scroll on its own);
    // otherwise the focus first, and the page glides there.
    if instant {
        scroll_to(&el, true);
        let _ = el.focus();
    } else {
        let _ = el.focus();
        scroll_to(&el, false);
    }
}

/// An element and its distance from the top of the view, to scroll back to
/// after drawing above it (the reading pane's pages).
#[derive(Default)]
pub struct Anchor(Option<(Element, f64)>);

impl Anchor {
    /// The first block drawn after `sentinel`.
    pub fn after(sentinel: &NodeRef) -> Anchor {
        Self::at(
            sentinel.cast::<Element>().and_then(|s| s.next_element_sibling()).and_then(|s| s.first_element_child()),
        )
    }

    /// The last block drawn before `sentinel`.
    pub fn before(sentinel: &NodeRef) -> Anchor {
        Self::at(
            sentinel.cast::<Element>().and_then(|s| s.previous_element_sibling()).and_then(|s| s.last_element_child()),
        )
    }

    fn at(el: Option<Element>) -> Anchor {
        Anchor(el.map(|el| {
            let top = el.get_bounding_client_rect().top();
            (el, top)
        }))
    }

    /// Scrolls so that the element is where it was (once).
    pub fn restore(&mut self) {
        let Some((el, top)) = self.0.take() else { return };
        let moved = el.get_bounding_client_rect().top() - top;
        if moved.abs() >= 1.0 && el.is_connected() {
            if let Some(w) = window() {
                let options = web_sys::ScrollToOptions::new();
                options.set_top(moved);
                options.set_behavior(web_sys::ScrollBehavior::Instant);
                w.scroll_by_with_scroll_to_options(&options);
            }
        }
    }
}

/// Watches an element until dropped.
pub struct Watch {
    observer: web_sys::IntersectionObserver,
    _callback: Closure<dyn FnMut(js_sys::Array)>,
}

impl Drop for Watch {
    fn drop(&mut self) {
        self.observer.disconnect();
    }
}

/// Calls `on_near` once when `el` comes within a screenful or so of the view.
pub fn observe(el: &NodeRef, on_near: Callback<()>) -> Option<Watch> {
    let el = el.cast::<Element>()?;
    let mut fired = false;
    let callback = Closure::<dyn FnMut(js_sys::Array)>::new(move |entries: js_sys::Array| {
        let near = entries.iter().any(|e| e.unchecked_into::<web_sys::IntersectionObserverEntry>().is_intersecting());
        if near && !fired {
            fired = true;
            on_near.emit(());
        }
    });
    let init = web_sys::IntersectionObserverInit::new();
    init.set_root_margin("1000px 0px");
    let observer = web_sys::IntersectionObserver::new_with_options(callback.as_ref().unchecked_ref(), &init).ok()?;
    observer.observe(&el);
    Some(Watch { observer, _callback: callback })
}

// ------------------------------------------------------------------ windowed lists

/// Tells a spacer how many rows it stands for (`--rows`, through the CSSOM: the strict
/// content security policy allows that, not a `style` attribute).
pub fn set_rows(spacer: &NodeRef, rows: usize) {
    if let Some(el) = spacer.cast::<HtmlElement>() {
        let _ = el.style().set_property("--rows", &rows.to_string());
    }
}

/// The row (an index into the whole list) first in view, from the drawn rows' places:
/// down a scrolling panel `nav`, or along a scrolling row of chips `list`. `start` is
/// the first drawn row.
pub fn top_row(nav: &NodeRef, list: &NodeRef, start: usize) -> Option<usize> {
    let nav = nav.cast::<Element>()?;
    let list = list.cast::<Element>()?;
    let rows = list.query_selector_all(":scope > li:not(.spacer)").ok()?;
    let a = rows.get(0)?.dyn_into::<Element>().ok()?.get_bounding_client_rect();
    let b = rows.get(1)?.dyn_into::<Element>().ok()?.get_bounding_client_rect();
    let (pitch, at) = if (b.top() - a.top()).abs() >= (b.left() - a.left()).abs() {
        (b.top() - a.top(), nav.get_bounding_client_rect().top() - a.top())
    } else {
        (b.left() - a.left(), list.get_bounding_client_rect().left() - a.left())
    };
    if pitch < 1.0 {
        return None;
    }
    let offset = (at / pitch).floor();
    Some((start as f64 + offset).max(0.0) as usize)
}

/// The index, among the `item` elements inside the closest `container` around
/// the event's target, of the item the event came from.
pub fn item_index(e: &web_sys::Event, container: &str, item: &str) -> Option<usize> {
    let target = e.target()?.dyn_into::<Element>().ok()?;
    let hit = target.closest(item).ok()??;
    let all = hit.closest(container).ok()??.query_selector_all(item).ok()?;
    (0..all.length()).find(|&i| all.get(i).is_some_and(|m| &m == hit.as_ref() as &web_sys::Node)).map(|i| i as usize)
}

/// Makes item `to` (an SVG or HTML element) among the `item` elements of the
/// closest `container` around the event's target the one of them in the tab
/// order (a roving tab stop), and focuses it if `focus`.
pub fn rove(e: &web_sys::Event, container: &str, item: &str, to: usize, focus: bool) {
    let target = e.target().and_then(|t| t.dyn_into::<Element>().ok());
    let Some(holder) = target.and_then(|t| t.closest(container).ok().flatten()) else { return };
    let Some(found) = holder.query_selector_all(item).ok().and_then(|l| l.get(to as u32)) else { return };
    let Ok(found) = found.dyn_into::<Element>() else { return };
    if let Ok(stops) = holder.query_selector_all(&format!("{item}[tabindex=\"0\"]")) {
        for i in 0..stops.length() {
            if let Some(stop) = stops.get(i).and_then(|n| n.dyn_into::<Element>().ok()) {
                let _ = stop.set_attribute("tabindex", "-1");
            }
        }
    }
    let _ = found.set_attribute("tabindex", "0");
    if let (true, Some(svg)) = (focus, found.dyn_ref::<web_sys::SvgElement>()) {
        let _ = svg.focus();
    } else if let (true, Some(html)) = (focus, found.dyn_ref::<HtmlElement>()) {
        let _ = html.focus();
    }
}

// ------------------------------------------------------------------ form controls

/// The value of the `<input>`, `<select>` or `<textarea>` an event came from.
pub fn value_of(e: &web_sys::Event) -> String {
    let Some(target) = e.target() else { return String::new() };
    if let Some(input) = target.dyn_ref::<web_sys::HtmlInputElement>() {
        input.value()
    } else if let Some(select) = target.dyn_ref::<web_sys::HtmlSelectElement>() {
        select.value()
    } else if let Some(area) = target.dyn_ref::<web_sys::HtmlTextAreaElement>() {
        area.value()
    } else {
        String::new()
    }
}

/// Whether the checkbox an event came from is ticked.
pub fn checked(e: &web_sys::Event) -> bool {
    e.target().and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok()).is_some_and(|i| i.checked())
}

/// Whether the `<details>` a `toggle` event came from is now open.
pub fn is_open(e: &web_sys::Event) -> bool {
    e.target().and_then(|t| t.dyn_into::<web_sys::HtmlDetailsElement>().ok()).is_some_and(|d| d.open())
}

/// The text in a `<textarea>`.
pub fn text_of(area: &NodeRef) -> Option<String> {
    area.cast::<web_sys::HtmlTextAreaElement>().map(|a| a.value())
}

/// Empties a `<textarea>`. Through the input element's `value` setter, which the page
/// already imports (a textarea has the same property), so the glue carries no second one.
pub fn clear_text(area: &NodeRef) {
    if let Some(a) = area.cast::<web_sys::HtmlTextAreaElement>() {
        a.unchecked_into::<web_sys::HtmlInputElement>().set_value("");
    }
}

// ------------------------------------------------------------------ files

/// A file the reader chose or dropped.
#[derive(Clone, PartialEq)]
pub struct File(web_sys::File);

impl File {
    pub fn name(&self) -> String {
        self.0.name()
    }

    /// The type the browser says it has (`text/plain`), or "".
    pub fn mime(&self) -> String {
        self.0.type_()
    }

    /// Its size in bytes.
    pub fn size(&self) -> f64 {
        self.0.size()
    }

    /// Its bytes, or [`Refused`] when the browser could not read it.
    pub async fn bytes(&self) -> Result<Vec<u8>, Refused> {
        // `Blob.arrayBuffer()`: a promise, no FileReader callbacks to wire.
        let buffer = wasm_bindgen_futures::JsFuture::from(self.0.array_buffer()).await.map_err(|_| Refused)?;
        Ok(js_sys::Uint8Array::new(&buffer).to_vec())
    }
}

/// The file chosen in the `<input type="file">` an event came from (which is then
/// emptied, so choosing the same file again is a change).
pub fn chosen_file(e: &web_sys::Event) -> Option<File> {
    let input = e.target()?.dyn_into::<web_sys::HtmlInputElement>().ok()?;
    let file = input.files().and_then(|f| f.get(0));
    input.set_value("");
    file.map(File)
}

/// The first file dropped.
pub fn dropped_file(e: &web_sys::DragEvent) -> Option<File> {
    e.data_transfer().and_then(|d| d.files()).and_then(|f| f.get(0)).map(File)
}

// ------------------------------------------------------------------ storage

/// The page's local storage; `None` where it is disabled (some private windows throw
/// on the mere access, which `web_sys` turns into an `Err`).
fn storage() -> Option<web_sys::Storage> {
    window().and_then(|w| w.local_storage().ok().flatten())
}

/// The text stored under `key`, if any.
pub fn stored(key: &str) -> Option<String> {
    storage().and_then(|s| s.get_item(key).ok().flatten())
}

/// Stores `text` under `key`; [`Refused`] when storage is full or disabled.
pub fn store(key: &str, text: &str) -> Result<(), Refused> {
    storage().ok_or(Refused)?.set_item(key, text).map_err(|_| Refused)
}

/// Removes what is stored under `key` (nothing to do where storage is disabled).
pub fn unstore(key: &str) {
    if let Some(s) = storage() {
        let _ = s.remove_item(key);
    }
}

// ------------------------------------------------------------------ the engine's worker

/// A Web Worker running the reader's engine (see `src/app/engine.rs`): messages
/// posted before it says `["ready"]` wait in an outbox (a wasm worker drops them).
#[derive(Clone)]
pub struct Engine(std::rc::Rc<RefCell<EngineInner>>);

struct EngineInner {
    worker: web_sys::Worker,
    ready: bool,
    outbox: Vec<js_sys::Array>,
    _listeners: Vec<EventListener>,
}

impl Engine {
    /// Posts `[parts…]` to the engine (after it is ready).
    pub fn send(&self, parts: &[JsValue]) {
        let message: js_sys::Array = parts.iter().collect();
        let mut inner = self.0.borrow_mut();
        if inner.ready {
            let _ = inner.worker.post_message(&message);
        } else {
            inner.outbox.push(message);
        }
    }

    /// Stops the worker and its listeners.
    pub fn stop(&self) {
        let mut inner = self.0.borrow_mut();
        inner.worker.terminate();
        inner._listeners.clear();
    }
}

/// Starts the worker script at `url`. `on_message` gets each message but
/// `ready` as (kind, the whole array); `on_error` is told when the script or
/// its wasm fails to load, or the engine stops on an error.
pub fn start_engine(
    url: &str,
    on_message: Callback<(String, Vec<JsValue>)>,
    on_error: Callback<()>,
) -> Result<Engine, Refused> {
    window().ok_or(Refused)?;
    let worker = web_sys::Worker::new(url).map_err(|_| Refused)?;
    let engine = Engine(std::rc::Rc::new(RefCell::new(EngineInner {
        worker: worker.clone(),
        ready: false,
        outbox: Vec::new(),
        _listeners: Vec::new(),
    })));
    let weak = std::rc::Rc::downgrade(&engine.0);
    let message = EventListener::new(&worker, "message", move |e| {
        let Some(e) = e.dyn_ref::<web_sys::MessageEvent>() else { return };
        let parts: Vec<JsValue> = js_sys::Array::from(&e.data()).iter().collect();
        let kind = parts.first().and_then(JsValue::as_string).unwrap_or_default();
        if kind == "ready" {
            if let Some(inner) = weak.upgrade() {
                let mut inner = inner.borrow_mut();
                inner.ready = true;
                for message in std::mem::take(&mut inner.outbox) {
                    let _ = inner.worker.post_message(&message);
                }
            }
            return;
        }
        on_message.emit((kind, parts));
    });
    let error = EventListener::new(&worker, "error", move |_| on_error.emit(()));
    engine.0.borrow_mut()._listeners = vec![message, error];
    Ok(engine)
}

/// Waits until the `done` handed to `register` is called (by a later message):
/// an answer from the engine as a future.
pub async fn wait_for(register: impl FnOnce(Box<dyn FnOnce(Result<JsValue, String>)>)) -> Result<JsValue, String> {
    let mut register = Some(register);
    let promise = js_sys::Promise::new(&mut |resolve: js_sys::Function, _reject| {
        let done = Box::new(move |answer: Result<JsValue, String>| {
            let (ok, value) = match answer {
                Ok(value) => (JsValue::TRUE, value),
                Err(why) => (JsValue::FALSE, JsValue::from_str(&why)),
            };
            let _ = resolve.call1(&JsValue::UNDEFINED, &js_sys::Array::of2(&ok, &value));
        });
        if let Some(register) = register.take() {
            register(done);
        }
    });
    let answer = js_sys::Array::from(&wasm_bindgen_futures::JsFuture::from(promise).await.unwrap_or_default());
    if answer.get(0).is_truthy() {
        Ok(answer.get(1))
    } else {
        Err(answer.get(1).as_string().unwrap_or_default())
    }
}

// ------------------------------------------------------------------ clipboard and downloads

/// Copies `text` with the Clipboard API; [`Refused`] when the browser has none or refuses.
pub async fn copy(text: &str) -> Result<(), Refused> {
    let navigator = window().ok_or(Refused)?.navigator();
    let has = js_sys::Reflect::get(&navigator, &JsValue::from_str("clipboard"))
        .is_ok_and(|c| !c.is_undefined() && !c.is_null());
    if !has {
        return Err(Refused);
    }
    wasm_bindgen_futures::JsFuture::from(navigator.clipboard().write_text(text)).await.map(drop).map_err(|_| Refused)
}

/// Saves `text` as a file named `name` through a Blob URL and `<a download>`.
pub fn download(text: &str, name: &str, mime: &str) {
    let Some(document) = document() else { return };
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let parts = js_sys::Array::of1(&JsValue::from_str(text));
    let Ok(blob) = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options) else { return };
    let Ok(href) = web_sys::Url::create_object_url_with_blob(&blob) else { return };
    if let Some(a) = document.create_element("a").ok().and_then(|a| a.dyn_into::<web_sys::HtmlAnchorElement>().ok()) {
        a.set_href(&href);
        a.set_download(name);
        a.click();
    }
    yew::platform::spawn_local(async move {
        yew::platform::time::sleep(std::time::Duration::from_secs(5)).await;
        let _ = web_sys::Url::revoke_object_url(&href);
    });
}

// ------------------------------------------------------------------ a corpus's files

/// Why a file did not arrive; the caller says it in a sentence.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FetchError {
    /// No answer: offline, blocked (a Content-Security-Policy, an extension), or the server is gone.
    Network,
    /// The server answered with this HTTP status (404: not there).
    Status(u16),
    /// Cancelled by [`Downloads::cancel`]: nobody wants it any more.
    Cancelled,
}

/// One round of downloads that a newer round may cancel (a query typed further).
pub struct Downloads(Option<web_sys::AbortController>);

impl Default for Downloads {
    fn default() -> Self {
        Downloads(window().and_then(|_| web_sys::AbortController::new().ok()))
    }
}

impl Downloads {
    /// Cancels every download of this round still under way.
    pub fn cancel(&self) {
        if let Some(c) = &self.0 {
            c.abort();
        }
    }

    /// Whether this round was cancelled: a download started now would be refused at once.
    pub fn cancelled(&self) -> bool {
        self.0.as_ref().is_some_and(|c| c.signal().aborted())
    }

    /// Starts downloading `url` (same origin, relative to the page) and returns what
    /// to await for its bytes: several started before any is awaited arrive in parallel.
    pub fn start(&self, url: &str) -> impl std::future::Future<Output = Result<Vec<u8>, FetchError>> {
        let signal = self.0.as_ref().map(|c| c.signal());
        // Made a future at once, so the request's promise has its handlers even if what this
        // returns is dropped unawaited (a newer round cancelled it): an aborted fetch nobody
        // listens to would be an unhandled rejection, an error on the page.
        let request = window().map(|w| {
            let init = web_sys::RequestInit::new();
            init.set_signal(signal.as_ref());
            wasm_bindgen_futures::JsFuture::from(w.fetch_with_str_and_init(url, &init))
        });
        async move {
            let failed = |_| {
                if signal.as_ref().is_some_and(|s| s.aborted()) {
                    FetchError::Cancelled
                } else {
                    FetchError::Network
                }
            };
            let Some(request) = request else { return Err(FetchError::Network) };
            let response: web_sys::Response =
                request.await.map_err(failed)?.dyn_into().map_err(|_| FetchError::Network)?;
            if !response.ok() {
                return Err(FetchError::Status(response.status()));
            }
            let body = response.array_buffer().map_err(failed)?;
            let body = wasm_bindgen_futures::JsFuture::from(body).await.map_err(failed)?;
            Ok(js_sys::Uint8Array::new(&body).to_vec())
        }
    }
}

// ------------------------------------------------------------------ the address bar

/// Whether the page was opened from disk (`file://`): history refuses a changed query there.
pub fn is_file() -> bool {
    window().and_then(|w| w.location().protocol().ok()).is_some_and(|p| p == "file:")
}

/// The state in the address bar for `mode`, as a query (`?q=…`) or "".
pub fn url_state(mode: UrlMode) -> String {
    let Some(location) = window().map(|w| w.location()) else { return String::new() };
    match mode {
        UrlMode::Query => location.search().unwrap_or_default(),
        UrlMode::Fragment => url::from_fragment(&location.hash().unwrap_or_default()),
        UrlMode::None => String::new(),
    }
}

/// The raw `location.search` and `location.hash`.
pub fn location_parts() -> (String, String) {
    let Some(location) = window().map(|w| w.location()) else { return Default::default() };
    (location.search().unwrap_or_default(), location.hash().unwrap_or_default())
}

/// Writes `query` (from [`url::to_query`]) where `mode` keeps the state, pushing a new
/// history entry or replacing the current one; nothing if it is there already.
fn record(mode: UrlMode, query: &str, push: bool) {
    let Some(window) = window() else { return };
    if mode == UrlMode::None || url_state(mode) == query {
        return;
    }
    let location = window.location();
    let path = location.pathname().unwrap_or_else(|_| "/".into());
    let fragment = url::to_fragment(query);
    let address = match mode {
        UrlMode::Query => format!("{path}{query}"),
        _ => {
            let base = format!("{path}{}", location.search().unwrap_or_default());
            if fragment.is_empty() {
                base
            } else {
                format!("{base}#{fragment}")
            }
        }
    };
    let done = window.history().is_ok_and(|history| {
        if push {
            history.push_state_with_url(&JsValue::NULL, "", Some(&address)).is_ok()
        } else {
            history.replace_state_with_url(&JsValue::NULL, "", Some(&address)).is_ok()
        }
    });
    if !done && mode == UrlMode::Fragment {
        let _ = if push { location.set_hash(fragment) } else { location.replace(&address) };
    }
}

thread_local! {
    /// Address writes not yet made: (where, query, push).
    static PENDING: RefCell<Vec<(UrlMode, String, bool)>> = const { RefCell::new(Vec::new()) };
}

/// Writes the address in a task of its own after this one: `history`'s calls take
/// milliseconds, which a keystroke's render should not wait for. Writes keep their
/// order; a replace right after a replace (typing) is made once, with the later query.
pub fn record_soon(mode: UrlMode, query: String, push: bool) {
    PENDING.with(|pending| {
        let mut pending = pending.borrow_mut();
        let idle = pending.is_empty();
        if let Some(last) = pending.last_mut().filter(|last| !push && !last.2 && last.0 == mode) {
            last.1 = query;
            return;
        }
        pending.push((mode, query, push));
        if idle {
            later(Box::new(|| {
                for (mode, query, push) in PENDING.with(|p| p.take()) {
                    record(mode, &query, push);
                }
            }));
        }
    });
}

/// Runs `f` in a task of its own once the next frame is painted (a zero-delay timer set from
/// an animation frame): what the reader need not see in the same frame as an input's answer.
pub fn after_next_paint(f: impl FnOnce() + 'static) {
    let Some(w) = window() else { return };
    let f: Box<dyn FnOnce()> = Box::new(f);
    let frame = Closure::once_into_js(move || later(f));
    // (A hidden page gets no frames: `f` waits until it is shown.)
    let _ = w.request_animation_frame(frame.unchecked_ref());
}

#[wasm_bindgen]
extern "C" {
    /// `scheduler.yield()` (Chromium 129 and later): throws where there is no `scheduler`.
    #[wasm_bindgen(js_namespace = scheduler, js_name = "yield", catch)]
    fn scheduler_yield() -> Result<js_sys::Promise, JsValue>;
}

/// One browser task later: the page paints and answers input between. Through
/// `scheduler.yield()` where the browser has it, as zero-delay timers set from timers are
/// held to 4 ms each from the fifth on (the start's turns are a chain of them); a timer elsewhere
/// (and natively, where the tests run it and there is no JS to call).
pub async fn next_task() {
    if cfg!(target_arch = "wasm32") {
        if let Ok(promise) = scheduler_yield() {
            drop(wasm_bindgen_futures::JsFuture::from(promise).await);
            return;
        }
    }
    yew::platform::time::sleep(std::time::Duration::ZERO).await;
}

/// Runs `f` in a task of its own after this one: what an input's render (or the
/// hydration) need not wait for. Boxed, so every caller shares one future type in the wasm.
pub fn later(f: Box<dyn FnOnce()>) {
    yew::platform::spawn_local(async move {
        next_task().await;
        f();
    });
}

/// Calls `on_change` with the new state when back/forward (or, for the fragment, an
/// edited fragment) changes the address; listens until the listeners are dropped.
pub fn on_url_change(mode: UrlMode, on_change: Callback<String>) -> Vec<EventListener> {
    let Some(window) = window() else { return Vec::new() };
    let events: &[&str] = match mode {
        UrlMode::None => &[],
        UrlMode::Query => &["popstate"],
        UrlMode::Fragment => &["popstate", "hashchange"],
    };
    events
        .iter()
        .map(|name| {
            let on_change = on_change.clone();
            EventListener::new(&window, *name, move |_| on_change.emit(url_state(mode)))
        })
        .collect()
}

// ------------------------------------------------------------------ the page

/// Names the browser tab.
pub fn set_title(title: &str) {
    // Unchanged, as on a prerendered page's start: no write (each one tells the browser's tab).
    if let Some(document) = document().filter(|d| d.title() != title) {
        document.set_title(title);
    }
}

/// Sets an element's content to `markup` in one go, parsed by the browser: only the app's
/// own markup of an article's text, escaped where it was made (see `components::inline`
/// and `tests/no_raw_html.rs`).
pub fn set_markup(el: &NodeRef, markup: &str) {
    if let Some(el) = el.cast::<Element>() {
        el.set_inner_html(markup);
    }
}

/// Marks an element with an empty attribute (`data-ready` for tests and host pages).
pub fn set_flag(el: &NodeRef, name: &str) {
    if let Some(el) = el.cast::<Element>() {
        let _ = el.set_attribute(name, "");
    }
}

/// Calls `answer` with each click inside `root` on an element that `controls` (a CSS
/// selector) matches, the nearest around the click's target, given as a reader of its
/// attributes; the element's own default (a link's navigation) is prevented. Listens until dropped.
pub fn on_control_click(
    root: &NodeRef,
    controls: &'static str,
    answer: impl Fn(&dyn Fn(&str) -> Option<String>) + 'static,
) -> Option<EventListener> {
    let root = root.cast::<Element>()?;
    let options = EventListenerOptions::enable_prevent_default();
    Some(EventListener::new_with_options(&root, "click", options, move |event| {
        let target = event.target().and_then(|t| t.dyn_into::<Element>().ok());
        if let Some(control) = target.and_then(|t| t.closest(controls).ok().flatten()) {
            event.prevent_default();
            answer(&|name| control.get_attribute(name));
        }
    }))
}

/// Calls `on_slash` when `/` is pressed outside a text field, if the explorer `root`
/// answers it: the one holding the focus, else the first on the page. Listens until dropped.
pub fn on_slash(root: NodeRef, on_slash: Callback<()>) -> Option<EventListener> {
    let document = document()?;
    let options = EventListenerOptions::enable_prevent_default();
    let doc = document.clone();
    Some(EventListener::new_with_options(&document, "keydown", options, move |event| {
        let Some(event) = event.dyn_ref::<web_sys::KeyboardEvent>() else { return };
        if event.key() != "/" || event.ctrl_key() || event.meta_key() || event.alt_key() || event.default_prevented() {
            return;
        }
        let typing = event.target().and_then(|t| t.dyn_into::<HtmlElement>().ok()).is_some_and(|el| {
            matches!(el.tag_name().as_str(), "INPUT" | "TEXTAREA" | "SELECT") || el.is_content_editable()
        });
        if typing {
            return;
        }
        let Some(mine) = root.cast::<Element>() else { return };
        let holder = doc.active_element().and_then(|a| a.closest(".ae-app").ok().flatten());
        let answers = match holder {
            Some(app) => app == mine,
            None => doc.query_selector(".ae-app").ok().flatten().is_some_and(|first| first == mine),
        };
        if answers {
            event.prevent_default();
            on_slash.emit(());
        }
    }))
}

/// A User Timing mark (visible in the browser's performance tools and to the tests).
pub fn mark(name: &str) {
    if let Some(p) = window().and_then(|w| w.performance()) {
        let _ = p.mark(name);
    }
}

/// A User Timing measure between two marks.
pub fn measure(name: &str, start: &str, end: &str) {
    if let Some(p) = window().and_then(|w| w.performance()) {
        let _ = p.measure_with_start_mark_and_end_mark(name, start, end);
    }
}

// ------------------------------------------------------------------ mount points

/// The attribute set on an element once an explorer lives in it.
const MOUNTED: &str = "data-article-explorer-mounted";

/// Where an explorer is to start.
pub struct MountPoint {
    pub element: Element,
    /// The full-page `#app` (else a `[data-article-explorer]` element of a host page).
    pub page: bool,
    /// It holds the markup the build prerendered (to hydrate, not replace).
    pub prerendered: bool,
    /// Its `data-` attributes, without the `data-` (read by [`Options::from_attrs`]).
    pub attrs: Vec<(String, String)>,
}

/// The elements where no explorer lives yet: `#app`, then every `[data-article-explorer]`;
/// each is marked as taken.
pub fn mount_points() -> Vec<MountPoint> {
    let Some(document) = document() else { return Vec::new() };
    let mut found: Vec<(Element, bool)> = document.get_element_by_id("app").map(|e| (e, true)).into_iter().collect();
    if let Ok(list) = document.query_selector_all("[data-article-explorer]") {
        found.extend((0..list.length()).filter_map(|i| list.item(i)?.dyn_into::<Element>().ok()).map(|e| (e, false)));
    }
    found
        .into_iter()
        .filter(|(el, _)| !el.has_attribute(MOUNTED))
        .map(|(element, page)| {
            let _ = element.set_attribute(MOUNTED, "");
            let attrs = element
                .get_attribute_names()
                .iter()
                .filter_map(|n| n.as_string())
                .filter_map(|n| {
                    let value = element.get_attribute(&n).unwrap_or_default();
                    n.strip_prefix("data-").map(|k| (k.to_string(), value))
                })
                .collect();
            let prerendered = page && element.first_element_child().is_some();
            MountPoint { element, page, prerendered, attrs }
        })
        .collect()
}

/// Reads the options of a mount point (kept here so a caller needs no DOM type).
pub fn options_of(point: &MountPoint) -> Options {
    Options::from_attrs(point.attrs.iter().map(|(k, v)| (k.as_str(), v.as_str())))
}

// ------------------------------------------------------------------ the reader

// Corpus mode's library shows an opened article with the explorer of another wasm, the
// reader's, which the boot script loads when it is first needed (`start(reader)`: a function
// that returns a promise of the reader's module, with `open` and `mountAll`).

thread_local! {
    static READER: RefCell<Option<js_sys::Function>> = const { RefCell::new(None) };
}

/// The boot script's loader of the reader's module.
pub fn set_reader(loader: js_sys::Function) {
    READER.with(|r| *r.borrow_mut() = Some(loader));
}

/// The reader's module, downloaded and started (once; a failed download is tried again).
async fn reader() -> Result<JsValue, String> {
    let failed = || "The article reader could not be downloaded; check the connection and open the article again.";
    let promise = READER
        .with(|r| r.borrow().clone())
        .and_then(|load| load.call0(&JsValue::NULL).ok())
        .and_then(|p| p.dyn_into::<js_sys::Promise>().ok())
        .ok_or_else(failed)?;
    wasm_bindgen_futures::JsFuture::from(promise).await.map_err(|_| failed().to_string())
}

fn method(module: &JsValue, name: &str) -> Option<js_sys::Function> {
    js_sys::Reflect::get(module, &JsValue::from_str(name)).ok()?.dyn_into().ok()
}

/// Gives an element the library will not show (a plain explorer on a library's page) to the
/// reader's wasm, which mounts every `[data-article-explorer]` not mounted yet.
pub fn hand_to_reader(point: MountPoint) {
    let _ = point.element.remove_attribute(MOUNTED);
    yew::platform::spawn_local(async {
        if let Some(mount) = reader().await.ok().and_then(|m| method(&m, "mountAll")) {
            let _ = mount.call0(&JsValue::NULL);
        }
    });
}

/// An article the reader shows in an element of the library's; dropping it takes the
/// reader's explorer off the page (at once, or as soon as it has started).
#[derive(Default)]
pub struct Shown {
    close: Rc<RefCell<Option<js_sys::Function>>>,
    gone: Rc<Cell<bool>>,
}

impl Drop for Shown {
    fn drop(&mut self) {
        self.gone.set(true);
        if let Some(close) = self.close.borrow_mut().take() {
            let _ = close.call0(&JsValue::NULL);
        }
    }
}

/// Shows an article (its text and packed analysis) with the reader's explorer in `host`,
/// with `options` (query, id prefix, theme) and `compact`; `failed` gets the sentence if
/// the reader cannot be downloaded or the analysis does not fit the text.
pub fn show_article(
    host: &NodeRef,
    text: &str,
    packed: &[u8],
    options: [&str; 3],
    compact: bool,
    failed: Callback<String>,
) -> Shown {
    let shown = Shown::default();
    let Some(host) = host.cast::<Element>() else { return shown };
    let args = js_sys::Array::of3(&host, &JsValue::from_str(text), &js_sys::Uint8Array::from(packed));
    for o in options {
        args.push(&JsValue::from_str(o));
    }
    args.push(&JsValue::from_bool(compact));
    let (close, gone) = (shown.close.clone(), shown.gone.clone());
    yew::platform::spawn_local(async move {
        let opened = match reader().await {
            Ok(module) => method(&module, "open")
                .ok_or_else(|| "The article reader cannot open articles.".to_string())
                .and_then(|open| {
                    open.apply(&JsValue::NULL, &args)
                        .map_err(|e| e.as_string().unwrap_or_else(|| "The article could not be shown.".into()))
                }),
            Err(sentence) => Err(sentence),
        };
        match opened.map(|c| c.dyn_into::<js_sys::Function>()) {
            Ok(Ok(c)) if gone.get() => drop(c.call0(&JsValue::NULL)),
            Ok(Ok(c)) => *close.borrow_mut() = Some(c),
            Ok(Err(_)) => {}
            Err(sentence) if !gone.get() => failed.emit(sentence),
            Err(_) => {}
        }
    });
    shown
}
