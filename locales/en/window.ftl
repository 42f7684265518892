# The desktop app's window (ui/): every word the window writes itself. Sentences the app
# sends already worded (errors, notices, what each scope allows) live in other areas.
# The window formats these with Fluent's JavaScript runtime (docs/ui.md).
#
# Arguments are data (names, ids, addresses, dates and times the window formats with the
# user's locale) or, where a comment says so, other messages of this file.

## The page around every screen (ui/index.html, ui/js/main.js)

window-title = SpotLink
window-app-name = SpotLink
window-skip-link = Skip to content
window-loading = Loading…
# The footer. $version: "0.1.0".
window-version = SpotLink { $version }
# This language's name in its own words: the language setting lists it so.
window-language-name = English

## What the header says while the app works
window-busy-linking = Waiting for Spotify…
window-busy-refreshing = Refreshing…
window-busy-unlinking = Unlinking…
window-busy-saving = Saving…

## When the window has no screen to show
window-problem-hint = If this keeps happening, quit SpotLink and start it again. Your link, if any, is safe in the keychain.
window-problem-reload = Reload window
window-problem-try-again = Try again
window-unknown-screen-title = SpotLink sent something this window cannot show
# $screen: the screen's name as the app sent it.
window-unknown-screen-message = The app asked for a screen called “{ $screen }”. This window and the app may be out of step.
window-broken-title = This window ran into a problem
# $problem: what went wrong, in the web view's own (English) words.
window-broken-message = SpotLink could not draw this screen ({ $problem }).
window-unavailable-title = This window is not connected to SpotLink
window-unavailable-message = The page loaded without its link to the app (window.__TAURI__ is missing), so it cannot show or change anything.
window-boot-failed-title = SpotLink could not load its state
# $title and $message: the error as the app worded it.
window-boot-failed-message = { $title }: { $message }
window-timeout-title = SpotLink is not answering
# $what: one of the window-boot-step-* messages, or a command's name (get_view).
window-timeout-message = No answer to { $what } after { $seconds } seconds.
window-boot-step-subscription = the view subscription
window-boot-step-catalogue = the catalogue
window-something-went-wrong = Something went wrong
window-could-not = SpotLink could not do that.

## The error banner: the error's title and message come from the app; these are the
## banner's own help and buttons
window-error-try-again = Try again
window-error-retry = Retry
window-error-relink = Relink
window-error-open-dashboard = Open developer dashboard
window-error-check-client-id = Check client ID
window-error-state-mismatch-help = The answer that came back from Spotify did not belong to the sign-in SpotLink started, so SpotLink ignored it. Nothing changed. If you did not start a sign-in just now, you can ignore this.
window-error-keychain-help = SpotLink keeps your tokens only in the system keychain and will not store them in a plain file. On Linux that is the Secret Service: start and unlock GNOME Keyring or KWallet, then try again.
# $time: a clock time with seconds.
window-error-retry-at = You can try again at { $time }.
window-error-retry-now = You can try again now.
# $left: how long, as duration-* of common.ftl say it ("42 s").
window-error-retry-in = You can try again in { $left }.
window-error-dismiss = Dismiss error
window-dismiss = Dismiss

## The notice line and dialogs
window-notice-apps-hint = Spotify still lists SpotLink as allowed until you remove it on your account's Apps page.
window-notice-open-apps = Open Spotify Apps page
window-notice-dismiss = Dismiss notice
window-dialog-cancel = Cancel
window-close-title = Keep SpotLink in the tray?
window-close-body = Closed, SpotLink can keep running in the tray: your token stays fresh, you are reminded before the link ends, and the tray's menu copies the token. Quit it from that menu.
# $section: the card's title, window-link-title.
window-close-asked-once = This is asked once. Change it later in the linked view, under “{ $section }”.
window-close-keep = Keep in tray
window-close-quit = Quit SpotLink

## The permission picker (the presets and scopes themselves come from the app)
window-scopes-start-from = Start from
window-scopes-custom = Custom
window-scopes-custom-description = Your own choice below.

