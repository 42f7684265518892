//! `x11-close CLASS`: closes every window of that `WM_CLASS` the way a window manager
//! does (`WM_DELETE_WINDOW`), for scripts on a display without one (the tray benchmark).
//! Exits 1 when there was no such window.

fn main() {
    let Some(class) = std::env::args().nth(1) else {
        eprintln!("usage: x11-close WM_CLASS");
        std::process::exit(2);
    };
    if test_support::x11::close_windows(&class) == 0 {
        eprintln!("x11-close: no mapped window of class {class}");
        std::process::exit(1);
    }
}
