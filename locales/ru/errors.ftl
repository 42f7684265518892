# Сообщения об ошибках: что случилось и что делать. Начинаются со строчной буквы и без
# точки в конце: SpotLink сам делает из них предложения.
#
# $detail, $description и $message — чужие слова (ОС, Spotify, парсера) или одно из
# сообщений *-detail-* ниже, уже на этом же языке. Команды, переменные окружения, пути
# и названия разрешений не переводятся.

## Любая ошибка движка (src/error.rs)
error-engine-not-linked = аккаунт Spotify не привязан; выполните `spotlink link` или воспользуйтесь приложением SpotLink
error-engine-unknown-account-none-linked = ни один аккаунт Spotify не привязан, так что аккаунта с именем { $asked } нет; выполните `spotlink link`
error-engine-unknown-account = среди привязанных аккаунтов Spotify нет аккаунта с именем { $asked }; привязаны: { $linked }
error-engine-ambiguous-account = несколько привязанных аккаунтов называются { $asked }; укажите нужный по идентификатору: { $ids }
error-engine-relink-needed = привязку аккаунта { $account } нужно продлить: { $reason }. Привяжите аккаунт заново, чтобы продолжить
error-engine-detail-refresh-token-gone = Spotify её больше не принимает
error-engine-detail-another-account = токен принадлежит другому аккаунту
error-engine-client-changed = сохранённая привязка сделана с Client ID { $stored }, а сейчас SpotLink настроен на { $configured }; привяжите аккаунт заново
error-engine-no-refresh-token = в ответе Spotify нет токена обновления, поэтому привязку не удалось сохранить
error-engine-no-answer = ответ на вход не пришёл ({ $reason }); ничего не привязано
error-engine-detail-input-ended = ввод закончился раньше, чем был вставлен адрес
error-engine-detail-input-ended-after = ввод закончился, а последний вставленный адрес не подошёл: { $error }
error-engine-detail-input-unreadable = не удаётся прочитать ввод: { $detail }
error-engine-code-rejected = Spotify отклонил этот вход ({ $description }); ничего не изменено. Начните вход заново
# За названиями разрешений идёт список, а не число: одно разрешение — единственное
# число, два и больше — множественное (поэтому [1], а не категории one/few/many).
error-engine-missing-scopes =
    у привязки нет { $count ->
        [1] разрешения
       *[other] разрешений
    } { $scopes }; добавьте { $count ->
        [1] его
       *[other] их
    } командой `spotlink link --add-scopes { $argument }` (или привяжите аккаунт заново либо измените разрешения в приложении)

## Ответы Spotify по HTTP (src/http.rs)
error-http-detail-not-an-object = не объект JSON
error-rate-limited = Spotify ограничивает частоту запросов; попробуйте позже
error-rate-limited-for = Spotify ограничивает частоту запросов ещё { $secs } с; попробуйте позже

## Получение токенов (src/token.rs)
error-token-invalid-grant = Spotify отклонил авторизацию ({ $description })
error-token-invalid-client = Spotify не знает такого Client ID ({ $description }); проверьте его в панели разработчика Spotify (Developer Dashboard)
error-token-refused = Spotify отклонил запрос: { $error }
error-token-refused-described = Spotify отклонил запрос: { $error } ({ $description })
error-token-server = служба аккаунтов Spotify ответила HTTP { $status }; попробуйте позже
error-token-unreachable = не удаётся связаться со службой аккаунтов Spotify ({ $detail }); проверьте подключение к сети
error-token-connection = сбой соединения со службой аккаунтов Spotify ({ $detail })
error-token-timeout = служба аккаунтов Spotify не ответила вовремя
error-token-malformed = служба аккаунтов Spotify прислала ответ, который SpotLink не может прочитать ({ $detail })
error-token-detail-not-a-token = это не ответ с токеном: { $detail }
error-token-detail-not-bearer = тип токена «{ $token_type }» — не Bearer
error-token-detail-invalid-token = недопустимый формат токена
error-token-detail-expires-in = значение expires_in { $expires_in } вне допустимого диапазона
error-token-detail-no-error-body = HTTP { $status } без тела ошибки OAuth

## Профиль аккаунта (src/profile.rs)
error-profile-unauthorized = Spotify не принял токен доступа ({ $message })
error-profile-forbidden = Spotify отказал в доступе этому аккаунту. Приложения в режиме разработки работают только с аккаунтами, которые владелец приложения добавил в разделе User Management панели разработчика Spotify (Developer Dashboard)
error-profile-server = Web API Spotify ответил HTTP { $status }; попробуйте позже
error-profile-unreachable = не удаётся связаться с Web API Spotify ({ $detail }); проверьте подключение к сети
error-profile-timeout = Web API Spotify не ответил вовремя
error-profile-malformed = Web API Spotify прислал ответ, который SpotLink не может прочитать ({ $detail })
error-profile-detail-not-a-profile = это не профиль: { $detail }
error-profile-detail-no-id = в профиле нет идентификатора

