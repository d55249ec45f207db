//! Reading a reader's own article (and making the JSON export): the page asks the engine (`src/bin/engine.rs`,
//! its own wasm in a Web Worker, started on first need) to find the entities
//! and quotes with the entity model (fetched once, by the engine), and gets
//! them back packed ([`crate::core::packed`]); the page's side of that
//! conversation lives here. The boot script says where the engine and the
//! model are (`start`, from the boot script); a first visit loads neither.
//!
//! Not here: what the reader is told (the import panel says it), turning the
//! packed answer into an analysis ([`super::slicing`]).

use super::browser::{self, Engine};
use crate::core::{packed, Analysis};
use std::cell::RefCell;
use wasm_bindgen::JsValue;
use yew::Callback;

/// Where the engine's worker script and the model are, and the model's hash.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Source {
    worker: String,
    model: String,
    hash: String,
}

/// What the engine knows of the model.
#[derive(Debug, Clone, PartialEq, Eq)]
enum ModelState {
    /// Not asked for yet (or asked again after a failure).
    NotAsked,
    Loading,
    Loaded,
}

type Done = Box<dyn FnOnce(Result<JsValue, String>)>;

struct Slot {
    source: Option<Source>,
    engine: Option<Engine>,
    model: ModelState,
    /// Who waits for the model: each gets `Ok(null)` or the sentence.
    model_waiters: Vec<Done>,
    /// Reads in flight: their progress callback and who waits for the answer.
    reads: Vec<(u32, Callback<u32>, Done)>,
    next_id: u32,
}

thread_local! {
    static SLOT: RefCell<Slot> = RefCell::new(Slot {
        source: None,
        engine: None,
        model: ModelState::NotAsked,
        model_waiters: Vec::new(),
        reads: Vec::new(),
        next_id: 0,
    });
}

/// Where the engine and the model are: set once by the boot script.
pub fn set_source(worker: String, model: String, hash: String) {
    SLOT.with(|s| s.borrow_mut().source = Some(Source { worker, model, hash }));
}

/// Whether the model is loaded (reading needs no download).
pub fn is_ready() -> bool {
    SLOT.with(|s| s.borrow().model == ModelState::Loaded)
}

/// The sentence for an engine that stopped (its script or wasm failed to load, or it crashed).
const ENGINE_FAILED: &str = "The article reader could not be loaded or stopped: the connection failed or was blocked.";

/// Every waiter gets `why`, and the engine is dropped (the next read starts a new one).
fn fail_all(why: &str) {
    let (waiters, reads) = SLOT.with(|s| {
        let mut s = s.borrow_mut();
        s.model = ModelState::NotAsked;
        if let Some(engine) = s.engine.take() {
            engine.stop();
        }
        (std::mem::take(&mut s.model_waiters), std::mem::take(&mut s.reads))
    });
    for done in waiters {
        done(Err(why.to_string()));
    }
    for (_, _, done) in reads {
        done(Err(why.to_string()));
    }
}

/// One message from the engine: `[kind, …]` (see `src/bin/engine.rs`).
fn on_message(kind: String, parts: Vec<JsValue>) {
    let arg = |i: usize| parts.get(i).cloned().unwrap_or(JsValue::UNDEFINED);
    match kind.as_str() {
        "model" => {
            let failure = arg(1).as_string();
            let waiters = SLOT.with(|s| {
                let mut s = s.borrow_mut();
                s.model = if failure.is_some() { ModelState::NotAsked } else { ModelState::Loaded };
                std::mem::take(&mut s.model_waiters)
            });
            for done in waiters {
                done(failure.clone().map_or(Ok(JsValue::NULL), Err));
            }
        }
        "progress" => {
            let id = arg(1).as_f64().unwrap_or(-1.0) as u32;
            let percent = arg(2).as_f64().unwrap_or(0.0) as u32;
            if let Some(cb) = SLOT.with(|s| s.borrow().reads.iter().find(|r| r.0 == id).map(|r| r.1.clone())) {
                cb.emit(percent);
            }
        }
        "done" | "failed" => {
            let id = arg(1).as_f64().unwrap_or(-1.0) as u32;
            let read = SLOT.with(|s| {
                let mut s = s.borrow_mut();
                s.reads.iter().position(|r| r.0 == id).map(|at| s.reads.swap_remove(at))
            });
            if let Some((_, _, done)) = read {
                done(if kind == "done" { Ok(arg(2)) } else { Err(arg(2).as_string().unwrap_or_default()) });
            }
        }
        _ => {}
    }
}

