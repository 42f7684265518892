# The pages SpotLink shows in the browser at the end of a sign-in (src/loopback.rs):
# a heading and a line under it. The browser tab's title is signin-page-title.

# $heading is the page's heading, one of the messages below.
signin-page-title = SpotLink: { $heading }

# Spotify's answer arrived and completes the sign-in.
signin-done = You can close this tab
signin-done-text = SpotLink received Spotify's answer and is finishing the link. Return to SpotLink.
# The sign-in ended without a link (declined, expired); the error's sentence follows.
signin-nothing-linked = Nothing was linked
# A request that does not belong to the sign-in in progress; the error's sentence follows.
signin-not-for-spotlink = This link is not for SpotLink
# Not an HTTP request SpotLink can read.
signin-bad-request = Bad request
signin-bad-request-text = SpotLink could not read this request.
# An address other than /callback.
signin-not-found = Not found
signin-not-found-text = This address only receives Spotify's sign-in redirect.
