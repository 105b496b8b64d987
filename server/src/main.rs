//! `mina-steg serve | migrate | demo-data | create-admin | keygen | audit verify | backup | restore`.

use anyhow::Context;
use app::domain::{Email, Password, PersonName};
use app::server::{Access, Keys};
use clap::{Parser, Subcommand};
use mina_steg_server::{
    config::{DEFAULT_DATABASE_URL, Settings},
    db,
    startup::Application,
    telemetry,
};
use std::net::IpAddr;
use std::path::PathBuf;

#[derive(Parser)]
#[command(name = "mina-steg", version, about = "Mina steg: vägen från daglig verksamhet mot arbete")]
struct Cli {
    /// sqlite://… or postgres://…
    #[arg(long, env = "DATABASE_URL", default_value = DEFAULT_DATABASE_URL, global = true)]
    database_url: String,
    /// The server secret (hex, 32 bytes or more), the same on every instance.
    #[arg(long = "secret", env = "MINA_STEG_SECRET", hide_env_values = true, global = true)]
    server_secret: Option<String>,
    /// The key of the audit log's hash chain (hex, 32 bytes or more).
    #[arg(long, env = "MINA_STEG_AUDIT_KEY", hide_env_values = true, global = true)]
    audit_key: Option<String>,
    #[command(subcommand)]
    command: Command,
}

