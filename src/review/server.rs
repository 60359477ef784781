//! The local HTTP server of `ura review`, and what every request must
//! show before it is handled: a `Host` that is the loopback address and
//! port (so a page of another site that renames itself to 127.0.0.1, DNS
//! rebinding, is refused), the per-run token (in the URL of the first
//! request, then in a cookie), and for writes the page's own origin and a
//! JSON body (so a form of another site cannot post). Every response
//! carries a Content-Security-Policy that allows the page's own resources
//! only.
//!
//! tiny_http serves: a small synchronous server (four small dependencies)
//! that is enough for one reviewer on loopback; requests are handled one
//! at a time on this thread, so the review needs no lock.

use std::io::Read;
use std::net::SocketAddr;

use anyhow::{bail, Result};

/// The largest request body read: an edit is a few hundred bytes.
const MAX_BODY: usize = 1 << 20;

/// The policy every response carries: nothing but the page's own scripts,
/// styles and requests; no frames, no forms, no remote anything.
pub(crate) const CSP: &str = "default-src 'none'; script-src 'self'; style-src 'self'; \
    img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'none'; \
    frame-ancestors 'none'";

/// A request as the handler sees it.
#[derive(Debug, Clone, Default)]
pub(crate) struct Request {
    /// `GET`, `POST`, …
    pub method: String,
    /// The path, without the query.
    pub path: String,
    /// The query string, without `?`.
    pub query: String,
    /// Headers the checks and handlers read (lower-case names).
    pub host: Option<String>,
    pub cookie: Option<String>,
    pub origin: Option<String>,
    pub content_type: Option<String>,
    /// The body.
    pub body: Vec<u8>,
}

impl Request {
    /// The value of `name` in the query (no percent-decoding: ura's own
    /// values are plain).
    pub fn param(&self, name: &str) -> Option<&str> {
        self.query
            .split('&')
            .filter_map(|kv| kv.split_once('='))
            .find(|(k, _)| *k == name)
            .map(|(_, v)| v)
    }

    /// The value of cookie `name`.
    fn cookie(&self, name: &str) -> Option<&str> {
        self.cookie.as_deref()?.split(';').find_map(|kv| {
            let (k, v) = kv.trim().split_once('=')?;
            (k == name).then_some(v)
        })
    }
}

/// A response.
#[derive(Debug, Clone)]
pub(crate) struct Response {
    /// HTTP status.
    pub status: u16,
    /// Its content type.
    pub content_type: String,
    /// The body.
    pub body: Vec<u8>,
    /// Further headers.
    pub headers: Vec<(String, String)>,
}

impl Response {
    /// A response with `body` of `content_type`.
    pub fn new(status: u16, content_type: &str, body: impl Into<Vec<u8>>) -> Response {
        Response {
            status,
            content_type: content_type.to_string(),
            body: body.into(),
            headers: Vec::new(),
        }
    }

    /// A JSON response.
    pub fn json(status: u16, value: &serde_json::Value) -> Response {
        Response::new(status, "application/json", value.to_string())
    }

    /// An error, as JSON `{"error": message}` (the page shows it).
    pub fn error(status: u16, message: &str) -> Response {
        Response::json(status, &serde_json::json!({ "error": message }))
    }

    /// With a further header.
    pub fn with(mut self, name: &str, value: &str) -> Response {
        self.headers.push((name.to_string(), value.to_string()));
        self
    }
}

/// What a handler of checked requests does.
pub(crate) trait Handler {
    /// Answers a request that passed the checks; `true` stops the server.
    fn handle(&mut self, request: &Request) -> (Response, bool);
}

/// The checks every request passes, for a server on `port` with `token`.
#[derive(Debug, Clone)]
pub(crate) struct Guard {
    /// The port served.
    pub port: u16,
    /// The per-run secret.
    pub token: String,
}

impl Guard {
    /// The name of the cookie that carries the token: one per port, so
    /// that two reviews at once do not overwrite each other's.
    pub fn cookie_name(&self) -> String {
        format!("ura_token_{}", self.port)
    }

