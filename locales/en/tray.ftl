# The tray (src/background.rs): a line about the active account's link, the tooltip,
# and each account of the list when several are linked.

# Nothing is linked: the line in the menu, and the tooltip.
tray-unlinked = No Spotify account linked
tray-unlinked-tooltip = SpotLink: no Spotify account linked

## The line about the link. $date is the day it ends ("1 Dec 2026", the date of
## common.ftl); $when how soon ("in 61 days", "in less than a day", from common.ftl).
tray-link-ends = Link ends { $date } ({ $when })
# 14 days or less left.
tray-link-ends-soon = Link ends { $date } ({ $when }): relink soon
tray-link-ended = Link ended { $date }: relink to get tokens
tray-link-rejected = Spotify rejected this link: relink to get tokens

# The tooltip: the account's name and the line about its link (one of the above).
tray-tooltip = SpotLink: { $account }. { $expiry }

## An account in the list, when its link needs attention: its name and a word on the link.
tray-account-renew-soon = { $name } (relink soon)
tray-account-relink-needed = { $name } (relink needed)
tray-account-unreadable = { $name } (cannot be read)
