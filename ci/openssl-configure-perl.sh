#!/bin/sh
# The perl that runs the vendored OpenSSL's Configure for the static build (OPENSSL_SRC_PERL).
#
# With `-C target-feature=+crt-static`, the cc crate adds `-static` to the C flags, openssl-src
# passes them on to Configure, and Configure reads `-static` as "no-pic no-threads": the
# library is then built without any locking. badtls serves from several threads, and concurrent
# DHE handshakes corrupted the heap within a second ("malloc(): unaligned tcache chunk
# detected"). The final link is static either way (rustc does it), so drop the flag here.
for arg do
    shift
    [ "$arg" = "-static" ] && continue
    set -- "$@" "$arg"
done
exec perl "$@"
