//! Verifying the audit log's hash chain (`mina-steg audit verify`).
//!
//! The walk goes through the signed rows in `seq` order and recomputes each
//! row's mac from its content and the previous row's mac. A row whose mac does
//! not match was changed (or written by someone without the audit key); a
//! `seq` that skips numbers means rows were removed; a `seq` twice, an id
//! lower than the row before, or an unsigned row after the chain started means
//! a row was put in out of order. A log cut off at its end, or emptied, still
//! verifies on its own: only a *witness* — the last head the verifier saw,
//! kept outside the database host — shows it.
//!
//! Verifying only reads, in one snapshot, so it can run with a login that may
//! only read, while servers go on writing.

use super::{Access, AccessError};
use crate::server::storage::{self, audit::ChainRow};

/// The newest signed row: what a witness file keeps between runs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChainHead {
    pub seq: i64,
    pub mac: String,
}

impl ChainHead {
    const HEADER: &'static str = "mina-steg audit witness v1";

    /// The witness file's text.
    pub fn to_witness(&self) -> String {
        format!("{}\nseq={}\nmac={}\n", Self::HEADER, self.seq, self.mac)
    }

    /// Reads a witness file's text; `None` when it is not one.
    pub fn from_witness(text: &str) -> Option<Self> {
        let mut lines = text.lines().map(str::trim).filter(|l| !l.is_empty());
        if lines.next()? != Self::HEADER {
            return None;
        }
        let (mut seq, mut mac) = (None, None);
        for line in lines {
            match line.split_once('=') {
                Some(("seq", v)) => seq = v.parse::<i64>().ok(),
                Some(("mac", v)) if v.len() == 64 && v.bytes().all(|b| b.is_ascii_hexdigit()) => {
                    mac = Some(v.to_ascii_lowercase())
                }
                _ => return None,
            }
        }
        Some(ChainHead { seq: seq?, mac: mac? })
    }
}

/// Something wrong with the log, named by the row where it shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ChainProblem {
    /// The row's content or mac is not what was signed: changed, or written
    /// by someone without the audit key.
    Changed { seq: i64, id: i64 },
    /// The rows `from..=to` are missing before the row `next_seq` (`next_id`).
    Removed { from: i64, to: i64, next_seq: i64, next_id: i64 },
    /// A row that is not where the chain put it: a second row with the same
    /// `seq`, or one with a lower id than the row before it.
    OutOfOrder { seq: i64, id: i64 },
    /// A row without `seq` and mac after the chain started (every row since is
    /// signed by the server).
    Unsigned { id: i64 },
    /// The witness's head row is gone: the log was cut off after `last_seq`
    /// (`None`: no signed row is left).
    Truncated { witness_seq: i64, last_seq: Option<i64> },
    /// The witness's head row is there with another mac: replaced.
    WitnessMismatch { seq: i64, id: i64 },
}

impl std::fmt::Display for ChainProblem {
    /// In plain Swedish, for the person who runs the check.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match *self {
            ChainProblem::Changed { seq, id } => write!(
                f,
                "Raden med seq {seq} (id {id}) är ändrad: innehållet stämmer inte med signaturen. \
                 Den är ändrad i efterhand eller skriven av någon utan loggnyckeln."
            ),
            ChainProblem::Removed { from, to, next_seq, next_id } if from == to => {
                write!(f, "Raden med seq {from} är borttagen: den saknas före raden med seq {next_seq} (id {next_id}).")
            }
            ChainProblem::Removed { from, to, next_seq, next_id } => write!(
                f,
                "Raderna med seq {from}–{to} är borttagna: de saknas före raden med seq {next_seq} (id {next_id})."
            ),
            ChainProblem::OutOfOrder { seq, id } => {
                write!(f, "Raden med seq {seq} (id {id}) är inlagd i fel ordning: den står inte där kedjan satte den.")
            }
            ChainProblem::Unsigned { id } => write!(
                f,
                "Raden med id {id} saknar seq och signatur fast den kom efter att kedjan började: \
                 den är inlagd utanför servern."
            ),
            ChainProblem::Truncated { witness_seq, last_seq: Some(last) } => write!(
                f,
                "Loggen är avkortad: vittnet sparade raden med seq {witness_seq}, men loggen slutar vid seq {last}."
            ),
            ChainProblem::Truncated { witness_seq, last_seq: None } => write!(
                f,
                "Loggen är tömd: vittnet sparade raden med seq {witness_seq}, men ingen signerad rad finns kvar."
            ),
            ChainProblem::WitnessMismatch { seq, id } => {
                write!(f, "Raden med seq {seq} (id {id}) är utbytt: den är inte den rad som vittnet sparade.")
            }
        }
    }
}

