//! Forwarding the audit log to a SIEM: syslog over TCP, UDP or TLS (RFC 5424 with
//! RFC 6587 octet counting on streams), or Splunk HEC over HTTPS. At least once: the
//! last forwarded id is kept in the state dir and advanced only once a batch counts as
//! delivered, so a restart resends at most the last unacknowledged batch.

use crate::error::{Error, Result};
use std::io::{Read, Write};
use std::net::{TcpStream, ToSocketAddrs, UdpSocket};
use std::sync::Arc;
use std::time::Duration;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Destination {
    SyslogTcp {
        host: String,
        port: u16,
    },
    SyslogUdp {
        host: String,
        port: u16,
    },
    SyslogTls {
        host: String,
        port: u16,
    },
    /// The full collector URL (https://…, or http:// to loopback).
    Hec {
        url: String,
    },
}

impl Destination {
    pub fn parse(s: &str) -> Result<Destination> {
        let bad = |why: &str| {
            Error::usage(format!("invalid destination {s:?}: {why}"))
                .with_hint("use syslog+tcp://HOST:PORT, syslog+udp://HOST:PORT, syslog+tls://HOST:PORT or hec+https://HOST/services/collector/event")
        };
        let (scheme, rest) = s.split_once("://").ok_or_else(|| bad("no scheme"))?;
        if let Some(http) = scheme.strip_prefix("hec+") {
            if http != "https" && http != "http" {
                return Err(bad("HEC needs https"));
            }
            let url = crate::api::url::validate_server_url(&format!("{http}://{rest}"))
                .map_err(|e| bad(&e.message))?;
            return Ok(Destination::Hec { url });
        }
        let hostport = rest.trim_end_matches('/');
        let (host, port) = hostport
            .rsplit_once(':')
            .ok_or_else(|| bad("a port is required"))?;
        let host = host.trim_start_matches('[').trim_end_matches(']');
        let port: u16 = port
            .parse()
            .ok()
            .filter(|p| *p > 0)
            .ok_or_else(|| bad("the port is not a number from 1 to 65535"))?;
        if host.is_empty() || host.contains('/') {
            return Err(bad("no host"));
        }
        let host = host.to_string();
        Ok(match scheme {
            "syslog+tcp" => Destination::SyslogTcp { host, port },
            "syslog+udp" => Destination::SyslogUdp { host, port },
            "syslog+tls" => Destination::SyslogTls { host, port },
            _ => return Err(bad("unknown scheme")),
        })
    }

    pub fn describe(&self) -> String {
        match self {
            Destination::SyslogTcp { host, port } => format!("syslog+tcp://{host}:{port}"),
            Destination::SyslogUdp { host, port } => format!("syslog+udp://{host}:{port}"),
            Destination::SyslogTls { host, port } => format!("syslog+tls://{host}:{port}"),
            Destination::Hec { url } => format!("hec+{url}"),
        }
    }

    /// Syslog over plain TCP or UDP to a non-loopback host crosses the network in clear.
    pub fn cleartext_remote(&self) -> bool {
        match self {
            Destination::SyslogTcp { host, .. } | Destination::SyslogUdp { host, .. } => {
                !(host == "localhost"
                    || host
                        .parse::<std::net::IpAddr>()
                        .is_ok_and(|ip| ip.is_loopback()))
            }
            _ => false,
        }
    }
}

/// A connection that delivers a batch of already formatted events.
pub trait Sink {
    /// Sends a batch. `Ok` means the transport accepted it (see `settled`).
    fn send(
        &mut self,
        batch: &[(i64, String, &mdm_model::types::AuditEvent)],
    ) -> std::io::Result<()>;
    /// Whether everything sent so far can be considered delivered. Streams without
    /// acknowledgements check that the receiver has not hung up since.
    fn settled(&mut self) -> std::io::Result<bool>;
}

const IO_TIMEOUT: Duration = Duration::from_secs(10);

