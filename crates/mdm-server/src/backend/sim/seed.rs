//! The synthetic fleet: realistic but invented people, phones and laptops, generated
//! deterministically from a seed so a test can rely on the same fleet twice.

use crate::sql::{Connection, params};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use std::collections::HashSet;

pub const GROUPS: &[(&str, &str)] = &[
    ("engineering", "Product and platform engineering"),
    ("sales", "Account executives and sales engineers"),
    ("field-ops", "Field technicians on shared rugged devices"),
    ("finance", "Finance and payroll"),
    ("executives", "Leadership team"),
    ("support", "Customer support"),
    ("kiosks", "Single-app kiosks in branch offices"),
    ("contractors", "External contractors"),
    ("byod", "Personally owned devices"),
];

const FIRST: &[&str] = &[
    "Amelie", "Lucas", "Sofia", "Noah", "Emma", "Liam", "Mila", "Finn", "Zoë", "Elias", "Hanna",
    "Jonas", "Léa", "Matteo", "Nora", "Oskar", "Ines", "Victor", "Maja", "Arthur", "Chloé", "Daan",
    "Freya", "Hugo", "Ivana", "Jakub", "Klara", "Luca", "Marta", "Nils", "Olivia", "Pieter",
    "Rosa", "Sem", "Tessa", "Ugo", "Vera", "Willem", "Yara", "Zeynep", "Aoife", "Bram",
];

const LAST: &[&str] = &[
    "Peeters",
    "Janssens",
    "Maes",
    "Müller",
    "Schmidt",
    "Dubois",
    "Lambert",
    "de Vries",
    "Jansen",
    "Bakker",
    "Murphy",
    "Kelly",
    "Rossi",
    "Bianchi",
    "García",
    "López",
    "Novak",
    "Kowalski",
    "Nielsen",
    "Larsen",
    "Smith",
    "Jones",
    "O'Brien",
    "Van den Berg",
    "Fischer",
    "Weber",
    "Moreau",
    "Laurent",
    "Ferreira",
    "Silva",
    "Horvat",
    "Popescu",
    "Virtanen",
];

/// (country code, digits after it)
const PHONE_PLANS: &[(&str, usize)] = &[
    ("+32", 9),
    ("+49", 10),
    ("+33", 9),
    ("+31", 9),
    ("+353", 9),
    ("+44", 10),
    ("+1", 10),
];

struct PlatformSpec {
    name: &'static str,
    weight: u32,
    models: &'static [&'static str],
    versions: &'static [&'static str],
}

const PLATFORMS: &[PlatformSpec] = &[
    PlatformSpec {
        name: "ios",
        weight: 40,
        models: &[
            "iPhone 15",
            "iPhone 15 Pro",
            "iPhone 14",
            "iPhone 13",
            "iPhone SE (3rd gen)",
            "iPad Air (5th gen)",
            "iPad (10th gen)",
        ],
        versions: &["16.7.10", "17.6.1", "18.0.1", "18.1", "18.2", "26.0"],
    },
    PlatformSpec {
        name: "android",
        weight: 30,
        models: &[
            "Pixel 8",
            "Pixel 7a",
            "Galaxy S23",
            "Galaxy A54",
            "Galaxy XCover 6 Pro",
            "Zebra TC58",
        ],
        versions: &["12", "13", "14", "15", "16"],
    },
    PlatformSpec {
        name: "macos",
        weight: 15,
        models: &[
            "MacBook Air (M2)",
            "MacBook Air (M3)",
            "MacBook Pro 14\" (M3)",
            "Mac mini (M2)",
        ],
        versions: &["13.7.1", "14.7", "15.1", "15.2", "26.0"],
    },
    PlatformSpec {
        name: "windows",
        weight: 15,
        models: &[
            "ThinkPad T14 Gen 4",
            "Surface Laptop 5",
            "Latitude 7440",
            "EliteBook 840 G10",
        ],
        versions: &["10.0.19045", "10.0.22631", "10.0.26100"],
    },
];

const SERIAL_ALPHABET: &[u8] = b"0123456789ABCDEFGHJKLMNPQRSTUVWXYZ";

fn serial(rng: &mut StdRng, platform: &str) -> String {
    let (prefix, len) = match platform {
        "ios" | "macos" => ("", 12),
        "android" => ("R5", 9),
        _ => ("PF", 6),
    };
    let mut s = String::from(prefix);
    for _ in 0..len {
        s.push(SERIAL_ALPHABET[rng.random_range(0..SERIAL_ALPHABET.len())] as char);
    }
    s
}

fn pick<'a, T>(rng: &mut StdRng, items: &'a [T]) -> &'a T {
    &items[rng.random_range(0..items.len())]
}

