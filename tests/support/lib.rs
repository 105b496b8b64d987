//! Test support: spawn the real app on a random port, on SQLite or PostgreSQL,
//! with a fresh database each time, and talk to it over HTTP like a browser.

use app::domain::Password;
use app::server::{Access, Store};
use server::config::Settings;
use server::startup::Application;
use std::sync::atomic::{AtomicUsize, Ordering};

pub use reqwest::StatusCode;

/// The demo staff password (`demo-data` sets it on every staff account).
pub const STAFF_PASSWORD: &str = "demo-losenord-123";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

static COUNTER: AtomicUsize = AtomicUsize::new(0);

pub struct TestApp {
    pub base: String,
    pub store: Store,
    pub access: Access,
    pub database_url: String,
    _cleanup: DropDatabase,
}

/// Removes a test's database when the test ends, so a long suite does not fill the disk.
pub struct DropDatabase(pub String);

impl Drop for DropDatabase {
    fn drop(&mut self) {
        let url = self.0.clone();
        if let Some(path) = url.strip_prefix("sqlite://") {
            for suffix in ["", "-wal", "-shm"] {
                let _ = std::fs::remove_file(format!("{path}{suffix}"));
            }
            return;
        }
        // PostgreSQL: from a thread of its own, since we may be inside the test's runtime.
        let _ = std::thread::spawn(move || {
            let Some((_, name)) = url.rsplit_once('/') else { return };
            let admin = std::env::var("TEST_POSTGRES_URL")
                .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/postgres".to_owned());
            let Ok(runtime) = tokio::runtime::Builder::new_current_thread().enable_all().build() else { return };
            runtime.block_on(async {
                if let Ok(pool) = sqlx::PgPool::connect(&admin).await {
                    let _ = sqlx::query(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)")).execute(&pool).await;
                    pool.close().await;
                }
            });
        })
        .join();
    }
}

/// A fresh, empty database URL for one test.
pub async fn fresh_database(backend: Backend) -> String {
    let n = COUNTER.fetch_add(1, Ordering::SeqCst);
    let name = format!("mina_steg_t{}_{}", std::process::id(), n);
    match backend {
        Backend::Sqlite => {
            let path = std::env::temp_dir().join(format!("{name}.db"));
            let _ = std::fs::remove_file(&path);
            format!("sqlite://{}", path.display())
        }
        Backend::Postgres => {
            let admin = std::env::var("TEST_POSTGRES_URL")
                .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/postgres".to_owned());
            let pool = sqlx::PgPool::connect(&admin)
                .await
                .expect("PostgreSQL must answer at TEST_POSTGRES_URL (make test starts one)");
            sqlx::query(&format!("CREATE DATABASE {name}")).execute(&pool).await.expect("create test database");
            pool.close().await;
            let base = admin.rsplit_once('/').map(|(b, _)| b.to_owned()).unwrap_or(admin);
            format!("{base}/{name}")
        }
    }
}

impl TestApp {
    /// The app on a fresh database filled with the demo municipality.
    pub async fn spawn(backend: Backend) -> TestApp {
        Self::spawn_with(backend, true, false).await
    }

    pub async fn spawn_with(backend: Backend, seed: bool, demo: bool) -> TestApp {
        let database_url = fresh_database(backend).await;
        let store = server::db::connect(&database_url).await.expect("connect");
        server::db::migrate(&store).await.expect("migrate");
        let access = Access::new(store.clone());
        if seed {
            let password = Password::parse(STAFF_PASSWORD).expect("demo password is valid");
            access.fill_demo_data(&password).await.expect("demo data");
        }
        let mut settings = Settings::for_tests(&database_url, std::env::temp_dir());
        settings.demo = demo;
        let application = Application::build(&settings).await.expect("app builds");
        let base = format!("http://127.0.0.1:{}", application.port());
        tokio::spawn(application.run_until_stopped(std::future::pending()));
        TestApp { base, store, access, _cleanup: DropDatabase(database_url.clone()), database_url }
    }