fn connect_tcp(host: &str, port: u16) -> std::io::Result<TcpStream> {
    let mut last = None;
    for addr in (host, port).to_socket_addrs()? {
        match TcpStream::connect_timeout(&addr, IO_TIMEOUT) {
            Ok(s) => {
                s.set_write_timeout(Some(IO_TIMEOUT))?;
                s.set_nodelay(true)?;
                return Ok(s);
            }
            Err(e) => last = Some(e),
        }
    }
    Err(last.unwrap_or_else(|| std::io::Error::new(std::io::ErrorKind::NotFound, "no address")))
}

/// RFC 6587 octet counting: `LEN SP MSG`, so messages may contain line breaks.
fn frame(msg: &str) -> Vec<u8> {
    let mut out = format!("{} ", msg.len()).into_bytes();
    out.extend_from_slice(msg.as_bytes());
    out
}

/// A batch in one buffer, so it leaves in as few segments as possible.
fn framed(batch: &[(i64, String, &mdm_model::types::AuditEvent)]) -> Vec<u8> {
    let mut buf = Vec::new();
    for (_, line, _) in batch {
        buf.extend_from_slice(&frame(line));
    }
    buf
}

/// Whether a plain TCP peer is still there: a non-blocking read that sees EOF or an
/// error means it hung up (syslog over TCP sends nothing back otherwise).
fn peer_alive(s: &TcpStream) -> std::io::Result<bool> {
    s.set_nonblocking(true)?;
    let mut b = [0u8; 1];
    let r = s.peek(&mut b);
    s.set_nonblocking(false)?;
    match r {
        Ok(0) => Ok(false),
        Ok(_) => Ok(true),
        Err(e) if e.kind() == std::io::ErrorKind::WouldBlock => Ok(true),
        Err(_) => Ok(false),
    }
}

pub struct TcpSink(TcpStream);

impl Sink for TcpSink {
    fn send(
        &mut self,
        batch: &[(i64, String, &mdm_model::types::AuditEvent)],
    ) -> std::io::Result<()> {
        self.0.write_all(&framed(batch))?;
        self.0.flush()
    }

    fn settled(&mut self) -> std::io::Result<bool> {
        peer_alive(&self.0)
    }
}

pub struct UdpSink(UdpSocket);

impl Sink for UdpSink {
    fn send(
        &mut self,
        batch: &[(i64, String, &mdm_model::types::AuditEvent)],
    ) -> std::io::Result<()> {
        for (_, line, _) in batch {
            self.0.send(line.as_bytes())?;
        }
        Ok(())
    }

    fn settled(&mut self) -> std::io::Result<bool> {
        Ok(true)
    }
}

pub struct TlsSink(rustls::StreamOwned<rustls::ClientConnection, TcpStream>);

impl Sink for TlsSink {
    fn send(
        &mut self,
        batch: &[(i64, String, &mdm_model::types::AuditEvent)],
    ) -> std::io::Result<()> {
        self.0.write_all(&framed(batch))?;
        self.0.flush()
    }

    /// Reads through TLS (the peer may send session tickets, and says goodbye with a
    /// close_notify alert, both of which a raw peek would take for liveness).
    fn settled(&mut self) -> std::io::Result<bool> {
        self.0.sock.set_nonblocking(true)?;
        let mut b = [0u8; 256];
        let r = loop {
            match self.0.read(&mut b) {
                Ok(0) => break Ok(false),
                Ok(_) => continue, // syslog receivers send nothing we need
                Err(e) if e.kind() == std::io::ErrorKind::WouldBlock => break Ok(true),
                Err(_) => break Ok(false),
            }
        };
        self.0.sock.set_nonblocking(false)?;
        r
    }
}

pub struct HecSink {
    client: reqwest::blocking::Client,
    url: String,
    token: Option<crate::api::Secret>,
    host: String,
}

