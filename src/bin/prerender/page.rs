//! Trunk's `index.html`, finished by element (lol_html), never by text search:
//! the boot script trunk leaves a placeholder for (`pattern_script` in
//! Trunk.toml), the compiled app stylesheet, the icon inline, the prerendered
//! app in `#app`; and from that page the offline file, everything inlined.

use lol_html::html_content::ContentType;
use lol_html::{element, rewrite_str, RewriteStrSettings};
use std::cell::RefCell;

/// The placeholder Trunk.toml's `pattern_script` writes: `<script data-ae-boot data-js=… data-wasm=…>`.
const BOOT: &str = "script[data-ae-boot]";
/// The app stylesheet in the source index.html (not a trunk asset: this step compiles it).
const APP_CSS: &str = "link[data-ae-css]";

/// What trunk's page refers to: its JS glue, its wasm, its icon.
#[derive(Debug, PartialEq, Default)]
pub struct Refs {
    pub glue: String,
    pub wasm: String,
    pub icon: Option<String>,
}

/// What to put into the page.
pub struct Edits<'a> {
    pub boot_src: &'a str,
    pub css_href: &'a str,
    pub css_integrity: &'a str,
    /// The icon as a `data:` URL, if the page has one.
    pub icon_href: Option<&'a str>,
    pub app: &'a str,
    /// A corpus folder: the page is a library (`data-corpus` on `#app`, which the boot script reads).
    pub corpus: Option<&'a str>,
    /// The tab's title for the prerendered article (the app sets the same), if the page shows one.
    pub title: Option<&'a str>,
}

fn rewrite(
    html: &str,
    handlers: Vec<(std::borrow::Cow<'_, lol_html::Selector>, lol_html::ElementContentHandlers<'_>)>,
) -> Result<String, String> {
    rewrite_str(html, RewriteStrSettings { element_content_handlers: handlers, ..RewriteStrSettings::default() })
        .map_err(|e| e.to_string())
}

/// A path in the page (`./x.js`, `/x.js`, `x.js`) as a file name in the build directory.
pub fn file_of(url: &str) -> &str {
    url.trim_start_matches("./").trim_start_matches('/')
}

/// Reads the names the page refers to.
pub fn refs(html: &str) -> Result<Refs, String> {
    let refs = RefCell::new(Refs::default());
    rewrite(
        html,
        vec![
            element!(BOOT, |el| {
                let mut r = refs.borrow_mut();
                r.glue = el.get_attribute("data-js").unwrap_or_default();
                r.wasm = el.get_attribute("data-wasm").unwrap_or_default();
                Ok(())
            }),
            element!("link[rel='icon'][href]", |el| {
                refs.borrow_mut().icon = el.get_attribute("href");
                Ok(())
            }),
        ],
    )?;
    let refs = refs.into_inner();
    if refs.glue.is_empty() || refs.wasm.is_empty() {
        return Err(format!("index.html has no `{BOOT}` naming the JS and wasm (Trunk.toml's pattern_script)"));
    }
    Ok(Refs { glue: file_of(&refs.glue).into(), wasm: file_of(&refs.wasm).into(), icon: refs.icon })
}

/// A wasm the boot module starts: its JS glue and the wasm, by file name.
pub type Wasm<'a> = (&'a str, &'a str);

/// The wasms of corpus mode: the library's, and the reader's (the explorer for the articles
/// the library opens, loaded when the first is opened).
pub struct Corpus<'a> {
    pub library: Wasm<'a>,
    pub reader: Wasm<'a>,
}

