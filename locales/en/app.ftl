# The desktop app's own sentences, made in Rust: the notices and error banners of the
# window, the tray menu, the notifications' actions. (The window's labels and buttons are
# in window.ftl; the tray's link line in tray.ftl; reminders in notifications.ftl.)

## Error banners: the heading per kind of failure
app-error-denied = Access denied
app-error-state-mismatch = Sign-in link rejected
app-error-network = Can't reach Spotify
app-error-rate-limited = Slow down
app-error-relink-needed = Link must be renewed
app-error-keychain-unavailable = Keychain unavailable
app-error-not-allow-listed = Account not allowed
app-error-invalid-client = Client ID not recognised
app-error-timeout = Timed out
app-error-config = Settings problem
app-error-other = Something went wrong
app-error-not-linked = Not linked

## Failures of the app's own
app-error-browser-title = Can't open the browser
app-error-browser = SpotLink could not start your browser ({ $detail }). Open { $url } yourself
app-error-login-item-title = Can't change Start at login
app-error-clipboard-title = Can't use the clipboard
app-error-clipboard = the system clipboard refused ({ $detail })
app-error-activity-title = Can't use the activity record
app-error-unknown-permission = Unknown permission
app-error-no-sign-in-title = No sign-in in progress
app-error-no-sign-in = Start linking first.
app-error-not-the-address-title = Not the address SpotLink expects
app-error-not-the-address = Paste the whole address your browser shows after you approved SpotLink: it starts with { $redirect }?code=
app-error-not-waiting-title = The sign-in is no longer waiting
app-error-not-waiting = SpotLink stopped listening for this sign-in. Start it again.
app-error-client-id-title = Client ID not valid
app-error-delay-title = Delay not valid
app-error-delay = choose between { $min } seconds and { $max } minutes
app-error-language-title = Language not available
app-error-language = SpotLink does not speak “{ $tag }”
app-cannot-start = SpotLink could not start: { $detail }
app-already-running = SpotLink is already running but did not answer within { $secs } s; close it and try again.

## Notices
app-notice-ignored-link = Ignored a sign-in link that SpotLink did not start; nothing changed.
app-notice-replayed-link = Ignored a sign-in link that was already used; nothing changed.
app-notice-no-browser = SpotLink could not start your browser ({ $detail }). Use “Copy link” and open it in your browser.
app-notice-sign-in-cancelled = Sign-in cancelled. Nothing was changed.
app-notice-linked = Linked to { $name }.
app-notice-linked-not-granted = Linked to { $name }, but Spotify did not grant: { $scopes }.
app-notice-token-copied = Token copied (valid until { $until }).
app-notice-token-of-copied = Token of { $name } copied (valid until { $until }).
app-notice-clipboard-clears = The clipboard will be cleared in { $secs } s.
app-notice-refreshed = Refreshed. The new token is valid until { $until }.
app-notice-unlinked-other-active = Unlinked { $name }: SpotLink forgot its link on this computer. { $active } is the active account now.
app-notice-unlinked = Unlinked: SpotLink forgot the link on this computer.
app-notice-authorize-copied = Copied the sign-in link. Open it in the browser where you use Spotify.
app-notice-clipboard-cleared = Cleared the token from the clipboard.
app-notice-switched = { $name } is the active account now: Copy token, the tray and `spotlink token` use it.
app-notice-client-id-overridden = Saved, but SPOTLINK_CLIENT_ID is set in the environment, so SpotLink keeps using { $other } until it is unset.
app-notice-client-id-saved = Client ID saved.
app-notice-redirect-copied = Copied { $uri }. Add it under Redirect URIs in your app's settings on the dashboard.

## The tray's menu
app-tray-copy-token = Copy token
app-tray-open = Open SpotLink
app-tray-activity = Activity…
app-tray-relink = Relink…
app-tray-accounts = Accounts
app-tray-copy-token-of = Copy token of { $name }
app-tray-quit = Quit SpotLink

## Notifications' buttons
app-notification-open = Open SpotLink
app-notification-relink = Relink
app-notification-activity = Show activity
