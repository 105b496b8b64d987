//! Test support: spawn the real app on a random port, on SQLite or PostgreSQL,
//! with a fresh database each time, and talk to it over HTTP like a browser.
//!
//! Seeding the demo municipality hashes passwords and writes thousands of rows,
//! so it is done once per test process and backend, into a template database;
//! each test gets a copy of the template (see [`template`]).
//!
//! On PostgreSQL the roles are those of a municipality's installation: the
//! template is migrated by an owner role ([`OWNER_ROLE`]), and the app serves
//! as the app role ([`APP_ROLE`]), which may only read and add audit rows.

use app::domain::Password;
use app::server::{Access, SqliteDb, Store};
use server::config::Settings;
use server::startup::Application;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;
use tokio::sync::OnceCell;

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
    /// The same database as its owner (on SQLite the same file): for what
    /// only the owner may do, such as tampering with the audit log in a test.
    pub owner_database_url: String,
    _cleanup: DropDatabase,
}

/// Starts the real application on a random port, serving until the test ends.
async fn start(settings: &Settings) -> String {
    let application = Application::build(settings).await.expect("app builds");
    let base = format!("http://127.0.0.1:{}", application.port());
    tokio::spawn(application.run_until_stopped(std::future::pending()));
    base
}

/// Removes a test's database when the test ends, so a long suite does not fill
/// the disk (an empty URL: nothing to remove).
pub struct DropDatabase(pub String);

impl Drop for DropDatabase {
    fn drop(&mut self) {
        let url = self.0.clone();
        if url.is_empty() {
            return;
        }
        if let Some(path) = url.strip_prefix("sqlite://") {
            remove_sqlite_files(Path::new(path));
            return;
        }
        if let Some((_, name)) = url.rsplit_once('/') {
            drop_postgres_databases(vec![name.to_owned()]);
        }
    }
}

/// Per-test databases are `mina_steg_t<pid>_<n>`, templates `mina_steg_tmpl_<pid>_<kind>`:
/// the process id tells whose they are, so a run never touches another live run's.
const TEST_PREFIX: &str = "mina_steg_t";
const TEMPLATE_PREFIX: &str = "mina_steg_tmpl_";

fn admin_url() -> String {
    std::env::var("TEST_POSTGRES_URL").unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/postgres".to_owned())
}

/// Another database on the server of `TEST_POSTGRES_URL`, as its login (a superuser).
pub fn postgres_url(name: &str) -> String {
    let admin = admin_url();
    let base = admin.rsplit_once('/').map(|(b, _)| b.to_owned()).unwrap_or(admin);
    format!("{base}/{name}")
}

/// The owner of the test databases' tables: `mina-steg migrate` runs as it.
pub const OWNER_ROLE: &str = "mina_steg_test_owner";
/// The role the app serves as (`migrate` grants it the server's rights).
pub const APP_ROLE: &str = server::db::DEFAULT_APP_ROLE;

/// The database `name` on the server of `TEST_POSTGRES_URL`, logged in as
/// `role` (the test server trusts local logins: no password).
pub fn postgres_url_as(role: &str, name: &str) -> String {
    let admin = admin_url();
    let (scheme, rest) = admin.split_once("://").unwrap_or(("postgres", &admin));
    let host = rest.rsplit_once('@').map(|(_, host)| host).unwrap_or(rest);
    let host = host.split('/').next().unwrap_or(host);
    format!("{scheme}://{role}@{host}/{name}")
}

/// The same database, logged in as its owner (SQLite: the same file).
pub fn owner_url(database_url: &str) -> String {
    match database_url.rsplit_once('/') {
        Some((_, name)) if database_url.starts_with("postgres") => postgres_url_as(OWNER_ROLE, name),
        _ => database_url.to_owned(),
    }
}

/// Makes the owner and app roles once per process. Roles belong to the whole
/// PostgreSQL server, so another test process may make them at the same
/// moment: a role that exists by then is fine.
async fn ensure_roles() {
    static ROLES: OnceCell<()> = OnceCell::const_new();
    ROLES
        .get_or_init(|| async {
            let pool = admin_pool().await;
            for role in [OWNER_ROLE, APP_ROLE] {
                let sql = format!(
                    "DO $$ BEGIN CREATE ROLE {role} LOGIN;
                     EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END $$"
                );
                sqlx::query(&sql).execute(&pool).await.expect("create a test role");
            }
            pool.close().await;
        })
        .await;
}