// Parsed once at start-up: the size of `Serve` costs nothing.
#[allow(clippy::large_enum_variant)]
#[derive(Subcommand)]
enum Command {
    /// Serve the app. A SQLite file is migrated first; a PostgreSQL database must
    /// have been migrated by its owner (`migrate`), and the server logs in as the
    /// app role (it refuses to start as the owner or a superuser).
    Serve {
        #[arg(long, env = "HOST", default_value = "127.0.0.1")]
        host: IpAddr,
        #[arg(long, env = "PORT", default_value_t = 3000)]
        port: u16,
        /// Offer one-click demo sign-in on /demo (only on a database made by `demo-data`).
        #[arg(long)]
        demo: bool,
        /// Fill an empty database with demo data first (demo mode only: the demo
        /// staff password is public).
        #[arg(long, requires = "demo")]
        seed_if_empty: bool,
        /// Let --seed-if-empty fill a PostgreSQL database (a SQLite file needs no
        /// such flag): a DATABASE_URL left pointing at a real, still empty database
        /// must not get accounts with the public demo password.
        #[arg(long, requires = "seed_if_empty")]
        seed_postgres: bool,
        /// Served over https behind a proxy: secure cookies and HSTS.
        #[arg(long, env = "MINA_STEG_HTTPS")]
        https: bool,
        /// The addresses of our own reverse proxies (repeat the flag or separate by
        /// commas): X-Forwarded-For is read from the right, past these, to find the client.
        #[arg(long = "trusted-proxy", env = "MINA_STEG_TRUSTED_PROXY", value_delimiter = ',')]
        trusted_proxies: Vec<IpAddr>,
        /// The built site (pkg/ and the files of public/).
        #[arg(long, env = "MINA_STEG_SITE_ROOT", default_value = "target/site")]
        site_root: PathBuf,
        /// The site's address as browsers reach it (https://minasteg.kommun.se), for
        /// links in invitations, QR codes and calendar files, and for passkeys.
        /// Required unless the server listens on loopback.
        #[arg(long, env = "MINA_STEG_PUBLIC_URL")]
        public_url: Option<String>,
        /// Server-function calls a second from one client address (bursts of ten
        /// seconds' worth); more are answered 429.
        #[arg(long, env = "MINA_STEG_API_LIMIT", default_value_t = mina_steg_server::limits::DEFAULT_PER_SECOND)]
        api_limit: u32,
        /// The VAPID private key for the app's notifications (raw P-256, base64url; the
        /// same on every instance). Without it, --demo makes one; otherwise no notifications.
        #[arg(long, env = "MINA_STEG_VAPID_PRIVATE_KEY", hide_env_values = true)]
        vapid_private_key: Option<String>,
        /// Who the push services may contact about this server's messages.
        #[arg(long, env = "MINA_STEG_VAPID_SUBJECT", default_value = "mailto:support@minasteg.invalid")]
        vapid_subject: String,
        /// The SMS gateway's address (a form POST with basic auth: from, to, message).
        #[arg(long, env = "MINA_STEG_SMS_URL", requires_all = ["sms_user", "sms_password"])]
        sms_url: Option<String>,
        #[arg(long, env = "MINA_STEG_SMS_USER")]
        sms_user: Option<String>,
        #[arg(long, env = "MINA_STEG_SMS_PASSWORD", hide_env_values = true)]
        sms_password: Option<String>,
        /// The sender name the phone shows.
        #[arg(long, env = "MINA_STEG_SMS_SENDER", default_value = "MinaSteg")]
        sms_sender: String,
        /// Seconds the reminder worker sleeps when nothing is due.
        #[arg(long, env = "MINA_STEG_REMINDER_POLL_SECONDS", default_value_t = 5)]
        reminder_poll_seconds: u64,
        /// Seconds a claimed reminder stays the claimer's (then another instance may send
        /// it): longer than a send can take (10 s a request).
        #[arg(long, env = "MINA_STEG_REMINDER_LEASE_SECONDS", default_value_t = 120)]
        reminder_lease_seconds: u64,
    },
    /// Apply the database migrations. On PostgreSQL, run it with the owner's login
    /// (the tables are the owner's): it grants the app role what the server needs,
    /// and on `audit_log` and `revisions` only SELECT and INSERT.
    Migrate {
        /// The PostgreSQL role the server logs in as (created when missing and
        /// this login may create roles; then give it a password).
        #[arg(long, env = "MINA_STEG_APP_ROLE", default_value = db::DEFAULT_APP_ROLE)]
        app_role: String,
    },
    /// The audit log's hash chain.
    Audit {
        #[command(subcommand)]
        command: AuditCommand,
    },
    /// Retention (gallring): who the rule says is due today (the default,
    /// --dry-run), or with --apply N delete them, N being how many the dry run
    /// listed. Writes audit rows: needs MINA_STEG_SECRET and MINA_STEG_AUDIT_KEY.
    Retention {
        #[arg(long, conflicts_with = "apply")]
        dry_run: bool,
        #[arg(long, value_name = "N")]
        apply: Option<usize>,
    },
    /// Fill an empty database with an invented municipality.
    DemoData {
        /// Instead of the small municipality, an invented data set shaped like
        /// the whole country's: `national` (40 000 participants in 290
        /// municipalities, 20 million audit rows) or a number of participants,
        /// everything else in proportion.
        #[arg(long, value_name = "national|N")]
        scale: Option<app::server::access::system::Scale>,
    },
    /// Print a new server secret, audit key and VAPID key (for the app's notifications), as lines for an
    /// environment file.
    Keygen,
    /// Write a backup of the database to PATH while the server runs (SQLite: one
    /// checked file; PostgreSQL: `pg_dump` custom format). PATH must not exist.
    Backup { path: PathBuf },
    /// Restore a backup from `backup`. SQLite: into a new file, or with --replace
    /// over the database (stop the server first; the old file is kept beside it).
    /// PostgreSQL: into an empty database, as its owner; then `audit verify`.
    Restore {
        path: PathBuf,
        #[arg(long)]
        replace: bool,
        /// The role the servers log in as (given its rights as `migrate` gives them).
        #[arg(long, env = "MINA_STEG_APP_ROLE", default_value = db::DEFAULT_APP_ROLE)]
        app_role: String,
    },
    /// Create an admin account (asks for the password, or reads it from standard input).
    CreateAdmin {
        #[arg(long)]
        email: String,
        #[arg(long)]
        name: String,
    },
}

