//! The request scheduler in front of Graph: Intune allows about 100 writes per 20 s per
//! app and tenant and answers 429 past that, so a 1,000-device wipe must be paced, not
//! fired.
//!
//! - Writes take a token from a bucket sized by [`WriteBudget`]: it starts full
//!   (`writes` may go at once) and refills continuously at `writes / per`, so N writes
//!   finish close to the least time the budget allows. Reservations are first come,
//!   first served (the bucket may go negative; each caller sleeps until its token).
//! - A 429 is answered by waiting `Retry-After` (seconds or an HTTP date) when given, or
//!   an exponential backoff with full jitter when Intune omits it; the wait holds back
//!   every request of the same class, since the budget is the tenant's, not the
//!   request's. 503 and 504 back off the same way. Retries stop at a cap and the last
//!   answer is returned for the caller to report.
//! - At most `max_concurrency` requests are in flight at once.
//!
//! Repeating a request that Graph throttled is safe: a 429 means it was not carried out,
//! and Intune's device actions are idempotent per device (a second `remoteLock` is the
//! same lock). Transport errors are not retried here: a lost answer to a write may mean
//! it was done.

use super::WriteBudget;
use std::future::Future;
use std::sync::Mutex;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, SystemTime};
use tokio::sync::Semaphore;
use tokio::time::Instant;

/// Whether a request spends the write budget.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Class {
    /// GETs: bounded concurrency and retries, no write budget.
    Read,
    /// POST/PATCH/DELETE: also paced by the write budget.
    Write,
}

/// How throttled or unavailable answers are retried.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RetryPolicy {
    /// Retries after the first attempt; then the last answer is returned.
    pub max_retries: u32,
    /// First backoff ceiling when Graph gives no `Retry-After`; doubles per retry.
    pub base: Duration,
    /// Largest backoff ceiling.
    pub cap: Duration,
    /// Longest `Retry-After` obeyed (a broken header must not stall the gateway for a day).
    pub max_retry_after: Duration,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        RetryPolicy {
            max_retries: 6,
            base: Duration::from_secs(1),
            cap: Duration::from_secs(60),
            max_retry_after: Duration::from_secs(300),
        }
    }
}

/// What the scheduler has done, for benchmarks and the gateway's status.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Stats {
    /// Requests sent (every attempt, retries included).
    pub sent: u64,
    /// 429 answers seen.
    pub throttled: u64,
    /// 503/504 answers seen.
    pub unavailable: u64,
    /// Attempts that were retries.
    pub retries: u64,
}

/// A continuously refilled token bucket that hands out reservations.
#[derive(Debug)]
struct Bucket {
    capacity: f64,
    /// Tokens per second.
    rate: f64,
    /// May be negative: tokens already promised to waiting callers.
    tokens: f64,
    last: Instant,
}

impl Bucket {
    fn new(budget: WriteBudget, now: Instant) -> Bucket {
        let capacity = f64::from(budget.writes.max(1));
        let per = budget.per.as_secs_f64().max(0.001);
        Bucket {
            capacity,
            rate: capacity / per,
            tokens: capacity,
            last: now,
        }
    }

    fn refill(&mut self, now: Instant) {
        let dt = now.saturating_duration_since(self.last).as_secs_f64();
        self.tokens = (self.tokens + dt * self.rate).min(self.capacity);
        self.last = now;
    }

    /// Takes one token; how long to wait before using it.
    fn reserve(&mut self, now: Instant) -> Duration {
        self.refill(now);
        self.tokens -= 1.0;
        if self.tokens >= 0.0 {
            Duration::ZERO
        } else {
            Duration::from_secs_f64(-self.tokens / self.rate)
        }
    }

    /// Graph said the budget is spent: assume the bucket is empty.
    fn drain(&mut self, now: Instant) {
        self.refill(now);
        self.tokens = self.tokens.min(0.0);
    }
}

