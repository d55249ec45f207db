//! Starting explorers in a page: the full-page `#app` (hydrating the markup
//! the build prerendered there) and every `[data-article-explorer]` element
//! (see `docs/EMBED.md`). Called from `main.rs` in the browser only.

use super::browser::{self, MountPoint};

use super::url::UrlMode;
use super::{App, AppProps};
use std::cell::Cell;
use yew::AttrValue;

thread_local! {
    /// Embedded instances so far (for `ae1-`, `ae2-`, …).
    static COUNT: Cell<u32> = const { Cell::new(0) };
    /// Whether an instance already owns the URL (only one may).
    static URL_TAKEN: Cell<bool> = const { Cell::new(false) };
}

/// `query` asked on a `file://` page becomes `fragment` (history refuses a changed query there);
/// a second instance asking for the URL gets `none`.
fn claim(asked: UrlMode) -> UrlMode {
    let asked = match asked {
        UrlMode::Query if browser::is_file() => UrlMode::Fragment,
        m => m,
    };
    if asked == UrlMode::None || URL_TAKEN.with(|t| t.replace(true)) {
        return UrlMode::None;
    }
    asked
}

/// Starts an explorer in a mount point: [`explorer`] in the explorer's and the reader's
/// entry points; the library's hands such points (with default props) to the reader's
/// wasm, so that its own holds no explorer.
pub type StartExplorer = fn(point: MountPoint, props: AppProps);

/// Starts a library (corpus mode) in a mount point, with the folder of its corpus and the
/// explorer's options. The library's entry point (`src/bin/library.rs`) passes one to
/// [`mount_all`]; the explorer's does not, so its wasm holds no corpus code.
pub type StartLibrary = fn(point: MountPoint, corpus: String, props: AppProps);

/// Renders an explorer in a mount point, hydrating the markup prerendered there.
pub fn explorer(point: MountPoint, props: AppProps) {
    let prerendered = point.prerendered;
    let renderer = yew::Renderer::<App>::with_root_and_props(point.element, props);
    if prerendered {
        renderer.hydrate();
    } else {
        renderer.render();
    }
}

/// Starts an explorer (or a library) in a mount point. The full page (`#app`) has plain ids, owns the URL
/// by default and hydrates prerendered markup: its first render must be the default state,
/// and the URL's state follows as an action right after (see `hooks/use_url.rs`).
fn mount(point: MountPoint, explorer: StartExplorer, library: Option<StartLibrary>) {
    let options = browser::options_of(&point);
    // `data-corpus` needs the library's entry point (the boot script picks it for such pages).
    let corpus = options.corpus.clone().filter(|_| library.is_some());
    if library.is_some() && corpus.is_none() {
        // A plain explorer on a library's page: the library's entry point hands it to the
        // reader's wasm, which numbers it and gives it its options itself.
        return explorer(point, yew::props!(AppProps {}));
    }
    let prefix = if point.page {
        String::new()
    } else {
        format!(
            "ae{}-",
            COUNT.with(|c| {
                c.set(c.get() + 1);
                c.get()
            })
        )
    };
    let url_mode = claim(options.url.unwrap_or(if point.page { UrlMode::Query } else { UrlMode::None }));
    // A library is never prerendered: it always starts from the address.
    let query = if point.prerendered && corpus.is_none() {
        String::new()
    } else {
        let from_url = browser::url_state(url_mode);
        if from_url.is_empty() {
            options.to_query()
        } else {
            from_url
        }
    };
    let props = yew::props!(AppProps {
        query: AttrValue::from(query),
        prefix: AttrValue::from(prefix),
        url_mode,
        theme: options.theme,
        compact: options.compact,
        deferred: point.prerendered && corpus.is_none(),
    });
    match (corpus, library) {
        (Some(corpus), Some(start)) => start(point, corpus, props),
        _ => explorer(point, props),
    }
}

/// Mounts the full-page `#app` (if the page has one) and every `[data-article-explorer]`
/// element not yet mounted (those with `data-corpus` as libraries, given `library`);
/// returns how many started.
pub fn mount_all(explorer: StartExplorer, library: Option<StartLibrary>) -> u32 {
    let points = browser::mount_points();
    let started = points.len() as u32;
    points.into_iter().for_each(|p| mount(p, explorer, library));
    started
}
