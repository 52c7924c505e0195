//! End-to-end tests: each runs the real `veil` binary in a fresh temporary
//! directory against the committed fixtures (which are only read).

mod e2e;