/// The boot module: loads the wasm beside it and mounts every explorer. Relative
/// to itself, so the same text serves as `embed.js` on any host page.
/// `worker` is the reader's engine (its Web Worker script), `model` the entity model's
/// file name (`ner-<hash>.bin`) and `hash` its content hash in hex, all beside the wasm:
/// the app loads them only for a reader's own article.
// The script ships without comments (every first visit downloads it), so here is what it does:
// it lets the prerendered article paint first (it waits for the frame after the first, so that
// its requests never race that frame's paint), then loads the explorer's wasm; given `corpus`,
// it loads the library's instead when the page has a [data-corpus] element, and hands the
// library a loader of the reader's wasm (one download, retried if it failed). The engine and
// the model are only named: they load for a reader's own article.
pub fn boot_script(explorer: Wasm, corpus: Option<Corpus>, worker: &str, model: &str, hash: &str) -> String {
    let (glue, wasm) = explorer;
    let (u, wait) = (
        "const u = (f) => new URL(f, import.meta.url);\n",
        "await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(r, 0))));\n",
    );
    let start = format!("start(u('./{worker}').href, u('./{model}').href, '{hash}')");
    // The wasm's request starts beside the glue's, not after it (one failing fails both, so
    // neither rejection goes unhandled): wasm-bindgen's init compiles the response as it streams.
    let load = "const load = async (g, w) => { const [m, f] = await Promise.all([import(u(g).href), fetch(u(w))]); await m.default({ module_or_path: f }); return m; };\n";
    let tail = "window.articleExplorer = Object.freeze({ mount: m.mountAll });\n";
    let Some(Corpus { library: (library_glue, library_wasm), reader: (reader_glue, reader_wasm) }) = corpus else {
        return format!("{u}{wait}{load}const m = await load('./{glue}', './{wasm}');\nm.{start};\n{tail}");
    };
    format!(
        "{u}{wait}{load}const explorer = (g, w) => load(g, w).then((m) => (m.{start}, m));
let r;
const reader = () => (r ??= explorer('./{reader_glue}', './{reader_wasm}').catch((e) => {{ r = undefined; throw e; }}));
const m = await (document.querySelector('[data-corpus]') ? load('./{library_glue}', './{library_wasm}').then((l) => (l.start(reader), l)) : explorer('./{glue}', './{wasm}'));
{tail}"
    )
}

/// wasm-bindgen's JS glue without whole-line comments and indentation, its
/// names kept (the offline file's boot calls them). Only comments that start a
/// line are dropped (the glue has no multi-line strings or templates, and the
/// browser tests run it).
pub fn strip_glue(js: &str) -> String {
    let mut out = String::with_capacity(js.len());
    let mut in_comment = false;
    for line in js.lines() {
        let t = line.trim_start();
        if in_comment {
            in_comment = !t.contains("*/");
            continue;
        }
        if t.starts_with("/*") {
            in_comment = !t.contains("*/");
            continue;
        }
        if t.is_empty() || t.starts_with("//") {
            continue;
        }
        out.push_str(t);
        out.push('\n');
    }
    out
}