/// Paces, bounds and retries requests to Graph; one per gateway, shared by all callers.
#[derive(Debug)]
pub struct Scheduler {
    bucket: Mutex<Bucket>,
    slots: Semaphore,
    retry: RetryPolicy,
    /// Until when each class is held back after a 429 (`[Read, Write]`).
    paused_until: Mutex<[Option<Instant>; 2]>,
    sent: AtomicU64,
    throttled: AtomicU64,
    unavailable: AtomicU64,
    retries: AtomicU64,
}

fn idx(class: Class) -> usize {
    match class {
        Class::Read => 0,
        Class::Write => 1,
    }
}

impl Scheduler {
    /// A scheduler with a full write bucket.
    pub fn new(budget: WriteBudget, max_concurrency: usize, retry: RetryPolicy) -> Scheduler {
        Scheduler {
            bucket: Mutex::new(Bucket::new(budget, Instant::now())),
            slots: Semaphore::new(max_concurrency.max(1)),
            retry,
            paused_until: Mutex::new([None, None]),
            sent: AtomicU64::new(0),
            throttled: AtomicU64::new(0),
            unavailable: AtomicU64::new(0),
            retries: AtomicU64::new(0),
        }
    }

    /// The counters so far.
    pub fn stats(&self) -> Stats {
        Stats {
            sent: self.sent.load(Ordering::Relaxed),
            throttled: self.throttled.load(Ordering::Relaxed),
            unavailable: self.unavailable.load(Ordering::Relaxed),
            retries: self.retries.load(Ordering::Relaxed),
        }
    }

    fn pause_end(&self, class: Class) -> Option<Instant> {
        self.paused_until.lock().unwrap_or_else(|p| p.into_inner())[idx(class)]
    }

    async fn wait_pause(&self, class: Class) {
        while let Some(until) = self.pause_end(class) {
            if Instant::now() >= until {
                break;
            }
            tokio::time::sleep_until(until).await;
        }
    }

    fn pause(&self, class: Class, d: Duration) {
        let now = Instant::now();
        let until = now + d;
        let mut p = self.paused_until.lock().unwrap_or_else(|p| p.into_inner());
        let slot = &mut p[idx(class)];
        if slot.is_none_or(|u| u < until) {
            *slot = Some(until);
        }
        if class == Class::Write {
            self.bucket
                .lock()
                .unwrap_or_else(|p| p.into_inner())
                .drain(now);
        }
    }

    /// Waits for this request's turn: the end of a 429 pause, then (writes) its token.
    async fn wait_turn(&self, class: Class) {
        self.wait_pause(class).await;
        if class == Class::Write {
            let wait = self
                .bucket
                .lock()
                .unwrap_or_else(|p| p.into_inner())
                .reserve(Instant::now());
            if !wait.is_zero() {
                tokio::time::sleep(wait).await;
            }
            // A 429 seen by another request while this one waited holds it back too.
            self.wait_pause(class).await;
        }
    }

    /// Sends one request through the scheduler: `attempt` builds and sends it (again on
    /// each retry). Answers other than 429/503/504 return at once; those are retried up
    /// to the cap, and the last one is returned. `attempt`'s own errors are returned
    /// as they are, without retry.
    pub async fn send<F, Fut, E>(
        &self,
        class: Class,
        mut attempt: F,
    ) -> Result<reqwest::Response, E>
    where
        F: FnMut() -> Fut,
        Fut: Future<Output = Result<reqwest::Response, E>>,
    {
        let mut tries: u32 = 0;
        loop {
            let answer = {
                // The turn first, then the slot: a write waiting for budget holds no
                // slot, so reads are never stuck behind paced writes.
                self.wait_turn(class).await;
                // The semaphore is never closed; should it be, run unbounded rather than fail.
                let _slot = self.slots.acquire().await.ok();
                self.sent.fetch_add(1, Ordering::Relaxed);
                attempt().await?
            };
            let status = answer.status().as_u16();
            if !matches!(status, 429 | 503 | 504) {
                return Ok(answer);
            }
            if status == 429 {
                self.throttled.fetch_add(1, Ordering::Relaxed);
            } else {
                self.unavailable.fetch_add(1, Ordering::Relaxed);
            }
            let asked = retry_after(answer.headers(), SystemTime::now());
            if tries >= self.retry.max_retries {
                if status == 429 {
                    self.pause(class, asked.unwrap_or(self.retry.base));
                }
                return Ok(answer);
            }
            let delay = match asked {
                Some(d) => d.min(self.retry.max_retry_after),
                None => backoff(&self.retry, tries, &mut rand::rng()),
            };
            if status == 429 {
                self.pause(class, delay);
            }
            drop(answer);
            tokio::time::sleep(delay).await;
            tries += 1;
            self.retries.fetch_add(1, Ordering::Relaxed);
        }
    }
}

