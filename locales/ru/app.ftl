# Фразы самого приложения, составляемые в Rust: уведомления и баннеры ошибок окна,
# меню в трее, кнопки уведомлений.

## Баннеры ошибок: заголовок по виду сбоя
app-error-denied = Доступ не предоставлен
app-error-state-mismatch = Ссылка входа отклонена
app-error-network = Нет связи со Spotify
app-error-rate-limited = Слишком много запросов
app-error-relink-needed = Привязку нужно обновить
app-error-keychain-unavailable = Хранилище ключей недоступно
app-error-not-allow-listed = Аккаунт не допущен
app-error-invalid-client = Client ID не распознан
app-error-timeout = Время ожидания истекло
app-error-config = Проблема с настройками
app-error-other = Что-то пошло не так
app-error-not-linked = Аккаунт не привязан

## Сбои самого приложения
app-error-browser-title = Не удаётся открыть браузер
app-error-browser = SpotLink не смог запустить браузер ({ $detail }). Откройте { $url } сами
app-error-login-item-title = Не удаётся изменить автозапуск
app-error-clipboard-title = Буфер обмена недоступен
app-error-clipboard = системный буфер обмена отказал ({ $detail })
app-error-activity-title = Журнал активности недоступен
app-error-unknown-permission = Неизвестное разрешение
app-error-no-sign-in-title = Вход не начат
app-error-no-sign-in = Сначала начните привязку.
app-error-not-the-address-title = Это не тот адрес, которого ждёт SpotLink
app-error-not-the-address = Вставьте адрес целиком — тот, что показывает браузер после того, как вы одобрили SpotLink: он начинается с { $redirect }?code=
app-error-not-waiting-title = Вход больше не ожидается
app-error-not-waiting = SpotLink перестал ждать ответа на этот вход. Начните его заново.
app-error-client-id-title = Недопустимый Client ID
app-error-delay-title = Недопустимая задержка
app-error-delay = выберите от { $min } секунд до { $max } минут
app-error-language-title = Язык недоступен
app-error-language = SpotLink не говорит на языке «{ $tag }»
app-cannot-start = Не удалось запустить SpotLink: { $detail }
app-already-running = SpotLink уже запущен, но не ответил за { $secs } с; закройте его и попробуйте снова.

## Уведомления в окне
app-notice-ignored-link = Пропущена ссылка входа, которую SpotLink не открывал; ничего не изменилось.
app-notice-replayed-link = Пропущена уже использованная ссылка входа; ничего не изменилось.
app-notice-no-browser = SpotLink не смог запустить браузер ({ $detail }). Нажмите «Скопировать ссылку» и откройте её в браузере.
app-notice-sign-in-cancelled = Вход отменён. Ничего не изменилось.
app-notice-linked = Привязан аккаунт { $name }.
app-notice-linked-not-granted = Привязан аккаунт { $name }, но Spotify не выдал разрешения: { $scopes }.
app-notice-token-copied = Токен скопирован (действует до { $until }).
app-notice-token-of-copied = Токен аккаунта { $name } скопирован (действует до { $until }).
app-notice-clipboard-clears = Буфер обмена будет очищен через { $secs } с.
app-notice-refreshed = Токен обновлён. Новый токен действует до { $until }.
app-notice-unlinked-other-active = Аккаунт { $name } отвязан: SpotLink забыл его привязку на этом компьютере. Теперь активный аккаунт — { $active }.
app-notice-unlinked = Аккаунт отвязан: SpotLink забыл привязку на этом компьютере.
app-notice-authorize-copied = Ссылка входа скопирована. Откройте её в браузере, где вы пользуетесь Spotify.
app-notice-clipboard-cleared = Токен удалён из буфера обмена.
app-notice-switched = Теперь активный аккаунт — { $name }: его используют «Скопировать токен», трей и `spotlink token`.
app-notice-client-id-overridden = Сохранено, но в окружении задана SPOTLINK_CLIENT_ID, поэтому SpotLink использует { $other }, пока она не снята.
app-notice-client-id-saved = Client ID сохранён.
app-notice-redirect-copied = Скопировано: { $uri }. Добавьте его в Redirect URIs в настройках вашего приложения в панели разработчика.

## Меню в трее
app-tray-copy-token = Скопировать токен
app-tray-open = Открыть SpotLink
app-tray-activity = Журнал активности…
app-tray-relink = Привязать заново…
app-tray-accounts = Аккаунты
app-tray-copy-token-of = Скопировать токен аккаунта { $name }
app-tray-quit = Выйти из SpotLink

## Кнопки уведомлений
app-notification-open = Открыть SpotLink
app-notification-relink = Привязать заново
app-notification-activity = Показать активность
