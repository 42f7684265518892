//! Integration tests: real HTTP over loopback against `Emulator::start` on a
//! free port. One test binary with a module per concern keeps link time low.

mod support;

mod authorize;
mod binary;
mod control;
mod faults;
mod library;
mod me;
mod refresh;
mod token;
