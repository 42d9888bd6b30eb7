//! Map an error from rustls (or from reqwest/hyper/tokio-rustls wrapping one) to a canonical
//! reason.
//!
//! rustls errors are matched by variant ([`rustls::Error`], [`CertificateError`],
//! [`AlertDescription`], [`PeerIncompatible`]): a new rustls variant falls through to `None`
//! instead of being caught by a substring that happens to match (the old table's `"Expired"`
//! also caught `ExpiredRevocationList`, a stale CRL, and called it an expired certificate). Only
//! webpki's errors that rustls passes on as [`CertificateError::Other`] are matched by name,
//! in their `Debug` form, since rustls does not re-export webpki's error type. Below TLS, I/O
//! error kinds, then (for wrappers that keep only a message) a few texts.

use std::error::Error;
use std::io;

use crate::Reason;
use rustls::{AlertDescription, CertificateError, PeerIncompatible};

/// webpki errors that reach us as `CertificateError::Other`, by variant name (the `Debug` form
/// of the wrapped error starts with it), most specific first.
const WEBPKI_OTHER: &[(&str, Reason)] = &[
    ("NameConstraintViolation", Reason::CertNameConstraints),
    ("CaUsedAsEndEntity", Reason::CertNotACa),
    ("EndEntityUsedAsCa", Reason::CertNotACa),
    ("PathLenConstraintViolated", Reason::CertNotACa),
    ("UnsupportedCriticalExtension", Reason::CertUnsupported),
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
/// use badtls_contract::Reason;
/// let err = rustls::Error::InvalidCertificate(rustls::CertificateError::Expired);
/// assert_eq!(badtls_contract::classify_rustls(&err), Some(Reason::CertExpired));
/// let io = std::io::Error::new(std::io::ErrorKind::InvalidData, err);
/// assert_eq!(badtls_contract::classify_rustls(&io), Some(Reason::CertExpired));
/// ```
pub fn classify_rustls(err: &(dyn Error + 'static)) -> Option<Reason> {
    let mut io_reason = None;
    let mut text_reason = None;
    let mut current = Some(err);
    while let Some(e) = current {
        if let Some(r) = e.downcast_ref::<rustls::Error>() {
            return classify_error(r);
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

/// The reason a rustls error stands for, by its variant.
pub fn classify_error(err: &rustls::Error) -> Option<Reason> {
    use rustls::Error as E;
    match err {
        E::InvalidCertificate(c) => classify_certificate(c),
        E::AlertReceived(alert) => classify_alert(*alert),
        E::PeerIncompatible(p) => match p {
            PeerIncompatible::ServerDoesNotSupportTls12Or13
            | PeerIncompatible::ServerTlsVersionIsDisabledByOurConfig
            | PeerIncompatible::Tls12NotOffered
            | PeerIncompatible::Tls12NotOfferedOrEnabled => Some(Reason::TlsProtocolVersion),
            PeerIncompatible::NoCipherSuitesInCommon
            | PeerIncompatible::NoKxGroupsInCommon
            | PeerIncompatible::NoSignatureSchemesInCommon => Some(Reason::TlsHandshakeFailure),
            _ => None,
        },
        E::NoApplicationProtocol => Some(Reason::TlsNoAlpn),
        // The first bytes were not a TLS record: a plain-text service.
        E::InvalidMessage(rustls::InvalidMessage::InvalidContentType)
        | E::InvalidMessage(rustls::InvalidMessage::UnknownProtocolVersion) => {
            Some(Reason::TransportNotTls)
        }
        E::InvalidMessage(rustls::InvalidMessage::HandshakePayloadTooLarge)
        | E::InvalidMessage(rustls::InvalidMessage::MessageTooLarge) => Some(Reason::CertTooLarge),
        E::InvalidMessage(_) => Some(Reason::TlsDecodeError),
        _ => None,
    }
}

fn classify_certificate(c: &CertificateError) -> Option<Reason> {
    use CertificateError as C;
    match c {
        C::Expired | C::ExpiredContext { .. } => Some(Reason::CertExpired),
        C::NotValidYet | C::NotValidYetContext { .. } => Some(Reason::CertNotYetValid),
        C::NotValidForName | C::NotValidForNameContext { .. } => Some(Reason::CertHostnameMismatch),
        C::InvalidPurpose | C::InvalidPurposeContext { .. } => Some(Reason::CertBadPurpose),
        C::Revoked => Some(Reason::CertRevoked),
        C::UnknownIssuer => Some(Reason::CertUntrusted),
        // The unit variant is deprecated, but older webpki versions still produce it.
        #[allow(deprecated)]
        C::UnsupportedSignatureAlgorithm
        | C::UnsupportedSignatureAlgorithmContext { .. }
        | C::UnsupportedSignatureAlgorithmForPublicKeyContext { .. } => {
            Some(Reason::CertWeakSignature)
        }
        C::UnhandledCriticalExtension => Some(Reason::CertUnsupported),
        C::Other(other) => {
            let name = format!("{other:?}");
            WEBPKI_OTHER
                .iter()
                .find(|(variant, _)| name.contains(variant))
                .map(|(_, r)| *r)
        }
        // A stale CRL, an unknown revocation status, a bad encoding: none is a fault the suite
        // serves, and none may pass for one that it does.
        _ => None,
    }
}

fn classify_alert(alert: AlertDescription) -> Option<Reason> {
    use AlertDescription as A;
    match alert {
        A::CertificateRequired => Some(Reason::TlsClientCertRequired),
        // Alerts about a certificate that a client *receives* are about its own: the server
        // refused the client identity it presented.
        A::CertificateExpired | A::UnknownCA | A::BadCertificate | A::UnsupportedCertificate => {
            Some(Reason::TlsClientCertRequired)
        }
        A::ProtocolVersion => Some(Reason::TlsProtocolVersion),
        A::HandshakeFailure | A::InsufficientSecurity => Some(Reason::TlsHandshakeFailure),
        A::NoApplicationProtocol => Some(Reason::TlsNoAlpn),
        A::UnrecognisedName => Some(Reason::TlsUnrecognizedName),
        A::DecodeError => Some(Reason::TlsDecodeError),
        _ => None,
    }
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

    /// A stale CRL is not an expired certificate (a substring table once said it was), and a
    /// variant the suite does not serve says nothing.
    #[test]
    fn only_the_variant_decides() {
        for err in [
            E::InvalidCertificate(CertificateError::ExpiredRevocationList),
            E::InvalidCertificate(CertificateError::UnknownRevocationStatus),
            E::InvalidCertificate(CertificateError::BadEncoding),
            E::AlertReceived(AlertDescription::CloseNotify),
        ] {
            assert_eq!(classify_rustls(&err), None, "{err:?}");
        }
        let io = io::Error::new(
            io::ErrorKind::InvalidData,
            E::InvalidCertificate(CertificateError::ExpiredRevocationList),
        );
        assert_eq!(classify_rustls(&io), None, "{io:?}");
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