/// The running engine, started if need be.
fn engine() -> Result<Engine, String> {
    if let Some(engine) = SLOT.with(|s| s.borrow().engine.clone()) {
        return Ok(engine);
    }
    let Some(source) = SLOT.with(|s| s.borrow().source.clone()) else {
        return Err("This page was built without the article reader, so it cannot read an article of your own.".into());
    };
    let engine = browser::start_engine(&source.worker, Callback::from(|(kind, parts)| on_message(kind, parts)), {
        Callback::from(|()| fail_all(ENGINE_FAILED))
    })
    .map_err(|_| ENGINE_FAILED.to_string())?;
    SLOT.with(|s| s.borrow_mut().engine = Some(engine.clone()));
    Ok(engine)
}

/// Waits for `register` to be handed a `Done` and for that to be called.
async fn answer(register: impl FnOnce(Done)) -> Result<JsValue, String> {
    browser::wait_for(|resolve: Box<dyn FnOnce(Result<JsValue, String>)>| register(resolve)).await
}

/// Loads the model in the engine (once; again after a failure).
pub async fn load_model() -> Result<(), String> {
    if is_ready() {
        return Ok(());
    }
    let engine = engine()?;
    answer(|done| {
        let ask = SLOT.with(|s| {
            let mut s = s.borrow_mut();
            s.model_waiters.push(done);
            let ask = s.model == ModelState::NotAsked;
            s.model = ModelState::Loading;
            ask.then(|| s.source.clone()).flatten()
        });
        if let Some(source) = ask {
            engine.send(&[
                JsValue::from_str("model"),
                JsValue::from_str(&source.model),
                JsValue::from_str(&source.hash),
            ]);
        }
    })
    .await
    .map(drop)
}

/// Sends `[kind, id, args…]` and waits for its `done` (or `failed`); `on_progress` gets its progress.
async fn ask(kind: &str, args: &[JsValue], on_progress: Callback<u32>) -> Result<JsValue, String> {
    let engine = engine()?;
    answer(|done| {
        let id = SLOT.with(|s| {
            let mut s = s.borrow_mut();
            let id = s.next_id.wrapping_add(1);
            s.next_id = id;
            s.reads.push((id, on_progress, done));
            id
        });
        let message: Vec<JsValue> =
            [JsValue::from_str(kind), JsValue::from(id)].into_iter().chain(args.iter().cloned()).collect();
        engine.send(&message);
    })
    .await
}

/// What the engine found in `text`, packed; `on_progress` gets each tenth read.
pub async fn read(text: &str, on_progress: Callback<u32>) -> Result<Vec<u8>, String> {
    load_model().await?;
    let packed = ask("read", &[JsValue::from_str(text)], on_progress).await?;
    Ok(js_sys::Uint8Array::new(&packed).to_vec())
}

/// `analysis` as the JSON `article-explorer-cli extract` prints, made by the
/// engine (the JSON writer is not part of a first visit; no model needed).
pub async fn json(analysis: &Analysis) -> Result<String, String> {
    let packed = js_sys::Uint8Array::from(packed::encode(analysis).as_slice());
    let args = [JsValue::from_str(&analysis.text), packed.into()];
    Ok(ask("json", &args, Callback::noop()).await?.as_string().unwrap_or_default())
}
