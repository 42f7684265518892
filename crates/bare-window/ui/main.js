// Report the first painted frame, exactly as SpotLink's UI does, so both are timed alike.
requestAnimationFrame(() => requestAnimationFrame(() => window.__TAURI__.core.invoke("rendered", { screen: "bare" })));