    /// A browser-like client: keeps cookies, does not follow redirects.
    pub fn client(&self) -> reqwest::Client {
        reqwest::Client::builder()
            .cookie_store(true)
            .redirect(reqwest::redirect::Policy::none())
            // A stuck request fails the test instead of hanging it.
            .timeout(std::time::Duration::from_secs(60))
            .build()
            .expect("client")
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{}", self.base, path)
    }

    /// Calls a server function the way a plain HTML form does.
    pub async fn post_form(
        &self,
        client: &reqwest::Client,
        endpoint: &str,
        form: &[(&str, &str)],
    ) -> reqwest::Response {
        client
            .post(self.url(&format!("/api/{endpoint}")))
            .header("accept", "text/html")
            .form(form)
            .send()
            .await
            .expect("request")
    }

    /// Calls a server function the way the browser's JavaScript does (JSON back).
    pub async fn call(&self, client: &reqwest::Client, endpoint: &str, form: &[(&str, &str)]) -> reqwest::Response {
        client
            .post(self.url(&format!("/api/{endpoint}")))
            .header("accept", "application/json")
            .form(form)
            .send()
            .await
            .expect("request")
    }

    /// Signs a staff member in with e-mail and password; returns their client.
    pub async fn staff_client(&self, email: &str) -> reqwest::Client {
        let client = self.client();
        let response =
            self.post_form(&client, "sign_in_staff", &[("email", email), ("password", STAFF_PASSWORD)]).await;
        assert_eq!(response.status(), StatusCode::FOUND, "staff sign-in redirects");
        assert_eq!(location(&response), "/personal");
        client
    }

    /// Staff make a code for the participant; the participant signs in with it.
    pub async fn participant_client(&self, participant_id: i64) -> reqwest::Client {
        let staff_email = self.staff_email_for_participant(participant_id).await;
        let staff = self.staff_client(&staff_email).await;
        let code = self.new_code(&staff, participant_id).await;
        let client = self.client();
        let response = self.post_form(&client, "sign_in_code", &[("code", &code)]).await;
        assert_eq!(response.status(), StatusCode::FOUND);
        assert_eq!(location(&response), "/");
        client
    }

    /// Staff make a code for the participant's relative; the relative signs in with it.
    pub async fn relative_client(&self, participant_id: i64, relative_id: i64) -> reqwest::Client {
        let staff = self.staff_client(&self.staff_email_for_participant(participant_id).await).await;
        let form = [("participant_id", participant_id.to_string()), ("relative_id", relative_id.to_string())];
        let form: Vec<(&str, &str)> = form.iter().map(|(k, v)| (*k, v.as_str())).collect();
        let response = self.call(&staff, "create_sign_in_code", &form).await;
        assert_eq!(response.status(), StatusCode::OK, "staff may make a code for a linked relative");
        let body: serde_json::Value = response.json().await.expect("json");
        let code = body["code"].as_str().expect("code in answer").to_owned();
        let client = self.client();
        let response = self.post_form(&client, "sign_in_code", &[("code", &code)]).await;
        assert_eq!(location(&response), "/");
        client
    }

    pub async fn new_code(&self, staff: &reqwest::Client, participant_id: i64) -> String {
        let response =
            self.call(staff, "create_sign_in_code", &[("participant_id", &participant_id.to_string())]).await;
        assert_eq!(response.status(), StatusCode::OK, "staff may make a code");
        let body: serde_json::Value = response.json().await.expect("json");
        body["code"].as_str().expect("code in answer").to_owned()
    }

    // --- Facts about the demo data, read straight from the database. ---

    pub async fn scalar_i64(&self, sql: &str) -> i64 {
        match &self.store {
            Store::Sqlite(p) => sqlx::query_scalar(sql).fetch_one(p).await.expect(sql),
            Store::Postgres(p) => sqlx::query_scalar(sql).fetch_one(p).await.expect(sql),
        }
    }

    pub async fn scalar_text(&self, sql: &str) -> String {
        match &self.store {
            Store::Sqlite(p) => sqlx::query_scalar(sql).fetch_one(p).await.expect(sql),
            Store::Postgres(p) => sqlx::query_scalar(sql).fetch_one(p).await.expect(sql),
        }
    }