fn ascii_slug(s: &str) -> String {
    s.chars()
        .filter_map(|c| match c {
            'a'..='z' | 'A'..='Z' | '0'..='9' => Some(c.to_ascii_lowercase()),
            'é' | 'è' | 'ë' => Some('e'),
            'ü' => Some('u'),
            'ö' => Some('o'),
            'í' => Some('i'),
            'á' => Some('a'),
            'ó' => Some('o'),
            _ => None,
        })
        .collect()
}

pub fn phone(rng: &mut StdRng) -> String {
    let (cc, digits) = *pick(rng, PHONE_PLANS);
    let mut d = String::new();
    for i in 0..digits {
        // mobile numbers start with a plausible non-zero digit
        let digit = if i == 0 {
            rng.random_range(4..=9)
        } else {
            rng.random_range(0..=9)
        };
        d.push(char::from(b'0' + digit as u8));
    }
    // group as "+32 470 12 34 56"-like: 3 digits, then pairs/triples
    let (head, rest) = d.split_at(3);
    let mut out = format!("{cc} {head}");
    let mut rest = rest;
    while !rest.is_empty() {
        let take = if rest.len() == 3 || rest.len() > 4 {
            3
        } else {
            2
        }
        .min(rest.len());
        let (a, b) = rest.split_at(take);
        out.push(' ');
        out.push_str(a);
        rest = b;
    }
    out
}

/// A synthetic device owned by a synthetic person.
pub struct NewDevice {
    pub id: String,
    pub serial: String,
    pub name: String,
    pub platform: String,
    pub model: String,
    pub os_version: String,
    pub owner_name: String,
    pub owner_email: String,
    pub owner_phone: String,
    pub compliance: String,
}

pub fn device(
    rng: &mut StdRng,
    serials: &mut HashSet<String>,
    platform: Option<&str>,
    owner_email: Option<&str>,
) -> NewDevice {
    let total: u32 = PLATFORMS.iter().map(|p| p.weight).sum();
    let spec = match platform {
        Some(name) => PLATFORMS
            .iter()
            .find(|p| p.name == name)
            .unwrap_or(&PLATFORMS[0]),
        None => {
            let mut roll = rng.random_range(0..total);
            let mut chosen = &PLATFORMS[0];
            for p in PLATFORMS {
                if roll < p.weight {
                    chosen = p;
                    break;
                }
                roll -= p.weight;
            }
            chosen
        }
    };
    let first = *pick(rng, FIRST);
    let last = *pick(rng, LAST);
    let model = *pick(rng, spec.models);
    let mut s = serial(rng, spec.name);
    while !serials.insert(s.clone()) {
        s = serial(rng, spec.name);
    }
    let short = model.split(' ').next().unwrap_or(model);
    let compliance = match rng.random_range(0..100) {
        0..85 => "compliant",
        85..95 => "noncompliant",
        _ => "unknown",
    };
    let email = match owner_email {
        Some(e) => e.to_string(),
        None => format!("{}.{}@example.org", ascii_slug(first), ascii_slug(last)),
    };
    NewDevice {
        id: format!("dev_{}", hex::encode(rng.random::<[u8; 6]>())),
        serial: s,
        name: format!("{first}'s {short}"),
        platform: spec.name.to_string(),
        model: model.to_string(),
        os_version: pick(rng, spec.versions).to_string(),
        owner_name: format!("{first} {last}"),
        owner_email: email,
        owner_phone: phone(rng),
        compliance: compliance.to_string(),
    }
}

pub fn insert_device(
    conn: &Connection,
    d: &NewDevice,
    status: &str,
    enrolled_at: i64,
    last_seen: i64,
    offline_until: i64,
) -> crate::sql::Result<i64> {
    let mut stmt = conn.prepare_cached(
        "INSERT INTO devices(id, serial, name, platform, model, os_version, owner_name, owner_email,
                             owner_phone, status, compliance, enrolled_at, last_seen, offline_until)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)
         RETURNING rid",
    )?;
    stmt.query_row(
        params![
            d.id,
            d.serial,
            d.name,
            d.platform,
            d.model,
            d.os_version,
            d.owner_name,
            d.owner_email,
            d.owner_phone,
            status,
            d.compliance,
            enrolled_at,
            last_seen,
            offline_until
        ],
        |r| r.get(0),
    )
}

pub fn ensure_groups(conn: &Connection) -> crate::sql::Result<()> {
    let mut stmt = conn
        .prepare("INSERT INTO groups(name, description) VALUES (?1, ?2) ON CONFLICT DO NOTHING")?;
    for (name, desc) in GROUPS {
        stmt.execute([name, desc])?;
    }
    Ok(())
}