async fn admin_pool() -> sqlx::PgPool {
    sqlx::PgPool::connect(&admin_url())
        .await
        .expect("PostgreSQL must answer at TEST_POSTGRES_URL (make test starts one)")
}

fn remove_sqlite_files(path: &Path) {
    for suffix in ["", "-wal", "-shm", "-reserve"] {
        let mut file = path.as_os_str().to_owned();
        file.push(suffix);
        let _ = std::fs::remove_file(file);
    }
}

/// Drops PostgreSQL databases (even with connections open) from a thread of
/// its own: the caller may be inside a runtime, or past the end of `main`.
fn drop_postgres_databases(names: Vec<String>) {
    // Builder, not `thread::spawn`: at exit a thread may not start, and that must not panic.
    let Ok(thread) = std::thread::Builder::new().spawn(move || {
        let Ok(runtime) = tokio::runtime::Builder::new_current_thread().enable_all().build() else { return };
        runtime.block_on(async {
            // A server that does not answer must not hang the end of a test run.
            let _ = tokio::time::timeout(Duration::from_secs(10), async {
                if let Ok(pool) = sqlx::PgPool::connect(&admin_url()).await {
                    for name in names {
                        let _ =
                            sqlx::query(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)")).execute(&pool).await;
                    }
                    pool.close().await;
                }
            })
            .await;
        });
    }) else {
        return;
    };
    let _ = thread.join();
}

/// The process id in a test or template database name, if it is one of ours.
fn owner_pid(name: &str) -> Option<u32> {
    let rest = name.strip_prefix(TEMPLATE_PREFIX).or_else(|| name.strip_prefix(TEST_PREFIX))?;
    rest.split('_').next()?.parse().ok()
}

/// Whether a name is one of ours, left by a process that is gone (a run that
/// was killed, so its `Drop`s and end-of-process cleanup never ran). Only Linux's
/// /proc can tell; where it is missing nothing counts as left behind.
fn left_by_dead_process(name: &str) -> bool {
    match owner_pid(name) {
        Some(pid) if pid != std::process::id() && Path::new("/proc/self").exists() => {
            match std::fs::read_to_string(format!("/proc/{pid}/stat")) {
                Err(_) => true,
                // A zombie has exited; only its exit status waits to be collected
                // (by a parent that may never do it).
                Ok(stat) => stat.rsplit_once(')').is_some_and(|(_, rest)| rest.trim_start().starts_with('Z')),
            }
        }
        _ => false,
    }
}

async fn remove_left_behind(backend: Backend) {
    match backend {
        Backend::Sqlite => {
            let Ok(entries) = std::fs::read_dir(std::env::temp_dir()) else { return };
            for entry in entries.flatten() {
                let name = entry.file_name().to_string_lossy().into_owned();
                if name.contains(".db") && left_by_dead_process(&name) {
                    let _ = std::fs::remove_file(entry.path());
                }
            }
        }
        Backend::Postgres => {
            let pool = admin_pool().await;
            let names: Vec<String> =
                sqlx::query_scalar("SELECT datname::text FROM pg_database WHERE datname LIKE 'mina\\_steg\\_t%'")
                    .fetch_all(&pool)
                    .await
                    .expect("list databases");
            for name in names.into_iter().filter(|n| left_by_dead_process(n)) {
                let _ = sqlx::query(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)")).execute(&pool).await;
            }
            pool.close().await;
        }
    }
}

/// The templates of this process, one slot per backend and kind (seeded or
/// empty). A slot keeps only the template's name or path, never a pool: every
/// test has its own tokio runtime, and a pool stays bound to the runtime that
/// opened it, which is gone once the first test ends.
static TEMPLATES: [OnceCell<String>; 4] = [const { OnceCell::const_new() }; 4];

/// What the end-of-process cleanup removes.
static MADE_TEMPLATES: Mutex<Vec<(Backend, String)>> = Mutex::new(Vec::new());

/// The template for `backend`, made on first use: migrated, and with `seed`
/// filled with the demo municipality. Every copy is the same database, so
/// counts (audit rows included) are what a freshly seeded database has. The
/// demo data is placed relative to today, which is the day the process started.
async fn template(backend: Backend, seed: bool) -> &'static str {
    let slot = match (backend, seed) {
        (Backend::Sqlite, false) => &TEMPLATES[0],
        (Backend::Sqlite, true) => &TEMPLATES[1],
        (Backend::Postgres, false) => &TEMPLATES[2],
        (Backend::Postgres, true) => &TEMPLATES[3],
    };
    slot.get_or_init(|| make_template(backend, seed)).await
}