#[derive(Subcommand)]
enum AuditCommand {
    /// Check the audit log: every row's signature (MINA_STEG_AUDIT_KEY; the server
    /// secret is not needed) and that no numbered row is missing or out of place.
    /// Exit status 0: the log is whole; 2: it is broken (the rows are named); 1:
    /// it could not be checked. Only reads: a login that may only read will do.
    Verify {
        /// A file, kept away from the database host (another machine, a write-once
        /// store), that holds the log's newest row (seq and signature) from the
        /// last run: this run checks that row is still there unchanged, then writes
        /// the new newest row. Only this shows rows cut off at the end of the log,
        /// or a log emptied. A missing file is created.
        #[arg(long)]
        witness: Option<PathBuf>,
    },
}

/// The password of every demo staff account (demo databases only).
const DEMO_STAFF_PASSWORD: &str = "demo-losenord-123";

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    telemetry::init();
    let cli = Cli::parse();
    let keys = match (&cli.server_secret, &cli.audit_key) {
        (Some(secret), Some(audit)) => Some(Keys::from_hex(secret, audit)?),
        (None, None) => None,
        // Whoever checks the log needs only the audit key (see `audit_verify`).
        (None, Some(_)) if matches!(cli.command, Command::Audit { .. }) => None,
        _ => anyhow::bail!("set both MINA_STEG_SECRET and MINA_STEG_AUDIT_KEY, or neither (demo mode)"),
    };
    match cli.command {
        Command::Serve {
            host,
            port,
            demo,
            seed_if_empty,
            seed_postgres,
            https,
            trusted_proxies,
            site_root,
            public_url,
            api_limit,
            vapid_private_key,
            vapid_subject,
            sms_url,
            sms_user,
            sms_password,
            sms_sender,
            reminder_poll_seconds,
            reminder_lease_seconds,
        } => {
            let sms = match (sms_url, sms_user, sms_password) {
                (Some(url), Some(user), Some(password)) => {
                    Some(mina_steg_server::config::SmsConfig { url, user, password, sender: sms_sender })
                }
                _ => None,
            };
            let reminders = mina_steg_server::config::ReminderConfig {
                vapid_private_key,
                vapid_subject,
                sms,
                worker: true,
                poll: std::time::Duration::from_secs(reminder_poll_seconds.max(1)),
                lease: std::time::Duration::from_secs(reminder_lease_seconds.max(15)),
                loopback_push_service: false,
                quiet_hours: Some((app::domain::reminder::QUIET_FROM, app::domain::reminder::QUIET_UNTIL)),
            };
            let settings = Settings {
                database_url: cli.database_url,
                host,
                port,
                demo,
                https,
                trusted_proxies,
                site_root,
                public_url,
                keys,
                api_limit,
                disk_reserve_bytes: app::server::DiskReserve::BYTES,
                reminders,
            };
            // Refused before anything is written.
            settings.check_serving()?;
            if seed_if_empty {
                mina_steg_server::config::check_demo_seeding(&settings.database_url, seed_postgres)?;
                let keys = settings.keys.clone().unwrap_or_else(Keys::demo);
                seed(&settings.database_url, keys, true).await?;
            }
            let app = Application::build(&settings).await?;
            tracing::info!(port = app.port(), demo, "listening on {}:{}", settings.host, app.port());
            app.run_until_stopped(shutdown_signal()).await
        }
        Command::Migrate { app_role } => {
            let store = db::connect(&cli.database_url).await?;
            db::migrate_granting(&store, &app_role).await?;
            store.close().await;
            println!("Databasen är uppdaterad.");
            Ok(())
        }
        // Demo data is invented; without configured keys its log is signed with the demo key.
        Command::DemoData { scale: None } => seed(&cli.database_url, keys.unwrap_or_else(Keys::demo), false).await,
        Command::DemoData { scale: Some(scale) } => {
            seed_national(&cli.database_url, keys.unwrap_or_else(Keys::demo), scale).await
        }
        Command::Audit { command: AuditCommand::Verify { witness } } => {
            audit_verify(&cli.database_url, keys, cli.audit_key.as_deref(), witness).await
        }
        Command::Retention { apply, .. } => {
            let keys = keys.context("retention writes audit rows: set MINA_STEG_SECRET and MINA_STEG_AUDIT_KEY")?;
            let store = db::connect(&cli.database_url).await?;
            db::ensure_migrated(&store).await?;
            let report = Access::new(store.clone(), keys).retention_command(apply).await.map_err(describe);
            store.close().await;
            println!("{}", report?);
            Ok(())
        }
        Command::Backup { path } => {
            let bytes = mina_steg_server::backup::backup(&cli.database_url, &path).await?;
            println!("Säkerhetskopian är skriven och kontrollerad: {} ({bytes} byte).", path.display());
            Ok(())
        }
        Command::Restore { path, replace, app_role } => {
            mina_steg_server::backup::restore(&cli.database_url, &path, replace, &app_role).await?;
            println!(
                "Databasen är återställd från {}. Kontrollera loggen med `mina-steg audit verify`.",
                path.display()
            );
            Ok(())
        }
        Command::Keygen => {
            let (secret, audit) = Keys::generate_hex();
            let vapid = mina_steg_server::reminders::PushSender::generate_private_key()?;
            println!("MINA_STEG_SECRET={secret}\nMINA_STEG_AUDIT_KEY={audit}\nMINA_STEG_VAPID_PRIVATE_KEY={vapid}");
            Ok(())
        }
        Command::CreateAdmin { email, name } => {
            let email = Email::parse(&email).map_err(|e| anyhow::anyhow!("{e}"))?;
            let name = PersonName::parse(&name).map_err(|e| anyhow::anyhow!("{e}"))?;
            let password = read_password()?;
            let password = Password::parse(&password).map_err(|e| anyhow::anyhow!("{e}"))?;
            let keys = keys.context("create-admin needs MINA_STEG_SECRET and MINA_STEG_AUDIT_KEY")?;
            let store = db::connect(&cli.database_url).await?;
            db::ensure_migrated(&store).await?;
            let id = Access::new(store.clone(), keys).create_admin(&email, &name, &password).await.map_err(describe)?;
            store.close().await;
            println!("Administratören är skapad (konto {id}).");
            Ok(())
        }
    }
}