/// An ES module (wasm-bindgen's glue for a page) minified by terser, from the
/// project's `node_modules` (scripts/setup.sh installs it, pinned in
/// package.json): its exports keep their names, everything else is shortened.
/// The first visit's glue goes from 8.8 to 7.6 KB gzip. Deterministic for one
/// terser version, so the file's content hash is too.
pub fn minify_module(js: &str, node_modules: &std::path::Path) -> Result<String, String> {
    use std::io::Write as _;
    use std::process::{Command, Stdio};
    let terser = node_modules.join("terser/bin/terser");
    if !terser.exists() {
        return Err(format!("{} is missing: run scripts/setup.sh (it installs terser from npm)", terser.display()));
    }
    let mut child = Command::new("node")
        .arg(&terser)
        .args(["--module", "--compress", "--mangle", "--comments", "false"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| format!("node (to run terser): {e}"))?;
    let mut stdin = child.stdin.take().ok_or("terser: no stdin")?;
    let input = js.to_owned();
    // written from a thread: terser's output could fill the pipe before it has read all
    let writer = std::thread::spawn(move || stdin.write_all(input.as_bytes()));
    let out = child.wait_with_output().map_err(|e| format!("terser: {e}"))?;
    writer.join().map_err(|_| "terser: the writer panicked")?.map_err(|e| format!("terser: {e}"))?;
    if !out.status.success() {
        return Err(format!("terser failed: {}", String::from_utf8_lossy(&out.stderr).trim()));
    }
    String::from_utf8(out.stdout).map_err(|e| format!("terser: {e}"))
}

/// The no-modules glue wasm-bindgen made for the engine must define this global.
const WORKER_GLUE: &str = "let wasm_bindgen";

/// The engine's Web Worker script: its wasm-bindgen glue, then the start of
/// the wasm `wasm` beside it.
pub fn worker_script(glue: &str, wasm: &str) -> Result<String, String> {
    if !glue.contains(WORKER_GLUE) {
        return Err("the engine's JS glue does not define wasm_bindgen (built with data-type=\"worker\"?)".into());
    }
    Ok(format!(
        "{glue}
// ---- the reader's engine starts (src/bin/engine.rs); written by src/bin/prerender.rs
wasm_bindgen({{ module_or_path: new URL('./{wasm}', self.location.href) }});
"
    ))
}

/// The engine's worker for the offline file: the glue, and the wasm inline (gzip, base64).
pub fn offline_worker_script(glue: &str, wasm_gz_b64: &str) -> Result<String, String> {
    if !glue.contains(WORKER_GLUE) {
        return Err("the engine's JS glue does not define wasm_bindgen (built with data-type=\"worker\"?)".into());
    }
    Ok(format!(
        "{glue}
// ---- the reader's engine starts, its wasm inline (gzip, base64); written by src/bin/prerender.rs
(async () => {{
  const gz = Uint8Array.from(atob(\"{wasm_gz_b64}\"), (c) => c.charCodeAt(0));
  const bytes = await new Response(new Blob([gz]).stream().pipeThrough(new DecompressionStream('gzip'))).arrayBuffer();
  await wasm_bindgen({{ module_or_path: bytes }});
}})();
"
    ))
}

/// The page as shipped.
pub fn finish(html: &str, edits: &Edits) -> Result<String, String> {
    let seen = RefCell::new([false; 3]);
    let out = rewrite(
        html,
        vec![
            element!(BOOT, |el| {
                el.set_attribute("src", edits.boot_src)?;
                for a in ["data-ae-boot", "data-js", "data-wasm"] {
                    el.remove_attribute(a);
                }
                seen.borrow_mut()[0] = true;
                Ok(())
            }),
            element!(APP_CSS, |el| {
                el.set_attribute("href", edits.css_href)?;
                el.set_attribute("integrity", edits.css_integrity)?;
                el.remove_attribute("data-ae-css");
                seen.borrow_mut()[1] = true;
                Ok(())
            }),
            element!("link[rel='icon'][href]", |el| {
                if let Some(href) = edits.icon_href {
                    el.set_attribute("href", href)?;
                    // Trunk's integrity is the file's; a data: URL is its own content.
                    el.remove_attribute("integrity");
                    el.set_attribute("type", "image/svg+xml")?;
                }
                Ok(())
            }),
            element!("title", |el| {
                if let Some(title) = edits.title {
                    el.set_inner_content(title, ContentType::Text);
                }
                Ok(())
            }),
            element!("#app", |el| {
                el.set_inner_content(edits.app, ContentType::Html);
                if let Some(corpus) = edits.corpus {
                    el.set_attribute("data-corpus", corpus)?;
                }
                seen.borrow_mut()[2] = true;
                Ok(())
            }),
        ],
    )?;
    let missing: Vec<_> =
        [BOOT, APP_CSS, "#app"].iter().zip(seen.into_inner()).filter(|(_, s)| !s).map(|(w, _)| *w).collect();
    if !missing.is_empty() {
        return Err(format!("index.html has no {}", missing.join(", ")));
    }
    Ok(out)
}

/// `</tag` inside inlined text would end its element early.
fn escape_end(text: &str, tag: &str) -> String {
    text.replace(&format!("</{tag}"), &format!("<\\/{tag}"))
}

/// The offline page: `page` with its stylesheets inlined (`css` reads one by its
/// href), the boot script replaced by the glue and a boot of a gzip+base64 wasm,
/// the state in the URL's fragment (a file:// URL's query is not its own).
pub fn offline(
    page: &str,
    css: &dyn Fn(&str) -> Result<String, String>,
    glue_js: &str,
    wasm_gz_b64: &str,
    worker_js: &str,
    model_b64: &str,
    model_hash: &str,
) -> Result<String, String> {
    // The engine's worker from a blob: URL (a file:// page cannot start one from a file).
    let worker_js = serde_json::to_string(worker_js).map_err(|e| e.to_string())?;
    if !glue_js.contains("__wbg_init as default") && !glue_js.contains("export default __wbg_init") {
        return Err("the JS glue does not export __wbg_init as its default (wasm-bindgen changed?)".into());
    }
    let script = escape_end(
        &format!(
            "{glue_js}
// ---- the offline boot: the wasm below is gzip, base64 (src/bin/prerender.rs)
const WASM_GZ_B64 = \"{wasm_gz_b64}\";
{{
  const gz = Uint8Array.from(atob(WASM_GZ_B64), (c) => c.charCodeAt(0));
  const bytes = await new Response(new Blob([gz]).stream().pipeThrough(new DecompressionStream('gzip'))).arrayBuffer();
  await __wbg_init({{ module_or_path: bytes }});
  // The reader's engine (a worker from a blob: URL) and the entity model (a data: URL):
  // started and decoded only if a reader brings an article.
  const worker = URL.createObjectURL(new Blob([{worker_js}], {{ type: 'text/javascript' }}));
  start(worker, \"data:application/octet-stream;base64,{model_b64}\", \"{model_hash}\");
  window.articleExplorer = Object.freeze({{ mount: mountAll }});
}}
"
        ),
        "script",
    );
    let failed = RefCell::new(None);
    let out = rewrite(
        page,
        vec![
            element!("link[rel='stylesheet'][href]", |el| {
                match css(&el.get_attribute("href").unwrap_or_default()) {
                    Ok(text) => {
                        el.replace(&format!("<style>\n{}</style>", escape_end(&text, "style")), ContentType::Html)
                    }
                    Err(e) => *failed.borrow_mut() = Some(e),
                }
                Ok(())
            }),
            element!("script[src]", |el| {
                el.remove();
                Ok(())
            }),
            element!("#app", |el| {
                el.set_attribute("data-url", "fragment")?;
                Ok(())
            }),
            element!("title", |el| {
                el.append(" (offline)", ContentType::Text);
                Ok(())
            }),
            element!("body", |el| {
                el.append(&format!("<script type=\"module\">\n{script}</script>\n"), ContentType::Html);
                Ok(())
            }),
        ],
    )?;
    match failed.into_inner() {
        Some(e) => Err(e),
        None => Ok(out),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What trunk 0.21 writes with this project's Trunk.toml (public_url "./", the pattern_script, no preloads).
    const TRUNK: &str = r#"<!doctype html>
<html lang="en">
  <head>
    <title>Article explorer</title>
    <link rel="icon" href="./favicon-0123.svg" integrity="sha384-z"/>
    <link rel="stylesheet" href="./page-4567.css" integrity="sha384-x"/>
    <link rel="stylesheet" href="assets/style.css" data-ae-css />
  <script type="module" data-ae-boot data-js="./article-explorer-89ab.js" data-wasm="./article-explorer-89ab_bg.wasm"></script></head>
  <body>
    <div id="app"></div>
  </body>
</html>"#;

    fn edits() -> Edits<'static> {
        Edits {
            boot_src: "./boot-1.js",
            css_href: "./style-2.css",
            css_integrity: "sha384-y",
            icon_href: Some("data:image/svg+xml;base64,PHN2Zy8+"),
            app: "<main><section id=\"s\">Text</section></main>",
            corpus: None,
            title: None,
        }
    }

    #[test]
    fn the_tab_title_is_the_articles_as_text() {
        let page = finish(TRUNK, &Edits { title: Some("Fish & <chips> · Article explorer"), ..edits() }).unwrap();
        assert!(page.contains("<title>Fish &amp; &lt;chips&gt; · Article explorer</title>"), "{page}");
        let untouched = finish(TRUNK, &edits()).unwrap();
        assert!(untouched.contains("<title>Article explorer</title>"), "{untouched}");
    }

    #[test]
    fn a_library_page_names_its_corpus() {
        let page = finish(TRUNK, &Edits { app: "<p>Loading</p>", corpus: Some("corpus/"), ..edits() }).unwrap();
        assert!(page.contains(r#"<div id="app" data-corpus="corpus/"><p>Loading</p></div>"#), "{page}");
    }

    #[test]
    fn reads_the_glue_wasm_and_icon_names() {
        let refs = refs(TRUNK).unwrap();
        assert_eq!(
            refs,
            Refs {
                glue: "article-explorer-89ab.js".into(),
                wasm: "article-explorer-89ab_bg.wasm".into(),
                icon: Some("./favicon-0123.svg".into())
            }
        );
        assert!(super::refs("<html><body></body></html>").unwrap_err().contains("pattern_script"));
    }

    #[test]
    fn glue_loses_comments_and_indentation_only() {
        let js = "/**\n * Docs `x`.\n */\nexport function f(a) {\n    // why\n    const s = 'a // b';\n    return a; /* kept */\n}\n";
        assert_eq!(strip_glue(js), "export function f(a) {\nconst s = 'a // b';\nreturn a; /* kept */\n}\n");
    }

    #[test]
    fn minified_glue_keeps_its_exports_and_behaviour() {
        let modules = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("node_modules");
        if !modules.join("terser").exists() {
            eprintln!("skipped: node_modules/terser is absent (scripts/setup.sh installs it)");
            return;
        }
        let js = "/** Docs. */\nfunction helper(longName) {\n    return longName + 1;\n}\nexport function start(value) {\n    return helper(value);\n}\nasync function __wbg_init(x) { return x; }\nexport default __wbg_init;\n";
        let min = minify_module(js, &modules).unwrap();
        assert!(min.len() < js.len() / 2 && !min.contains("longName") && !min.contains("Docs"), "{min}");
        // Imported as the boot script imports it: the same exports, doing the same.
        let file = std::env::temp_dir().join(format!("minified-glue-{}.mjs", std::process::id()));
        std::fs::write(&file, &min).unwrap();
        let check = "const m = await import(process.argv[1]); console.log(m.start(41), await m.default('x'));";
        let out = std::process::Command::new("node")
            .args(["--input-type=module", "-e", check])
            .arg(format!("file://{}", file.display()))
            .output()
            .unwrap();
        std::fs::remove_file(&file).ok();
        assert_eq!(String::from_utf8_lossy(&out.stdout).trim(), "42 x", "{}", String::from_utf8_lossy(&out.stderr));
        assert!(minify_module("export function (", &modules).unwrap_err().starts_with("terser failed"));
    }

    #[test]
    fn boot_is_relative_to_itself() {
        let boot = boot_script(("g.js", "g_bg.wasm"), None, "engine-1.js", "ner-00ff.bin", "00ff");
        assert!(boot.contains("const u = (f) => new URL(f, import.meta.url);"));
        assert!(boot.contains("Promise.all([import(u(g).href), fetch(u(w))])"), "{boot}");
        assert!(boot.contains("await load('./g.js', './g_bg.wasm')"), "{boot}");
        assert!(boot.contains("m.start(u('./engine-1.js').href, u('./ner-00ff.bin').href, '00ff')"), "{boot}");
        assert!(!boot.contains("corpus"), "a page of one article carries no library: {boot}");
        let corpus = Corpus { library: ("l.js", "l.wasm"), reader: ("r.js", "r.wasm") };
        let both = boot_script(("g.js", "g_bg.wasm"), Some(corpus), "engine-1.js", "ner-00ff.bin", "00ff");
        assert!(
            both.contains(
                "load('./l.js', './l.wasm').then((l) => (l.start(reader), l)) : explorer('./g.js', './g_bg.wasm')"
            ),
            "{both}"
        );
        assert!(both.contains("explorer('./r.js', './r.wasm')"), "{both}");
        assert!(both.contains("m.start(u('./engine-1.js').href, u('./ner-00ff.bin').href, '00ff')"), "{both}");
        let worker = worker_script("let wasm_bindgen = 1;", "engine-2.wasm").unwrap();
        assert!(worker.contains("new URL('./engine-2.wasm', self.location.href)"), "{worker}");
        assert!(worker_script("export default init;", "e.wasm").is_err());
    }

    #[test]
    fn the_page_has_no_inline_script_or_style_and_only_relative_urls() {
        let page = finish(TRUNK, &edits()).unwrap();
        assert!(page.contains(r#"<script type="module" src="./boot-1.js"></script>"#), "{page}");
        assert!(page.contains(r#"<link rel="stylesheet" href="./style-2.css" integrity="sha384-y" />"#), "{page}");
        assert!(
            page.contains(r#"<link rel="icon" href="data:image/svg+xml;base64,PHN2Zy8+" type="image/svg+xml" />"#),
            "{page}"
        );
        assert!(page.contains(r#"<div id="app"><main><section id="s">Text</section></main></div>"#), "{page}");
        assert!(!page.contains("data-ae-") && !page.contains("data-js"), "{page}");
        assert!(!page.contains("<style") && !page.contains(" style="), "{page}");
        assert!(!page.contains("=\"/"), "an absolute URL: {page}");
        for tag in page.split("<script").skip(1) {
            assert!(tag.starts_with(" type=\"module\" src="), "an inline script: {tag}");
        }
    }

    #[test]
    fn a_page_without_the_placeholders_is_refused() {
        let err = finish("<html><body><div id=\"app\"></div></body></html>", &edits()).unwrap_err();
        assert!(err.contains(BOOT) && err.contains(APP_CSS) && !err.contains("#app"), "{err}");
    }

    #[test]
    fn the_offline_page_is_self_contained() {
        let page = finish(TRUNK, &edits()).unwrap();
        let css = |href: &str| Ok(format!("/* {href} */ .ae-app{{content:\"</style>\"}}"));
        let glue = "export { initSync, __wbg_init as default };\nconst x = '</script>';";
        let off = offline(&page, &css, glue, "H4sI", "let wasm_bindgen = '</script>';", "QUVOQg==", "00ff").unwrap();
        assert!(off.contains("<style>\n/* ./page-4567.css */"), "{off}");
        assert!(off.contains("<style>\n/* ./style-2.css */ .ae-app{content:\"<\\/style>\"}</style>"), "{off}");
        assert!(!off.contains("<link rel=\"stylesheet\""), "{off}");
        assert!(!off.contains("src=\"./"), "{off}");
        assert!(off.contains("<title>Article explorer (offline)</title>"), "{off}");
        assert!(off.contains(r#"<div id="app" data-url="fragment"><main>"#), "{off}");
        assert!(off.contains("const x = '<\\/script>';"), "{off}");
        assert!(off.contains("const WASM_GZ_B64 = \"H4sI\";"), "{off}");
        assert!(off.contains("start(worker, \"data:application/octet-stream;base64,QUVOQg==\", \"00ff\");"), "{off}");
        assert!(off.contains("new Blob([\"let wasm_bindgen = '<\\/script>';\"]"), "{off}");
        assert_eq!(off.matches("<script").count(), 1, "{off}");
        assert!(offline(&page, &css, "export default init;", "", "", "", "").is_err());
    }
}