## Возврат из браузера (src/callback.rs)
error-callback-malformed = неправильная ссылка для входа ({ $detail }); ничего не изменено
error-callback-no-pending-flow = пришла ссылка для входа, но вход сейчас не выполняется; ничего не изменено
error-callback-state-mismatch = ссылка для входа не относится к текущему входу (не совпадает state); ничего не изменено
error-callback-replayed = эта ссылка для входа уже использована; ничего не изменено
error-callback-expired = вход длился дольше 10 минут, и срок его действия истёк; начните заново
error-callback-denied = вы отклонили запрос на странице Spotify, поэтому ничего не привязано
error-callback-refused = Spotify отклонил вход ({ $error }); ничего не привязано
error-callback-refused-described = Spotify отклонил вход ({ $error }: { $description }); ничего не привязано
error-callback-detail-too-long = она слишком длинная
error-callback-detail-not-a-url = это не URL
error-callback-detail-not-spotlink = это не spotlink://callback
error-callback-detail-unexpected-parts = в ссылке есть лишние части
error-callback-detail-not-the-redirect = это не адрес, начинающийся с { $redirect }?
error-callback-detail-repeated = `{ $parameter }` встречается дважды
error-callback-detail-code-and-error = есть и `code`, и `error`
error-callback-detail-no-state = нет `state`
error-callback-detail-invalid-characters = недопустимые символы
error-callback-detail-invalid-error = недопустимый `error`
error-callback-detail-no-code-or-error = нет ни `code`, ни `error`

## Локальное перенаправление (src/loopback.rs)
error-loopback-bind = не удаётся принимать перенаправление на 127.0.0.1:{ $port } ({ $detail }); выберите другой порт или оставьте выбор SpotLink
error-loopback-timed-out = браузер не вернул ответ за { $minutes } мин; начните заново
error-loopback-io = сбой локального приёмника перенаправления: { $detail }
error-loopback-detail-not-loopback = это не локальное перенаправление (loopback)
error-loopback-detail-bad-characters = в ответе есть символы, недопустимые в адресе
error-loopback-detail-no-answer = приёмник не ответил
error-loopback-detail-not-http = ответ приёмника — не HTTP

## Названия разрешений (src/scopes.rs)
error-scopes-unknown = «{ $scope }» — не разрешение Spotify; список всех разрешений выводит `spotlink scopes --all`

## Системное хранилище ключей (src/store.rs)
error-store-unavailable-linux = SpotLink хранит привязку только в системном хранилище ключей, но в сеансовой шине D-Bus не запущена ни одна служба Secret Service (например, GNOME Keyring, KWallet или KeePassXC) ({ $detail }). Запустите её и попробуйте снова; SpotLink никогда не хранит токены в обычном файле
error-store-unavailable-macos = SpotLink хранит привязку только в системном хранилище ключей, но связка ключей macOS недоступна ({ $detail }). Запустите её и попробуйте снова; SpotLink никогда не хранит токены в обычном файле
error-store-unavailable-windows = SpotLink хранит привязку только в системном хранилище ключей, но диспетчер учётных данных Windows недоступен ({ $detail }). Запустите его и попробуйте снова; SpotLink никогда не хранит токены в обычном файле
error-store-denied = системное хранилище ключей отказало в доступе ({ $detail }); разблокируйте его и попробуйте снова
error-store-detail-locked = оно заблокировано
error-store-detail-prompt-dismissed = запрос на разблокировку отклонён
error-store-detail-prompt-unanswered = запрос на разблокировку закрылся без ответа
error-store-detail-no-default-collection = в хранилище ключей нет коллекции по умолчанию
error-store-timeout = системное хранилище ключей не ответило за { $secs } с при попытке { $operation }; возможно, оно ждёт, пока вы его разблокируете
error-store-operation-read-link = прочитать привязку
error-store-operation-list-links = получить список привязок
error-store-operation-save-link = сохранить привязку
error-store-operation-delete-link = удалить привязку
error-store-operation-remember-pending = запомнить незавершённый вход
error-store-operation-read-pending = прочитать незавершённый вход
error-store-operation-forget-pending = забыть незавершённый вход
error-store-corrupt = не удаётся прочитать запись аккаунта { $account } в хранилище ключей ({ $detail }); привяжите аккаунт заново, чтобы заменить её
error-store-detail-another-shape = это не запись SpotLink, а JSON другой структуры: строка { $line }, столбец { $column }
error-store-detail-not-json = это не JSON: строка { $line }, столбец { $column }
error-store-detail-cut-off = она обрывается: строка { $line }, столбец { $column }
error-store-detail-unreadable = ошибка чтения: строка { $line }, столбец { $column }
error-store-detail-unknown-version = неизвестная версия записи { $version }
error-store-detail-another-account = в ней указан другой аккаунт
error-store-detail-empty-token = пустой токен
error-store-detail-expiry-missing = токен доступа без срока действия
error-store-too-large =
    привязка слишком велика для системного хранилища ключей ({ $units ->
        [one] { $units } единица
        [few] { $units } единицы
       *[many] { $units } единиц
    } UTF-16)