/// The first admin's password: asked for on a terminal (not echoed), or read
/// as one line from standard input when a script pipes it in (never from an
/// argument, which other users of the machine could see in the process list).
fn read_password() -> anyhow::Result<String> {
    use std::io::IsTerminal;
    if std::io::stdin().is_terminal() {
        return Ok(rpassword::prompt_password("Lösenord (minst 12 tecken): ")?);
    }
    let mut line = String::new();
    std::io::stdin().read_line(&mut line)?;
    Ok(line.trim_end_matches(['\r', '\n']).to_owned())
}

/// Makes the demo municipality. With `only_if_empty`, a database that already
/// has accounts is left as it is.
async fn seed(database_url: &str, keys: Keys, only_if_empty: bool) -> anyhow::Result<()> {
    let store = db::connect(database_url).await?;
    db::ensure_migrated(&store).await?;
    let access = Access::new(store.clone(), keys);
    if only_if_empty && access.has_accounts().await.map_err(describe)? {
        store.close().await;
        return Ok(());
    }
    let password = Password::parse(DEMO_STAFF_PASSWORD).map_err(|e| anyhow::anyhow!("{e}"))?;
    let summary = access.fill_demo_data(&password).await.map_err(describe).context("demo-data")?;
    store.close().await;
    println!(
        "Demodata skapad: {} deltagare, {} personal, {} möten. Personalens lösenord: {DEMO_STAFF_PASSWORD}",
        summary.participants, summary.staff, summary.meetings
    );
    Ok(())
}

