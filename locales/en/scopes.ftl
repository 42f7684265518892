# The scope catalogue (src/scopes.rs): the headings of Spotify's scopes page, what
# granting each scope allows, and the presets of the app's permissions picker. The
# scope names themselves (user-read-email) are Spotify's and are never translated.

## Headings: the groups of Spotify's scopes page.
scope-category-images = Images
scope-category-spotify-connect = Spotify Connect
scope-category-playback = Playback
scope-category-playlists = Playlists
scope-category-follow = Follow
scope-category-listening-history = Listening history
scope-category-library = Library
scope-category-users = Account
scope-category-open-access = Open Access (partners only)
# The heading of granted scopes SpotLink does not know yet.
scope-category-other = Other

## What granting a scope allows: one sentence each, named scope-<the scope's name>.
scope-ugc-image-upload = Upload custom cover images for your playlists.
scope-user-read-playback-state = See what is playing and on which of your devices.
scope-user-modify-playback-state = Play, pause, skip and switch devices for you.
scope-user-read-currently-playing = See the track or episode playing right now.
scope-app-remote-control = Control Spotify on your phone (mobile SDKs).
scope-streaming = Play music in this app with the Web Playback SDK (Premium).
scope-playlist-read-private = See your private playlists.
scope-playlist-read-collaborative = See playlists you collaborate on.
scope-playlist-modify-private = Create, edit and delete your private playlists.
scope-playlist-modify-public = Create, edit and delete your public playlists.
scope-user-follow-read = See which artists and people you follow.
scope-user-follow-modify = Follow and unfollow artists and people for you.
scope-user-read-playback-position = See where you stopped in episodes and audiobooks.
scope-user-top-read = See your top artists and tracks.
scope-user-read-recently-played = See what you played recently.
scope-user-library-read = See your saved tracks, albums, shows and episodes.
scope-user-library-modify = Save and remove tracks, albums, shows and episodes.
scope-user-read-email = See your account's email address.
scope-user-read-private = See your plan (Free or Premium), country and explicit-content setting.
scope-user-soa-link = Link a partner account to your Spotify account.
scope-user-soa-unlink = Unlink a partner account from your Spotify account.
scope-user-manage-entitlements = Manage content entitlements from a partner.
scope-user-manage-partner = Manage your partner account settings.
scope-user-create-partner = Create a partner account for you.
# A granted scope SpotLink does not know yet.
scope-undescribed = A scope SpotLink does not describe yet.

## Presets: a name and what it is for.
scope-preset-basic = Profile only
scope-preset-basic-description = Who you are, your plan and email. Enough to show the link.
scope-preset-playback = Playback control
scope-preset-playback-description = Profile, plus seeing and controlling what plays on your devices.
scope-preset-library = Library and playlists
scope-preset-library-description = Profile, plus reading and changing your library and playlists.
scope-preset-everything = Everything for personal use
scope-preset-everything-description = Every scope except the partners-only Open Access ones.
