# Error sentences: what went wrong and what to do. They start in lower case and have no
# final full stop: SpotLink makes them sentences where it shows them alone
# ("spotlink: The link ... again.") and joins them into others.
#
# A $detail, $description or $message is someone else's words (the OS's, Spotify's, a
# parser's) or one of the *-detail-* messages below, worded in the same language first.
# Commands, variables, paths and scope names stay as they are in every language.

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

## The refresh lock (src/lock.rs)
error-lock-open = cannot open the lock file { $path }: { $detail }
error-lock-timeout = another SpotLink process held the refresh lock for more than { $secs } s ({ $path })
