//! The panel's side of a tray item, played by the test: reading a registered item
//! (`test_support::sni::Watcher` plays the watcher) and its menu over
//! `com.canonical.dbusmenu`, and clicking an entry as a panel does when the user picks
//! it; and reading which badge the item's icon carries.

use std::collections::HashMap;

use test_support::sni::Item;
use zbus::zvariant::{OwnedValue, Value};

/// A dbusmenu layout node: id, properties, children (each a variant holding a node).
type Layout = (i32, HashMap<String, OwnedValue>, Vec<OwnedValue>);

/// One entry of a dbusmenu menu.
#[derive(Debug, Clone)]
pub struct Entry {
    pub id: i32,
    pub label: String,
    pub enabled: bool,
    pub visible: bool,
    pub separator: bool,
    /// A check item that is checked (`toggle-state` 1).
    pub checked: bool,
}

/// A registered tray item, read and clicked as a panel does.
pub struct TrayItem(pub Item);

async fn property(item: &Item, connection: &zbus::Connection, name: &str) -> zbus::Result<OwnedValue> {
    let properties = zbus::fdo::PropertiesProxy::builder(connection)
        .destination(item.bus.as_str())?
        .path(item.path.as_str())?
        .build()
        .await?;
    let interface = zbus::names::InterfaceName::try_from("org.kde.StatusNotifierItem")?;
    Ok(properties.get(interface, name).await?)
}

async fn menu_proxy(item: &Item, connection: &zbus::Connection) -> zbus::Proxy<'static> {
    let path = property(item, connection, "Menu").await.expect("the item has a menu");
    let path = zbus::zvariant::OwnedObjectPath::try_from(path).expect("Menu is an object path");
    zbus::Proxy::new_owned(connection.clone(), item.bus.clone(), path, "com.canonical.dbusmenu")
        .await
        .expect("a dbusmenu proxy")
}

impl TrayItem {
    /// A string property of the item (`IconName`, `IconThemePath`, `Id`, `Status`…).
    pub async fn string(&self, connection: &zbus::Connection, name: &str) -> String {
        let value = property(&self.0, connection, name).await.unwrap_or_else(|e| panic!("the item's {name}: {e}"));
        String::try_from(value).unwrap_or_else(|e| panic!("{name} is a string: {e}"))
    }

    /// The file the item's icon is drawn from.
    pub async fn icon_file(&self, connection: &zbus::Connection) -> std::path::PathBuf {
        let name = self.string(connection, "IconName").await;
        if name.starts_with('/') {
            return name.into();
        }
        let dir = self.string(connection, "IconThemePath").await;
        std::path::Path::new(&dir).join(format!("{name}.png"))
    }

    /// The menu's top-level entries, as a panel reads them before showing the menu.
    pub async fn menu(&self, connection: &zbus::Connection) -> Vec<Entry> {
        let proxy = menu_proxy(&self.0, connection).await;
        let _: bool = proxy.call("AboutToShow", &(0i32,)).await.unwrap_or(false);
        let (_revision, (_id, _props, children)): (u32, Layout) =
            proxy.call("GetLayout", &(0i32, -1i32, Vec::<String>::new())).await.expect("GetLayout answers");
        children.iter().map(entry).collect()
    }

    /// Clicks the menu entry whose label is `label` (mnemonic underscores ignored).
    pub async fn click(&self, connection: &zbus::Connection, label: &str) {
        let entries = self.menu(connection).await;
        let Some(found) = entries.iter().find(|e| e.label == label) else {
            panic!("no menu entry {label:?} in {entries:#?}");
        };
        assert!(found.enabled && found.visible, "{label:?} can be clicked: {found:?}");
        let proxy = menu_proxy(&self.0, connection).await;
        let timestamp = 0u32;
        let () = proxy
            .call("Event", &(found.id, "clicked", Value::from(0i32), timestamp))
            .await
            .expect("the menu takes the click");
    }
}

fn entry(child: &OwnedValue) -> Entry {
    let Value::Structure(fields) = &**child else { panic!("a layout entry is a structure: {child:?}") };
    let fields = fields.fields();
    let id = match &fields[0] {
        Value::I32(id) => *id,
        other => panic!("an entry id: {other:?}"),
    };
    let props: HashMap<String, OwnedValue> =
        HashMap::try_from(fields[1].try_clone().expect("clonable")).expect("entry properties");
    let text = |key: &str| props.get(key).and_then(|v| String::try_from(v.try_clone().ok()?).ok());
    let flag = |key: &str| props.get(key).and_then(|v| bool::try_from(v).ok()).unwrap_or(true);
    Entry {
        id,
        label: text("label").unwrap_or_default().replace('_', ""),
        enabled: flag("enabled"),
        visible: flag("visible"),
        separator: text("type").as_deref() == Some("separator"),
        checked: props.get("toggle-state").and_then(|v| i32::try_from(v).ok()) == Some(1),
    }
}

/// Which badge the tray icon at `path` carries: "renew-soon" (amber), "relink" (red)
/// or "none", read from the pixel inside the badge (icons/tray/*.svg).
pub fn icon_badge(path: &std::path::Path) -> &'static str {
    let decoder = png::Decoder::new(std::io::BufReader::new(std::fs::File::open(path).expect("the icon file")));
    let mut reader = decoder.read_info().expect("a PNG");
    let mut pixels = vec![0; reader.output_buffer_size().expect("a size")];
    let info = reader.next_frame(&mut pixels).expect("its pixels");
    assert_eq!(info.color_type, png::ColorType::Rgba, "RGBA");
    let scale = info.width as f64 / 512.0;
    // Inside the badge circle (centre 392,392), clear of its glyph.
    let (x, y) = ((332.0 * scale) as usize, (432.0 * scale) as usize);
    let at = (y * info.width as usize + x) * 4;
    let (r, g, b) = (pixels[at], pixels[at + 1], pixels[at + 2]);
    match (r, g, b) {
        (200.., 130..=200, 0..=90) => "renew-soon",
        (200.., 0..=90, 0..=90) => "relink",
        _ => "none",
    }
}
