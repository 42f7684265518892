# Error sentences: what went wrong and what to do. They start in lower case and have no
# final full stop: SpotLink makes them sentences where it shows them alone
# ("spotlink: The link ... again.") and joins them into others.
#
# A $detail, $description or $message is someone else's words (the OS's, Spotify's, a
# parser's) or one of the *-detail-* messages below, worded in the same language first.
# Commands, variables, paths and scope names stay as they are in every language.

## Any failure of the engine (src/error.rs)
error-engine-not-linked = no Spotify account is linked; run `spotlink link` or use the SpotLink app
# $asked: the name given with --account, SPOTLINK_ACCOUNT or a switch.
error-engine-unknown-account-none-linked = no Spotify account is linked, so none is called { $asked }; run `spotlink link`
# $linked: the linked accounts, comma-separated.
error-engine-unknown-account = no linked Spotify account is called { $asked }; the linked accounts are { $linked }
# $ids: the ids of the accounts with that name, comma-separated.
error-engine-ambiguous-account = several linked accounts are called { $asked }; name one by its id: { $ids }
# $reason: Spotify's description, or one of error-engine-detail-*.
error-engine-relink-needed = the link to { $account } must be renewed: { $reason }. Link again to continue
error-engine-detail-refresh-token-gone = Spotify no longer accepts it
error-engine-detail-another-account = the token belongs to another account
error-engine-client-changed = the stored link belongs to client ID { $stored }, but SpotLink is now configured with { $configured }; link again
error-engine-no-refresh-token = Spotify's answer has no refresh token, so the link could not be kept
# `spotlink link --remote`: the input ended (or failed) before Spotify's answer was pasted.
error-engine-no-answer = no sign-in answer came ({ $reason }); nothing was linked
error-engine-detail-input-ended = the input ended before an address was pasted
# $error: why the last address pasted was refused (an error-callback-* sentence).
error-engine-detail-input-ended-after = the input ended; what was pasted last: { $error }
error-engine-detail-input-unreadable = cannot read the input: { $detail }
error-engine-code-rejected = Spotify rejected this sign-in ({ $description }); nothing was changed. Start the sign-in again
# $count: how many scopes are missing; $scopes: their names, comma-separated;
# $argument: the same names as the command takes them (separated by commas only).
error-engine-missing-scopes =
    the link lacks the { $count ->
        [one] scope
       *[other] scopes
    } { $scopes }; add { $count ->
        [one] it
       *[other] them
    } with `spotlink link --add-scopes { $argument }` (or Relink / change permissions in the app)

## Spotify's answers over HTTP (src/http.rs)
# A detail: the answer is not the JSON object Spotify sends.
error-http-detail-not-an-object = not a JSON object
# Spotify is throttling requests (the accounts service or the Web API).
error-rate-limited = Spotify is rate limiting requests; try again later
# $secs: how long Spotify asks to wait (Retry-After).
error-rate-limited-for = Spotify is rate limiting requests for { $secs } s; try again later

## The token endpoint (src/token.rs)
error-token-invalid-grant = Spotify rejected the authorization ({ $description })
error-token-invalid-client = Spotify does not recognise the client ID ({ $description }); check it in the developer dashboard
# $error: Spotify's error code (invalid_request, ...), as it is.
error-token-refused = Spotify refused the request: { $error }
error-token-refused-described = Spotify refused the request: { $error } ({ $description })
error-token-server = Spotify's accounts service answered with HTTP { $status }; try again later
error-token-unreachable = cannot reach Spotify's accounts service ({ $detail }); check your connection
error-token-connection = the connection to Spotify's accounts service failed ({ $detail })
error-token-timeout = Spotify's accounts service did not answer in time
# $detail: one of error-token-detail-*.
error-token-malformed = Spotify's accounts service sent an answer SpotLink cannot read ({ $detail })
error-token-detail-not-a-token = not a token response: { $detail }
error-token-detail-not-bearer = token type "{ $token_type }" is not Bearer
error-token-detail-invalid-token = the token has an invalid form
error-token-detail-expires-in = expires_in { $expires_in } is out of range
error-token-detail-no-error-body = HTTP { $status } without an OAuth error body

## The account's profile (src/profile.rs)
error-profile-unauthorized = Spotify did not accept the access token ({ $message })
error-profile-forbidden = Spotify refused access for this account. Apps in development mode work only for accounts the app's owner added under User Management in the developer dashboard
error-profile-server = Spotify's Web API answered with HTTP { $status }; try again later
error-profile-unreachable = cannot reach Spotify's Web API ({ $detail }); check your connection
error-profile-timeout = Spotify's Web API did not answer in time
error-profile-malformed = Spotify's Web API sent an answer SpotLink cannot read ({ $detail })
error-profile-detail-not-a-profile = not a profile: { $detail }
error-profile-detail-no-id = the profile has no id

