//! Room kept on a SQLite database's disk, so that a full disk does not stop
//! people from reading.
//!
//! Every read writes audit rows (a read is answered only once the log says it
//! was read), so on a disk with no room left at all, reads would fail too. The
//! server keeps a file (of [`DiskReserve::BYTES`] unless told otherwise) beside the database. When a
//! change fails because the disk is full, the file is removed: its room takes
//! the audit rows of reads, and from then on changes are refused at once
//! ("Det gick inte att spara. Inget har ändrats.") instead of eating that room.
//! Every half minute the server tries to write the file again; once it can,
//! there is room, and changes are taken again.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};

#[derive(Debug)]
pub struct DiskReserve {
    path: PathBuf,
    bytes: u64,
    released: AtomicBool,
}

impl DiskReserve {
    /// The room a server keeps: the audit rows of many thousand reads.
    pub const BYTES: u64 = 16 * 1024 * 1024;

    /// The reserve of `bytes` (a multiple of 64 KiB) beside `database`
    /// (`<file>-reserve`), written now when missing. A disk without room for
    /// it starts out released.
    pub fn beside(database: &Path, bytes: u64) -> DiskReserve {
        let mut name = database.as_os_str().to_owned();
        name.push("-reserve");
        let reserve = DiskReserve { path: PathBuf::from(name), bytes, released: AtomicBool::new(false) };
        let whole = std::fs::metadata(&reserve.path).is_ok_and(|m| m.len() == bytes);
        if !whole && reserve.write_file().is_err() {
            tracing::error!("no room on the database's disk for the reserve: changes are refused until there is");
            reserve.released.store(true, Ordering::SeqCst);
        }
        reserve
    }

    /// Whether the reserve is used up: changes are refused.
    pub fn is_released(&self) -> bool {
        self.released.load(Ordering::SeqCst)
    }

    /// The disk is full: give the reserve's room to reads.
    pub fn release(&self) {
        if !self.released.swap(true, Ordering::SeqCst) {
            let _ = std::fs::remove_file(&self.path);
            tracing::error!("the database's disk is full: reserve released, changes refused until there is room");
        }
    }

    /// Writes the reserve again if there is room; then changes are taken again.
    pub fn try_restore(&self) -> bool {
        if !self.is_released() {
            return true;
        }
        match self.write_file() {
            Ok(()) => {
                self.released.store(false, Ordering::SeqCst);
                tracing::warn!("room on the database's disk again: reserve written, changes taken");
                true
            }
            Err(_) => false,
        }
    }

    /// Written whole under another name, flushed, then renamed: a reserve that
    /// is there is all there (a sparse or half file would keep no room).
    fn write_file(&self) -> std::io::Result<()> {
        let mut partial = self.path.as_os_str().to_owned();
        partial.push(".part");
        let partial = PathBuf::from(partial);
        let written = (|| {
            let mut file = std::fs::File::create(&partial)?;
            let block = vec![0x55u8; 64 * 1024];
            for _ in 0..self.bytes.div_ceil(block.len() as u64) {
                file.write_all(&block)?;
            }
            file.sync_all()?;
            std::fs::rename(&partial, &self.path)
        })();
        if written.is_err() {
            let _ = std::fs::remove_file(&partial);
        }
        written
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn released_and_restored() {
        let dir = std::env::temp_dir().join(format!("mina-steg-reserve-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let database = dir.join("x.db");
        let reserve = DiskReserve::beside(&database, 256 * 1024);
        let file = dir.join("x.db-reserve");
        assert_eq!(std::fs::metadata(&file).unwrap().len(), 256 * 1024);
        assert!(!reserve.is_released());
        reserve.release();
        assert!(reserve.is_released() && !file.exists(), "the room is given back");
        assert!(reserve.try_restore(), "room enough here");
        assert!(!reserve.is_released() && file.exists());
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
