//! The benchmark (see `badtls-bench`): filled in next.
