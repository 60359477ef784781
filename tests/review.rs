//! `ura review`: the server over real sockets, as curl would see it, the
//! review file, resuming, exports; and `ura align -f html`.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};

use crate::util::{data, path, stderr, temp_dir, ura};

/// A running `ura review` and what its URL says.
pub struct Server {
    child: Child,
    pub port: u16,
    pub token: String,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Starts `ura review ARGS --no-open` and reads the URL it prints.
pub fn start(args: &[&str]) -> Server {
    let mut child = Command::new(env!("CARGO_BIN_EXE_ura"))
        .arg("review")
        .args(args)
        .arg("--no-open")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("run ura review");
    let mut line = String::new();
    BufReader::new(child.stdout.take().expect("stdout"))
        .read_line(&mut line)
        .expect("read the URL");
    let url = line.trim();
    let rest = url
        .strip_prefix("http://127.0.0.1:")
        .unwrap_or_else(|| panic!("a loopback URL, not {url:?}"));
    let (port, token) = rest.split_once("/?token=").expect("a token in the URL");
    Server {
        child,
        port: port.parse().expect("a port"),
        token: token.to_string(),
    }
}

/// A response: status, headers (lower-case names), body.
pub struct Reply {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl Reply {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }

    pub fn json(&self) -> serde_json::Value {
        serde_json::from_slice(&self.body).expect("a JSON body")
    }
}

/// Sends one raw HTTP/1.1 request with `headers` (each `Name: value`).
pub fn send(port: u16, method: &str, target: &str, headers: &[String], body: &str) -> Reply {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).expect("connect");
    let mut req = format!("{method} {target} HTTP/1.1\r\nConnection: close\r\n");
    for h in headers {
        req.push_str(h);
        req.push_str("\r\n");
    }
    req.push_str(&format!("Content-Length: {}\r\n\r\n{body}", body.len()));
    stream.write_all(req.as_bytes()).expect("send");
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw).expect("read the reply");
    let split = raw
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .expect("a header block");
    let head = String::from_utf8_lossy(&raw[..split]).to_string();
    let mut lines = head.lines();
    let status = lines
        .next()
        .and_then(|l| l.split(' ').nth(1))
        .and_then(|s| s.parse().ok())
        .expect("a status line");
    let headers = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(k, v)| (k.trim().to_ascii_lowercase(), v.trim().to_string()))
        .collect();
    Reply {
        status,
        headers,
        body: raw[split + 4..].to_vec(),
    }
}

impl Server {
    /// The headers of a request from the page: right Host and token.
    pub fn page_headers(&self) -> Vec<String> {
        vec![
            format!("Host: 127.0.0.1:{}", self.port),
            format!("Cookie: ura_token_{}={}", self.port, self.token),
        ]
    }

    pub fn get(&self, target: &str) -> Reply {
        send(self.port, "GET", target, &self.page_headers(), "")
    }

    /// A POST of JSON from the page itself.
    pub fn post(&self, target: &str, body: &str) -> Reply {
        let mut h = self.page_headers();
        h.push("Content-Type: application/json".to_string());
        h.push(format!("Origin: http://127.0.0.1:{}", self.port));
        send(self.port, "POST", target, &h, body)
    }

    pub fn state(&self) -> serde_json::Value {
        let r = self.get("/api/state");
        assert_eq!(r.status, 200);
        r.json()
    }
}

/// The bundled pair, and a review file for it in a fresh folder.
fn unhcr(dir: &str) -> (String, String, PathBuf) {
    let review = temp_dir(dir).join("r.review.jsonl");
    (
        path(&data("unhcr/en.txt")),
        path(&data("unhcr/sq.txt")),
        review,
    )
}

fn edit(version: u64, edit: &str) -> String {
    format!("{{\"version\":{version},\"edit\":{edit}}}")
}

