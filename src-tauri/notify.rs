//! Desktop notifications, for the reminders ([`crate::reminders`]) and the alerts about
//! unusual activity ([`crate::alerts`]).
//!
//! On Linux the notification goes to `org.freedesktop.Notifications` on the session
//! bus, with actions where the server supports them; elsewhere through the OS's
//! notification centre (notify-rust), without actions.

/// Shows a notification. `actions` are (key, label) pairs, `default` being the click on
/// the notification itself; when the user chooses one, `on_action` gets its key (in the
/// background; Linux only).
pub async fn show(
    title: &str,
    body: &str,
    urgent: bool,
    actions: &[(&'static str, String)],
    on_action: impl FnOnce(String) + Send + 'static,
) -> Result<(), String> {
    #[cfg(target_os = "linux")]
    {
        linux::show(title, body, urgent, actions, on_action).await
    }
    #[cfg(not(target_os = "linux"))]
    {
        let _ = (urgent, actions, on_action);
        let (title, body) = (title.to_owned(), body.to_owned());
        tauri::async_runtime::spawn_blocking(move || {
            notify_rust::Notification::new().appname("SpotLink").summary(&title).body(&body).show().map(|_| ())
        })
        .await
        .map_err(|e| e.to_string())?
        .map_err(|e| e.to_string())
    }
}

#[cfg(target_os = "linux")]
mod linux {
    //! `org.freedesktop.Notifications` (Desktop Notifications Specification 1.2).

    use std::collections::HashMap;

    use futures_util::StreamExt;
    use zbus::zvariant::Value;

    #[zbus::proxy(
        interface = "org.freedesktop.Notifications",
        default_service = "org.freedesktop.Notifications",
        default_path = "/org/freedesktop/Notifications"
    )]
    trait Notifications {
        #[allow(clippy::too_many_arguments)]
        fn notify(
            &self,
            app_name: &str,
            replaces_id: u32,
            app_icon: &str,
            summary: &str,
            body: &str,
            actions: &[&str],
            hints: HashMap<&str, Value<'_>>,
            expire_timeout: i32,
        ) -> zbus::Result<u32>;

        fn get_capabilities(&self) -> zbus::Result<Vec<String>>;

        #[zbus(signal)]
        fn action_invoked(&self, id: u32, action_key: String) -> zbus::Result<()>;

        #[zbus(signal)]
        fn notification_closed(&self, id: u32, reason: u32) -> zbus::Result<()>;
    }

    /// Sends the notification; when the server has actions, waits in the background
    /// for one (or for the notification to close) and hands its key to `on_action`.
    pub async fn show(
        summary: &str,
        body: &str,
        urgent: bool,
        actions: &[(&'static str, String)],
        on_action: impl FnOnce(String) + Send + 'static,
    ) -> Result<(), String> {
        let connection = zbus::Connection::session().await.map_err(|e| format!("no session bus: {e}"))?;
        let proxy = NotificationsProxy::new(&connection).await.map_err(|e| e.to_string())?;
        let capabilities = proxy.get_capabilities().await.map_err(|e| e.to_string())?;
        let actions_supported = capabilities.iter().any(|c| c == "actions") && !actions.is_empty();
        // A server that reads markup would read a `<` or `&` in a name as markup.
        let body = if capabilities.iter().any(|c| c == "body-markup") {
            body.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;")
        } else {
            body.to_owned()
        };
        // Subscribe before sending, so an immediate answer is not missed.
        let (mut invoked, mut closed) = if actions_supported {
            let invoked = proxy.receive_action_invoked().await.map_err(|e| e.to_string())?;
            let closed = proxy.receive_notification_closed().await.map_err(|e| e.to_string())?;
            (Some(invoked), Some(closed))
        } else {
            (None, None)
        };
        let flat: Vec<&str> = if actions_supported {
            actions.iter().flat_map(|(key, label)| [*key, label.as_str()]).collect()
        } else {
            Vec::new()
        };
        let mut hints = HashMap::new();
        // The package's desktop entry: servers show its name and icon.
        hints.insert("desktop-entry", Value::from("spotlink"));
        hints.insert("urgency", Value::U8(if urgent { 2 } else { 1 }));
        let id = proxy
            .notify("SpotLink", 0, "spotlink-app", summary, &body, &flat, hints, -1)
            .await
            .map_err(|e| e.to_string())?;
        if let (Some(invoked), Some(closed)) = (invoked.take(), closed.take()) {
            tauri::async_runtime::spawn(async move {
                let _keep = connection;
                let mut invoked = invoked.filter(|s| std::future::ready(s.args().is_ok_and(|a| a.id == id)));
                let mut closed = closed.filter(|s| std::future::ready(s.args().is_ok_and(|a| a.id == id)));
                tokio::select! {
                    Some(signal) = invoked.next() => {
                        let key = signal.args().map(|a| a.action_key).unwrap_or_default();
                        tracing::info!(action = %key, "notification action");
                        on_action(key);
                    }
                    _ = closed.next() => {}
                }
            });
        }
        Ok(())
    }
}
