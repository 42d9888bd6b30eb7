//! A deadline on a whole answer, not on each read. A socket read timeout alone is reset by every
//! byte, so an answer that trickles in (`transport/slow-drip`) would hold a client far past the
//! target's `timeout_ms`, which the adapter protocol defines as connect + handshake + response.

use std::io::{self, Read};
use std::time::{Duration, Instant};

/// Read `stream` to its end, giving up (`TimedOut`) at `deadline`. `set_timeout` sets the
/// socket's read timeout to what is left before each read.
pub fn read_to_end_by<S: Read>(
    stream: &mut S,
    set_timeout: impl Fn(&mut S, Duration) -> io::Result<()>,
    deadline: Instant,
) -> io::Result<Vec<u8>> {
    let mut answer = Vec::new();
    let mut chunk = [0u8; 4096];
    loop {
        let left = deadline.saturating_duration_since(Instant::now());
        if left.is_zero() {
            return Err(io::Error::new(
                io::ErrorKind::TimedOut,
                format!(
                    "read timed out: the answer was not complete by the deadline ({} bytes so far)",
                    answer.len()
                ),
            ));
        }
        set_timeout(stream, left)?;
        match stream.read(&mut chunk) {
            Ok(0) => return Ok(answer),
            Ok(n) => answer.extend_from_slice(&chunk[..n]),
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
}

/// Whether `answer` holds a whole HTTP head (an answer cut inside its head is no answer).
pub fn head_complete(answer: &[u8]) -> bool {
    answer.windows(4).any(|w| w == b"\r\n\r\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Gives one byte per read, forever, as the slow drip does.
    struct Drip;
    impl Read for Drip {
        fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
            std::thread::sleep(Duration::from_millis(20));
            buf[0] = b'.';
            Ok(1)
        }
    }

    #[test]
    fn a_trickle_ends_at_the_deadline_not_at_each_read() {
        let start = Instant::now();
        let e = read_to_end_by(&mut Drip, |_, _| Ok(()), start + Duration::from_millis(200))
            .unwrap_err();
        assert_eq!(e.kind(), io::ErrorKind::TimedOut);
        assert!(start.elapsed() < Duration::from_millis(400));
        let all = read_to_end_by(
            &mut &b"HTTP/1.1 200 OK\r\n\r\nx"[..],
            |_, _| Ok(()),
            start + Duration::from_secs(5),
        )
        .unwrap();
        assert!(head_complete(&all));
        assert!(!head_complete(b"HTTP/1.1 200 OK\r\nContent-"));
    }
}