/// Seeds `n` devices in one transaction (100,000 take a second or two).
pub fn seed(conn: &Connection, n: u32, seed: u64, offline_percent: u32) -> crate::sql::Result<()> {
    ensure_groups(conn)?;
    let group_ids: Vec<(String, i64)> = {
        let mut stmt = conn.prepare("SELECT name, id FROM groups")?;
        stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<crate::sql::Result<_>>()?
    };
    let gid = |name: &str| {
        group_ids
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, id)| *id)
            .unwrap_or(1)
    };
    let mut rng = StdRng::seed_from_u64(seed);
    let mut serials = HashSet::with_capacity(n as usize);
    let now = crate::clock::now_unix();
    let mut link = conn.prepare_cached(
        "INSERT INTO device_groups(group_id, device_rid) VALUES (?1, ?2) ON CONFLICT DO NOTHING",
    )?;
    for _ in 0..n {
        let d = device(&mut rng, &mut serials, None, None);
        let enrolled_at = now - rng.random_range(86_400..(3 * 365 * 86_400));
        let (status, last_seen, offline_until) = if rng.random_range(0..100) < offline_percent {
            let ago = rng.random_range(3600..(30 * 86_400));
            ("offline", now - ago, now + rng.random_range(60..3600))
        } else {
            ("online", now - rng.random_range(0..540), 0)
        };
        let rid = insert_device(conn, &d, status, enrolled_at, last_seen, offline_until)?;
        let primary = match (d.platform.as_str(), rng.random_range(0..100)) {
            ("android", 0..30) => "field-ops",
            ("ios" | "android", 30..38) => "kiosks",
            (_, 0..30) => "engineering",
            (_, 30..50) => "sales",
            (_, 50..62) => "support",
            (_, 62..72) => "finance",
            (_, 72..76) => "executives",
            (_, 76..84) => "contractors",
            _ => "engineering",
        };
        link.execute(params![gid(primary), rid])?;
        if matches!(d.platform.as_str(), "ios" | "android") && rng.random_range(0..100) < 10 {
            link.execute(params![gid("byod"), rid])?;
        }
    }
    drop(link);
    // A new fleet: the planner sizes the tables as they are now, not as they were.
    conn.refresh_statistics("devices")?;
    conn.refresh_statistics("device_groups")
}

/// Synthetic audit history for benchmarks (`sandbox serve --seed-audit N`): a realistic
/// mix of actors and actions, chained exactly as live events are.
pub fn seed_audit(conn: &Connection, n: u64, seed: u64) -> crate::sql::Result<()> {
    const ACTIONS: &[(&str, &str)] = &[
        ("devices.pii_read", "device"),
        ("auth.login", "user"),
        ("auth.step_up", "user"),
        ("action.lock", "device"),
        ("action.wipe", "device"),
        ("device.command", "device"),
        ("policy.apply", "policy"),
        ("enrollment.create", "enrollment"),
        ("push.app", "device"),
        ("audit.export", "audit"),
    ];
    const ACTORS: &[&str] = &["alice", "bob", "carol", "dave", "erin", "ops-bot"];
    let mut rng = StdRng::seed_from_u64(seed ^ 0xa0d1_7000);
    let mut app = crate::audit::Appender::new(conn)?;
    for _ in 0..n {
        let (action, kind) = ACTIONS[rng.random_range(0..ACTIONS.len())];
        let actor = ACTORS[rng.random_range(0..ACTORS.len())];
        let ids: Vec<String> = (0..rng.random_range(1..4))
            .map(|_| format!("dev_{:08x}", rng.random::<u32>()))
            .collect();
        let ev = crate::audit::NewEvent {
            actor: actor.to_string(),
            role: if actor == "ops-bot" {
                "operator"
            } else {
                "admin"
            }
            .to_string(),
            source_ip: format!(
                "10.{}.{}.{}",
                rng.random::<u8>(),
                rng.random::<u8>(),
                rng.random::<u8>()
            ),
            user_agent: "mdm/0.1.0 (linux; x86_64)".to_string(),
            request_id: format!("req_{:016x}", rng.random::<u64>()),
            action: action.to_string(),
            outcome: if rng.random_range(0..20) == 0 {
                "failure"
            } else {
                "success"
            }
            .to_string(),
            reason: (kind == "device").then(|| "INC-4711 lost phone".to_string()),
            details: serde_json::json!({ "synthetic": true }),
            ..Default::default()
        }
        .target(kind, ids);
        app.append(conn, ev)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phones_look_like_phones() {
        let mut rng = StdRng::seed_from_u64(7);
        for _ in 0..200 {
            let p = phone(&mut rng);
            assert!(p.starts_with('+'), "{p}");
            let digits = p.chars().filter(|c| c.is_ascii_digit()).count();
            assert!((10..=14).contains(&digits), "{p}");
            assert!(!p.ends_with(' '));
        }
    }

    #[test]
    fn same_seed_same_fleet() {
        let mut a = StdRng::seed_from_u64(3);
        let mut b = StdRng::seed_from_u64(3);
        let (mut sa, mut sb) = (HashSet::new(), HashSet::new());
        for _ in 0..50 {
            assert_eq!(
                device(&mut a, &mut sa, None, None).serial,
                device(&mut b, &mut sb, None, None).serial
            );
        }
    }
}