/// The wait a `Retry-After` header asks for: delay-seconds, or an HTTP date (a date in
/// the past is no wait). `None` when absent or unreadable.
pub fn retry_after(headers: &reqwest::header::HeaderMap, now: SystemTime) -> Option<Duration> {
    let v = headers
        .get(reqwest::header::RETRY_AFTER)?
        .to_str()
        .ok()?
        .trim();
    if let Ok(secs) = v.parse::<u64>() {
        return Some(Duration::from_secs(secs));
    }
    if let Ok(secs) = v.parse::<f64>()
        && secs.is_finite()
        && secs >= 0.0
    {
        return Some(Duration::from_secs_f64(secs.min(86_400.0)));
    }
    let at = httpdate::parse_http_date(v).ok()?;
    Some(at.duration_since(now).unwrap_or(Duration::ZERO))
}

/// Exponential backoff with full jitter: uniform in `[0, min(cap, base * 2^retry)]`, so
/// many throttled callers do not come back in step.
pub fn backoff(policy: &RetryPolicy, retry: u32, rng: &mut impl rand::Rng) -> Duration {
    let ceiling = policy
        .base
        .saturating_mul(1u32.checked_shl(retry.min(31)).unwrap_or(u32::MAX))
        .min(policy.cap);
    let nanos = u64::try_from(ceiling.as_nanos()).unwrap_or(u64::MAX);
    Duration::from_nanos(rng.random_range(0..=nanos))
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::Router;
    use axum::extract::State;
    use axum::http::{HeaderMap, StatusCode};
    use axum::routing::post;
    use std::sync::Arc;

    #[test]
    fn retry_after_reads_seconds_and_http_dates() {
        let now = SystemTime::UNIX_EPOCH + Duration::from_secs(1_445_412_480); // 2015-10-21 07:28:00
        let h = |v: &str| {
            let mut m = reqwest::header::HeaderMap::new();
            m.insert(reqwest::header::RETRY_AFTER, v.parse().unwrap());
            retry_after(&m, now)
        };
        assert_eq!(h("7"), Some(Duration::from_secs(7)));
        assert_eq!(h(" 0 "), Some(Duration::ZERO));
        assert_eq!(h("1.5"), Some(Duration::from_millis(1500)));
        assert_eq!(
            h("Wed, 21 Oct 2015 07:28:30 GMT"),
            Some(Duration::from_secs(30))
        );
        assert_eq!(h("Wed, 21 Oct 2015 07:27:00 GMT"), Some(Duration::ZERO));
        assert_eq!(h("soon"), None);
        assert_eq!(h("-3"), None);
        assert_eq!(retry_after(&reqwest::header::HeaderMap::new(), now), None);
    }

    #[test]
    fn backoff_is_full_jitter_under_a_doubling_capped_ceiling() {
        let p = RetryPolicy {
            max_retries: 5,
            base: Duration::from_millis(100),
            cap: Duration::from_secs(2),
            max_retry_after: Duration::from_secs(60),
        };
        let mut rng = rand::rng();
        let samples: Vec<Duration> = (0..2000).map(|_| backoff(&p, 3, &mut rng)).collect();
        assert!(samples.iter().all(|d| *d <= Duration::from_millis(800)));
        assert!(samples.iter().any(|d| *d > Duration::from_millis(700)));
        assert!(samples.iter().any(|d| *d < Duration::from_millis(100)));
        for retry in [5, 31, 40, u32::MAX] {
            assert!(backoff(&p, retry, &mut rng) <= Duration::from_secs(2));
        }
        let first: Vec<Duration> = (0..500).map(|_| backoff(&p, 0, &mut rng)).collect();
        assert!(first.iter().all(|d| *d <= Duration::from_millis(100)));
    }

    #[test]
    fn the_bucket_starts_full_and_refills_continuously() {
        let t0 = Instant::now();
        let mut b = Bucket::new(
            WriteBudget {
                writes: 10,
                per: Duration::from_secs(1),
            },
            t0,
        );
        for _ in 0..10 {
            assert_eq!(b.reserve(t0), Duration::ZERO);
        }
        // The 11th waits one refill interval (100 ms), the 12th two.
        assert_eq!(b.reserve(t0), Duration::from_millis(100));
        let d = b.reserve(t0);
        assert!((d.as_secs_f64() - 0.2).abs() < 1e-9, "second waiter: {d:?}");
        // Half a second later five more tokens have come, two of them already promised.
        let d = b.reserve(t0 + Duration::from_millis(500));
        assert_eq!(d, Duration::ZERO);
    }

    /// A Graph stand-in that enforces a token-bucket write budget and counts what it saw.
    struct Budgeted {
        bucket: Mutex<(f64, std::time::Instant)>,
        capacity: f64,
        rate: f64,
        ok: AtomicU64,
        rejected: AtomicU64,
        in_flight: AtomicU64,
        max_in_flight: AtomicU64,
        /// Answer 429 to the first this many requests, with this Retry-After (if any).
        refuse_first: u64,
        refuse_retry_after: Option<&'static str>,
        /// Answer 503 instead of 429 when refusing.
        unavailable: bool,
        seen: AtomicU64,
        arrivals: Mutex<Vec<std::time::Instant>>,
        latency: Duration,
    }

    impl Budgeted {
        fn new(writes: f64, per_secs: f64) -> Budgeted {
            Budgeted {
                bucket: Mutex::new((writes, std::time::Instant::now())),
                capacity: writes,
                rate: writes / per_secs,
                ok: AtomicU64::new(0),
                rejected: AtomicU64::new(0),
                in_flight: AtomicU64::new(0),
                max_in_flight: AtomicU64::new(0),
                refuse_first: 0,
                refuse_retry_after: None,
                unavailable: false,
                seen: AtomicU64::new(0),
                arrivals: Mutex::new(vec![]),
                latency: Duration::from_millis(2),
            }
        }
    }

    async fn write(State(s): State<Arc<Budgeted>>) -> (StatusCode, HeaderMap) {
        s.arrivals.lock().unwrap().push(std::time::Instant::now());
        let n = s.seen.fetch_add(1, Ordering::SeqCst);
        let now_in = s.in_flight.fetch_add(1, Ordering::SeqCst) + 1;
        s.max_in_flight.fetch_max(now_in, Ordering::SeqCst);
        tokio::time::sleep(s.latency).await;
        s.in_flight.fetch_sub(1, Ordering::SeqCst);
        let mut h = HeaderMap::new();
        if n < s.refuse_first {
            s.rejected.fetch_add(1, Ordering::SeqCst);
            if let Some(ra) = s.refuse_retry_after {
                h.insert("retry-after", ra.parse().unwrap());
            }
            let code = if s.unavailable {
                StatusCode::SERVICE_UNAVAILABLE
            } else {
                StatusCode::TOO_MANY_REQUESTS
            };
            return (code, h);
        }
        let allowed = {
            let mut b = s.bucket.lock().unwrap();
            let now = std::time::Instant::now();
            b.0 = (b.0 + now.duration_since(b.1).as_secs_f64() * s.rate).min(s.capacity);
            b.1 = now;
            if b.0 >= 1.0 {
                b.0 -= 1.0;
                true
            } else {
                false
            }
        };
        if allowed {
            s.ok.fetch_add(1, Ordering::SeqCst);
            (StatusCode::NO_CONTENT, h)
        } else {
            s.rejected.fetch_add(1, Ordering::SeqCst);
            h.insert("retry-after", "1".parse().unwrap());
            (StatusCode::TOO_MANY_REQUESTS, h)
        }
    }

    async fn serve(s: Budgeted) -> (String, Arc<Budgeted>) {
        let s = Arc::new(s);
        let app = Router::new()
            .route("/lock", post(write))
            .with_state(s.clone());
        let l = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = l.local_addr().unwrap();
        tokio::spawn(async move { axum::serve(l, app).await });
        (format!("http://{addr}/lock"), s)
    }

    fn quick() -> RetryPolicy {
        RetryPolicy {
            max_retries: 4,
            base: Duration::from_millis(200),
            cap: Duration::from_secs(2),
            max_retry_after: Duration::from_secs(5),
        }
    }

    async fn one(s: &Scheduler, http: &reqwest::Client, url: &str) -> u16 {
        s.send(Class::Write, || http.post(url).send())
            .await
            .unwrap()
            .status()
            .as_u16()
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn writes_finish_near_the_budget_minimum_with_almost_no_429s() {
        let (url, server) = serve(Budgeted::new(100.0, 2.0)).await;
        let budget = WriteBudget {
            writes: 100,
            per: Duration::from_secs(2),
        };
        let s = Arc::new(Scheduler::new(budget, 16, quick()));
        let http = reqwest::Client::new();
        let started = std::time::Instant::now();
        let mut tasks = tokio::task::JoinSet::new();
        for _ in 0..300 {
            let (s, http, url) = (s.clone(), http.clone(), url.clone());
            tasks.spawn(async move { one(&s, &http, &url).await });
        }
        while let Some(status) = tasks.join_next().await {
            assert_eq!(status.unwrap(), 204);
        }
        let took = started.elapsed();
        // 100 at once, then 200 at 50/s: 4 s at the least; 6 s = N / writes * per.
        assert!(took >= Duration::from_millis(3800), "too fast: {took:?}");
        assert!(took <= Duration::from_millis(6500), "too slow: {took:?}");
        let rejected = server.rejected.load(Ordering::SeqCst);
        assert!(rejected <= 3, "{rejected} 429s of 300");
        assert_eq!(server.ok.load(Ordering::SeqCst), 300);
        let st = s.stats();
        assert_eq!(st.sent, 300 + rejected);
        assert_eq!(st.throttled, rejected);
        assert!(server.max_in_flight.load(Ordering::SeqCst) <= 16);
    }

    #[tokio::test]
    async fn a_429_without_retry_after_backs_off_and_retries() {
        let mut b = Budgeted::new(1000.0, 1.0);
        b.refuse_first = 2;
        let (url, server) = serve(b).await;
        let s = Scheduler::new(WriteBudget::default(), 4, quick());
        let http = reqwest::Client::new();
        assert_eq!(one(&s, &http, &url).await, 204);
        assert_eq!(server.seen.load(Ordering::SeqCst), 3);
        assert_eq!(
            s.stats(),
            Stats {
                sent: 3,
                throttled: 2,
                unavailable: 0,
                retries: 2
            }
        );
    }

    #[tokio::test]
    async fn a_503_backs_off_too_and_retries_stop_at_the_cap() {
        let mut b = Budgeted::new(1000.0, 1.0);
        b.refuse_first = u64::MAX;
        b.unavailable = true;
        let (url, server) = serve(b).await;
        let mut p = quick();
        p.max_retries = 2;
        p.base = Duration::from_millis(20);
        let s = Scheduler::new(WriteBudget::default(), 4, p);
        let http = reqwest::Client::new();
        assert_eq!(one(&s, &http, &url).await, 503);
        assert_eq!(server.seen.load(Ordering::SeqCst), 3);
        assert_eq!(s.stats().unavailable, 3);
        assert_eq!(s.stats().retries, 2);
    }

    #[tokio::test]
    async fn retry_after_is_respected() {
        let mut b = Budgeted::new(1000.0, 1.0);
        b.refuse_first = 1;
        b.refuse_retry_after = Some("1");
        let (url, server) = serve(b).await;
        let s = Scheduler::new(WriteBudget::default(), 4, quick());
        let http = reqwest::Client::new();
        assert_eq!(one(&s, &http, &url).await, 204);
        let a = server.arrivals.lock().unwrap().clone();
        assert_eq!(a.len(), 2);
        let gap = a[1] - a[0];
        assert!(gap >= Duration::from_millis(990), "retried after {gap:?}");
        assert!(gap < Duration::from_millis(1800), "retried after {gap:?}");
    }

    #[tokio::test]
    async fn a_429_holds_back_the_next_write_as_well() {
        let mut b = Budgeted::new(1000.0, 1.0);
        b.refuse_first = 1;
        b.refuse_retry_after = Some("1");
        let (url, server) = serve(b).await;
        let mut p = quick();
        p.max_retries = 0;
        let s = Scheduler::new(WriteBudget::default(), 4, p);
        let http = reqwest::Client::new();
        assert_eq!(
            one(&s, &http, &url).await,
            429,
            "no retries: the 429 is returned"
        );
        assert_eq!(one(&s, &http, &url).await, 204);
        let a = server.arrivals.lock().unwrap().clone();
        let gap = a[1] - a[0];
        assert!(
            gap >= Duration::from_millis(990),
            "next write after {gap:?}"
        );
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn a_write_waiting_for_budget_does_not_hold_up_reads() {
        let (url, _server) = serve(Budgeted::new(1000.0, 1.0)).await;
        let budget = WriteBudget {
            writes: 1,
            per: Duration::from_secs(3600),
        };
        let s = Arc::new(Scheduler::new(budget, 1, quick()));
        let http = reqwest::Client::new();
        assert_eq!(one(&s, &http, &url).await, 204);
        // The second write waits an hour for its token...
        let (s2, http2, url2) = (s.clone(), http.clone(), url.clone());
        let waiting = tokio::spawn(async move { one(&s2, &http2, &url2).await });
        tokio::time::sleep(Duration::from_millis(50)).await;
        // ...while a read goes through the single slot at once.
        let read = tokio::time::timeout(
            Duration::from_secs(2),
            s.send(Class::Read, || http.post(&url).send()),
        )
        .await
        .expect("the read was not held up")
        .unwrap();
        assert_eq!(read.status().as_u16(), 204);
        assert!(!waiting.is_finished());
        waiting.abort();
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn concurrency_is_bounded_and_reads_skip_the_write_budget() {
        let mut b = Budgeted::new(1000.0, 1.0);
        b.latency = Duration::from_millis(50);
        let (url, server) = serve(b).await;
        // A write budget of 1 per hour: reads must not wait for it.
        let budget = WriteBudget {
            writes: 1,
            per: Duration::from_secs(3600),
        };
        let s = Arc::new(Scheduler::new(budget, 3, quick()));
        let http = reqwest::Client::new();
        let started = std::time::Instant::now();
        let mut tasks = tokio::task::JoinSet::new();
        for _ in 0..12 {
            let (s, http, url) = (s.clone(), http.clone(), url.clone());
            tasks.spawn(async move {
                s.send(Class::Read, || http.post(&url).send())
                    .await
                    .unwrap()
                    .status()
                    .as_u16()
            });
        }
        while let Some(status) = tasks.join_next().await {
            assert_eq!(status.unwrap(), 204);
        }
        assert_eq!(server.max_in_flight.load(Ordering::SeqCst), 3);
        // 12 requests, 3 at a time, 50 ms each: at least 200 ms.
        assert!(started.elapsed() >= Duration::from_millis(200));
        assert!(started.elapsed() < Duration::from_secs(5));
    }
}
