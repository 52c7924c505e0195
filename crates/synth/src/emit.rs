//! Shared machinery of the profiles: the writer of messages and logins with
//! its running counts, and the time-of-day and message-kind bookkeeping.

use chrono::{Duration, NaiveDate, NaiveDateTime};

use crate::error::Result;
use crate::rng::Rng;
use crate::sink::{CsvOut, GoldFacts, GoldOut};
use crate::summary::{Kind, Summary};
use crate::text::Text;

/// The stream of the fork that draws the extra paragraphs.
const EXTRA_STREAM: u64 = 0xE7;
/// How often a patient's or proxy's message gets an extra paragraph.
const EXTRA_CHANCE: f64 = 0.1;

/// Writes messages and logins and counts them.
pub(crate) struct Emitter<'w> {
    pub export: CsvOut<'w>,
    pub gold: GoldOut<'w>,
    pub logins: Option<CsvOut<'w>>,
    pub summary: Summary,
    /// Scratch texts, reused for every message.
    pub subject: Text,
    pub body: Text,
    /// Stop after this many messages (None: no limit).
    pub limit: Option<u64>,
    /// Templates used lately, so one patient's messages do not repeat.
    pub recent: [&'static str; 6],
    /// The subject of the current thread's first message.
    pub thread_subject: Text,
}