/// `demo-data --scale`: the national data set, with the time each part took
/// and the rows it wrote.
async fn seed_national(
    database_url: &str,
    keys: Keys,
    scale: app::server::access::system::Scale,
) -> anyhow::Result<()> {
    let started = std::time::Instant::now();
    let store = db::connect(database_url).await?;
    db::ensure_migrated(&store).await?;
    let password = Password::parse(DEMO_STAFF_PASSWORD).map_err(|e| anyhow::anyhow!("{e}"))?;
    let access = Access::new(store.clone(), keys);
    let summary = access.fill_national_data(scale, &password).await.map_err(describe).context("demo-data --scale")?;
    store.close().await;
    let mut total = 0;
    for part in &summary.parts {
        println!("{:>8.1} s  {}", part.took.as_secs_f64(), part.name);
        for (table, rows) in &part.rows {
            println!("{:>12} rader  {table}", rows);
            total += rows;
        }
    }
    println!(
        "Demodata skapad ({} deltagare): {total} rader på {:.1} s, med inläsning och commit. Personalens lösenord: {DEMO_STAFF_PASSWORD}",
        scale.participants(),
        started.elapsed().as_secs_f64()
    );
    Ok(())
}

/// `mina-steg audit verify`: prints what the walk found, in Swedish, keeps the
/// witness up to date, and exits with 2 when the log is broken.
async fn audit_verify(
    database_url: &str,
    keys: Option<Keys>,
    audit_key: Option<&str>,
    witness: Option<PathBuf>,
) -> anyhow::Result<()> {
    use app::server::access::audit_chain::ChainHead;
    let store = db::connect(database_url).await?;
    let keys = match (keys, audit_key) {
        (Some(keys), _) => keys,
        // The audit key alone: the server secret is a fresh random one, so
        // nothing keyed with it can match anything stored (and nothing is).
        (None, Some(audit)) => Keys::from_hex(&Keys::generate_hex().0, audit)?,
        (None, None) => {
            // Only a demo database's log is signed with the public demo key.
            let demo = Access::new(store.clone(), Keys::demo()).is_demo_database().await.map_err(describe)?;
            anyhow::ensure!(demo, "MINA_STEG_AUDIT_KEY is needed to check this database's audit log");
            Keys::demo()
        }
    };
    let previous = match &witness {
        Some(path) => match std::fs::read_to_string(path) {
            Ok(text) => Some(ChainHead::from_witness(&text).with_context(|| {
                format!("{} is not a witness file of `mina-steg audit verify`; it was left as it is", path.display())
            })?),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
            Err(e) => return Err(e).with_context(|| format!("could not read {}", path.display())),
        },
        None => None,
    };
    let report = Access::new(store.clone(), keys).verify_audit_chain(previous.as_ref()).await.map_err(describe)?;
    store.close().await;
    println!("{}", report.summary());
    if report.problems.len() > 1 {
        println!("Alla fel i kedjans ordning:");
        for problem in &report.problems {
            println!("- {problem}");
        }
        if report.more_problems {
            println!("- … och fler (bara de första {} visas).", report.problems.len());
        }
    }
    if !report.is_intact() {
        if witness.is_some() {
            println!("Vittnesfilen är inte ändrad: den visar hur loggen såg ut förra gången.");
        }
        std::process::exit(2);
    }
    match (&witness, &report.head) {
        (Some(path), Some(head)) => {
            // Written whole, then moved into place: a crash never leaves half a witness.
            let partial = path.with_extension("part");
            std::fs::write(&partial, head.to_witness())
                .and_then(|()| std::fs::rename(&partial, path))
                .with_context(|| format!("could not write {}", path.display()))?;
            println!("Vittnet är sparat: seq {}.", head.seq);
        }
        (None, _) => {
            println!("Utan vittne (--witness) syns inte om rader tagits bort i slutet av loggen, eller om den tömts.")
        }
        (Some(_), None) => {}
    }
    Ok(())
}

fn describe(e: app::server::AccessError) -> anyhow::Error {
    match e {
        app::server::AccessError::Invalid { message, .. } => anyhow::anyhow!(message),
        other => anyhow::anyhow!("{other}"),
    }
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! { _ = ctrl_c => {}, _ = terminate => {} }
    tracing::info!("stop signal received; finishing requests");
}