## The redirect back from the browser (src/callback.rs)
# $detail: one of error-callback-detail-*.
error-callback-malformed = the sign-in link is malformed ({ $detail }); nothing was changed
error-callback-no-pending-flow = a sign-in link arrived but no sign-in is in progress; nothing was changed
error-callback-state-mismatch = the sign-in link does not belong to the sign-in in progress (state mismatch); nothing was changed
error-callback-replayed = this sign-in link was already used; nothing was changed
error-callback-expired = the sign-in took longer than 10 minutes and expired; start again
error-callback-denied = you declined the request on Spotify's page, so nothing was linked
# $error: Spotify's error code (invalid_scope, ...), as it is.
error-callback-refused = Spotify refused the sign-in ({ $error }); nothing was linked
error-callback-refused-described = Spotify refused the sign-in ({ $error }: { $description }); nothing was linked
error-callback-detail-too-long = it is too long
error-callback-detail-not-a-url = not a URL
error-callback-detail-not-spotlink = it is not spotlink://callback
error-callback-detail-unexpected-parts = unexpected parts in the link
# $redirect: the address the browser goes to after the sign-in.
error-callback-detail-not-the-redirect = it is not an address starting with { $redirect }?
# $parameter: code, state, error or error_description.
error-callback-detail-repeated = `{ $parameter }` appears twice
error-callback-detail-code-and-error = both `code` and `error`
error-callback-detail-no-state = `state` is missing
error-callback-detail-invalid-characters = invalid characters
error-callback-detail-invalid-error = invalid `error`
error-callback-detail-no-code-or-error = neither `code` nor `error`

## The loopback redirect (src/loopback.rs)
error-loopback-bind = cannot listen on 127.0.0.1:{ $port } for the redirect ({ $detail }); choose another port or leave it to SpotLink
error-loopback-timed-out = no answer came back from the browser within { $minutes } minutes; start again
# $detail: the OS's words, or one of error-loopback-detail-*.
error-loopback-io = the loopback listener failed: { $detail }
error-loopback-detail-not-loopback = not a loopback redirect
error-loopback-detail-bad-characters = the answer holds characters an address cannot
error-loopback-detail-no-answer = the listener did not answer
error-loopback-detail-not-http = the listener's answer was not HTTP

## Scope names (src/scopes.rs)
error-scopes-unknown = "{ $scope }" is not a Spotify scope; `spotlink scopes --all` lists them

## The system keychain (src/store.rs)
# No keychain to talk to, one sentence per system; $detail is the system's words.
error-store-unavailable-linux = SpotLink keeps your link only in the system keychain, but no Secret Service (such as GNOME Keyring, KWallet or KeePassXC) is running on the session D-Bus ({ $detail }). Start one and try again; SpotLink never stores tokens in a plain file
error-store-unavailable-macos = SpotLink keeps your link only in the system keychain, but the macOS Keychain is not available ({ $detail }). Start one and try again; SpotLink never stores tokens in a plain file
error-store-unavailable-windows = SpotLink keeps your link only in the system keychain, but the Windows Credential Manager is not available ({ $detail }). Start one and try again; SpotLink never stores tokens in a plain file
# $detail: the system's words, or one of error-store-detail-locked ... no-default-collection.
error-store-denied = the system keychain refused access ({ $detail }); unlock it and try again
error-store-detail-locked = it is locked
error-store-detail-prompt-dismissed = its unlock prompt was dismissed
error-store-detail-prompt-unanswered = its unlock prompt went away unanswered
error-store-detail-no-default-collection = the keychain has no default collection
# $operation: one of error-store-operation-*.
error-store-timeout = the system keychain did not answer within { $secs } s while trying to { $operation }; it may be waiting for you to unlock it
error-store-operation-read-link = read the link
error-store-operation-list-links = list the links
error-store-operation-save-link = save the link
error-store-operation-delete-link = delete the link
error-store-operation-remember-pending = remember the sign-in in progress
error-store-operation-read-pending = read the sign-in in progress
error-store-operation-forget-pending = forget the sign-in in progress
# $detail: one of the error-store-detail-* below, or a parser's words.
error-store-corrupt = the keychain entry for { $account } is unreadable ({ $detail }); link again to replace it
error-store-detail-another-shape = not a SpotLink record: JSON of another shape at line { $line } column { $column }
error-store-detail-not-json = not JSON at line { $line } column { $column }
error-store-detail-cut-off = cut off at line { $line } column { $column }
error-store-detail-unreadable = unreadable at line { $line } column { $column }
error-store-detail-unknown-version = unknown record version { $version }
error-store-detail-another-account = it names another account
error-store-detail-empty-token = an empty token
error-store-detail-expiry-missing = an access token without an expiry
# $units: UTF-16 units, the measure of the Windows Credential Manager.
error-store-too-large = the link is too large for the system keychain ({ $units } units)
# $detail: the system's words, or one of the error-state-detail-* below.
error-store-state-file = { $path }: { $detail }. Fix or delete the file; the links stay in the system keychain, and `spotlink switch ACCOUNT` takes one up again
# $detail: the system's words, or one of the error-store-detail-* below.
error-store-other = the system keychain failed: { $detail }
# $count (2 or more) items for one account; $service: the keychain service name.
error-store-detail-ambiguous = { $count } entries for service { $service } share one account; unlink to remove them
error-store-detail-not-utf8 = the stored secret is not UTF-8 text
error-store-detail-call-failed = keychain call failed: { $detail }