impl Emitter<'_> {
    /// Messages still allowed by the limit.
    pub fn room(&self) -> u64 {
        self.limit
            .map_or(u64::MAX, |l| l.saturating_sub(self.summary.messages))
    }

    /// Writes the message held in `self.subject` / `self.body`: the
    /// export row is `head` followed by subject and body.
    pub fn message(
        &mut self,
        head: &[&str],
        facts: &GoldFacts,
        kind: Kind,
        clinic: &str,
    ) -> Result<()> {
        let mut record: Vec<&str> = Vec::with_capacity(head.len() + 2);
        record.extend_from_slice(head);
        record.push(&self.subject.s);
        record.push(&self.body.s);
        self.export.write(&record, facts.message_id)?;
        self.gold.write(facts, &self.subject, &self.body)?;
        self.summary.count(kind, clinic, &self.subject, &self.body);
        Ok(())
    }

    /// Writes one login row.
    pub fn login(&mut self, fields: &[&str]) -> Result<()> {
        if let Some(out) = self.logins.as_mut() {
            out.write(fields, fields.first().copied().unwrap_or(""))?;
            self.summary.logins += 1;
        }
        Ok(())
    }

    /// A template from `pool` not used in the last few messages (where the
    /// pool is large enough).
    pub fn template(&mut self, rng: &mut Rng, pool: &[&'static str]) -> &'static str {
        let mut pick = rng.word(pool);
        for _ in 0..4 {
            if !self.recent.contains(&pick) {
                break;
            }
            pick = rng.word(pool);
        }
        self.recent.rotate_right(1);
        self.recent[0] = pick;
        pick
    }

    /// Writes a template after what the body holds, as its own sentence.
    pub fn sentence(
        &mut self,
        template: &str,
        ctx: &crate::render::Ctx,
        rng: &mut Rng,
        slot: crate::render::SlotFn,
    ) {
        let at = self.body.s.len();
        let after_greeting = self.body.s.ends_with(",\n");
        crate::render::render(template, ctx, rng, &mut self.body, slot);
        if !after_greeting || rng.chance(0.5) {
            self.body.capitalize_at(at);
        }
    }

    /// Writes subject and body of one message: the subject of a first
    /// message comes from `subjects`; a later message (`reply_prefix` given)
    /// mostly repeats the thread's subject after the prefix. Then greeting, one or two
    /// templates from `pool`, now and then a paragraph from `extras` (for
    /// patients and proxies only, drawn by a fork of `rng` so that the rest
    /// of the export stays as it was without them) and sign-off; patients'
    /// messages are now and then put in upper or lower case as a whole.
    #[allow(clippy::too_many_arguments)]
    pub fn compose(
        &mut self,
        ctx: &crate::render::Ctx,
        rng: &mut Rng,
        subjects: &[&'static str],
        pool: &[&'static str],
        extras: &[&'static str],
        reply_prefix: Option<&str>,
        slot: crate::render::SlotFn,
    ) {
        use crate::render::{Author, casing, render};
        self.subject.clear();
        self.body.clear();
        match reply_prefix {
            Some(prefix) if rng.chance(0.8) => {
                if rng.chance(0.7) {
                    self.subject.push(prefix);
                }
                self.subject.append(&self.thread_subject);
            }
            _ => {
                render(rng.word(subjects), ctx, rng, &mut self.subject, slot);
                if reply_prefix.is_none() {
                    self.thread_subject.clone_from(&self.subject);
                }
            }
        }
        let clinician = matches!(ctx.author, Author::Clinician | Author::Staff);
        render(
            if clinician { "{hi_p}" } else { "{hi_c}" },
            ctx,
            rng,
            &mut self.body,
            slot,
        );
        let first = self.template(rng, pool);
        self.sentence(first, ctx, rng, slot);
        if rng.chance(0.25) {
            self.body.push(if rng.chance(0.5) { " " } else { "\n" });
            let second = self.template(rng, pool);
            self.sentence(second, ctx, rng, slot);
        }
        let mut fork = rng.fork(EXTRA_STREAM);
        if !clinician && !extras.is_empty() && fork.chance(EXTRA_CHANCE) {
            self.body.push("\n");
            self.sentence(fork.word(extras), ctx, &mut fork, slot);
        }
        self.body.push("\n");
        render(
            if clinician { "{bye_c}" } else { "{bye_p}" },
            ctx,
            rng,
            &mut self.body,
            slot,
        );
        self.body.trim_end();
        if !clinician {
            casing(rng, &mut self.body, 0.02, 0.04);
        }
    }

    /// Flushes every file.
    pub fn finish(self) -> Result<Summary> {
        self.export.finish()?;
        self.gold.finish()?;
        if let Some(l) = self.logins {
            l.finish()?;
        }
        Ok(self.summary)
    }
}

/// When in the day a message is written.
#[derive(Debug, Clone, Copy)]
pub(crate) struct DayPattern {
    /// Weights of night (0-6), early morning (6-9), day (9-18), evening (18-24).
    pub weights: [f64; 4],
}

impl DayPattern {
    /// Patients: mostly by day, some at night and early in the morning.
    pub const PATIENT: DayPattern = DayPattern {
        weights: [0.07, 0.11, 0.62, 0.20],
    };
    /// Clinicians and staff: office hours, a few early or late.
    pub const CLINICIAN: DayPattern = DayPattern {
        weights: [0.0, 0.08, 0.85, 0.07],
    };

    /// A time of day (hour, minute).
    pub fn time(&self, rng: &mut Rng) -> (u32, u32) {
        let (lo, hi) = match rng.weighted(&self.weights) {
            0 => (0, 5),
            1 => (6, 8),
            2 => (9, 17),
            _ => (18, 23),
        };
        (rng.range(lo, hi) as u32, rng.below(60) as u32)
    }
}

/// A local time on `day` drawn from `pattern`.
pub(crate) fn at(day: NaiveDate, pattern: DayPattern, rng: &mut Rng) -> NaiveDateTime {
    let (h, m) = pattern.time(rng);
    day.and_hms_opt(h, m, 0).expect("valid time")
}

/// The next message time after `prev`: a later time that day, or on one of
/// the next few days.
pub(crate) fn later(
    prev: NaiveDateTime,
    pattern: DayPattern,
    rng: &mut Rng,
    max_days: i64,
) -> NaiveDateTime {
    for _ in 0..8 {
        let day = prev.date() + Duration::days(rng.range(0, max_days));
        let t = at(day, pattern, rng);
        if t > prev + Duration::minutes(4) {
            return t;
        }
    }
    prev + Duration::minutes(rng.range(20, 300))
}

/// `dd.mm.yyyy HH:MM`.
pub(crate) fn de_time(t: NaiveDateTime) -> String {
    use chrono::{Datelike, Timelike};
    format!(
        "{:02}.{:02}.{} {:02}:{:02}",
        t.day(),
        t.month(),
        t.year(),
        t.hour(),
        t.minute()
    )
}

/// Birth date and age: a birth date giving an age in `lo..=hi` on `on`.
pub(crate) fn birth(rng: &mut Rng, on: NaiveDate, lo: i64, hi: i64) -> NaiveDate {
    let days = rng.range(lo * 365 + 30, hi * 365 + 300);
    on - Duration::days(days)
}

/// Whole years between two dates.
pub(crate) fn age_on(birth: NaiveDate, on: NaiveDate) -> u32 {
    on.years_since(birth).unwrap_or(0)
}
