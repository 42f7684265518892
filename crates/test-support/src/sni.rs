//! The desktop's side of the tray: a StatusNotifierWatcher on the session bus, as a
//! panel with a tray runs it, with a host registered. Items (SpotLink's tray icon)
//! register with it; the tests and the tray benchmark learn from it who registered
//! and when.

use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use zbus::message::Header;
use zbus::object_server::SignalEmitter;

const WATCHER: &str = "org.kde.StatusNotifierWatcher";

/// A StatusNotifierWatcher with a host registered, on the session bus until dropped.
pub struct Watcher {
    connection: zbus::Connection,
    items: Arc<Mutex<Vec<Item>>>,
}

/// A registered StatusNotifierItem: who serves it, and where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Item {
    /// The unique bus name of the connection that serves it.
    pub bus: String,
    pub path: String,
    /// The process behind that connection, as the bus knows it.
    pub pid: Option<u32>,
    /// When it registered.
    pub at: Instant,
}

struct WatcherInterface {
    items: Arc<Mutex<Vec<Item>>>,
}

#[zbus::interface(name = "org.kde.StatusNotifierWatcher")]
impl WatcherInterface {
    /// `service` is a bus name (the item is at /StatusNotifierItem) or, as
    /// libayatana-appindicator sends it, the item's object path on the caller's connection.
    async fn register_status_notifier_item(
        &self,
        service: &str,
        #[zbus(header)] header: Header<'_>,
        #[zbus(connection)] connection: &zbus::Connection,
        #[zbus(signal_emitter)] emitter: SignalEmitter<'_>,
    ) {
        let at = Instant::now();
        let sender = header.sender().map(|s| s.to_string()).unwrap_or_default();
        let (bus, path) = if service.starts_with('/') {
            (sender, service.to_owned())
        } else {
            (service.to_owned(), "/StatusNotifierItem".to_owned())
        };
        let pid = match (zbus::fdo::DBusProxy::new(connection).await, zbus::names::BusName::try_from(bus.as_str())) {
            (Ok(proxy), Ok(name)) => proxy.get_connection_unix_process_id(name).await.ok(),
            _ => None,
        };
        let name = format!("{bus}{path}");
        self.items.lock().unwrap().push(Item { bus, path, pid, at });
        let _ = Self::status_notifier_item_registered(&emitter, &name).await;
    }

    fn register_status_notifier_host(&self, _service: &str) {}

    #[zbus(property)]
    fn registered_status_notifier_items(&self) -> Vec<String> {
        self.items.lock().unwrap().iter().map(|i| format!("{}{}", i.bus, i.path)).collect()
    }

    #[zbus(property)]
    fn is_status_notifier_host_registered(&self) -> bool {
        true
    }

    #[zbus(property)]
    fn protocol_version(&self) -> i32 {
        0
    }

    #[zbus(signal)]
    async fn status_notifier_item_registered(emitter: &SignalEmitter<'_>, service: &str) -> zbus::Result<()>;
}

impl Watcher {
    /// Takes the watcher's name on the session bus; fails if something else holds it.
    pub async fn start() -> zbus::Result<Self> {
        let items = Arc::new(Mutex::new(Vec::new()));
        let connection = zbus::connection::Builder::session()?
            .name(WATCHER)?
            .serve_at("/StatusNotifierWatcher", WatcherInterface { items: Arc::clone(&items) })?
            .build()
            .await?;
        Ok(Self { connection, items })
    }

    /// Every registration so far, oldest first.
    pub fn items(&self) -> Vec<Item> {
        self.items.lock().unwrap().clone()
    }

    /// Waits (at most `limit`) for an item served by process `pid` to register; returns the latest.
    pub async fn item_of(&self, pid: u32, limit: Duration) -> Option<Item> {
        let deadline = Instant::now() + limit;
        loop {
            if let Some(item) = self.items().into_iter().rev().find(|i| i.pid == Some(pid)) {
                return Some(item);
            }
            if Instant::now() > deadline {
                return None;
            }
            async_io::Timer::after(Duration::from_millis(20)).await;
        }
    }

    /// The session bus connection the watcher answers on.
    pub fn connection(&self) -> &zbus::Connection {
        &self.connection
    }
}