async fn make_template(backend: Backend, seed: bool) -> String {
    remove_left_behind(backend).await;
    remove_templates_at_exit();
    let name = format!("{TEMPLATE_PREFIX}{}_{}", std::process::id(), if seed { "seeded" } else { "empty" });
    match backend {
        Backend::Sqlite => {
            let template = std::env::temp_dir().join(format!("{name}.db"));
            let work = std::env::temp_dir().join(format!("{name}_work.db"));
            remove_sqlite_files(&template);
            remove_sqlite_files(&work);
            MADE_TEMPLATES.lock().expect("templates").push((backend, template.display().to_string()));
            let store = migrated_store(&format!("sqlite://{}", work.display()), seed).await;
            let Store::Sqlite(SqliteDb { write: pool, .. }) = &store else {
                unreachable!("a sqlite:// URL opens SQLite")
            };
            // One self-contained file holding everything committed (the WAL
            // included), so a copy never depends on a live -wal file.
            sqlx::query("VACUUM INTO $1")
                .bind(template.display().to_string())
                .execute(pool)
                .await
                .expect("VACUUM INTO the template");
            store.close().await;
            remove_sqlite_files(&work);
            template.display().to_string()
        }
        Backend::Postgres => {
            ensure_roles().await;
            let admin = admin_pool().await;
            // A template of an earlier run of this same process id (ids are reused).
            sqlx::query(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
                .execute(&admin)
                .await
                .expect("drop old template");
            sqlx::query(&format!("CREATE DATABASE {name} OWNER {OWNER_ROLE}"))
                .execute(&admin)
                .await
                .expect("create template");
            admin.close().await;
            MADE_TEMPLATES.lock().expect("templates").push((backend, name.clone()));
            // Migrated by the owner, as `mina-steg migrate` is run in service.
            let store = migrated_store(&postgres_url_as(OWNER_ROLE, &name), seed).await;
            // CREATE DATABASE … TEMPLATE refuses a template with open connections.
            store.close().await;
            name
        }
    }
}

async fn migrated_store(database_url: &str, seed: bool) -> Store {
    let store = server::db::connect(database_url).await.expect("connect");
    server::db::migrate(&store).await.expect("migrate");
    if seed {
        let password = Password::parse(STAFF_PASSWORD).expect("demo password is valid");
        Access::new(store.clone(), app::server::Keys::demo()).fill_demo_data(&password).await.expect("demo data");
    }
    store
}

/// Removes this process's templates when it exits (statics are never dropped).
/// A run that is killed leaves them; the next run removes them (see
/// [`left_by_dead_process`]).
fn remove_templates_at_exit() {
    static REGISTERED: std::sync::Once = std::sync::Once::new();
    unsafe extern "C" {
        fn atexit(callback: extern "C" fn()) -> std::ffi::c_int;
    }
    extern "C" fn remove_templates() {
        let made = std::mem::take(&mut *MADE_TEMPLATES.lock().unwrap_or_else(|e| e.into_inner()));
        let mut postgres = Vec::new();
        for (backend, name) in made {
            match backend {
                Backend::Sqlite => remove_sqlite_files(Path::new(&name)),
                Backend::Postgres => postgres.push(name),
            }
        }
        if !postgres.is_empty() {
            drop_postgres_databases(postgres);
        }
    }
    // SAFETY: `atexit` is the C library's; the callback is a plain function
    // that catches nothing and returns.
    REGISTERED.call_once(|| unsafe {
        atexit(remove_templates);
    });
}

/// A fresh, empty database URL for one test.
pub async fn fresh_database(backend: Backend) -> String {
    let name = next_test_database_name();
    match backend {
        Backend::Sqlite => {
            let path = sqlite_path(&name);
            remove_sqlite_files(&path);
            format!("sqlite://{}", path.display())
        }
        Backend::Postgres => {
            // Migrating grants the app role its rights: it must exist.
            ensure_roles().await;
            let pool = admin_pool().await;
            sqlx::query(&format!("CREATE DATABASE {name}")).execute(&pool).await.expect("create test database");
            pool.close().await;
            postgres_url(&name)
        }
    }
}

/// A database URL for one test: a copy of the migrated template, seeded or
/// empty. On PostgreSQL the URL logs in as the app role, as `serve` does in
/// service ([`owner_url`] gives the owner's).
pub async fn database_from_template(backend: Backend, seed: bool) -> String {
    let template = template(backend, seed).await;
    let name = next_test_database_name();
    match backend {
        Backend::Sqlite => {
            let path = sqlite_path(&name);
            remove_sqlite_files(&path);
            std::fs::copy(template, &path).expect("copy the template");
            format!("sqlite://{}", path.display())
        }
        Backend::Postgres => {
            let pool = admin_pool().await;
            let create = format!("CREATE DATABASE {name} TEMPLATE {template} OWNER {OWNER_ROLE}");
            // The template's last connection may still be closing on the server
            // side; PostgreSQL then says the template "is being accessed".
            let mut tries = 0;
            while let Err(error) = sqlx::query(&create).execute(&pool).await {
                tries += 1;
                assert!(tries < 20 && error.to_string().contains("being accessed"), "{create}: {error}");
                tokio::time::sleep(Duration::from_millis(250)).await;
            }
            pool.close().await;
            postgres_url_as(APP_ROLE, &name)
        }
    }
}

/// A place for a restore: on PostgreSQL a new, empty database owned by the
/// owner role, as an operator makes one (`CREATE DATABASE … OWNER …`); on SQLite
/// a path where no file is. Returns the URL to restore into (the owner's), the
/// URL to serve from (the app role's) and what removes it at the end.
pub async fn empty_database_for_restore(backend: Backend) -> (String, String, DropDatabase) {
    let name = next_test_database_name();
    match backend {
        Backend::Sqlite => {
            let path = sqlite_path(&name);
            remove_sqlite_files(&path);
            let url = format!("sqlite://{}", path.display());
            (url.clone(), url.clone(), DropDatabase(url))
        }
        Backend::Postgres => {
            ensure_roles().await;
            let pool = admin_pool().await;
            sqlx::query(&format!("CREATE DATABASE {name} OWNER {OWNER_ROLE}"))
                .execute(&pool)
                .await
                .expect("create the database to restore into");
            pool.close().await;
            (postgres_url_as(OWNER_ROLE, &name), postgres_url_as(APP_ROLE, &name), DropDatabase(postgres_url(&name)))
        }
    }
}

fn next_test_database_name() -> String {
    let n = COUNTER.fetch_add(1, Ordering::SeqCst);
    format!("{TEST_PREFIX}{}_{}", std::process::id(), n)
}

fn sqlite_path(name: &str) -> PathBuf {
    std::env::temp_dir().join(format!("{name}.db"))
}

impl TestApp {
    /// The app on a fresh database filled with the demo municipality, serving
    /// with `--demo`: demo staff sign in with the demo password alone (without
    /// `--demo` that password is refused, and other staff need a second factor).
    pub async fn spawn(backend: Backend) -> TestApp {
        Self::spawn_with(backend, true, true).await
    }

    /// The app on a copy of a migrated template database, with or without the
    /// demo municipality; `demo` turns on one-click sign-in.
    pub async fn spawn_with(backend: Backend, seed: bool, demo: bool) -> TestApp {
        Self::spawn_configured(backend, seed, |settings| settings.demo = demo).await
    }

    /// Like [`Self::spawn_with`], with the test's own changes to the settings
    /// (a trusted proxy, the production request limit).
    pub async fn spawn_configured(backend: Backend, seed: bool, configure: impl FnOnce(&mut Settings)) -> TestApp {
        let database_url = database_from_template(backend, seed).await;
        // The copy is migrated already (on SQLite `Application::build` migrates
        // again; on PostgreSQL it checks, and that it does not serve as the owner).
        let mut app = Self::serve(&database_url, configure).await;
        app._cleanup = DropDatabase(database_url);
        app
    }

    /// The app serving a database that exists already (one the test restored,
    /// say); the database is left in place when the `TestApp` is dropped.
    pub async fn serve(database_url: &str, configure: impl FnOnce(&mut Settings)) -> TestApp {
        let store = server::db::connect(database_url).await.expect("connect");
        let access = Access::new(store.clone(), app::server::Keys::demo());
        let mut settings = Settings::for_tests(database_url, std::env::temp_dir());
        configure(&mut settings);
        let base = start(&settings).await;
        TestApp {
            base,
            store,
            access,
            _cleanup: DropDatabase(String::new()),
            database_url: database_url.to_owned(),
            owner_database_url: owner_url(database_url),
        }
    }

    /// One more server instance on this app's database (PostgreSQL: sessions,
    /// limits and the audit chain live in the database, so instances share
    /// them); returns its base URL. It serves until the test ends.
    pub async fn another_instance(&self, configure: impl FnOnce(&mut Settings)) -> String {
        let mut settings = Settings::for_tests(&self.database_url, std::env::temp_dir());
        configure(&mut settings);
        start(&settings).await
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

    /// Signs in an account that has no second factor yet (one `create-admin`
    /// made, or after a reset): the password, then an authenticator app
    /// registered with a code computed from the secret on the page. Returns
    /// the secret (base32).
    pub async fn sign_in_registering_totp(&self, client: &reqwest::Client, email: &str, password: &str) -> String {
        let response = self.post_form(client, "sign_in_staff", &[("email", email), ("password", password)]).await;
        assert_eq!(location(&response), "/logga-in/personal/ny-faktor", "no factor yet: register one");
        let page = client.get(self.url("/logga-in/personal/ny-faktor")).send().await.expect("page");
        assert_eq!(page.status(), StatusCode::OK);
        let secret = totp_secret_on_page(&page.text().await.expect("html"));
        let response = self.post_form(client, "register_totp", &[("code", &totp_code(&secret, 0))]).await;
        assert_eq!(response.status(), StatusCode::FOUND);
        assert!(!location(&response).starts_with("/logga-in"), "registered and signed in: {}", location(&response));
        secret
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
            Store::Sqlite(SqliteDb { write: p, .. }) => sqlx::query_scalar(sql).fetch_one(p).await.expect(sql),
            Store::Postgres(p) => sqlx::query_scalar(sql).fetch_one(p).await.expect(sql),
        }
    }

    pub async fn scalar_ids(&self, sql: &str) -> Vec<i64> {
        match &self.store {
            Store::Sqlite(SqliteDb { write: p, .. }) => sqlx::query_scalar(sql).fetch_all(p).await.expect(sql),
            Store::Postgres(p) => sqlx::query_scalar(sql).fetch_all(p).await.expect(sql),
        }
    }

    pub async fn scalar_text(&self, sql: &str) -> String {
        match &self.store {
            Store::Sqlite(SqliteDb { write: p, .. }) => sqlx::query_scalar(sql).fetch_one(p).await.expect(sql),
            Store::Postgres(p) => sqlx::query_scalar(sql).fetch_one(p).await.expect(sql),
        }
    }

    pub async fn execute(&self, sql: &str) {
        match &self.store {
            Store::Sqlite(SqliteDb { write: p, .. }) => sqlx::query(sql).execute(p).await.map(|_| ()).expect(sql),
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

    /// The first account (by email) of a staff role (`unit_manager`,
    /// `admin`…) in the unit at `unit_offset` (0 is the first by id), or
    /// outside the units for `None`.
    pub async fn staff_email_of_role(&self, role: &str, unit_offset: Option<i64>) -> String {
        let unit = match unit_offset {
            Some(n) => format!("s.unit_id = (SELECT id FROM units ORDER BY id LIMIT 1 OFFSET {n})"),
            None => "s.unit_id IS NULL".to_owned(),
        };
        self.scalar_text(&format!(
            "SELECT min(a.email) FROM accounts a JOIN staff s ON s.id = a.staff_id WHERE s.role = '{role}' AND {unit}"
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

/// The authenticator secret shown as text on a page (`<p class="code totp-secret">ABCD EFGH …</p>`).
pub fn totp_secret_on_page(html: &str) -> String {
    let start = html.find("totp-secret").expect("a secret on the page");
    let text = &html[start..];
    let text = &text[text.find('>').expect("tag") + 1..];
    let text = &text[..text.find('<').expect("end")];
    text.split_whitespace().collect()
}

/// The code an authenticator app with `secret` shows, `steps_ahead` 30-second
/// steps from now (SHA1, 6 digits).
pub fn totp_code(secret: &str, steps_ahead: i64) -> String {
    let secret = totp_rs::Secret::try_from_base32(secret).expect("base32 secret");
    let totp = totp_rs::Builder::new().with_secret(secret).build().expect("totp");
    let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).expect("clock").as_secs() as i64;
    totp.generate((now + steps_ahead * 30).max(0) as u64).to_string()
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

/// A TCP relay in front of the test PostgreSQL that a test can cut and mend,
/// so the server sees its database go away (open connections dropped, new ones
/// closed at once, as when PostgreSQL stops) and come back, while the real
/// PostgreSQL goes on serving every other test.
pub struct DatabaseLink {
    pub port: u16,
    up: std::sync::Arc<std::sync::atomic::AtomicBool>,
    cuts: tokio::sync::watch::Sender<u64>,
}

impl DatabaseLink {
    pub async fn start() -> DatabaseLink {
        let admin = reqwest::Url::parse(&admin_url()).expect("TEST_POSTGRES_URL is a URL");
        let upstream = format!("{}:{}", admin.host_str().unwrap_or("127.0.0.1"), admin.port().unwrap_or(5432));
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("bind");
        let port = listener.local_addr().expect("address").port();
        let up = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(true));
        let (cuts, _) = tokio::sync::watch::channel(0u64);
        let (link_up, link_cuts) = (up.clone(), cuts.clone());
        tokio::spawn(async move {
            while let Ok((mut client, _)) = listener.accept().await {
                if !link_up.load(Ordering::SeqCst) {
                    continue; // dropped: closed at once
                }
                let upstream = upstream.clone();
                let mut cut = link_cuts.subscribe();
                tokio::spawn(async move {
                    let Ok(mut server) = tokio::net::TcpStream::connect(&upstream).await else { return };
                    tokio::select! {
                        _ = tokio::io::copy_bidirectional(&mut client, &mut server) => {}
                        _ = cut.changed() => {}
                    }
                });
            }
        });
        DatabaseLink { port, up, cuts }
    }

    /// `url` with its host and port replaced by this link's.
    pub fn url_through(&self, url: &str) -> String {
        let mut url = reqwest::Url::parse(url).expect("a database URL");
        url.set_host(Some("127.0.0.1")).expect("host");
        url.set_port(Some(self.port)).expect("port");
        url.to_string()
    }

    /// The database goes away: every open connection is dropped, new ones are closed.
    pub fn cut(&self) {
        self.up.store(false, Ordering::SeqCst);
        self.cuts.send_modify(|n| *n += 1);
    }

    /// The database is back.
    pub fn mend(&self) {
        self.up.store(true, Ordering::SeqCst);
    }
}

/// Every table's rows, each row as text, sorted: equal maps mean equal contents.
pub async fn table_rows(database_url: &str) -> std::collections::BTreeMap<String, Vec<String>> {
    let store = server::db::connect(database_url).await.expect("connect");
    let mut tables = std::collections::BTreeMap::new();
    match &store {
        Store::Sqlite(SqliteDb { read, .. }) => {
            let names: Vec<String> = sqlx::query_scalar(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name",
            )
            .fetch_all(read)
            .await
            .expect("tables");
            for name in names {
                let columns: Vec<String> =
                    sqlx::query_scalar(&format!("SELECT name FROM pragma_table_info('{name}') ORDER BY cid"))
                        .fetch_all(read)
                        .await
                        .expect("columns");
                let row = columns.iter().map(|c| format!("quote(\"{c}\")")).collect::<Vec<_>>().join(" || '|' || ");
                let rows: Vec<String> = sqlx::query_scalar(&format!("SELECT {row} FROM \"{name}\" ORDER BY 1"))
                    .fetch_all(read)
                    .await
                    .expect("rows");
                tables.insert(name, rows);
            }
        }
        Store::Postgres(pool) => {
            let names: Vec<String> = sqlx::query_scalar(
                "SELECT schemaname || '.' || tablename FROM pg_tables
                  WHERE schemaname IN ('public', 'tower_sessions') ORDER BY 1",
            )
            .fetch_all(pool)
            .await
            .expect("tables");
            for name in names {
                let rows: Vec<String> = sqlx::query_scalar(&format!("SELECT t::text FROM {name} t ORDER BY 1"))
                    .fetch_all(pool)
                    .await
                    .expect("rows");
                tables.insert(name, rows);
            }
        }
    }
    store.close().await;
    tables
}
