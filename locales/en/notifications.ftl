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
