//! A real Secret Service for keyring tests: a private D-Bus session bus and an unlocked
//! gnome-keyring-daemon, both children of the test, torn down when dropped.

use std::io::{BufRead, BufReader, Write};
use std::process::{Child, Command, Stdio};
use std::time::Duration;

pub struct SecretService {
    dbus: Child,
    keyring: Child,
    pub address: String,
    pub home: tempfile::TempDir,
}

impl SecretService {
    pub fn start() -> SecretService {
        let home = tempfile::Builder::new()
            .prefix("mdm-ss-")
            .tempdir()
            .unwrap();
        let runtime = home.path().join("run");
        std::fs::create_dir_all(&runtime).unwrap();
        let mut dbus = Command::new("dbus-daemon")
            .args(["--session", "--print-address=1", "--nofork", "--nopidfile"])
            .env("HOME", home.path())
            .env("XDG_RUNTIME_DIR", &runtime)
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("dbus-daemon is installed (apt-get install dbus)");
        let mut line = String::new();
        BufReader::new(dbus.stdout.take().unwrap())
            .read_line(&mut line)
            .unwrap();
        let address = line.trim().to_string();
        assert!(
            address.starts_with("unix:"),
            "dbus-daemon gave no address: {address:?}"
        );
        let mut keyring = Command::new("gnome-keyring-daemon")
            .args(["--foreground", "--unlock", "--components=secrets"])
            .env("HOME", home.path())
            .env("XDG_RUNTIME_DIR", &runtime)
            .env("DBUS_SESSION_BUS_ADDRESS", &address)
            .stdin(Stdio::piped())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("gnome-keyring-daemon is installed (apt-get install gnome-keyring)");
        {
            let mut stdin = keyring.stdin.take().unwrap();
            stdin.write_all(b"test-keyring-password").unwrap();
        }
        // Wait until the daemon owns org.freedesktop.secrets on the bus.
        for _ in 0..100 {
            let owned = Command::new("dbus-send")
                .args([
                    "--session",
                    "--print-reply",
                    "--dest=org.freedesktop.DBus",
                    "/org/freedesktop/DBus",
                    "org.freedesktop.DBus.NameHasOwner",
                    "string:org.freedesktop.secrets",
                ])
                .env("DBUS_SESSION_BUS_ADDRESS", &address)
                .output()
                .map(|o| String::from_utf8_lossy(&o.stdout).contains("boolean true"))
                .unwrap_or(false);
            if owned {
                break;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        SecretService {
            dbus,
            keyring,
            address,
            home,
        }
    }
}

impl Drop for SecretService {
    fn drop(&mut self) {
        let _ = self.keyring.kill();
        let _ = self.keyring.wait();
        let _ = self.dbus.kill();
        let _ = self.dbus.wait();
    }
}
