// A fake window.__TAURI__ for previewing ui/ in a plain browser (served by
// serve.py, never shipped). It answers the shell's commands with canned
// AppViews and emits "view" events like the Rust shell would.
//
// URL parameters:
//   scenario = setup | setup-edit | unlinked | unlinked-after-unlink | waiting
//              | linked | linked-renew-soon | linked-expired | linked-needs-relink
//              | linked-no-token | linked-minimal | busy-refreshing | activity
//              | activity-empty | noipc | hang
//   error    = one of the AppView error kinds (adds that error)
//   notice   = info | success | warning (adds a notice)
//   open     = unlink | relink | permissions (opens that dialog / disclosure)
//   expires  = seconds until the access token expires (default 2520)
//   lang     = en | ru (the window's language; the catalogues come from locales/)
(() => {
  const params = new URLSearchParams(location.search);
  const scenario = params.get("scenario") || "unlinked";
  if (scenario === "noipc") return;
  let lang = params.get("lang") || "en";
  const LOCALES = { en: "en-US", ru: "ru-RU" };
  const NAMES = { en: "English", ru: "Русский" };
  const ftl = (language, area) => fetch(`/__locales/${language}/${area}.ftl`).then((r) => r.text());
  const catalog = async () => ({
    language: lang,
    locale: LOCALES[lang] ?? lang,
    sources: await Promise.all(["window", "common"].map((area) => ftl(lang, area))),
    fallback: lang === "en" ? [] : await Promise.all(["window", "common"].map((area) => ftl("en", area))),
  });
  const languageView = (chosen) => ({
    current: chosen ?? "en",
    chosen,
    system: { tag: "en", name: "English" },
    available: Object.entries(NAMES).map(([tag, name]) => ({ tag, name })),
  });

  const now = Date.now();
  const iso = (ms) => new Date(ms).toISOString();
  const DAY = 86400e3;

  const catalogue = [
    ["ugc-image-upload", "images", "Images", "Upload custom playlist cover images"],
    ["user-read-playback-state", "connect", "Spotify Connect", "Read your playback state and devices"],
    ["user-modify-playback-state", "connect", "Spotify Connect", "Control playback on your Spotify clients and devices"],
    ["user-read-currently-playing", "connect", "Spotify Connect", "Read what is playing now"],
    ["app-remote-control", "playback", "Playback", "Remote control playback (mobile SDKs)"],
    ["streaming", "playback", "Playback", "Play content in the Web Playback SDK"],
    ["playlist-read-private", "playlists", "Playlists", "Read your private playlists"],
    ["playlist-read-collaborative", "playlists", "Playlists", "Read collaborative playlists"],
    ["playlist-modify-private", "playlists", "Playlists", "Change your private playlists"],
    ["playlist-modify-public", "playlists", "Playlists", "Change your public playlists"],
    ["user-follow-read", "follow", "Follow", "See which artists and users you follow"],
    ["user-follow-modify", "follow", "Follow", "Follow and unfollow artists and users"],
    ["user-read-playback-position", "history", "Listening history", "Read your position in episodes and audiobooks"],
    ["user-top-read", "history", "Listening history", "Read your top artists and tracks"],
    ["user-read-recently-played", "history", "Listening history", "Read what you played recently"],
    ["user-library-read", "library", "Library", "Read your saved tracks, albums and shows"],
    ["user-library-modify", "library", "Library", "Save and remove items in your library"],
    ["user-read-email", "users", "Users", "Read your account's email address"],
    ["user-read-private", "users", "Users", "Read your subscription level, country and explicit-content setting"],
  ].map(([name, category, category_label, description]) => ({ name, category, category_label, description }));

  const presets = [
    { id: "basic", label: "Profile only", description: "Who you are: name, plan, country, email.", scopes: ["user-read-private", "user-read-email"] },
    {
      id: "playback",
      label: "Playback",
      description: "See and control what plays on your devices.",
      scopes: ["user-read-private", "user-read-email", "user-read-playback-state", "user-modify-playback-state", "user-read-currently-playing"],
    },
    {
      id: "library",
      label: "Library and playlists",
      description: "Read and change your saved music and playlists.",
      scopes: ["user-read-private", "user-read-email", "user-library-read", "user-library-modify", "playlist-read-private", "playlist-modify-private", "playlist-modify-public"],
    },
    { id: "everything", label: "Everything", description: "Every permission a regular app can ask for.", scopes: catalogue.map((s) => s.name) },
  ];

  const config = (clientId, extra = {}) => ({
    client_id: clientId,
    redirect_mode: "deep_link",
    redirect_uris: { deep_link: "spotlink://callback", loopback: "http://127.0.0.1/callback" },
    dashboard_url: "https://developer.spotify.com/dashboard",
    account_apps_url: "https://www.spotify.com/account/apps/",
    using_emulator: false,
    ...extra,
  });

  const base = () => ({
    screen: "unlinked",
    busy: null,
    config: config("3f2a9b7c1d4e5f60718293a4b5c6d7e8"),
    catalogue,
    presets,
    default_scopes: presets[1].scopes,
    pending: null,
    link: null,
    error: null,
    notice: null,
    clipboard_clear_secs: 30,
    notifications: true,
    version: "0.1.0",
    language: languageView(lang === "en" ? null : lang),
    show_activity: false,
  });

  const expiresIn = Number(params.get("expires") ?? 2520);
  const link = (extra = {}) => ({
    account: {
      id: "wizzler",
      display_name: "Ada Lovelace",
      email: "ada@example.com",
      product: "premium",
      country: "SE",
      image: null,
      profile_url: "https://open.spotify.com/user/wizzler",
    },
    access_token: { masked: "BQD3…w9Zk", expires_at: iso(now + expiresIn * 1000) },
    authorized_at: iso(now - 12 * DAY),
    link_expires_at: iso(now + 170 * DAY),
    health: "ok",
    days_left: 170,
    scopes: {
      granted: presets[1].scopes,
      requested: presets[1].scopes,
      not_granted: [],
    },
    ...extra,
  });

  const pending = (scopes, relink = false) => ({
    authorize_url: "https://accounts.spotify.com/authorize?client_id=…",
    started_at: iso(Date.now()),
    expires_at: iso(Date.now() + 10 * 60e3),
    scopes,
    relink,
  });

  const scenarios = {
    setup: () => ({ ...base(), screen: "setup", config: config(null) }),
    "setup-edit": () => ({ ...base(), screen: "setup", config: config("spotlink-test-client", { using_emulator: true, redirect_mode: "loopback" }) }),
    unlinked: () => base(),
    "unlinked-after-unlink": () => ({ ...base(), screen: "linked", link: link() }),
    waiting: () => ({ ...base(), screen: "waiting", busy: "linking", pending: pending(presets[1].scopes) }),
    linked: () => ({ ...base(), screen: "linked", link: link() }),
    "linked-renew-soon": () => ({
      ...base(),
      screen: "linked",
      link: link({
        health: "renew_soon",
        days_left: 9,
        authorized_at: iso(now - 174 * DAY),
        link_expires_at: iso(now + 9 * DAY),
        scopes: {
          granted: ["user-read-private", "user-read-playback-state", "user-read-currently-playing"],
          requested: ["user-read-private", "user-read-email", "user-read-playback-state", "user-read-currently-playing"],
          not_granted: ["user-read-email"],
        },
        account: { id: "31xkq7example", display_name: "Grace Hopper", email: null, product: "free", country: "DE", image: null, profile_url: null },
      }),
    }),
    "linked-expired": () => ({
      ...base(),
      screen: "linked",
      link: link({ health: "expired", days_left: 0, access_token: null, authorized_at: iso(now - 183 * DAY), link_expires_at: iso(now - 2 * DAY) }),
    }),
    "linked-needs-relink": () => ({ ...base(), screen: "linked", link: link({ health: "needs_relink", access_token: null }) }),
    "linked-no-token": () => ({ ...base(), screen: "linked", clipboard_clear_secs: null, link: link({ access_token: null }) }),
    "linked-minimal": () => ({
      ...base(),
      screen: "linked",
      link: link({
        account: { id: "minimaluser", display_name: null, email: null, product: null, country: null, image: null, profile_url: null },
        scopes: { granted: [], requested: [], not_granted: [] },
      }),
    }),
    "busy-refreshing": () => ({ ...base(), screen: "linked", busy: "refreshing", link: link() }),
    // The Activity view, as the tray's "Activity…" opens it.
    activity: () => ({ ...base(), screen: "linked", link: link(), show_activity: true }),
    "activity-empty": () => ({ ...base(), screen: "linked", link: link(), show_activity: true }),
    hang: () => base(),
  };

  const errors = {
    denied: ["Spotify sign-in was declined", "You chose not to give SpotLink access. Nothing was linked."],
    state_mismatch: ["Sign-in answer did not match", "The response did not carry the check value SpotLink sent."],
    network: ["Could not reach Spotify", "The connection to accounts.spotify.com failed (connection refused)."],
    rate_limited: ["Spotify asked SpotLink to slow down", "Too many requests in a short time."],
    relink_needed: ["Link again to continue", "Spotify no longer accepts the saved refresh token (invalid_grant)."],
    keychain_unavailable: ["The system keychain is not available", "No Secret Service answered on the session bus."],
    not_allow_listed: ["This Spotify account is not on the app's allow-list", "Spotify answered 403 for /v1/me."],
    invalid_client: ["Spotify does not know this Client ID", "The token endpoint answered invalid_client."],
    timeout: ["Spotify took too long to answer", "No answer from the token endpoint after 20 seconds."],
    config: ["The settings file could not be read", "~/.config/spotlink/config.toml: expected a string for client_id."],
    other: ["Something went wrong", "An unexpected error happened."],
  };

  let view = scenarios[scenario]();
  const errorKind = params.get("error");
  if (errorKind && errors[errorKind]) {
    view.error = { kind: errorKind, title: errors[errorKind][0], message: errors[errorKind][1] };
    if (errorKind === "rate_limited") view.error.retry_after_secs = 75;
  }
  const noticeKind = params.get("notice");
  if (noticeKind) view.notice = { kind: noticeKind, message: { info: "Link copied. Paste it into your browser.", success: "Token copied. The clipboard clears in 30 seconds.", warning: "Couldn't open the browser. Copy the link instead." }[noticeKind] };

  // The activity record (oldest first), and the shell's `activity` command over it.
  const MIN = 60e3;
  const program = (name, exe) => ({ name, exe, pid: 4000 + name.length });
  const entry = (minutesAgo, event, account, prog, detail) => ({
    time: iso(now - minutesAgo * MIN),
    event,
    account,
    program: prog,
    detail,
  });
  let record =
    scenario === "activity-empty"
      ? []
      : [
          entry(3 * 1440 + 40, "link", "wizzler", null, "user-read-private user-read-email user-read-playback-state"),
          entry(2 * 1440 + 300, "token", "wizzler", program("nightly-backup.sh", "/usr/bin/bash"), null),
          entry(2 * 1440 + 60, "refresh", "wizzler", null, "renewed"),
          entry(1440 + 200, "api", "wizzler", program("spotlink", "/usr/bin/spotlink"), "GET /v1/me/player/currently-playing"),
          entry(1440 + 20, "refresh-failed", "wizzler", null, "network error: connection refused (accounts.spotify.com)"),
          entry(300, "token", "wizzler", program("nightly-backup.sh", "/usr/bin/bash"), null),
          entry(180, "copy", "wizzler", null, "window"),
          entry(170, "clipboard-cleared", "wizzler", null, null),
          entry(95, "switch", "31xkq7example", null, null),
          entry(90, "refresh-refused", "31xkq7example", null, "invalid_grant: Refresh token revoked"),
          entry(12, "token", "wizzler", program("polybar-spotify.py", "/usr/bin/python3.11"), null),
          entry(3, "copy", "wizzler", null, "tray"),
        ];
  let damaged = scenario === "activity-empty" ? 0 : 1;
  const TROUBLE = ["refresh-refused", "refresh-failed"];
  const TOKENS = ["token", "api", "copy"];
  function activityView(filter = {}, limit = 200) {
    const since = { hour: 3600e3, day: 86400e3, week: 7 * 86400e3 }[filter.since];
    const kept = record.filter(
      (e) =>
        (!since || Date.parse(e.time) >= Date.now() - since) &&
        (!filter.account || e.account === filter.account) &&
        (!filter.program || e.program?.name === filter.program || e.program?.exe === filter.program) &&
        (!filter.events?.length || filter.events.includes(e.event)),
    );
    const programs = [];
    for (const e of kept.filter((e) => TOKENS.includes(e.event))) {
      const name = e.program?.name ?? null;
      const seen = programs.find((p) => p.program === name);
      if (seen) {
        seen.tokens += 1;
        seen.last = e.time;
      } else programs.push({ program: name, exe: e.program?.exe ?? null, tokens: 1, first: e.time, last: e.time });
    }
    programs.sort((a, b) => b.tokens - a.tokens || String(a.program).localeCompare(String(b.program)));
    const newest = [...kept].reverse();
    const trouble = newest.filter((e) => TROUBLE.includes(e.event));
    const names = { wizzler: "Ada Lovelace" };
    return {
      entries: newest.slice(0, limit),
      matched: kept.length,
      total: record.length,
      programs,
      trouble: trouble.slice(0, limit),
      trouble_count: trouble.length,
      damaged,
      accounts: [...new Set(record.map((e) => e.account).filter(Boolean))].sort().map((id) => ({ id, name: names[id] ?? null })),
      program_names: [...new Set(record.map((e) => e.program?.name).filter(Boolean))].sort(),
      days: 90,
    };
  }

  const listeners = [];
  const calls = [];
  const clone = (v) => JSON.parse(JSON.stringify(v));
  function emit(next) {
    view = next;
    listeners.forEach((cb) => cb({ event: "view", id: 1, payload: clone(view) }));
  }
  const later = (ms, fn) => setTimeout(fn, ms);

  const commands = {
    get_view: () => view,
    save_client_id: ({ clientId }) => ({ ...view, screen: view.link ? "linked" : "unlinked", config: { ...view.config, client_id: clientId } }),
    set_redirect_mode: ({ mode }) => ({ ...view, config: { ...view.config, redirect_mode: mode } }),
    start_link: ({ scopes, relink }) => ({ ...view, screen: "waiting", busy: "linking", error: null, pending: pending(scopes, relink) }),
    open_authorize_url: () => view,
    copy_authorize_url: () => ({ ...view, notice: { kind: "info", message: "Sign-in link copied. Paste it into your browser." } }),
    cancel_link: () => ({ ...view, screen: view.link ? "linked" : "unlinked", busy: null, pending: null }),
    copy_token: () => ({ ...view, notice: { kind: "success", message: view.clipboard_clear_secs ? `Token copied. The clipboard clears in ${view.clipboard_clear_secs} seconds.` : "Token copied." } }),
    refresh_now: () => {
      later(900, () =>
        emit({ ...view, busy: null, notice: { kind: "success", message: "Got a fresh access token." }, link: { ...view.link, access_token: { masked: "BQA9…k2Lm", expires_at: iso(Date.now() + 3600e3) } } }),
      );
      return { ...view, busy: "refreshing" };
    },
    unlink: () => ({ ...view, screen: "unlinked", link: null, notice: { kind: "success", message: "Unlinked. SpotLink removed the tokens and account from this computer." } }),
    open_account_apps: () => view,
    open_dashboard: () => view,
    copy_redirect_uri: ({ which }) => ({ ...view, notice: { kind: "info", message: `Copied ${view.config.redirect_uris[which]}` } }),
    set_clipboard_clear: ({ secs }) => ({ ...view, clipboard_clear_secs: secs }),
    set_notifications: ({ enabled }) => ({ ...view, notifications: enabled }),
    dismiss_error: () => ({ ...view, error: null }),
    dismiss_notice: () => ({ ...view, notice: null }),
    edit_client_id: () => ({ ...view, screen: "setup" }),
    set_language: ({ language }) => {
      lang = language ?? "en";
      return { ...view, language: languageView(language) };
    },
  };

  window.__TAURI__ = {
    core: {
      async invoke(cmd, args) {
        calls.push([cmd, args ?? null]);
        if (scenario === "hang" && cmd === "get_view") return new Promise(() => {});
        await new Promise((r) => setTimeout(r, 60));
        if (cmd === "catalog") return catalog();
        if (cmd === "activity") {
          if (view.show_activity) emit({ ...view, show_activity: false });
          return clone(activityView(args?.filter ?? {}, args?.limit ?? 200));
        }
        if (cmd === "clear_activity") {
          record = [entry(0, "cleared", null, null, null)];
          damaged = 0;
          return clone(activityView());
        }
        if (!(cmd in commands)) throw { kind: "other", title: "Unknown command", message: cmd };
        view = commands[cmd](args ?? {});
        return clone(view);
      },
    },
    event: {
      async listen(name, cb) {
        if (name === "view") listeners.push(cb);
        return () => {};
      },
    },
  };
  window.__SHIM__ = { calls, emit, get view() { return view; } };

  // Scripted follow-ups so a screenshot can show a transition's result.
  if (scenario === "unlinked-after-unlink") {
    later(300, () => emit({ ...view, screen: "unlinked", link: null, notice: { kind: "success", message: "Unlinked. SpotLink removed the tokens and account from this computer." } }));
  }
  const open = params.get("open");
  if (open) {
    later(400, () => {
      if (open === "unlink") document.getElementById("unlink")?.click();
      if (open === "relink") document.getElementById("relink")?.click();
      if (open === "permissions") document.getElementById("permissions")?.setAttribute("open", "");
    });
  }
})();
