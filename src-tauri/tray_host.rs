//! Whether the desktop shows tray icons at all: where it does not, closing the window
//! must quit rather than leave SpotLink running out of sight. Apart from the tray's own
//! module so the window can ask without depending on the tray.

/// Whether a tray icon is shown to the user. On Linux only when a StatusNotifierItem
/// host (a panel's tray) is registered with the session's StatusNotifierWatcher;
/// libayatana-appindicator also falls back to the old XEmbed tray, but SpotLink does
/// not count on it (most desktops no longer show one). Elsewhere the OS always has one.
pub async fn shown() -> bool {
    #[cfg(target_os = "linux")]
    {
        match tokio::time::timeout(std::time::Duration::from_secs(2), linux::host_registered()).await {
            Ok(Ok(registered)) => registered,
            Ok(Err(e)) => {
                tracing::debug!(error = %e, "no StatusNotifierWatcher");
                false
            }
            Err(_) => {
                tracing::warn!("the session bus did not say whether a tray is shown");
                false
            }
        }
    }
    #[cfg(not(target_os = "linux"))]
    true
}

#[cfg(target_os = "linux")]
mod linux {
    //! The StatusNotifierItem protocol's watcher (`org.kde.StatusNotifierWatcher`),
    //! which knows whether a host (a panel that draws items) is around.

    #[zbus::proxy(
        interface = "org.kde.StatusNotifierWatcher",
        default_service = "org.kde.StatusNotifierWatcher",
        default_path = "/StatusNotifierWatcher"
    )]
    trait StatusNotifierWatcher {
        #[zbus(property)]
        fn is_status_notifier_host_registered(&self) -> zbus::Result<bool>;
    }

    /// Whether a watcher runs and has a host registered (asked without activating one).
    pub async fn host_registered() -> zbus::Result<bool> {
        let connection = zbus::Connection::session().await?;
        let bus = zbus::fdo::DBusProxy::new(&connection).await?;
        let name = zbus::names::BusName::try_from("org.kde.StatusNotifierWatcher")?;
        if !bus.name_has_owner(name).await? {
            return Ok(false);
        }
        let watcher = StatusNotifierWatcherProxy::builder(&connection)
            .cache_properties(zbus::proxy::CacheProperties::No)
            .build()
            .await?;
        watcher.is_status_notifier_host_registered().await
    }
}