## The language setting
window-language = Language
# $name: the desktop's language in its own words (window-language-name of its catalogue).
window-language-system = System default ({ $name })

## Setup: the Spotify app's Client ID and redirect URIs
window-setup-title-new = Connect SpotLink to Spotify
window-setup-title-existing = Your Spotify app
window-setup-lead = SpotLink needs the Client ID of a Spotify app that you create, for free, in Spotify's developer dashboard.
window-setup-step-create = Create an app
window-setup-create-text = Sign in to the dashboard, create an app and tick “Web API”.
window-setup-open-dashboard = Open developer dashboard
# $place: window-setup-user-management, in bold.
window-setup-development-mode = New apps are in development mode: they work only for Spotify accounts the owner adds under { $place } in the dashboard.
# The dashboard's own name for the section (the dashboard is in English).
window-setup-user-management = User Management
window-setup-step-redirect = Add the redirect URI
window-setup-redirect-text = In the app's settings, add the address of the mode you use under Redirect URIs. Registering both does no harm.
window-setup-modes-legend = How Spotify returns to SpotLink
window-setup-mode-deep-link = Deep link (recommended)
window-setup-mode-deep-link-description = Spotify sends you back to SpotLink through its own spotlink:// address.
window-setup-mode-loopback = Loopback
window-setup-mode-loopback-description = SpotLink listens on 127.0.0.1 for the answer. Use it where spotlink:// links do not reach the app.
window-setup-copy = Copy
# For screen readers. $uri: the redirect URI.
window-setup-copy-uri = Copy { $uri }
window-setup-step-client-id = Paste the Client ID
window-setup-client-id = Client ID
window-setup-client-id-hint = On your app's page in the dashboard, under Basic Information.
# $id: the Client ID the local emulator takes.
window-setup-emulator-hint = The local emulator accepts “{ $id }”.
window-setup-client-id-placeholder = 32 characters, 0–9 and a–f
window-setup-save = Save
window-setup-saving = Saving…
# $id: the start and end of the Client ID in use ("3f2a…9c1d").
window-setup-keep = Keep the current ID ({ $id })
window-setup-client-id-empty = Paste the Client ID from your app's page in the dashboard.
# $length: how many characters were pasted.
window-setup-client-id-length =
    A Client ID has 32 characters; this one has { $length ->
        [one] { $length } character
       *[other] { $length } characters
    }.
window-setup-client-id-characters = A Client ID uses only the digits 0–9 and the letters a–f.

## Unlinked: the offer to link
window-unlinked-title = Link your Spotify account
window-unlinked-lead = SpotLink opens Spotify's sign-in page in your browser. Once you approve, the link is kept in this computer's keychain and the access token stays fresh on its own.
window-unlinked-link = Link Spotify account
window-unlinked-opening = Opening your browser…
window-unlinked-no-browser = No browser here (a server, a remote session)?
window-unlinked-elsewhere = Browser on another device?
window-unlinked-permissions = Permissions (advanced)
# $count: how many permissions are ticked.
window-unlinked-selected = { $count } selected
window-unlinked-permissions-text = What SpotLink asks Spotify for. Spotify shows the same list before you approve, and may grant less.
# $id: the Client ID (shortened); $mode: a window-redirect-mode-* message; $change: the
# button window-unlinked-change-client-id.
window-unlinked-footer = Spotify app { $id } · { $mode } redirect · { $change }
window-redirect-mode-deep-link = deep link
window-redirect-mode-loopback = loopback
window-unlinked-change-client-id = Change client ID

