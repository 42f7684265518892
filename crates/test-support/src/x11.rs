//! The window manager's part, for a display that has none (Xvfb): finding an app's
//! windows, and the close message a click on a window's × sends (`WM_DELETE_WINDOW`).

use x11rb::connection::Connection;
use x11rb::protocol::xproto::{AtomEnum, ClientMessageEvent, ConnectionExt, EventMask, MapState};
use x11rb::wrapper::ConnectionExt as _;

/// The mapped top-level windows whose `WM_CLASS` includes `class` (without a window
/// manager they are children of the root window).
pub fn windows_of(class: &str) -> Vec<u32> {
    let (conn, screen) = x11rb::connect(None).expect("the display in DISPLAY");
    let root = conn.setup().roots[screen].root;
    let tree = conn.query_tree(root).unwrap().reply().unwrap();
    tree.children
        .into_iter()
        .filter(|&w| {
            conn.get_window_attributes(w).ok().and_then(|c| c.reply().ok()).is_some_and(|a| a.map_state == MapState::VIEWABLE)
        })
        .filter(|&w| {
            conn.get_property(false, w, AtomEnum::WM_CLASS, AtomEnum::STRING, 0, 256)
                .ok()
                .and_then(|c| c.reply().ok())
                .is_some_and(|p| p.value.split(|b| *b == 0).any(|part| part == class.as_bytes()))
        })
        .collect()
}

/// Sends `WM_DELETE_WINDOW` to every mapped top-level window of `WM_CLASS` `class`, as
/// a window manager does when the user clicks ×. Returns how many it was sent to.
pub fn close_windows(class: &str) -> usize {
    let windows = windows_of(class);
    let (conn, _) = x11rb::connect(None).expect("the display in DISPLAY");
    let atom = |name: &str| conn.intern_atom(false, name.as_bytes()).unwrap().reply().unwrap().atom;
    let (protocols, delete) = (atom("WM_PROTOCOLS"), atom("WM_DELETE_WINDOW"));
    for &window in &windows {
        let event = ClientMessageEvent::new(32, window, protocols, [delete, x11rb::CURRENT_TIME, 0, 0, 0]);
        conn.send_event(false, window, EventMask::NO_EVENT, event).unwrap();
    }
    conn.sync().unwrap();
    windows.len()
}
