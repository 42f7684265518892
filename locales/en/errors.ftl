# Error sentences: what went wrong and what to do. They start in lower case and have no
# final full stop: SpotLink makes them sentences where it shows them alone
# ("spotlink: The link ... again.") and joins them into others.

## The refresh lock (src/lock.rs)
error-lock-open = cannot open the lock file { $path }: { $detail }
error-lock-timeout = another SpotLink process held the refresh lock for more than { $secs } s ({ $path })