error-store-state-file = { $path }: { $detail }. Исправьте или удалите этот файл; привязки остаются в системном хранилище ключей, а командой `spotlink switch ACCOUNT` любую из них можно снова сделать активной
error-store-other = сбой системного хранилища ключей: { $detail }
error-store-detail-ambiguous =
    у одного аккаунта { $count ->
        [one] { $count } запись
        [few] { $count } записи
       *[many] { $count } записей
    } службы { $service }; отвяжите аккаунт, чтобы удалить их
error-store-detail-not-utf8 = сохранённый секрет — не текст UTF-8
error-store-detail-call-failed = сбой вызова хранилища ключей: { $detail }

## Файл состояния (src/state.rs)
error-state-detail-json = строка { $line }, столбец { $column }: { $detail }
error-state-detail-no-account = не указан идентификатор аккаунта
error-state-detail-account-without-id = аккаунт без идентификатора
error-state-detail-listed-twice = аккаунт { $account } указан дважды
error-state-detail-active-unknown = активного аккаунта { $account } нет среди привязанных

## Настройки (src/config.rs)
error-config-no-home = не удаётся найти домашний каталог, поэтому SpotLink не знает, где хранить настройки
error-config-read = не удаётся прочитать { $path }: { $detail }
error-config-write = не удаётся записать { $path }: { $detail }
error-config-parse = { $path }, строка { $line }, столбец { $column }: { $detail }. Исправьте или удалите этот файл.
error-config-invalid = { $origin }: { $detail }
error-config-invalid-stored-client-id = сохранённая привязка: { $detail }
error-config-missing-client-id = Client ID Spotify не задан. Создайте приложение на { $dashboard }, затем задайте SPOTLINK_CLIENT_ID или `client_id` в { $path }
error-config-detail-not-a-url = «{ $value }» — не URL ({ $detail })
error-config-detail-not-https = «{ $value }» должен быть URL с https:// (обычный http — только на 127.0.0.1)
error-config-detail-query-or-fragment = в «{ $value }» не должно быть запроса или фрагмента
error-config-detail-client-id-empty = Client ID пуст
error-config-detail-client-id-form = Client ID — это не более 128 видимых символов ASCII, без пробелов
error-config-detail-client-id-spotify = Client ID Spotify состоит из 32 символов 0-9 и a-f, как на странице вашего приложения в панели разработчика Spotify (Developer Dashboard)

## Web API Spotify (src/api.rs)
error-api-foreign = токен не будет отправлен на { $url }: этот адрес не относится к Web API Spotify ({ $api })
error-api-bad-target = `{ $target }` — не путь и не URL Web API
error-api-unauthorized = Spotify отклонил токен доступа даже после его обновления ({ $message })
error-api-insufficient-scope-unnamed = по словам Spotify, у привязки нет разрешения, нужного этому запросу ({ $message }); найдите его в справочнике по этому методу и добавьте командой `spotlink link --add-scopes SCOPE`
# Как в error-engine-missing-scopes: [1] — одно разрешение, иначе список.
error-api-insufficient-scope =
    этому запросу { $count ->
        [1] нужно разрешение { $scopes }, которого
       *[other] нужны разрешения { $scopes }, которых
    } нет у привязки; добавьте { $count ->
        [1] его
       *[other] их
    } командой `spotlink link --add-scopes { $argument }` (или привяжите аккаунт заново либо измените разрешения в приложении)
error-api-not-allow-listed = Spotify отказал в доступе этому аккаунту ({ $message }). Приложения в режиме разработки работают только с аккаунтами, которые владелец приложения добавил в разделе User Management панели разработчика Spotify (Developer Dashboard)
error-api-status = Web API Spotify ответил HTTP { $status }: { $message }
error-api-unreachable = не удаётся связаться с Web API Spotify ({ $detail }); проверьте подключение к сети
error-api-timeout = Web API Spotify не ответил вовремя
error-api-broken = соединение с Web API Spotify прервалось ({ $detail })
error-api-malformed = Web API Spotify прислал ответ, который SpotLink не может пролистать по страницам ({ $detail })
error-api-detail-not-paging = ответ — не страница списка
error-api-detail-next-not-a-url = `next` — не URL: { $next }
error-api-detail-next-circle = ссылки `next` идут по кругу

## Блокировка обновления (src/lock.rs)
error-activity-io = не удаётся использовать журнал активности { $path }: { $detail }
error-activity-busy = другой процесс SpotLink слишком долго держит журнал активности заблокированным ({ $path })
error-lock-open = не удаётся открыть файл блокировки { $path }: { $detail }
error-lock-timeout = другой процесс SpotLink удерживал блокировку обновления дольше { $secs } с ({ $path })
