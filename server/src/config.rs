//! Settings, from the command line and the environment.

use app::server::Keys;
use std::net::IpAddr;
use std::path::PathBuf;

#[derive(Debug, Clone)]
pub struct Settings {
    /// `sqlite://…` or `postgres://…`.
    pub database_url: String,
    pub host: IpAddr,
    /// 0 picks a free port (tests).
    pub port: u16,
    /// Serve `/demo` (refused unless `demo-data` made the database).
    pub demo: bool,
    /// Served over https (behind a TLS proxy): `Secure` and `__Host-` cookies, HSTS.
    pub https: bool,
    /// Our own reverse proxies in front, if any: X-Forwarded-For is read from
    /// the right, past these, to find the client (see `app::server::address`).
    pub trusted_proxies: Vec<IpAddr>,
    /// Where the built site is: `pkg/` (CSS, JS, WASM) and the files from `public/`.
    pub site_root: PathBuf,
    /// The site's own address as people's browsers reach it (`https://minasteg.kommun.se`),
    /// for links that leave the page (invitations, QR codes, calendar files) and
    /// passkeys. Required unless the server listens on loopback; there, without
    /// it, a request's Host is used when it names this machine (`localhost`).
    pub public_url: Option<String>,
    /// Server-function calls a second per client address (see `limits`).
    pub api_limit: u32,
    /// The server secret and the audit key (see `app::server::keys`); `None`
    /// is allowed in demo mode only, which then uses the public demo keys.
    pub keys: Option<Keys>,
    /// The room kept beside a SQLite file for reads on a full disk (see
    /// `DiskReserve`).
    pub disk_reserve_bytes: u64,
    /// Reminders: the ways out and the worker (see `reminders`).
    pub reminders: ReminderConfig,
}

/// How reminders leave this instance.
#[derive(Clone)]
pub struct ReminderConfig {
    /// The VAPID private key (raw P-256, base64url), the same on every
    /// instance. Without one, demo mode makes one and keeps it in the
    /// database; otherwise the app offers no notifications.
    pub vapid_private_key: Option<String>,
    /// Who the push services may contact (`mailto:…` or `https://…`).
    pub vapid_subject: String,
    pub sms: Option<SmsConfig>,
    /// Run the worker in this instance (every instance does in service).
    pub worker: bool,
    /// How long the worker sleeps when nothing is due.
    pub poll: std::time::Duration,
    /// How long a claimed message is the claimer's: an instance that dies
    /// mid-send leaves its messages to the others after this.
    pub lease: std::time::Duration,
    /// Phones may name a push service on this machine over plain http (the
    /// tests' own); in service, only the known push services over https.
    pub loopback_push_service: bool,
    /// No SMS from and until these hours, Swedish time: (21, 8). Tests that
    /// send SMS at any hour set `None`, or a window around the present.
    pub quiet_hours: Option<(u32, u32)>,
}

impl std::fmt::Debug for ReminderConfig {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ReminderConfig")
            .field("vapid_private_key", &self.vapid_private_key.as_ref().map(|_| "(set)"))
            .field("vapid_subject", &self.vapid_subject)
            .field("sms", &self.sms)
            .field("worker", &self.worker)
            .field("poll", &self.poll)
            .field("lease", &self.lease)
            .field("loopback_push_service", &self.loopback_push_service)
            .field("quiet_hours", &self.quiet_hours)
            .finish()
    }
}

impl Default for ReminderConfig {
    fn default() -> Self {
        ReminderConfig {
            vapid_private_key: None,
            vapid_subject: "mailto:support@minasteg.invalid".to_owned(),
            sms: None,
            worker: true,
            poll: std::time::Duration::from_secs(5),
            lease: std::time::Duration::from_secs(120),
            loopback_push_service: false,
            quiet_hours: Some((app::domain::reminder::QUIET_FROM, app::domain::reminder::QUIET_UNTIL)),
        }
    }
}

/// The SMS gateway: a form POST with basic auth (see `reminders::SmsGateway`).
#[derive(Clone)]
pub struct SmsConfig {
    pub url: String,
    pub user: String,
    pub password: String,
    /// The sender name the phone shows (at most 11 letters).
    pub sender: String,
}

impl std::fmt::Debug for SmsConfig {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SmsConfig").field("url", &self.url).field("sender", &self.sender).finish_non_exhaustive()
    }
}

pub const DEFAULT_DATABASE_URL: &str = "sqlite://mina-steg.db";

impl Settings {
    pub fn for_tests(database_url: &str, site_root: PathBuf) -> Self {
        Settings {
            database_url: database_url.to_owned(),
            host: IpAddr::from([127, 0, 0, 1]),
            port: 0,
            demo: false,
            https: false,
            trusted_proxies: Vec::new(),
            site_root,
            public_url: None,
            keys: Some(Keys::demo()),
            // The suites call server functions back to back from one address,
            // far faster than people do; the limit itself has tests of its own.
            api_limit: 100_000,
            // Hundreds of test servers would each write and flush 16 MiB; the
            // full-disk test sets the real size.
            disk_reserve_bytes: 256 * 1024,
            // The reminder tests run a worker of their own; the rest have none.
            reminders: ReminderConfig { worker: false, ..ReminderConfig::default() },
        }
    }
}

impl Settings {
    /// Refuses settings that would serve people's data insecurely: on an
    /// address other machines reach, only behind https and with the public
    /// address configured (links must not be built from a Host header that
    /// anyone can set); a public address must be a plain origin.
    pub fn check_serving(&self) -> anyhow::Result<()> {
        if !self.host.is_loopback() {
            anyhow::ensure!(
                self.https,
                "refusing to serve on {} without --https: other machines reach that address, and sign-in \
                 cookies and passwords must not travel in clear (put a TLS proxy in front and pass --https)",
                self.host
            );
            anyhow::ensure!(
                self.public_url.is_some(),
                "--public-url (MINA_STEG_PUBLIC_URL) is required when serving on {}: links in QR codes, \
                 invitations and calendar files are built from it",
                self.host
            );
        }
        if let Some(url) = &self.public_url {
            let rest = url.strip_prefix("https://").or_else(|| url.strip_prefix("http://").filter(|_| !self.https));
            let host = rest.map(|r| r.trim_end_matches('/'));
            anyhow::ensure!(
                host.is_some_and(|h| !h.is_empty() && !h.contains(['/', '?', '#', '@', ' '])),
                "--public-url must be the site's origin, like https://minasteg.kommun.se (https with --https)"
            );
        }
        Ok(())
    }

    /// The keys to serve with: configured ones, or in demo mode the public demo keys.
    pub fn keys(&self) -> anyhow::Result<Keys> {
        match (&self.keys, self.demo) {
            (Some(keys), _) => Ok(keys.clone()),
            (None, true) => Ok(Keys::demo()),
            (None, false) => anyhow::bail!(
                "MINA_STEG_SECRET and MINA_STEG_AUDIT_KEY must be set outside --demo \
                 (`mina-steg keygen` makes a pair; every instance needs the same two)"
            ),
        }
    }
}

/// `serve --seed-if-empty` fills an empty SQLite file, and an empty PostgreSQL
/// database only with `--seed-postgres` as well: a DATABASE_URL left pointing
/// at a real database that is still empty must not get demo accounts, whose
/// password is public.
pub fn check_demo_seeding(database_url: &str, seed_postgres: bool) -> anyhow::Result<()> {
    anyhow::ensure!(
        database_url.starts_with("sqlite:") || seed_postgres,
        "--seed-if-empty fills a PostgreSQL database only with --seed-postgres as well: \
         demo data gives its accounts the public demo password"
    );
    Ok(())
}
