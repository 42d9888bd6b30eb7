//! The badtls client matrix: per-client adapters, error classifier tables, the runner and its
//! reporters. Not built yet: see DESIGN.md, "Client matrix". Until then, the in-process rustls
//! classifier lives in `badtls_servers::classify`.
