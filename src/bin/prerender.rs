//! The build's last step, and the app's server-side render.
//!
//! `prerender` renders the explorer natively with yew's server renderer,
//! exactly as the browser's first render will be (the default, unfiltered
//! state of the first article), in yew's hydratable form, and prints it.
//!
//! `prerender postbuild` is trunk's post_build hook (Trunk.toml): it finishes
//! trunk's staging directory (`TRUNK_STAGING_DIR`; sources in `TRUNK_SOURCE_DIR`):
//!  - `style-<hash>.css` and `embed.css`: assets/style.css compiled (css.rs);
//!  - `ner-<hash>.bin`: the entity model and its word lists (core::ner::bundle),
//!    and `engine-<hash>.js` / `.wasm`: the reader's engine (src/bin/engine.rs) as
//!    one worker script; loaded only when a reader brings an article of their own;
//!  - `boot-<hash>.js` and `embed.js`: the external boot module (no inline
//!    script, for `script-src 'self'`), in place of trunk's loader;
//!  - `index.html`: the app prerendered into `#app` (the page reads without
//!    JavaScript, and the wasm hydrates it), the icon inline (page.rs);
//!  - `embed-example.html` / `.css` from examples/, and `explorer-offline.html`:
//!    one self-contained file that works from file://.
//!
//! ```text
//! cargo run --features prerender --bin prerender > app.html
//! cargo run --features prerender --bin prerender css
//! cargo test --features prerender --bin prerender
//! ```

#[path = "prerender/css.rs"]
mod css;
#[path = "prerender/imports.rs"]
mod imports;
#[path = "prerender/page.rs"]
mod page;

use article_explorer::app::hooks::tab_title;
use article_explorer::app::{App, AppProps};
use article_explorer::core::ner;
use base64::Engine;
use sha2::Digest;
use std::io::Write;
use std::path::{Path, PathBuf};
use yew::LocalServerRenderer;

/// The reader's engine's binary, as trunk names its worker files.
const ENGINE: &str = "article-explorer-engine";
const LIBRARY: &str = "article-explorer-library";
const READER: &str = "article-explorer-reader";
/// What a corpus site's page shows until the library's wasm has read the manifest.
const LIBRARY_PLACEHOLDER: &str =
    r#"<div class="ae-app app library"><p class="loading" role="status">Loading the library…</p></div>"#;

/// The app's first render, hydratable, with the props `mount.rs` hydrates `#app` with
/// (plain ids, URL in the query, the graph and map drawn after hydration).
async fn render() -> String {
    let props = yew::props!(AppProps { deferred: true });
    let html = LocalServerRenderer::<App>::with_props(props).hydratable(true).render().await;
    article_explorer::app::compact_prerendered(&html)
}

/// The title of the article the prerendered page shows (the first seed's; see `State::with_seeds`).
fn first_title() -> String {
    article_explorer::seeds::SEEDS.first().map_or_else(String::new, |seed| seed.analysis().title().to_string())
}

/// A file name's content part: the first 16 hex digits of its SHA-256.
fn short_hash(bytes: &[u8]) -> String {
    sha2::Sha256::digest(bytes).iter().take(8).map(|b| format!("{b:02x}")).collect()
}

/// Subresource integrity.
fn sri(bytes: &[u8]) -> String {
    format!("sha384-{}", base64::engine::general_purpose::STANDARD.encode(sha2::Sha384::digest(bytes)))
}

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    gz.write_all(bytes).and_then(|()| gz.finish()).expect("gzip in memory")
}

struct Dirs {
    staging: PathBuf,
    source: PathBuf,
}

impl Dirs {
    fn read(&self, file: &str) -> Result<String, String> {
        std::fs::read_to_string(self.staging.join(file)).map_err(|e| format!("{file}: {e}"))
    }
    fn write(&self, file: &str, text: impl AsRef<[u8]>) -> Result<(), String> {
        std::fs::write(self.staging.join(file), text).map_err(|e| format!("{file}: {e}"))
    }
    fn source(&self, file: &str) -> Result<String, String> {
        std::fs::read_to_string(self.source.join(file)).map_err(|e| format!("{file}: {e}"))
    }
    /// A wasm trunk wrote and its JS glue, their imports given short names.
    fn wasm_and_glue(&self, wasm: &str, glue: &str) -> Result<(Vec<u8>, String), String> {
        let bytes = std::fs::read(self.staging.join(wasm)).map_err(|e| format!("{wasm}: {e}"))?;
        imports::shorten(&bytes, &self.read(glue)?).map_err(|e| format!("{wasm} and {glue}: {e}"))
    }
    /// A page's JS glue (an ES module) minified by the project's terser.
    fn minify(&self, glue: &str) -> Result<String, String> {
        page::minify_module(glue, &self.source.join("node_modules"))
    }
}

