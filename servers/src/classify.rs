//! Map an error from rustls (or from reqwest/hyper/tokio-rustls wrapping one) to a canonical
//! reason.
//!
//! The mapping is a table of patterns over the `Debug` rendering of the innermost rustls error
//! (rustls' and webpki's variant names are stable API), then over I/O error kinds. The first
//! matching row wins, so specific rows come before general ones.

use std::error::Error;
use std::io;

use badtls_reasons::Reason;

/// Substrings of a rustls error's `Debug` form, most specific first.
const RUSTLS_PATTERNS: &[(&str, Reason)] = &[
    ("Expired", Reason::CertExpired),
    ("NotValidYet", Reason::CertNotYetValid),
    ("NotValidForName", Reason::CertHostnameMismatch),
    ("InvalidPurpose", Reason::CertBadPurpose),
    ("Revoked", Reason::CertRevoked),
    ("NameConstraintViolation", Reason::CertNameConstraints),
    ("CaUsedAsEndEntity", Reason::CertNotACa),
    ("EndEntityUsedAsCa", Reason::CertNotACa),
    ("PathLenConstraintViolated", Reason::CertNotACa),
    ("UnsupportedCriticalExtension", Reason::CertUnsupported),
    ("UnsupportedSignatureAlgorithm", Reason::CertWeakSignature),
    ("UnknownIssuer", Reason::CertUntrusted),
    ("HandshakePayloadTooLarge", Reason::CertTooLarge),
    ("MessageTooLarge", Reason::CertTooLarge),
    (
        "AlertReceived(CertificateRequired)",
        Reason::TlsClientCertRequired,
    ),
    ("AlertReceived(ProtocolVersion)", Reason::TlsProtocolVersion),
    (
        "AlertReceived(HandshakeFailure)",
        Reason::TlsHandshakeFailure,
    ),
    (
        "AlertReceived(InsufficientSecurity)",
        Reason::TlsHandshakeFailure,
    ),
    ("AlertReceived(NoApplicationProtocol)", Reason::TlsNoAlpn),
    (
        "AlertReceived(UnrecognisedName)",
        Reason::TlsUnrecognizedName,
    ),
    ("AlertReceived(DecodeError)", Reason::TlsDecodeError),
    ("NoApplicationProtocol", Reason::TlsNoAlpn),
    ("ServerDoesNotSupportTls12Or13", Reason::TlsProtocolVersion),
    ("NoCipherSuitesInCommon", Reason::TlsHandshakeFailure),
    ("NoKxGroupsInCommon", Reason::TlsHandshakeFailure),
    ("NoSignatureSchemesInCommon", Reason::TlsHandshakeFailure),
    ("InvalidContentType", Reason::TransportNotTls),
    ("UnknownProtocolVersion", Reason::TransportNotTls),
    ("InvalidMessage", Reason::TlsDecodeError),
];

/// I/O error kinds, for failures below TLS.
const IO_KINDS: &[(io::ErrorKind, Reason)] = &[
    (io::ErrorKind::UnexpectedEof, Reason::TransportEof),
    (io::ErrorKind::ConnectionReset, Reason::TransportReset),
    (io::ErrorKind::ConnectionAborted, Reason::TransportReset),
    (io::ErrorKind::BrokenPipe, Reason::TransportReset),
    (io::ErrorKind::TimedOut, Reason::TransportTimeout),
    (io::ErrorKind::ConnectionRefused, Reason::TransportRefused),
];