    /// The page's own origins.
    fn origins(&self) -> [String; 2] {
        [
            format!("http://127.0.0.1:{}", self.port),
            format!("http://localhost:{}", self.port),
        ]
    }

    /// Checks `request`; `Err` is the refusal to send. `Ok(true)` when the
    /// token came in the URL (the page is then redirected to drop it, with
    /// the cookie set).
    pub fn check(&self, request: &Request) -> Result<bool, Response> {
        let host_ok = request.host.as_deref().is_some_and(|h| {
            let h = h.to_ascii_lowercase();
            h == format!("127.0.0.1:{}", self.port) || h == format!("localhost:{}", self.port)
        });
        if !host_ok {
            return Err(Response::error(
                421,
                "this server answers only to its own address, 127.0.0.1 and its port",
            ));
        }
        let in_url = request.param("token").is_some_and(|t| same(t, &self.token));
        let in_cookie = request
            .cookie(&self.cookie_name())
            .is_some_and(|t| same(t, &self.token));
        if !in_url && !in_cookie {
            return Err(Response::error(
                403,
                "no valid token: open the link that ura review printed",
            ));
        }
        if request.method != "GET" && request.method != "HEAD" {
            // A browser sends Origin with every POST; a page of another
            // site cannot make it ours.
            if let Some(origin) = &request.origin {
                if !self.origins().iter().any(|o| o == origin) {
                    return Err(Response::error(
                        403,
                        "writes from another origin are refused",
                    ));
                }
            }
            // A form of another site can only post form data or text.
            let json = request
                .content_type
                .as_deref()
                .is_some_and(|c| c.split(';').next() == Some("application/json"));
            if !json {
                return Err(Response::error(
                    415,
                    "a write must be sent as application/json",
                ));
            }
        }
        Ok(in_url && !in_cookie)
    }

    /// Sets the cookie and sends the page to the URL without the token.
    fn welcome(&self) -> Response {
        Response::new(303, "text/plain", "")
            .with("Location", "/")
            .with(
                "Set-Cookie",
                &format!(
                    "{}={}; Path=/; HttpOnly; SameSite=Strict",
                    self.cookie_name(),
                    self.token
                ),
            )
    }

    /// Checks and answers `request`.
    pub fn answer(&self, handler: &mut dyn Handler, request: &Request) -> (Response, bool) {
        let (response, quit) = match self.check(request) {
            Err(refusal) => (refusal, false),
            Ok(true) if request.method == "GET" && request.path == "/" => (self.welcome(), false),
            Ok(_) => handler.handle(request),
        };
        (secured(response), quit)
    }
}

/// `response` with the headers every response carries.
fn secured(response: Response) -> Response {
    response
        .with("Content-Security-Policy", CSP)
        .with("X-Content-Type-Options", "nosniff")
        .with("Referrer-Policy", "no-referrer")
        .with("X-Frame-Options", "DENY")
        .with("Cache-Control", "no-store")
}

/// Compares two secrets in time that does not depend on where they differ.
fn same(a: &str, b: &str) -> bool {
    a.len() == b.len()
        && a.bytes()
            .zip(b.bytes())
            .fold(0u8, |acc, (x, y)| acc | (x ^ y))
            == 0
}

/// A new random token: 128 bits from the operating system, in hex.
pub(crate) fn new_token() -> Result<String> {
    let mut bytes = [0u8; 16];
    getrandom::fill(&mut bytes)
        .map_err(|e| anyhow::anyhow!("no random numbers for the token: {e}"))?;
    Ok(bytes.iter().map(|b| format!("{b:02x}")).collect())
}