## Waiting: the sign-in is open in a browser
window-waiting-title = Finish in your browser
window-waiting-title-remote = Finish on your other device
window-waiting-open-again = Open browser again
window-waiting-copy-link = Copy link
window-waiting-cancel = Cancel
window-waiting-cancelling = Cancelling…
window-waiting-finish = Finish linking
window-waiting-remote-open = Open this address in a browser on any device (copy it, or type it in):
window-waiting-remote-approve = Sign in there and approve SpotLink.
window-waiting-remote-paste = That browser then fails to load a page on 127.0.0.1: this is expected. Copy the whole address from its address bar and paste it here.
window-waiting-remote-field = Address the browser ended on
window-waiting-here-hint = Browser didn't open? Copy the link and paste it into the browser where you use Spotify.
# “Not you?”: the choice on Spotify's sign-in page, as Spotify words it in the language.
window-waiting-lead-remote-add = Sign in there with the account to add; if Spotify shows another one, choose “Not you?”.
window-waiting-lead-remote = SpotLink does not open a browser on this computer.
window-waiting-lead-add = Spotify's sign-in page is open in your browser. Sign in with the account to add (if Spotify shows the one you are signed in with, choose “Not you?”); this window updates by itself.
window-waiting-lead-relink = Spotify's sign-in page is open in your browser. Pick the account and review the permissions there; this window updates by itself.
window-waiting-lead = Spotify's sign-in page is open in your browser. Approve SpotLink there and this window updates by itself.
window-waiting-expired = This sign-in link has expired.
# $left: how long ("9 min"); $until: a clock time, or a day and time.
window-waiting-valid = The sign-in link stays valid for { $left } (until { $until }).
window-waiting-no-scopes = No extra permissions requested: Spotify shares only your public profile.
window-waiting-requested = Requested permissions

## Linked: the account
window-health-ok = Linked
window-health-renew-soon = Renew soon
window-health-expired = Expired
window-health-needs-relink = Needs relink
window-health-unreadable = Cannot be read
# The plan Spotify calls "open"; others are shown as Spotify names them ("Premium").
window-plan-free = Free
window-account-details = Account details
# $id: the Spotify user ID.
window-account-id = ID { $id }
# Read after a scope's name by screen readers.
window-scope-not-granted = (not granted)

