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
    /// for links that leave the page: invitation links and QR codes. Without it
    /// the request's `Host` header is used.
    pub public_url: Option<String>,
    /// The server secret and the audit key (see `app::server::keys`); `None`
    /// is allowed in demo mode only, which then uses the public demo keys.
    pub keys: Option<Keys>,
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
        }
    }
}

impl Settings {
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