/// A server bound to 127.0.0.1: on `port`, or on a free one.
pub(crate) fn bind(port: Option<u16>) -> Result<(tiny_http::Server, u16)> {
    let addr = SocketAddr::from(([127, 0, 0, 1], port.unwrap_or(0)));
    let server = match tiny_http::Server::http(addr) {
        Ok(s) => s,
        Err(e) => match port {
            Some(p) => bail!(
                "cannot serve on 127.0.0.1:{p} ({e}); choose another port with --port, or leave --port out for a free one"
            ),
            None => bail!("cannot serve on 127.0.0.1 ({e})"),
        },
    };
    let Some(bound) = server.server_addr().to_ip().map(|a| a.port()) else {
        bail!("the server has no port");
    };
    Ok((server, bound))
}

/// Serves requests until the handler says stop.
pub(crate) fn run(server: &tiny_http::Server, guard: &Guard, handler: &mut dyn Handler) {
    for mut raw in server.incoming_requests() {
        let request = match read(&mut raw) {
            Ok(r) => r,
            Err(refusal) => {
                let _ = raw.respond(to_tiny(secured(refusal)));
                continue;
            }
        };
        let (response, quit) = guard.answer(handler, &request);
        let _ = raw.respond(to_tiny(response));
        if quit {
            break;
        }
    }
}

/// The request `raw` as the handler sees it.
fn read(raw: &mut tiny_http::Request) -> Result<Request, Response> {
    if raw.body_length().is_some_and(|n| n > MAX_BODY) {
        return Err(Response::error(413, "the request is too large"));
    }
    let header = |name: &str| {
        raw.headers()
            .iter()
            .find(|h| h.field.as_str().as_str().eq_ignore_ascii_case(name))
            .map(|h| h.value.as_str().to_string())
    };
    let (path, query) = match raw.url().split_once('?') {
        Some((p, q)) => (p.to_string(), q.to_string()),
        None => (raw.url().to_string(), String::new()),
    };
    let mut request = Request {
        method: raw.method().as_str().to_string(),
        path,
        query,
        host: header("Host"),
        cookie: header("Cookie"),
        origin: header("Origin"),
        content_type: header("Content-Type"),
        body: Vec::new(),
    };
    raw.as_reader()
        .take(MAX_BODY as u64 + 1)
        .read_to_end(&mut request.body)
        .map_err(|_| Response::error(400, "the request body could not be read"))?;
    if request.body.len() > MAX_BODY {
        return Err(Response::error(413, "the request is too large"));
    }
    Ok(request)
}

fn to_tiny(r: Response) -> tiny_http::Response<std::io::Cursor<Vec<u8>>> {
    // Bodies are in memory: always a Content-Length, never chunks.
    let mut out = tiny_http::Response::from_data(r.body)
        .with_status_code(r.status)
        .with_chunked_threshold(usize::MAX);
    let headers = std::iter::once(("Content-Type".to_string(), r.content_type)).chain(r.headers);
    for (k, v) in headers {
        if let Ok(h) = tiny_http::Header::from_bytes(k.as_bytes(), v.as_bytes()) {
            out.add_header(h);
        }
    }
    out
}

/// Asks the desktop to open `url` in the browser, without a shell: the
/// one program ura starts, and only when asked (`--no-open` does not).
/// The crates that do this pull in a URL parser with Unicode tables for
/// one call.
pub(crate) fn open_browser(url: &str) -> std::io::Result<()> {
    let mut command = if cfg!(target_os = "macos") {
        std::process::Command::new("open")
    } else if cfg!(windows) {
        let mut c = std::process::Command::new("rundll32");
        c.arg("url.dll,FileProtocolHandler");
        c
    } else {
        std::process::Command::new("xdg-open")
    };
    command
        .arg(url)
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .map(|_| ())
}

#[cfg(test)]
mod tests {
    use super::*;

    struct Echo(usize);

    impl Handler for Echo {
        fn handle(&mut self, request: &Request) -> (Response, bool) {
            self.0 += 1;
            (
                Response::new(200, "text/plain", request.path.clone()),
                false,
            )
        }
    }

    fn guard() -> Guard {
        Guard {
            port: 4321,
            token: "abc123".to_string(),
        }
    }