/// The canonical reason for a failed connection through rustls, if the error says one.
///
/// Walks `err` and its `source()` chain, so a `reqwest::Error`, a `hyper` error or an
/// `io::Error` wrapping a `rustls::Error` all work. rustls cannot tell the four "untrusted"
/// cases apart and reports them as [`Reason::CertUntrusted`].
///
/// ```
/// use badtls_reasons::Reason;
/// let err = rustls::Error::InvalidCertificate(rustls::CertificateError::Expired);
/// assert_eq!(badtls_servers::classify_rustls(&err), Some(Reason::CertExpired));
/// let io = std::io::Error::new(std::io::ErrorKind::InvalidData, err);
/// assert_eq!(badtls_servers::classify_rustls(&io), Some(Reason::CertExpired));
/// ```
pub fn classify_rustls(err: &(dyn Error + 'static)) -> Option<Reason> {
    let mut io_reason = None;
    let mut text_reason = None;
    let mut current = Some(err);
    while let Some(e) = current {
        if let Some(r) = e.downcast_ref::<rustls::Error>() {
            return classify_debug(&format!("{r:?}"));
        }
        let mut next = e.source();
        if let Some(io) = e.downcast_ref::<io::Error>() {
            io_reason = io_reason.or_else(|| classify_io_kind(io.kind()));
            // An io::Error's source() skips the error it wraps; step into it instead.
            if let Some(inner) = io.get_ref() {
                next = Some(inner as &(dyn Error + 'static));
            }
        }
        text_reason = text_reason.or_else(|| classify_text(&e.to_string()));
        current = next;
    }
    io_reason.or(text_reason)
}

/// Classify a rustls error by the `Debug` rendering of it.
pub fn classify_debug(debug: &str) -> Option<Reason> {
    RUSTLS_PATTERNS
        .iter()
        .find(|(pattern, _)| debug.contains(pattern))
        .map(|(_, r)| *r)
}

fn classify_io_kind(kind: io::ErrorKind) -> Option<Reason> {
    IO_KINDS.iter().find(|(k, _)| *k == kind).map(|(_, r)| *r)
}

/// Some wrappers (hyper, reqwest) only keep the message of what went wrong.
fn classify_text(text: &str) -> Option<Reason> {
    const TEXT: &[(&str, Reason)] = &[
        ("timed out", Reason::TransportTimeout),
        ("connection refused", Reason::TransportRefused),
        ("connection reset", Reason::TransportReset),
        ("unexpected eof", Reason::TransportEof),
        ("incomplete message", Reason::TransportEof),
        (
            "connection closed before message completed",
            Reason::TransportEof,
        ),
    ];
    let lower = text.to_ascii_lowercase();
    TEXT.iter()
        .find(|(p, _)| lower.contains(p))
        .map(|(_, r)| *r)
}

#[cfg(test)]
mod tests {
    use super::*;
    use rustls::{AlertDescription, CertificateError, Error as E};

    #[test]
    fn typed_rustls_errors_map_to_their_reasons() {
        let cases = [
            (
                E::InvalidCertificate(CertificateError::Expired),
                Reason::CertExpired,
            ),
            (
                E::InvalidCertificate(CertificateError::NotValidYet),
                Reason::CertNotYetValid,
            ),
            (
                E::InvalidCertificate(CertificateError::UnknownIssuer),
                Reason::CertUntrusted,
            ),
            (
                E::InvalidCertificate(CertificateError::NotValidForName),
                Reason::CertHostnameMismatch,
            ),
            (
                E::InvalidCertificate(CertificateError::Revoked),
                Reason::CertRevoked,
            ),
            (
                E::AlertReceived(AlertDescription::CertificateRequired),
                Reason::TlsClientCertRequired,
            ),
            (
                E::AlertReceived(AlertDescription::UnrecognisedName),
                Reason::TlsUnrecognizedName,
            ),
            (
                E::AlertReceived(AlertDescription::NoApplicationProtocol),
                Reason::TlsNoAlpn,
            ),
        ];
        for (err, want) in cases {
            assert_eq!(classify_rustls(&err), Some(want), "{err:?}");
        }
    }

    #[test]
    fn io_kinds_map_below_tls() {
        let eof = io::Error::new(io::ErrorKind::UnexpectedEof, "peer closed");
        assert_eq!(classify_rustls(&eof), Some(Reason::TransportEof));
        let reset = io::Error::from(io::ErrorKind::ConnectionReset);
        assert_eq!(classify_rustls(&reset), Some(Reason::TransportReset));
        let other = io::Error::other("something else");
        assert_eq!(classify_rustls(&other), None);
    }
}