impl ChainProblem {
    /// The row's seq, where the problem has one (tests and callers look it up).
    pub fn seq(&self) -> Option<i64> {
        match *self {
            ChainProblem::Changed { seq, .. }
            | ChainProblem::OutOfOrder { seq, .. }
            | ChainProblem::WitnessMismatch { seq, .. } => Some(seq),
            ChainProblem::Removed { from, .. } => Some(from),
            ChainProblem::Truncated { witness_seq, .. } => Some(witness_seq),
            ChainProblem::Unsigned { .. } => None,
        }
    }
}

/// What a walk through the log found.
#[derive(Debug, Clone, Default)]
pub struct ChainReport {
    /// Rows written before the chain existed (no seq, no mac).
    pub unsigned_before: i64,
    /// Signed rows walked.
    pub signed: i64,
    /// The newest signed row (for the next witness).
    pub head: Option<ChainHead>,
    /// In chain order; the first is the first place the log is broken.
    pub problems: Vec<ChainProblem>,
    /// More problems were found than are listed.
    pub more_problems: bool,
}

impl ChainReport {
    pub fn is_intact(&self) -> bool {
        self.problems.is_empty()
    }

    /// A summary in plain Swedish, for the person who runs the check.
    pub fn summary(&self) -> String {
        let older = match self.unsigned_before {
            0 => String::new(),
            1 => " Före kedjan finns 1 äldre rad utan signatur (skriven innan loggen fick kedja).".to_owned(),
            n => format!(" Före kedjan finns {n} äldre rader utan signatur (skrivna innan loggen fick kedja)."),
        };
        let rows = match &self.head {
            Some(head) => format!("{} signerade rader, seq 1–{}.", self.signed, head.seq),
            None => "Inga signerade rader.".to_owned(),
        };
        if self.is_intact() {
            format!("Loggen är hel: {rows}{older}")
        } else {
            let first = &self.problems[0];
            let count = if self.more_problems {
                format!("minst {} fel", self.problems.len())
            } else {
                format!("{} fel", self.problems.len())
            };
            format!("Loggen är bruten ({count}). Första felet: {first} Genomgånget: {rows}{older}")
        }
    }
}

/// Problems listed at most; the walk goes on to the end to find the head.
const MAX_PROBLEMS: usize = 1000;
/// Rows read per query.
const PAGE: i64 = 2000;