    pub async fn execute(&self, sql: &str) {
        match &self.store {
            Store::Sqlite(p) => sqlx::query(sql).execute(p).await.map(|_| ()).expect(sql),
            Store::Postgres(p) => sqlx::query(sql).execute(p).await.map(|_| ()).expect(sql),
        }
    }

    /// The lowest-id active participant of a unit (1 or 2 in demo data order).
    pub async fn participant_in_unit(&self, unit_index: i64, nth: i64) -> i64 {
        self.scalar_i64(&format!(
            "SELECT p.id FROM participants p WHERE p.unit_id = (SELECT id FROM units ORDER BY id LIMIT 1 OFFSET {})
               AND p.discharged_on IS NULL ORDER BY p.id LIMIT 1 OFFSET {nth}",
            unit_index - 1
        ))
        .await
    }

    pub async fn staff_email_for_participant(&self, participant_id: i64) -> String {
        self.scalar_text(&format!(
            "SELECT a.email FROM accounts a JOIN staff s ON s.id = a.staff_id
             WHERE a.role = 'staff' AND s.unit_id = (SELECT unit_id FROM participants WHERE id = {participant_id})
             ORDER BY a.id LIMIT 1"
        ))
        .await
    }

    pub async fn audit_count(&self, condition: &str) -> i64 {
        self.scalar_i64(&format!("SELECT count(*) FROM audit_log WHERE {condition}")).await
    }
}

pub fn location(response: &reqwest::Response) -> String {
    response.headers().get("location").and_then(|v| v.to_str().ok()).unwrap_or("").to_owned()
}

/// The session's Set-Cookie header (value and attributes), if the response set one.
pub fn session_set_cookie(response: &reqwest::Response) -> Option<String> {
    response
        .headers()
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|c| c.starts_with("mina-steg="))
        .map(str::to_owned)
}

/// The session cookie's `name=value`, if the response set one.
pub fn session_cookie(response: &reqwest::Response) -> Option<String> {
    session_set_cookie(response).map(|c| c.split(';').next().unwrap_or("").to_owned())
}

/// Runs an async test body once on SQLite and once on PostgreSQL.
#[macro_export]
macro_rules! on_both_backends {
    ($($name:ident),* $(,)?) => {
        mod sqlite {
            $(#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn $name() { super::$name($crate::Backend::Sqlite).await }) *
        }
        mod postgres {
            $(#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn $name() { super::$name($crate::Backend::Postgres).await }) *
        }
    };
}

/// The text a reader sees in a page's `<main>`, one block (heading, paragraph,
/// list item, label, button) a line, as LIX wants it.
pub fn visible_text(html: &str) -> String {
    let main = html.split("<main").nth(1).and_then(|m| m.split_once('>')).map(|(_, rest)| rest).unwrap_or(html);
    let main = main.split("</main>").next().unwrap_or(main);
    let mut text = String::new();
    let mut rest = main;
    while let Some(start) = rest.find('<') {
        text.push_str(&rest[..start]);
        let Some(end) = rest[start..].find('>') else { break };
        let tag = &rest[start + 1..start + end];
        let name: String = tag.trim_start_matches('/').chars().take_while(|c| c.is_ascii_alphanumeric()).collect();
        // Skip what is never shown.
        if !tag.starts_with('/') && matches!(name.as_str(), "script" | "style" | "template") {
            let close = format!("</{name}>");
            rest = rest[start..].find(&close).map(|i| &rest[start + i + close.len()..]).unwrap_or("");
            continue;
        }
        let block = matches!(
            name.as_str(),
            "h1" | "h2" | "h3" | "h4" | "p" | "li" | "dt" | "dd" | "a" | "button" | "label" | "br" | "div" | "section"
        );
        text.push(if block { '\n' } else { ' ' });
        rest = &rest[start + end + 1..];
    }
    text.push_str(rest);
    let text = text
        .replace("&amp;", "&")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#x27;", "'")
        .replace("&#39;", "'")
        .replace("&nbsp;", " ");
    text.lines().map(str::trim).filter(|l| !l.is_empty()).collect::<Vec<_>>().join("\n")
}
