# Сообщения об ошибках: что случилось и что делать. Начинаются со строчной буквы и без
# точки в конце: SpotLink сам делает из них предложения.
#
# $detail, $description и $message — чужие слова (ОС, Spotify, парсера) или одно из
# сообщений *-detail-* ниже, уже на этом же языке. Команды, переменные окружения, пути
# и названия разрешений не переводятся.

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

## Блокировка обновления (src/lock.rs)
error-lock-open = не удаётся открыть файл блокировки { $path }: { $detail }
error-lock-timeout = другой процесс SpotLink удерживал блокировку обновления дольше { $secs } с ({ $path })