impl Sink for HecSink {
    fn send(
        &mut self,
        batch: &[(i64, String, &mdm_model::types::AuditEvent)],
    ) -> std::io::Result<()> {
        let mut body = String::new();
        for (_, _, ev) in batch {
            let t = mdm_model::time::parse_rfc3339(&ev.time)
                .map(|t| t.unix_timestamp())
                .unwrap_or(0);
            let wrapped = serde_json::json!({
                "time": t,
                "host": self.host,
                "source": "mdm",
                "sourcetype": "mdm:audit",
                "event": ev,
            });
            body.push_str(&wrapped.to_string());
            body.push('\n');
        }
        let mut req = self
            .client
            .post(&self.url)
            .body(body)
            .header("content-type", "application/json");
        if let Some(t) = &self.token {
            let mut v =
                reqwest::header::HeaderValue::from_str(&format!("Splunk {}", t.expose()))
                    .map_err(|_| std::io::Error::other("the HEC token is not valid header text"))?;
            v.set_sensitive(true);
            req = req.header(reqwest::header::AUTHORIZATION, v);
        }
        let resp = req.send().map_err(std::io::Error::other)?;
        let status = resp.status();
        let text = resp.text().unwrap_or_default();
        // HEC acknowledges with {"text":"Success","code":0}.
        let ok = status.is_success()
            && serde_json::from_str::<serde_json::Value>(&text)
                .ok()
                .and_then(|v| v["code"].as_i64())
                == Some(0);
        if ok {
            return Ok(());
        }
        let shown: String = text.chars().take(200).collect();
        let msg = format!(
            "HEC answered {status}: {}",
            mdm_model::escape::terminal(&shown)
        );
        // A refused token stays refused: retrying would only hammer the collector.
        Err(if matches!(status.as_u16(), 401 | 403) {
            std::io::Error::new(std::io::ErrorKind::PermissionDenied, msg)
        } else {
            std::io::Error::other(msg)
        })
    }

    fn settled(&mut self) -> std::io::Result<bool> {
        Ok(true)
    }
}

/// Why a connection failed, and whether retrying can help: a certificate the CA bundle
/// does not vouch for, or an unreadable bundle, stays that way until someone acts.
#[derive(Debug)]
pub struct ConnectError {
    pub message: String,
    pub permanent: bool,
}

impl From<String> for ConnectError {
    fn from(message: String) -> Self {
        ConnectError {
            message,
            permanent: false,
        }
    }
}

impl From<&str> for ConnectError {
    fn from(message: &str) -> Self {
        message.to_string().into()
    }
}

fn permanent(message: String) -> ConnectError {
    ConnectError {
        message,
        permanent: true,
    }
}