    fn request(method: &str, url: &str) -> Request {
        let (path, query) = url.split_once('?').unwrap_or((url, ""));
        Request {
            method: method.to_string(),
            path: path.to_string(),
            query: query.to_string(),
            host: Some("127.0.0.1:4321".to_string()),
            cookie: Some("ura_token_4321=abc123".to_string()),
            origin: None,
            content_type: (method == "POST").then(|| "application/json".to_string()),
            body: Vec::new(),
        }
    }

    #[test]
    fn only_requests_with_the_token_host_and_origin_reach_the_handler() {
        let g = guard();
        let ok = request("GET", "/api/state");
        let cases: Vec<(Request, u16)> = vec![
            (ok.clone(), 200),
            (
                Request {
                    cookie: Some("ura_token_4321=abc124".into()),
                    ..ok.clone()
                },
                403,
            ),
            (
                Request {
                    cookie: Some("ura_token_9999=abc123".into()),
                    ..ok.clone()
                },
                403,
            ),
            (
                Request {
                    cookie: None,
                    ..ok.clone()
                },
                403,
            ),
            (
                Request {
                    host: Some("evil.example:4321".into()),
                    ..ok.clone()
                },
                421,
            ),
            (
                Request {
                    host: Some("127.0.0.1:80".into()),
                    ..ok.clone()
                },
                421,
            ),
            (
                Request {
                    host: None,
                    ..ok.clone()
                },
                421,
            ),
            (
                Request {
                    host: Some("LOCALHOST:4321".into()),
                    ..ok.clone()
                },
                200,
            ),
            (request("POST", "/api/edit"), 200),
            (
                Request {
                    origin: Some("http://127.0.0.1:4321".into()),
                    ..request("POST", "/api/edit")
                },
                200,
            ),
            (
                Request {
                    origin: Some("http://evil.example".into()),
                    ..request("POST", "/api/edit")
                },
                403,
            ),
            (
                Request {
                    origin: Some("http://127.0.0.1:4322".into()),
                    ..request("POST", "/api/edit")
                },
                403,
            ),
            (
                Request {
                    content_type: Some("text/plain".into()),
                    ..request("POST", "/api/edit")
                },
                415,
            ),
            (
                Request {
                    content_type: Some("application/json; charset=utf-8".into()),
                    ..request("POST", "/api/edit")
                },
                200,
            ),
        ];
        for (r, status) in cases {
            let mut h = Echo(0);
            let (resp, _) = g.answer(&mut h, &r);
            assert_eq!(resp.status, status, "{r:?}");
            assert_eq!(h.0, usize::from(status == 200), "{r:?}");
            assert!(resp
                .headers
                .iter()
                .any(|(k, v)| k == "Content-Security-Policy" && v == CSP));
        }
    }

    #[test]
    fn the_token_in_the_url_sets_the_cookie_and_leaves_the_url() {
        let g = guard();
        let first = Request {
            cookie: None,
            ..request("GET", "/?token=abc123")
        };
        let mut h = Echo(0);
        let (resp, _) = g.answer(&mut h, &first);
        assert_eq!(resp.status, 303);
        assert_eq!(h.0, 0);
        let header = |name: &str| {
            resp.headers
                .iter()
                .find(|(k, _)| k == name)
                .map(|(_, v)| v.clone())
        };
        assert_eq!(header("Location").as_deref(), Some("/"));
        assert_eq!(
            header("Set-Cookie").as_deref(),
            Some("ura_token_4321=abc123; Path=/; HttpOnly; SameSite=Strict")
        );
        let wrong = Request {
            cookie: None,
            ..request("GET", "/?token=abc12")
        };
        assert_eq!(g.answer(&mut h, &wrong).0.status, 403);
    }

    #[test]
    fn tokens_are_random_and_long() {
        let (a, b) = (new_token().unwrap(), new_token().unwrap());
        assert_eq!(a.len(), 32);
        assert_ne!(a, b);
        assert!(same(&a, &a.clone()) && !same(&a, &b) && !same(&a, "x"));
    }
}