#[test]
fn the_server_refuses_what_is_not_the_pages_own_and_changes_nothing() {
    let (en, sq, review) = unhcr("review-guard");
    let s = start(&[&en, &sq, "-o", &path(&review)]);
    let saved = std::fs::read(&review).expect("the review file is written at once");
    let before = s.state();
    assert_eq!(before["version"], 0);
    let host = format!("Host: 127.0.0.1:{}", s.port);
    let cookie = format!("Cookie: ura_token_{}={}", s.port, s.token);
    let json = "Content-Type: application/json".to_string();
    let merge = edit(0, r#"{"op":"merge_next","bead":0}"#);
    let cases: Vec<(&str, &str, Vec<String>, String, u16)> = vec![
        // No token, a wrong one, the token of another port.
        ("GET", "/api/state", vec![host.clone()], String::new(), 403),
        (
            "GET",
            "/api/state",
            vec![host.clone(), format!("Cookie: ura_token_{}=0123", s.port)],
            String::new(),
            403,
        ),
        (
            "GET",
            "/?token=00000000000000000000000000000000",
            vec![host.clone()],
            String::new(),
            403,
        ),
        (
            "POST",
            "/api/edit",
            vec![host.clone(), json.clone()],
            merge.clone(),
            403,
        ),
        // A foreign Host (DNS rebinding), and the right host with another
        // port.
        (
            "GET",
            "/api/state",
            vec!["Host: attacker.example".into(), cookie.clone()],
            String::new(),
            421,
        ),
        (
            "POST",
            "/api/edit",
            vec![
                format!("Host: attacker.example:{}", s.port),
                cookie.clone(),
                json.clone(),
            ],
            merge.clone(),
            421,
        ),
        (
            "GET",
            "/api/state",
            vec!["Host: 127.0.0.1:1".into(), cookie.clone()],
            String::new(),
            421,
        ),
        // A cross-origin write, and a form's.
        (
            "POST",
            "/api/edit",
            vec![
                host.clone(),
                cookie.clone(),
                json.clone(),
                "Origin: http://attacker.example".into(),
            ],
            merge.clone(),
            403,
        ),
        (
            "POST",
            "/api/edit",
            vec![
                host.clone(),
                cookie.clone(),
                "Content-Type: text/plain".into(),
            ],
            merge.clone(),
            415,
        ),
        // Malformed requests.
        (
            "POST",
            "/api/edit",
            vec![host.clone(), cookie.clone(), json.clone()],
            "{\"version\":0,".into(),
            400,
        ),
        (
            "POST",
            "/api/edit",
            vec![host.clone(), cookie.clone(), json.clone()],
            edit(0, r#"{"op":"explode","bead":0}"#),
            400,
        ),
        (
            "POST",
            "/api/edit",
            vec![host.clone(), cookie.clone(), json.clone()],
            r#"{"edit":{"op":"merge_next","bead":0}}"#.into(),
            400,
        ),
        // A stale version.
        (
            "POST",
            "/api/edit",
            vec![host.clone(), cookie.clone(), json.clone()],
            edit(7, r#"{"op":"merge_next","bead":0}"#),
            409,
        ),
        // Edits that would break the invariant or name nothing.
        (
            "POST",
            "/api/edit",
            vec![host.clone(), cookie.clone(), json.clone()],
            edit(0, r#"{"op":"split","bead":0,"src_at":5,"tgt_at":0}"#),
            400,
        ),
        (
            "POST",
            "/api/edit",
            vec![host.clone(), cookie.clone(), json.clone()],
            edit(0, r#"{"op":"merge_prev","bead":0}"#),
            400,
        ),
        (
            "POST",
            "/api/edit",
            vec![host.clone(), cookie.clone(), json.clone()],
            edit(0, r#"{"op":"merge_next","bead":99999}"#),
            400,
        ),
        (
            "POST",
            "/api/undo",
            vec![host.clone(), cookie.clone(), json.clone()],
            "{\"version\":0}".into(),
            400,
        ),
        (
            "GET",
            "/assets/../../Cargo.toml",
            vec![host.clone(), cookie.clone()],
            String::new(),
            404,
        ),
    ];
    for (method, target, headers, body, status) in cases {
        let r = send(s.port, method, target, &headers, &body);
        assert_eq!(r.status, status, "{method} {target} {headers:?} {body}");
        assert!(
            r.header("content-security-policy")
                .is_some_and(|c| c.contains("default-src 'none'")),
            "every reply carries the policy"
        );
        if status != 404 && status != 403 && status != 421 {
            assert!(
                r.json()["error"].as_str().is_some_and(|e| !e.is_empty()),
                "a refusal says why"
            );
        }
    }
    assert_eq!(s.state(), before, "the review is unchanged");
    assert_eq!(std::fs::read(&review).unwrap(), saved, "and so is its file");
    // The first request with the token in the URL sets the cookie.
    let first = send(
        s.port,
        "GET",
        &format!("/?token={}", s.token),
        std::slice::from_ref(&host),
        "",
    );
    assert_eq!(first.status, 303);
    assert!(first
        .header("set-cookie")
        .is_some_and(|c| c.contains(&s.token) && c.contains("HttpOnly")));
    // One tab edits; the other, stale, is refused, not merged.
    let ok = s.post("/api/edit", &merge);
    assert_eq!(ok.status, 200, "{}", String::from_utf8_lossy(&ok.body));
    assert_eq!(ok.json()["version"], 1);
    let stale = s.post(
        "/api/edit",
        &edit(0, r#"{"op":"review","bead":3,"reviewed":true}"#),
    );
    assert_eq!(stale.status, 409);
    assert!(stale.json()["error"]
        .as_str()
        .unwrap()
        .contains("another tab"));
    assert_eq!(s.state()["version"], 1);
}

/// The beads of a state, as `[src start, src end, tgt start, tgt end]`.
fn spans(state: &serde_json::Value) -> Vec<Vec<u64>> {
    state["beads"]
        .as_array()
        .unwrap()
        .iter()
        .map(|b| (0..4).map(|k| b[k].as_u64().unwrap()).collect())
        .collect()
}

#[test]
fn a_killed_server_loses_nothing_and_the_review_file_resumes_exactly() {
    let (en, sq, review) = unhcr("review-resume");
    let s = start(&[&en, &sq, "-o", &path(&review)]);
    let v0 = s.state();
    let changes = [
        r#"{"op":"merge_next","bead":1}"#,
        r#"{"op":"review","bead":5,"reviewed":true}"#,
        r#"{"op":"split","bead":1,"src_at":0,"tgt_at":1}"#,
    ];
    for (v, c) in changes.iter().enumerate() {
        let r = s.post("/api/edit", &edit(v as u64, c));
        assert_eq!(r.status, 200, "{c}: {}", String::from_utf8_lossy(&r.body));
    }
    let undo = s.post("/api/undo", "{\"version\":3}");
    assert_eq!(undo.status, 200);
    let before = s.state();
    assert_ne!(spans(&before), spans(&v0));
    drop(s); // SIGKILL: no chance to save anything at exit
    let again = start(&[&path(&review)]);
    let after = again.state();
    for key in ["beads", "version", "src", "tgt"] {
        assert_eq!(after[key], before[key], "{key}");
    }
    assert_eq!(after["beads"][5][5], 1, "bead 5 is still marked reviewed");
    drop(again);
    // The same pair with the same review file resumes it too.
    let third = start(&[&en, &sq, "-o", &path(&review)]);
    assert_eq!(third.state()["beads"], before["beads"]);
}

#[test]
fn re_aligning_keeps_the_fixed_beads_and_is_one_undoable_change() {
    let (en, sq, review) = unhcr("review-realign");
    let s = start(&[&en, &sq, "-o", &path(&review)]);
    let v0 = s.state();
    // A bead the aligner did not choose, fixed by the reviewer.
    let r = s.post("/api/edit", &edit(0, r#"{"op":"merge_next","bead":1}"#));
    assert_eq!(r.status, 200);
    let fixed = spans(&s.state())[1].clone();
    let r = s.post("/api/realign", "{\"version\":1}");
    assert_eq!(r.status, 200, "{}", String::from_utf8_lossy(&r.body));
    let after = s.state();
    assert_eq!(spans(&after)[1], fixed, "the fixed bead stays");
    assert_eq!(after["beads"][1][5], 2, "still marked edited");
    assert_eq!(after["version"], 2);
    s.post("/api/undo", "{\"version\":2}");
    s.post("/api/undo", "{\"version\":3}");
    assert_eq!(spans(&s.state()), spans(&v0));
}

/// The units of a TMX file: (source, target) texts.
fn tmx_pairs(xml: &str) -> Vec<(String, String)> {
    ura_bitext::tmx::read_tmx(xml)
        .expect("valid TMX")
        .into_iter()
        .map(|u| {
            assert_eq!((u.src.0.as_str(), u.tgt.0.as_str()), ("en", "sq"));
            (u.src.1, u.tgt.1)
        })
        .collect()
}

#[test]
fn exports_from_the_page_and_the_cli_hold_what_was_reviewed() {
    let (en, sq, review) = unhcr("review-export");
    let s = start(&[&en, &sq, "-o", &path(&review)]);
    for (v, bead) in [(0, 5), (1, 7)] {
        let r = s.post(
            "/api/edit",
            &edit(
                v,
                &format!(r#"{{"op":"review","bead":{bead},"reviewed":true}}"#),
            ),
        );
        assert_eq!(r.status, 200);
    }
    let state = s.state();
    let text = |side: &str, a: u64, b: u64| -> String {
        (a..b)
            .map(|k| {
                state[side]["sentences"][k as usize]
                    .as_str()
                    .unwrap()
                    .to_string()
            })
            .collect::<Vec<_>>()
            .join(" ")
    };
    let bead = |k: usize| {
        let b = &state["beads"][k];
        let u = |i: usize| b[i].as_u64().unwrap();
        (text("src", u(0), u(1)), text("tgt", u(2), u(3)))
    };
    let r = s.get("/api/export?format=tmx&scope=reviewed");
    assert_eq!(r.status, 200);
    assert!(r
        .header("content-disposition")
        .is_some_and(|d| d.contains("attachment") && d.contains("r.tmx")));
    let xml = String::from_utf8(r.body).unwrap();
    assert!(xml.contains("srclang=\"en\""));
    assert_eq!(tmx_pairs(&xml), [bead(5), bead(7)]);
    let all = s.get("/api/export?format=tmx");
    let pairs = tmx_pairs(&String::from_utf8(all.body).unwrap());
    assert!(pairs.len() > 40 && pairs.contains(&bead(5)));
    for (format, magic) in [
        ("xlsx", &b"PK"[..]),
        ("csv", b"en,sq,score,bead"),
        ("tsv", b"en\tsq\tscore\tbead"),
        ("jsonl", b"{\"src\""),
        ("html", b"<!doctype html>"),
    ] {
        let r = s.get(&format!("/api/export?format={format}&min=0.5"));
        assert_eq!(r.status, 200, "{format}");
        assert!(r.body.starts_with(magic), "{format}");
    }
    assert_eq!(s.get("/api/export?format=doc").status, 400);
    assert_eq!(s.get("/api/export?format=tmx&min=2").status, 400);
    drop(s);
    // The same from the command line, without a server.
    let out = review.with_file_name("cli.tmx");
    let run = ura(
        &[
            "review",
            &path(&review),
            "--export",
            &path(&out),
            "--reviewed-only",
        ],
        None,
    );
    assert!(run.status.success(), "{}", stderr(&run));
    assert!(stderr(&run).contains("wrote 2 of"));
    assert_eq!(
        tmx_pairs(&std::fs::read_to_string(&out).unwrap()),
        [bead(5), bead(7)]
    );
}

#[test]
fn bad_review_files_and_ports_in_use_are_one_line_errors() {
    let dir = temp_dir("review-bad");
    let (en, sq) = (path(&data("unhcr/en.txt")), path(&data("unhcr/sq.txt")));
    let one_line = |args: &[&str], says: &str| {
        let out = ura(args, None);
        assert_eq!(out.status.code(), Some(1), "{args:?}");
        let err = stderr(&out);
        assert!(
            err.starts_with("ura: ") && err.trim_end().lines().count() == 1,
            "{err}"
        );
        assert!(err.contains(says), "{says}: {err}");
    };
    // A plain alignment, and a text, are not review files.
    let plain = dir.join("plain.jsonl");
    let out = ura(&["align", &en, &sq, "-o", &path(&plain)], None);
    assert!(out.status.success());
    one_line(
        &["review", &path(&plain), "--no-open"],
        "without the review header",
    );
    one_line(&["review", &en, "--no-open"], "not a review file of ura");
    one_line(
        &["review", &path(&dir.join("none.jsonl")), "--no-open"],
        "cannot read the review file",
    );
    // A review file of other inputs.
    let review = dir.join("r.jsonl");
    let other = dir.join("en.txt");
    std::fs::write(&other, "Something else entirely.\n").unwrap();
    let made = ura(
        &[
            "review",
            &en,
            &sq,
            "-o",
            &path(&review),
            "--export",
            &path(&dir.join("x.tsv")),
        ],
        None,
    );
    assert!(made.status.success(), "{}", stderr(&made));
    one_line(
        &[
            "review",
            &path(&other),
            &sq,
            "-o",
            &path(&review),
            "--no-open",
        ],
        "is the review of another source text",
    );
    // An export over the review file, a review file over an input.
    let out = ura(
        &["review", &path(&review), "--export", &path(&review)],
        None,
    );
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(stderr(&out).contains("it would be overwritten"));
    let out = ura(&["review", &en, &sq, "-o", &sq, "--no-open"], None);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(std::fs::read_to_string(&sq).unwrap().contains("UNHCR"));
    // A port in use.
    let taken = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = taken.local_addr().unwrap().port().to_string();
    one_line(
        &["review", &path(&review), "--no-open", "--port", &port],
        &format!("cannot serve on 127.0.0.1:{port}"),
    );
}

#[test]
fn the_html_report_is_one_file_that_loads_nothing() {
    let dir = temp_dir("review-report");
    let out = dir.join("report.html");
    let run = crate::util::align_unhcr(&["-o", &path(&out)]);
    assert!(run.status.success(), "{}", stderr(&run));
    let html = std::fs::read_to_string(&out).unwrap();
    assert!(html.starts_with("<!doctype html>"));
    let csp = html
        .split("http-equiv=\"Content-Security-Policy\" content=\"")
        .nth(1)
        .and_then(|r| r.split('"').next())
        .expect("a policy in the page");
    assert!(
        csp.starts_with("default-src 'none'; script-src 'sha256-"),
        "{csp}"
    );
    assert!(!csp.contains("unsafe") && !csp.contains("http"), "{csp}");
    for link in ["src=\"", "href=\"", "url(", "@import", "fetch(\"http"] {
        assert!(!html.contains(link), "{link} in the report");
    }
    assert!(html.contains("UNHCR"), "the data is inside");
    let bad = crate::util::align_unhcr(&["-o", &path(&out), "--min-score", "0.5"]);
    assert_eq!(bad.status.code(), Some(2), "a usage error");
    assert!(stderr(&bad).contains("--min-score does not apply to the HTML report"));
}
