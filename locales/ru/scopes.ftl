# Каталог разрешений (src/scopes.rs): разделы страницы разрешений Spotify, что даёт
# каждое разрешение и наборы разрешений в приложении. Имена разрешений
# (user-read-email) — это имена Spotify, их не переводят.

## Разделы страницы разрешений Spotify.
scope-category-images = Изображения
scope-category-spotify-connect = Spotify Connect
scope-category-playback = Воспроизведение
scope-category-playlists = Плейлисты
scope-category-follow = Подписки
scope-category-listening-history = История прослушивания
scope-category-library = Медиатека
scope-category-users = Аккаунт
scope-category-open-access = Open Access (только для партнёров)
# Раздел для выданных разрешений, которых SpotLink ещё не знает.
scope-category-other = Другие

## Что даёт разрешение: по одному предложению, с точкой в конце.
scope-ugc-image-upload = Загружать собственные обложки для ваших плейлистов.
scope-user-read-playback-state = Видеть, что сейчас играет и на каком из ваших устройств.
scope-user-modify-playback-state = Запускать и приостанавливать воспроизведение, переключать треки и устройства за вас.
scope-user-read-currently-playing = Видеть трек или выпуск, который играет прямо сейчас.
scope-app-remote-control = Управлять Spotify на вашем телефоне (мобильные SDK).
scope-streaming = Воспроизводить музыку в этом приложении через Web Playback SDK (Premium).
scope-playlist-read-private = Видеть ваши закрытые плейлисты.
scope-playlist-read-collaborative = Видеть совместные плейлисты, в которых вы участвуете.
scope-playlist-modify-private = Создавать, изменять и удалять ваши закрытые плейлисты.
scope-playlist-modify-public = Создавать, изменять и удалять ваши открытые плейлисты.
scope-user-follow-read = Видеть, на каких исполнителей и пользователей вы подписаны.
scope-user-follow-modify = Подписываться на исполнителей и пользователей и отписываться от них за вас.
scope-user-read-playback-position = Видеть, где вы остановились в выпусках подкастов и аудиокнигах.
scope-user-top-read = Видеть, каких исполнителей и какие треки вы слушаете чаще всего.
scope-user-read-recently-played = Видеть, что вы недавно слушали.
scope-user-library-read = Видеть сохранённые вами треки, альбомы, подкасты и выпуски.
scope-user-library-modify = Сохранять и удалять треки, альбомы, подкасты и выпуски.
scope-user-read-email = Видеть адрес электронной почты вашего аккаунта.
scope-user-read-private = Видеть ваш тариф (Free или Premium), страну и настройку контента с ненормативной лексикой.
scope-user-soa-link = Привязывать аккаунт партнёра к вашему аккаунту Spotify.
scope-user-soa-unlink = Отвязывать аккаунт партнёра от вашего аккаунта Spotify.
scope-user-manage-entitlements = Управлять правами на контент, полученными от партнёра.
scope-user-manage-partner = Управлять настройками вашего партнёрского аккаунта.
scope-user-create-partner = Создавать для вас партнёрский аккаунт.
# Выданное разрешение, которого SpotLink ещё не знает.
scope-undescribed = Разрешение, которое SpotLink пока не описывает.

## Наборы разрешений: название и для чего он.
scope-preset-basic = Только профиль
scope-preset-basic-description = Кто вы, ваш тариф и адрес электронной почты. Этого достаточно, чтобы показать привязку.
scope-preset-playback = Управление воспроизведением
scope-preset-playback-description = Профиль, а также просмотр и управление тем, что играет на ваших устройствах.
scope-preset-library = Медиатека и плейлисты
scope-preset-library-description = Профиль, а также просмотр и изменение вашей медиатеки и плейлистов.
scope-preset-everything = Всё для личного пользования
scope-preset-everything-description = Все разрешения, кроме партнёрских разрешений Open Access.