## Linked: the accounts card
window-accounts-title = Accounts
window-accounts-hint = Link another Spotify account (a family member's, a test account) beside this one and switch between them here, in the tray or with spotlink switch.
window-accounts-add = Add another account
window-accounts-active = Active
window-accounts-switch = Switch
# For screen readers. $name: the account's name.
window-accounts-switch-to = Switch to { $name }
# $count: how many accounts are linked (two or more).
window-accounts-count = { $count } linked
window-add-title = Add another Spotify account
window-add-text = Spotify's sign-in page opens in your browser. Sign in there with the other account; if Spotify shows the account you are signed in with, choose “Not you?”. Both accounts stay linked, and the new one becomes the active one.
window-add-elsewhere = The browser is on another device
window-add-elsewhere-hint = Open the sign-in there and paste back the address it ends on.
window-add-continue = Continue

## Linked: the banner when the link ends soon or has ended
window-health-ends-today = Your link ends today
# $days: how long, duration-days of common.ftl ("3 days").
window-health-ends-in = Your link ends in { $days }
window-health-renew-text = Spotify ends every link six months after you approve it, and refreshing does not extend it. Relink to start a new six months.
window-health-expired-title = Your link has expired
window-health-expired-text = Spotify stopped accepting this link. Relink to keep using SpotLink.
# $date: the day it ended.
window-health-expired-text-on = Spotify stopped accepting this link on { $date }. Relink to keep using SpotLink.
window-health-revoked-title = Spotify no longer accepts this link
window-health-revoked-text = It was revoked or has run out, so SpotLink cannot get new access tokens. Relink to continue.
window-relink = Relink

## Linked: the access token
window-token-title = Access token
window-token-copy = Copy token
window-token-refresh = Refresh now
window-token-refreshing = Refreshing…
window-token-clipboard = Clear the clipboard after copying
window-token-never-shown = The full token never appears in this window: Copy puts it straight on the clipboard.
window-token-none = No access token
window-token-none-dead = Relink to get a new one.
window-token-none-later = SpotLink gets one when it next refreshes.
# $when: a clock time, or a day and time.
window-token-expired-at = Expired at { $when }
# $left: how long ("42 min"); $when: a clock time, or a day and time.
window-token-expires = Expires in { $left } · at { $when }
window-clipboard-off = Off
# $secs: a number of seconds (5 to 3600).
window-clipboard-after-seconds = After { $secs } seconds
# $n: a number of minutes.
window-clipboard-after-minutes = After { $n } minutes

## Linked: the permissions
window-scopes-title = Permissions
# $count: how many permissions Spotify granted.
window-scopes-granted = { $count } granted
window-scopes-none = No extra permissions: SpotLink can read only your public profile.
window-scopes-missing-title = Requested but not granted
window-scopes-missing-text = Spotify did not grant these. Features that need them will not work until you relink and approve them.
window-scopes-relink = Relink / change permissions
window-relink-title = Relink or change permissions
window-relink-text = Spotify shows its sign-in page again, where you can approve these permissions or switch to another account. A new link starts a new six months.
window-relink-continue = Continue in browser

## Linked: this link, the settings, and unlinking
window-link-title = This link
# $date: the day.
window-link-expired-on = Link expired on { $date }
# $date: the day; $when: window-today, or time-in of common.ftl ("in 181 days").
window-link-valid-until = Link valid until { $date } ({ $when })
window-today = today
# $date: the day and time.
window-link-approved = Approved on { $date }.
window-link-six-months = Spotify ends every link six months after approval; refreshing does not extend it, relinking starts a new six months.
window-remind = Remind me before the link ends
window-remind-hint = A desktop notification 14, 3 and 1 day before, and if Spotify stops accepting the link.
window-alerts = Tell me about unusual activity
window-alerts-hint = A notification when a program takes a token for the first time, when many tokens are taken within a minute, or when renewing keeps failing for an hour.
window-keep-in-tray = Keep running in the tray when the window is closed
window-keep-in-tray-hint = The token stays fresh and the reminders arrive; copy the token from the tray's menu. Only where the desktop shows a tray.
window-autostart = Start at login
window-autostart-hint = SpotLink starts in the tray when you log in, without opening this window.
window-unlink-text = Unlinking removes the link from this computer. Revoking SpotLink's access at Spotify is done on your account's Apps page.
window-link-unlink = Unlink
# $name: the account's name.
window-unlink-title-account = Unlink { $name }?
window-unlink-title-this-account = Unlink this account?
window-unlink-title = Unlink this computer?
window-unlink-body = This removes the link from this computer: SpotLink deletes its tokens from the system keychain and forgets the account in its settings.
# $name: the other linked account's name.
window-unlink-other-stays = { $name } stays linked.
# $name: one of the other linked accounts' names.
window-unlink-others-stay = { $name } and the other accounts stay linked.
window-unlink-apps = Spotify will still list SpotLink as allowed. To revoke its access there too, remove SpotLink on the Apps page of your Spotify account.
window-unlink-confirm = Unlink
window-unlink-open-apps = Open Apps page

## Activity: what happened to the links on this computer and which programs took a token
## (the engine's activity record; the linked view's card opens it, and so do the tray's
## "Activity…" and a notification's "Show activity")
window-activity-card-title = Activity
window-activity-card-text = What happened to your links on this computer, and which programs took a token.
window-activity-open = Show activity
window-activity-open-record = Show the activity record
window-activity-title = Activity
window-activity-lead = What happened to your links on this computer, and which programs took a token.
window-activity-back = Back
window-activity-reload = Reload
window-activity-loading = Reading the activity record…
window-activity-filters = Filters
window-activity-since = Time
window-activity-since-hour = Last hour
window-activity-since-day = Last 24 hours
window-activity-since-week = Last 7 days
# $days: how many days the record keeps.
window-activity-since-all =
    { $days ->
        [one] Everything ({ $days } day)
       *[other] Everything ({ $days } days)
    }
window-activity-account = Account
window-activity-account-all = All accounts
window-activity-program = Program
window-activity-program-all = All programs
window-activity-event-filter = Event
window-activity-event-all = All events
window-activity-event-tokens = Tokens handed out
window-activity-event-trouble = Refusals and failures
window-activity-event-kinds = Each kind
# $event: the event's name in the record (the same as `spotlink activity --event` takes).
window-activity-event =
    { $event ->
        [link] Linked
        [relink] Linked again
        [unlink] Unlinked
        [switch] Made active
        [refresh] Token renewed
        [refresh-refused] Refused by Spotify
        [refresh-failed] Renewal failed
        [token] Token taken
        [api] Web API call
        [copy] Token copied
        [clipboard-cleared] Clipboard cleared
        [reminder] Reminder shown
        [wake] Renewed on wake-up
        [cleared] Record cleared
       *[other] { $event }
    }
window-activity-programs-title = Programs that took a token
window-activity-programs-none = No program took a token in this time.
window-activity-column-program = Program
window-activity-column-tokens = Tokens
window-activity-column-first = First
window-activity-column-last = Last
window-activity-clipboard = Copied to the clipboard
window-activity-clipboard-hint = from this window or the tray
window-activity-trouble-title = Refusals and failures
window-activity-trouble-none = Spotify refused nothing and no renewal failed in this time.
# $shown and $count: how many are shown, of how many.
window-activity-trouble-newest = The newest { $shown } of { $count }.
window-activity-entries-title = Entries
# $count: how many entries the filters keep.
window-activity-entries-count =
    { $count ->
        [one] { $count } entry
       *[other] { $count } entries
    }
# $shown and $count: how many are shown, of how many.
window-activity-entries-newest = The newest { $shown } of { $count }
window-activity-more = Show more
window-activity-empty-title = No activity recorded yet
window-activity-empty = When a program runs spotlink token, or you copy the token, it shows here, and so do links, renewals and unlinks.
window-activity-none-match = No entry matches these filters.
window-activity-show-all = Show everything
window-activity-today = Today
window-activity-yesterday = Yesterday
# $name: the account's name, or its Spotify user ID.
window-activity-entry-account = Account: { $name }
# $name: the program's name (a script's file name, or the executable's).
window-activity-entry-program = Program: { $name }
# $exe: the executable's full path; $pid: its process ID.
window-activity-program-exe = { $exe }, process { $pid }
# $scopes: the permissions' names.
window-activity-entry-scopes = Permissions: { $scopes }
window-activity-detail-window = From this window
window-activity-detail-tray = From the tray
window-activity-detail-rotated = Spotify also sent a new refresh token
# A failed renewal's kind, a reminder's moment, why the app looked again after a
# wake-up; an unknown value (from a newer SpotLink) is shown as it is.
window-activity-detail-failed =
    { $kind ->
        [network] Network problem
        [timeout] No answer in time
        [rate_limited] Spotify limited requests
        [keychain_unavailable] The keychain was unavailable
        [not_allow_listed] Not on the app's allow list
        [invalid_client] Spotify refused the client ID
        [config] A settings problem
        [other] Another failure
       *[unknown] { $kind }
    }
window-activity-detail-reminder =
    { $threshold ->
        [renew_soon] Renew soon
        [three_days] 3 days left
        [one_day] 1 day left
        [expired] The link ended
        [rejected] Spotify rejected the link
       *[unknown] { $threshold }
    }
window-activity-detail-wake =
    { $reason ->
        [resumed] After sleep
        [online] Back online
        [clock-changed] The clock changed
       *[unknown] { $reason }
    }
window-activity-detail-quit = When SpotLink quit
window-activity-about-title = What this record sees
window-activity-about = It covers what goes through SpotLink: this window, the tray and the spotlink command. A program of yours can read the keychain directly without SpotLink; that leaves no entry here.
# $days: how many days entries are kept.
window-activity-kept =
    { $days ->
        [one] Entries are kept for { $days } day, on this computer only.
       *[other] Entries are kept for { $days } days, on this computer only.
    }
# $count: how many lines of the record could not be read.
window-activity-damaged =
    { $count ->
        [one] One damaged entry could not be read.
       *[other] { $count } damaged entries could not be read.
    }
window-activity-clear = Clear activity…
window-activity-clear-title = Clear the activity record?
window-activity-clear-body = SpotLink forgets every entry: the links, the renewals and which programs took a token. The record then holds one entry saying it was cleared.
window-activity-clear-confirm = Clear activity
window-activity-cleared = The activity record is cleared.