/// Connects to the destination.
pub fn connect(
    dest: &Destination,
    ca_bundle: Option<&std::path::Path>,
    hec_token: Option<crate::api::Secret>,
    host: &str,
) -> std::result::Result<Box<dyn Sink>, ConnectError> {
    match dest {
        Destination::SyslogTcp { host, port } => connect_tcp(host, *port)
            .map(|s| Box::new(TcpSink(s)) as Box<dyn Sink>)
            .map_err(|e| e.to_string().into()),
        Destination::SyslogUdp { host, port } => {
            let addr = (host.as_str(), *port)
                .to_socket_addrs()
                .map_err(|e| e.to_string())?
                .next()
                .ok_or("no address")?;
            let sock = UdpSocket::bind(if addr.is_ipv6() {
                "[::]:0"
            } else {
                "0.0.0.0:0"
            })
            .map_err(|e| e.to_string())?;
            sock.connect(addr).map_err(|e| e.to_string())?;
            Ok(Box::new(UdpSink(sock)))
        }
        Destination::SyslogTls { host, port } => {
            let mut roots = rustls::RootCertStore::empty();
            for cert in rustls_native_certs::load_native_certs().certs {
                let _ = roots.add(cert);
            }
            if let Some(path) = ca_bundle {
                use rustls_pki_types::pem::PemObject;
                let certs = rustls_pki_types::CertificateDer::pem_file_iter(path)
                    .map_err(|e| permanent(format!("cannot read {}: {e}", path.display())))?;
                for cert in certs {
                    let cert = cert.map_err(|e| permanent(format!("{}: {e}", path.display())))?;
                    roots
                        .add(cert)
                        .map_err(|e| permanent(format!("{}: {e}", path.display())))?;
                }
            }
            let provider = Arc::new(rustls::crypto::ring::default_provider());
            let cfg = rustls::ClientConfig::builder_with_provider(provider)
                .with_safe_default_protocol_versions()
                .map_err(|e| e.to_string())?
                .with_root_certificates(roots)
                .with_no_client_auth();
            let name =
                rustls::pki_types::ServerName::try_from(host.clone()).map_err(|e| e.to_string())?;
            let conn =
                rustls::ClientConnection::new(Arc::new(cfg), name).map_err(|e| e.to_string())?;
            let tcp = connect_tcp(host, *port).map_err(|e| e.to_string())?;
            let mut stream = rustls::StreamOwned::new(conn, tcp);
            // Complete the handshake now, so certificate problems show at connect time.
            while stream.conn.is_handshaking() {
                stream.conn.complete_io(&mut stream.sock).map_err(|e| {
                    let cert = e
                        .get_ref()
                        .and_then(|i| i.downcast_ref::<rustls::Error>())
                        .is_some_and(|r| matches!(r, rustls::Error::InvalidCertificate(_)));
                    ConnectError {
                        message: format!("TLS handshake failed: {e}"),
                        permanent: cert,
                    }
                })?;
            }
            Ok(Box::new(TlsSink(stream)))
        }
        Destination::Hec { url } => {
            let mut b = reqwest::blocking::Client::builder()
                .timeout(Duration::from_secs(30))
                .user_agent(crate::api::rest::USER_AGENT.as_str());
            if let Some(path) = ca_bundle {
                let pem = std::fs::read(path)
                    .map_err(|e| permanent(format!("cannot read {}: {e}", path.display())))?;
                for cert in reqwest::Certificate::from_pem_bundle(&pem)
                    .map_err(|e| permanent(format!("{}: {e}", path.display())))?
                {
                    b = b.add_root_certificate(cert);
                }
            }
            Ok(Box::new(HecSink {
                client: b.build().map_err(|e| permanent(e.to_string()))?,
                url: url.clone(),
                token: hec_token,
                host: host.to_string(),
            }))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn destinations() {
        assert_eq!(
            Destination::parse("syslog+tcp://127.0.0.1:5514").unwrap(),
            Destination::SyslogTcp {
                host: "127.0.0.1".into(),
                port: 5514
            }
        );
        assert_eq!(
            Destination::parse("syslog+udp://[::1]:514").unwrap(),
            Destination::SyslogUdp {
                host: "::1".into(),
                port: 514
            }
        );
        assert!(matches!(
            Destination::parse("hec+https://splunk.example.org:8088/services/collector/event")
                .unwrap(),
            Destination::Hec { .. }
        ));
        assert!(
            Destination::parse("hec+http://splunk.example.org/x").is_err(),
            "cleartext HEC to a remote host"
        );
        assert!(Destination::parse("hec+http://127.0.0.1:9/x").is_ok());
        for bad in [
            "syslog+tcp://host",
            "syslog+tcp://:514",
            "syslog+ftp://h:1",
            "h:514",
            "syslog+tcp://h:0",
            "syslog+tcp://h:99999",
        ] {
            assert!(Destination::parse(bad).is_err(), "{bad}");
        }
        assert!(
            Destination::parse("syslog+tcp://siem.example.org:514")
                .unwrap()
                .cleartext_remote()
        );
        assert_eq!(frame("héllo"), b"6 h\xc3\xa9llo".to_vec());
    }
}