async fn postbuild(dirs: &Dirs) -> Result<(), String> {
    let trunk_page = dirs.read("index.html")?;
    let refs = page::refs(&trunk_page)?;

    let app_css = css::compile(&dirs.source("assets/style.css")?)?;
    let loose = css::unscoped(&app_css)?;
    if !loose.is_empty() {
        return Err(format!("assets/style.css: rules outside .ae-app: {}", loose.join(" | ")));
    }
    let css_name = format!("style-{}.css", short_hash(app_css.as_bytes()));
    dirs.write(&css_name, &app_css)?;
    dirs.write("embed.css", &app_css)?;

    // The entity model and its word lists, one content-hashed file beside the wasm:
    // fetched only when a reader brings an article (the seeds come analysed by build.rs).
    let model = ner::bundle::encode(ner::MODEL_BYTES, ner::gazetteer::LISTS);
    let model_name = ner::bundle::file_name(&model);
    let model_hash = format!("{:016x}", ner::bundle::content_hash(&model));
    dirs.write(&model_name, &model)?;
    eprintln!("prerender: {model_name}: {} bytes, {} gzip", model.len(), gzip(&model).len());

    // The reader's engine (src/bin/engine.rs), which trunk builds as a worker under fixed
    // names: one content-hashed worker script (glue + start) and its wasm.
    let (engine_wasm, engine_glue) = dirs.wasm_and_glue(&format!("{ENGINE}_bg.wasm"), &format!("{ENGINE}.js"))?;
    let engine_wasm_name = format!("engine-{}.wasm", short_hash(&engine_wasm));
    let worker = page::worker_script(&engine_glue, &engine_wasm_name)?;
    let worker_name = format!("engine-{}.js", short_hash(worker.as_bytes()));
    dirs.write(&engine_wasm_name, &engine_wasm)?;
    dirs.write(&worker_name, &worker)?;
    for trunk_name in [format!("{ENGINE}.js"), format!("{ENGINE}_bg.wasm")] {
        std::fs::remove_file(dirs.staging.join(&trunk_name)).map_err(|e| format!("{trunk_name}: {e}"))?;
    }
    eprintln!(
        "prerender: {worker_name} + {engine_wasm_name}: the reader's engine, {} KB wasm",
        engine_wasm.len() / 1024
    );

    // The JS glue minified (trunk's minifier cannot parse it) and the wasm, each renamed by
    // its new content. The offline file inlines the glue merely stripped: its own boot calls the glue's
    // top-level names, which minifying renames.
    let (wasm, trunk_glue) = dirs.wasm_and_glue(&refs.wasm, &refs.glue)?;
    let offline_glue = page::strip_glue(&trunk_glue);
    let served_glue = dirs.minify(&trunk_glue)?;
    let glue_name = format!("article-explorer-{}.js", short_hash(served_glue.as_bytes()));
    let wasm_name = format!("article-explorer-{}.wasm", short_hash(&wasm));
    for trunk_name in [&refs.glue, &refs.wasm] {
        std::fs::remove_file(dirs.staging.join(trunk_name)).map_err(|e| format!("{trunk_name}: {e}"))?;
    }
    dirs.write(&glue_name, &served_glue)?;
    dirs.write(&wasm_name, &wasm)?;

    // Corpus mode's wasms, which trunk builds like the engine: the library's, and the
    // reader's (the explorer for the articles the library opens).
    let library = rename_trunk_output(dirs, LIBRARY, "library")?;
    let reader = rename_trunk_output(dirs, READER, "reader")?;
    let corpus = page::Corpus { library: (&library.0, &library.1), reader: (&reader.0, &reader.1) };

    // Two boot modules: the explorer's page loads only the explorer; a corpus site's page,
    // and embed.js (host pages may show either), pick by the page.
    let boot = page::boot_script((&glue_name, &wasm_name), None, &worker_name, &model_name, &model_hash);
    let either = page::boot_script((&glue_name, &wasm_name), Some(corpus), &worker_name, &model_name, &model_hash);
    let either_name = format!("boot-corpus-{}.js", short_hash(either.as_bytes()));
    dirs.write(&either_name, &either)?;
    dirs.write("embed.js", &either)?;
    let boot_name = format!("boot-{}.js", short_hash(boot.as_bytes()));
    dirs.write(&boot_name, &boot)?;

    // The icon inline (img-src allows data:): one request fewer, none left hanging at a reload.
    let icon = match &refs.icon {
        Some(href) if href.ends_with(".svg") => {
            let svg = std::fs::read(dirs.staging.join(page::file_of(href))).map_err(|e| format!("{href}: {e}"))?;
            Some(format!("data:image/svg+xml;base64,{}", base64::engine::general_purpose::STANDARD.encode(svg)))
        }
        _ => None,
    };

    let app = render().await;
    if !app.contains("<section ") {
        return Err("the prerendered app has no <section>".into());
    }
    let title = tab_title(&first_title());
    let edits = page::Edits {
        boot_src: &format!("./{boot_name}"),
        css_href: &format!("./{css_name}"),
        css_integrity: &sri(app_css.as_bytes()),
        icon_href: icon.as_deref(),
        app: &app,
        corpus: None,
        title: Some(&title),
    };
    let index = page::finish(&trunk_page, &edits)?;
    dirs.write("index.html", &index)?;
    eprintln!("prerender: index.html: prerendered {} bytes, boot {boot_name}, app CSS {css_name}", app.len());

    // The page of a corpus site (scripts/site.sh puts it at the site's root as index.html):
    // a library of the folder corpus/, drawn by the library's wasm, nothing to prerender.
    // Its stylesheet: the app's, then the library's own rules (assets/library.css).
    let both = format!("{}\n{}", dirs.source("assets/style.css")?, dirs.source("assets/library.css")?);
    let library_css = css::compile(&both)?;
    let library_css_name = format!("library-style-{}.css", short_hash(library_css.as_bytes()));
    dirs.write(&library_css_name, &library_css)?;
    let library_page = page::finish(
        &trunk_page,
        &page::Edits {
            app: LIBRARY_PLACEHOLDER,
            corpus: Some("corpus/"),
            css_href: &format!("./{library_css_name}"),
            css_integrity: &sri(library_css.as_bytes()),
            boot_src: &format!("./{either_name}"),
            title: None,
            ..edits
        },
    )?;
    dirs.write("library.html", &library_page)?;

    if let Ok(host) = dirs.source("examples/host.html") {
        dirs.write("embed-example.html", host)?;
        dirs.write("embed-example.css", dirs.source("examples/host.css")?)?;
    }

    let wasm_b64 = base64::engine::general_purpose::STANDARD.encode(gzip(&wasm));
    let model_b64 = base64::engine::general_purpose::STANDARD.encode(&model);
    let offline_worker = page::offline_worker_script(
        &engine_glue,
        &base64::engine::general_purpose::STANDARD.encode(gzip(&engine_wasm)),
    )?;
    let offline = page::offline(
        &index,
        &|href| dirs.read(page::file_of(href)),
        &offline_glue,
        &wasm_b64,
        &offline_worker,
        &model_b64,
        &model_hash,
    )?;
    dirs.write("explorer-offline.html", &offline)?;
    eprintln!(
        "prerender: explorer-offline.html: {} KB (wasm {} KB as base64 gzip)",
        offline.len() / 1024,
        wasm_b64.len() / 1024
    );
    Ok(())
}

