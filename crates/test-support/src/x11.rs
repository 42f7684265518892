//! The window manager's part, for a display that has none (Xvfb): finding an app's
//! windows, the close message a click on a window's × sends (`WM_DELETE_WINDOW`), and
//! who owns the clipboard (XFixes, as clipboard managers watch it).

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
            conn.get_window_attributes(w)
                .ok()
                .and_then(|c| c.reply().ok())
                .is_some_and(|a| a.map_state == MapState::VIEWABLE)
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

/// How the owner of a selection changed, as XFixes reports it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SelectionChange {
    /// A client set the owner: `0` when it gave the selection up (a clear).
    Set { owner: u32 },
    /// The owner's window was destroyed.
    WindowDestroyed,
    /// The owner's connection closed (its process quit).
    ClientClosed,
}

/// Watches who owns the `CLIPBOARD` selection, from a connection of its own.
pub struct ClipboardWatch {
    conn: x11rb::rust_connection::RustConnection,
}

impl ClipboardWatch {
    pub fn start() -> Self {
        use x11rb::protocol::xfixes::{ConnectionExt as _, SelectionEventMask};
        let (conn, screen) = x11rb::connect(None).expect("the display in DISPLAY");
        let root = conn.setup().roots[screen].root;
        conn.xfixes_query_version(5, 0).unwrap().reply().expect("the display has XFixes");
        let clipboard = conn.intern_atom(false, b"CLIPBOARD").unwrap().reply().unwrap().atom;
        let all = SelectionEventMask::SET_SELECTION_OWNER
            | SelectionEventMask::SELECTION_WINDOW_DESTROY
            | SelectionEventMask::SELECTION_CLIENT_CLOSE;
        conn.xfixes_select_selection_input(root, clipboard, all).unwrap();
        conn.sync().unwrap();
        Self { conn }
    }

    /// The changes seen so far, waiting up to `wait` for the first one.
    pub fn changes(&self, wait: std::time::Duration) -> Vec<SelectionChange> {
        use x11rb::protocol::xfixes::SelectionEvent;
        use x11rb::protocol::Event;
        let deadline = std::time::Instant::now() + wait;
        let mut seen = Vec::new();
        loop {
            while let Some(event) = self.conn.poll_for_event().unwrap() {
                if let Event::XfixesSelectionNotify(notify) = event {
                    seen.push(match notify.subtype {
                        SelectionEvent::SET_SELECTION_OWNER => SelectionChange::Set { owner: notify.owner },
                        SelectionEvent::SELECTION_WINDOW_DESTROY => SelectionChange::WindowDestroyed,
                        _ => SelectionChange::ClientClosed,
                    });
                }
            }
            if !seen.is_empty() || std::time::Instant::now() > deadline {
                return seen;
            }
            std::thread::sleep(std::time::Duration::from_millis(20));
        }
    }
}
