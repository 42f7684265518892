# The spotlink command's words for people (its --json, exit codes and `status --check`'s
# first word stay as they are in every language). Commands in `backticks` are typed as
# they are: do not translate them.

## spotlink status
cli-status-linked-as = Linked to Spotify as { $name } ({ $id })
cli-status-plan = plan: { $plan }
cli-status-email = email: { $email }
cli-status-country = country: { $country }
cli-status-scopes = Scopes: { $scopes }
cli-status-no-scopes = Scopes: none
cli-status-not-granted = Requested but not granted: { $scopes }
cli-status-token-valid = Access token: valid until { $when }
cli-status-token-expired = Access token: expired { $ago }; `spotlink token` refreshes it
cli-status-token-none = Access token: none
cli-status-link-valid =
    { $days ->
        [one] Link: valid until { $when } — { $days } day left (Spotify links last 6 months)
       *[other] Link: valid until { $when } — { $days } days left (Spotify links last 6 months)
    }
cli-status-client-id = Client ID: { $client }
cli-status-accounts = Linked accounts ({ $count }; * active, `spotlink switch ACCOUNT` changes it):
cli-status-account-unreadable = cannot be read: { $problem }
cli-status-account-ok = ok, valid until { $when }
cli-status-account-renew-soon =
    { $days ->
        [one] renew soon: { $days } day left ({ $when })
       *[other] renew soon: { $days } days left ({ $when })
    }
cli-status-account-ended = ended { $when }; link it again
cli-status-account-rejected = Spotify no longer accepts it; link it again
cli-status-relink-needed = Spotify no longer accepts this link; run `spotlink link` to link again
cli-status-renew-soon = the link expires soon; run `spotlink link` to renew it for another 6 months.

## spotlink status --check: the line after the health word (ok:, renew_soon:, ...)
cli-check-not-linked = no Spotify account is linked; run `spotlink link`
cli-check-ok = linked as { $name }; the link is valid until { $when }
cli-check-renew-soon =
    { $days ->
        [one] the link for { $name } ends in { $days } day ({ $when }); run `spotlink link` to renew it for another 6 months
       *[other] the link for { $name } ends in { $days } days ({ $when }); run `spotlink link` to renew it for another 6 months
    }
cli-check-expired = the link for { $name } ended ({ $when }); run `spotlink link` to link again
cli-check-needs-relink = Spotify no longer accepts the link for { $name }; run `spotlink link` to link again

## spotlink switch
cli-switch-name-one =
    { $count ->
        [one] name the account to switch to: only one account is linked ({ $accounts })
       *[other] name the account to switch to: several accounts are linked ({ $accounts })
    }
cli-switch-done = Switched to { $name } ({ $id }): `spotlink token`, `spotlink api` and the app now use this account.

## spotlink unlink
cli-unlink-none = No Spotify account was linked on this computer.
cli-unlink-one = { $name } is unlinked from this computer: the keychain entry and settings are gone.
cli-unlink-many = { $count } accounts are unlinked from this computer ({ $names }): their keychain entries and settings are gone.
cli-unlink-now-active = { $name } ({ $id }) is the active account now.
cli-unlink-revoke = Spotify has no way for apps to revoke their own access. To remove SpotLink's access on Spotify's side, open:

## spotlink refresh
cli-refresh-done = Refreshed. The access token is valid until { $when }.

## spotlink link
cli-link-open = Open this URL in your browser to link your Spotify account:
cli-link-no-browser = (Could not open a browser: { $detail }. Open the URL above yourself.)
cli-link-waiting = Waiting for Spotify's answer on { $redirect } ... (Ctrl-C to cancel)
cli-link-ignored = ignored a request that is not this sign-in's answer: { $request }
cli-link-linked = Linked Spotify account { $name } ({ $id }).
cli-link-scopes = Scopes: { $scopes }
cli-link-no-scopes = Scopes: none
cli-link-not-granted = Requested but not granted: { $scopes }
cli-link-valid-until = Link valid until { $when }.
cli-link-added-beside = This account's link was added beside { $others }, and it is the active account now (`spotlink switch` changes that).
cli-link-renewed-beside = This account's link was renewed beside { $others }, and it is the active account now (`spotlink switch` changes that).

