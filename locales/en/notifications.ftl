# Desktop notifications before and when the link ends (src/reminders.rs). $account is
# the account's name as shown; $when how soon the link ends ("in 3 days", "in less
# than a day", from common.ftl).

# 14, 3 and 1 days before the end.
notify-renew-title = Renew your Spotify link
notify-renew-body = The link to { $account } ends { $when }: Spotify's links last six months. Relink to keep tokens coming.
# The six months are over.
notify-ended-title = Your Spotify link has ended
notify-ended-body = The link to { $account } is more than six months old. Relink to get tokens again.
# Spotify rejected the refresh token.
notify-rejected-title = Spotify no longer accepts your link
notify-rejected-body = Spotify rejected the link to { $account } (access removed, or the password changed). Relink to get tokens again.

# Unusual activity (src/activity/unusual.rs), each at most once a day. $account is the
# account's name as shown; $program a program's name, $path its executable.
notify-alert-new-program-title = A new program took your Spotify token
notify-alert-new-program-body = { $program } ({ $path }) took the access token of { $account } for the first time. If you did not start it, unlink and look at Activity.
notify-alert-burst-title = Many Spotify tokens in a minute
notify-alert-burst-body = { $count } tokens were taken within a minute, more than the { $limit } you allow. Activity shows which programs took them.
notify-alert-refused-title = Spotify refused a link that worked
notify-alert-refused-body = Spotify refused the link to { $account }: { $reason }. Relink to get tokens again.
notify-alert-failing-title = Renewing your Spotify token keeps failing
notify-alert-failing-body = Renewing the access token of { $account } has been failing for over an hour (the first failure was { $ago }). Activity shows why.