/// A wasm trunk built as a worker under its binary's fixed names (`<bin>.js`,
/// `<bin>_bg.wasm`): its glue minified, both renamed by their content
/// (`<prefix>-<hash>.js` / `.wasm`). Returns the two new names.
fn rename_trunk_output(dirs: &Dirs, bin: &str, prefix: &str) -> Result<(String, String), String> {
    let (wasm, glue) = dirs.wasm_and_glue(&format!("{bin}_bg.wasm"), &format!("{bin}.js"))?;
    let glue = dirs.minify(&glue)?;
    let names =
        (format!("{prefix}-{}.js", short_hash(glue.as_bytes())), format!("{prefix}-{}.wasm", short_hash(&wasm)));
    dirs.write(&names.0, &glue)?;
    dirs.write(&names.1, &wasm)?;
    for trunk_name in [format!("{bin}.js"), format!("{bin}_bg.wasm")] {
        std::fs::remove_file(dirs.staging.join(&trunk_name)).map_err(|e| format!("{trunk_name}: {e}"))?;
    }
    eprintln!("prerender: {} + {}: {bin}, {} KB wasm", names.0, names.1, wasm.len() / 1024);
    Ok(names)
}

#[tokio::main(flavor = "current_thread")]
async fn main() {
    match std::env::args().nth(1).as_deref() {
        None => {
            let html = render().await;
            let mut out = std::io::stdout().lock();
            out.write_all(html.as_bytes()).and_then(|()| out.flush()).expect("stdout");
        }
        Some("postbuild") => {
            let env = |name: &str| std::env::var_os(name).map(PathBuf::from);
            let Some(staging) = env("TRUNK_STAGING_DIR") else {
                eprintln!("prerender postbuild: TRUNK_STAGING_DIR is not set (trunk's post_build hook sets it)");
                std::process::exit(2);
            };
            let source = env("TRUNK_SOURCE_DIR").unwrap_or_else(|| Path::new(".").into());
            if let Err(e) = postbuild(&Dirs { staging, source }).await {
                eprintln!("prerender postbuild: {e}");
                std::process::exit(1);
            }
        }
        Some("css") => match css::compile(&std::fs::read_to_string("assets/style.css").expect("assets/style.css")) {
            Ok(css) => println!("{css}"),
            Err(e) => {
                eprintln!("assets/style.css: {e}");
                std::process::exit(1);
            }
        },
        Some(other) => {
            eprintln!("usage: prerender            (prints the prerendered app)\n       prerender css        (prints assets/style.css as shipped)\n       prerender postbuild  (trunk's post_build hook)\nnot: {other}");
            std::process::exit(2);
        }
    }
}