impl Access {
    /// Walks the whole log and checks its chain, and against `witness` (the
    /// head an earlier run saw) that nothing was cut off or replaced at its end.
    pub async fn verify_audit_chain(&self, witness: Option<&ChainHead>) -> Result<ChainReport, AccessError> {
        let mut tx = self.store().begin_read().await?;
        storage::audit::snapshot(&mut tx).await?;
        let mut report = ChainReport::default();
        let mut problems = Problems(&mut report.problems, false);

        let (unsigned_before, unsigned_after) = storage::audit::unsigned_rows(&mut tx).await?;
        report.unsigned_before = unsigned_before;
        if let Some(id) = unsigned_after {
            problems.push(ChainProblem::Unsigned { id });
        }

        // The last row that was in its place: the next one follows it.
        let mut prev: Option<ChainRow> = None;
        let mut after = (i64::MIN, i64::MIN);
        loop {
            let page = storage::audit::chain_page(&mut tx, after, PAGE).await?;
            let Some(last) = page.last() else { break };
            after = (last.seq, last.id);
            for row in page {
                report.signed += 1;
                let expected_seq = prev.as_ref().map_or(1, |p| p.seq + 1);
                if let Some(p) = &prev
                    && (row.seq == p.seq || row.id < p.id)
                {
                    // Not a link of the chain: the next row is checked against the row before it.
                    problems.push(ChainProblem::OutOfOrder { seq: row.seq, id: row.id });
                    continue;
                }
                if row.seq > expected_seq {
                    problems.push(ChainProblem::Removed {
                        from: expected_seq,
                        to: row.seq - 1,
                        next_seq: row.seq,
                        next_id: row.id,
                    });
                    // Its mac covers the missing row's, which is gone: it cannot be checked.
                } else if !self.row_verifies(&row, prev.as_ref()) {
                    problems.push(ChainProblem::Changed { seq: row.seq, id: row.id });
                }
                prev = Some(row);
            }
        }
        report.head = prev.and_then(|p| Some(ChainHead { seq: p.seq, mac: p.mac? }));

        if let Some(witness) = witness {
            let rows = storage::audit::rows_with_seq(&mut tx, witness.seq).await?;
            match rows.first() {
                None => problems.push(ChainProblem::Truncated {
                    witness_seq: witness.seq,
                    last_seq: report.head.as_ref().map(|h| h.seq),
                }),
                Some(row) if row.mac.as_deref() != Some(witness.mac.as_str()) => {
                    problems.push(ChainProblem::WitnessMismatch { seq: row.seq, id: row.id })
                }
                Some(_) => {}
            }
        }
        report.more_problems = problems.1;
        tx.rollback().await?;
        Ok(report)
    }

    fn row_verifies(&self, row: &ChainRow, prev: Option<&ChainRow>) -> bool {
        let (Some(mac), Some(content)) = (&row.mac, &row.content) else {
            return false;
        };
        let prev_mac = match prev {
            Some(p) => match &p.mac {
                Some(mac) => Some(mac.as_str()),
                // The row before lost its mac: that row is reported; this one cannot be checked against it.
                None => return true,
            },
            None => None,
        };
        let expected = storage::audit::row_mac(self.keys(), row.seq, prev_mac, &content.content());
        // Both are hex of a mac; comparing in constant time hides nothing here
        // (the verifier holds the key), but costs nothing either.
        expected.len() == mac.len() && expected.bytes().zip(mac.bytes()).fold(0u8, |acc, (a, b)| acc | (a ^ b)) == 0
    }
}

/// The list of problems, capped at [`MAX_PROBLEMS`] (the flag: some were left out).
struct Problems<'a>(&'a mut Vec<ChainProblem>, bool);

impl Problems<'_> {
    fn push(&mut self, problem: ChainProblem) {
        if self.0.len() < MAX_PROBLEMS {
            self.0.push(problem);
        } else {
            self.1 = true;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_witness_is_read_back_as_written_and_nothing_else_is_one() {
        let head = ChainHead { seq: 42, mac: "ab".repeat(32) };
        assert_eq!(ChainHead::from_witness(&head.to_witness()), Some(head));
        assert_eq!(ChainHead::from_witness(""), None);
        assert_eq!(ChainHead::from_witness("mina-steg audit witness v1\nseq=4\n"), None);
        assert_eq!(ChainHead::from_witness("mina-steg audit witness v1\nseq=x\nmac=00\n"), None);
        assert_eq!(ChainHead::from_witness(&format!("something else\nseq=1\nmac={}\n", "00".repeat(32))), None);
    }

    #[test]
    fn problems_are_told_in_swedish_with_their_row() {
        let text = ChainProblem::Removed { from: 5, to: 7, next_seq: 8, next_id: 80 }.to_string();
        assert!(text.contains("seq 5–7") && text.contains("borttagna") && text.contains("id 80"), "{text}");
        let text = ChainProblem::Changed { seq: 3, id: 30 }.to_string();
        assert!(text.contains("seq 3 (id 30)") && text.contains("ändrad"), "{text}");
        let text = ChainProblem::Truncated { witness_seq: 9, last_seq: None }.to_string();
        assert!(text.contains("tömd") && text.contains("seq 9"), "{text}");
    }
}