## The state file (src/state.rs)
# $detail: the JSON parser's words.
error-state-detail-json = line { $line }, column { $column }: { $detail }
error-state-detail-no-account = no account id
error-state-detail-account-without-id = an account with no id
error-state-detail-listed-twice = the account { $account } is listed twice
error-state-detail-active-unknown = the active account { $account } is not among the linked accounts

## Settings (src/config.rs)
error-config-no-home = cannot find your home directory, so SpotLink does not know where to keep its settings
error-config-read = cannot read { $path }: { $detail }
error-config-write = cannot write { $path }: { $detail }
# $detail: the TOML parser's words. This one ends with a full stop of its own.
error-config-parse = { $path } line { $line }, column { $column }: { $detail }. Fix or delete the file.
# $origin: the settings file or the environment variable the value came from;
# $detail: one of error-config-detail-*.
error-config-invalid = { $origin }: { $detail }
# The client ID kept with a link, checked as a configured one would be.
error-config-invalid-stored-client-id = stored link: { $detail }
error-config-missing-client-id = no Spotify client ID is set. Create an app at { $dashboard }, then set SPOTLINK_CLIENT_ID or `client_id` in { $path }
# $value: the setting as written; $detail: the URL parser's words.
error-config-detail-not-a-url = "{ $value }" is not a URL ({ $detail })
error-config-detail-not-https = "{ $value }" must be an https:// URL (plain http only on 127.0.0.1)
error-config-detail-query-or-fragment = "{ $value }" must not have a query or fragment
error-config-detail-client-id-empty = the client ID is empty
error-config-detail-client-id-form = a client ID is at most 128 visible ASCII characters, with no spaces
error-config-detail-client-id-spotify = a Spotify client ID is 32 characters of 0-9 and a-f, as shown on your app's page in the developer dashboard

## Spotify's Web API (src/api.rs)
error-api-foreign = refusing to send the token to { $url }: it is not on Spotify's Web API ({ $api })
error-api-bad-target = `{ $target }` is not a Web API path or URL
error-api-unauthorized = Spotify rejected the access token even after renewing it ({ $message })
# A 403 for a scope SpotLink cannot name (it does not know the endpoint).
error-api-insufficient-scope-unnamed = Spotify says the link lacks a scope this request needs ({ $message }); find it in the endpoint's reference and add it with `spotlink link --add-scopes SCOPE`
# $count, $scopes, $argument: as in error-engine-missing-scopes.
error-api-insufficient-scope =
    this request needs the { $count ->
        [one] scope
       *[other] scopes
    } { $scopes }, which the link lacks; add { $count ->
        [one] it
       *[other] them
    } with `spotlink link --add-scopes { $argument }` (or Relink / change permissions in the app)
error-api-not-allow-listed = Spotify refused access for this account ({ $message }). Apps in development mode work only for accounts the app's owner added under User Management in the developer dashboard
error-api-status = Spotify's Web API answered HTTP { $status }: { $message }
error-api-unreachable = cannot reach Spotify's Web API ({ $detail }); check your connection
error-api-timeout = Spotify's Web API did not answer in time
error-api-broken = the connection to Spotify's Web API broke ({ $detail })
# $detail: the JSON parser's words, or one of error-api-detail-*.
error-api-malformed = Spotify's Web API sent an answer SpotLink cannot page through ({ $detail })
error-api-detail-not-paging = the answer is not a paging object
error-api-detail-next-not-a-url = `next` is not a URL: { $next }
error-api-detail-next-circle = its `next` links go round in a circle

## The refresh lock (src/lock.rs)
error-activity-io = cannot use the activity record { $path }: { $detail }
error-activity-busy = another SpotLink process kept the activity record locked ({ $path })
error-lock-open = cannot open the lock file { $path }: { $detail }
error-lock-timeout = another SpotLink process held the refresh lock for more than { $secs } s ({ $path })