## spotlink link --remote
cli-remote-open = Open this address in a browser on any device (a phone can scan the code below) and sign in:
cli-remote-too-long = (The address is too long for a QR code: copy it instead.)
cli-remote-ssh = (With SSH, forwarding the port works too: ssh -L PORT:127.0.0.1:PORT this-machine, then plain `spotlink link --port PORT --no-browser` and open its address on your computer.)
cli-remote-paste = After you approve, that browser goes to { $redirect }?code=... and cannot load the page: this is expected. Copy the whole address from its address bar and paste it here, then press Enter.
cli-remote-prompt = Address:
cli-remote-again = Paste the address the browser ended on after you approved (Ctrl-C to cancel).

## spotlink api
cli-api-not-a-method = `{ $name }` is not an HTTP method
cli-api-not-a-field = `{ $field }` is not KEY=VALUE
cli-api-not-utf8 = { $path } is not UTF-8 text
cli-api-cannot-read = cannot read { $path }: { $detail }
cli-api-bad-key = `{ $key }` is not a field name (NAME, NAME[] or NAME[SUB])
cli-api-mixed-key = `{ $key }` mixes a list and an object
cli-api-not-a-header = `{ $header }` is not a header (Name: value)
cli-api-bad-header-name = `{ $name }` is not a header name
cli-api-reserved-header = the { $name } header is SpotLink's to set
cli-api-bad-header-value = the value of { $name } is not valid
cli-api-paginate-get-only = --paginate follows GET requests only
cli-api-rate-limited = Spotify is rate limiting; sending again in { $secs } s.
cli-api-items = { $items } items ({ $pages } pages)
cli-api-items-of = { $items } of { $total } items ({ $pages } pages)
cli-api-jq-parse = the --jq expression does not parse ({ $count } error(s))
cli-api-jq-compile = the --jq expression does not compile ({ $count } error(s), e.g. an unknown filter)
cli-api-jq-failed = --jq failed: { $detail }
cli-api-not-json = Spotify's answer is not JSON ({ $detail })

## Start-up
cli-cannot-start = cannot start: { $detail }

## spotlink scopes
cli-scopes-none = The link has no scopes: it can read only public data.
cli-scopes-legend = ✓ granted   ✗ requested but not granted by Spotify

## spotlink activity

cli-activity-cleared = The activity record is cleared ({ $path }); it now holds one entry saying so.
cli-activity-damaged =
    { $count ->
        [one] One entry of the activity record ({ $path }) is damaged and was skipped; the others are shown.
       *[other] { $count } entries of the activity record ({ $path }) are damaged and were skipped; the others are shown.
    }
cli-activity-empty = No activity recorded yet.
cli-activity-none-match = No activity matches.
cli-activity-no-tokens = No program took a token in this time.
cli-activity-clipboard = (copied to the clipboard)
cli-activity-column-time = TIME
cli-activity-column-event = EVENT
cli-activity-column-account = ACCOUNT
cli-activity-column-program = PROGRAM
cli-activity-column-detail = DETAIL
cli-activity-column-tokens = TOKENS
cli-activity-column-first = FIRST
cli-activity-column-last = LAST
cli-activity-event =
    { $event ->
        [link] linked
        [relink] linked again
        [unlink] unlinked
        [switch] made active
        [refresh] token renewed
        [refresh-refused] refused by Spotify
        [refresh-failed] renewal failed
        [token] token taken
        [api] Web API call
        [copy] token copied
        [clipboard-cleared] clipboard cleared
        [reminder] reminder shown
        [wake] renewed on wake-up
        [cleared] record cleared
       *[other] { $event }
    }
# The record's details in words where SpotLink wrote them; anything else (a Web API
# call, the scopes granted, Spotify's own reason) is shown as it is.
cli-activity-detail =
    { $detail ->
        [renewed] renewed
        [rotated] renewed, new refresh token
        [window] from the window
        [tray] from the tray
        [quit] when SpotLink quit
        [resumed] after sleep
        [online] back online
        [clock-changed] the clock changed
        [renew_soon] renew soon
        [three_days] 3 days left
        [one_day] 1 day left
        [expired] the link ended
        [rejected] Spotify rejected the link
        [network] network problem
        [timeout] no answer in time
        [rate_limited] Spotify limited requests
        [keychain_unavailable] keychain unavailable
        [not_allow_listed] not on the app's allow list
        [invalid_client] client ID refused
        [config] settings problem
        [other] other failure
       *[unknown] { $detail }
    }
cli-activity-bad-since = “{ $value }” is neither a duration (30m, 12h, 7d, 2w) nor a time (2026-12-01, 2026-12-01T08:00:00Z)
cli-activity-bad-event = “{ $value }” is no event; the events are { $events }
