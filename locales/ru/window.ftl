# Окно приложения (ui/): всё, что окно пишет само. Фразы, которые приложение присылает
# уже готовыми (ошибки, уведомления, описания разрешений), — в других каталогах.

## Рамка вокруг любого экрана

window-title = SpotLink
window-app-name = SpotLink
window-skip-link = Перейти к содержимому
window-loading = Загрузка…
window-version = SpotLink { $version }
# Название языка на нём самом: так его показывает выбор языка.
window-language-name = Русский

## Что пишет заголовок, пока приложение работает
window-busy-linking = Ждём ответа Spotify…
window-busy-refreshing = Обновление…
window-busy-unlinking = Отвязка…
window-busy-saving = Сохранение…

## Когда окну нечего показать
window-problem-hint = Если это повторится, закройте SpotLink и запустите его снова. Ваша привязка, если она есть, в сохранности в хранилище ключей.
window-problem-reload = Перезагрузить окно
window-problem-try-again = Попробовать снова
window-unknown-screen-title = SpotLink прислал то, что это окно не умеет показывать
window-unknown-screen-message = Приложение запросило экран «{ $screen }». Похоже, окно и приложение разных версий.
window-broken-title = В окне произошла ошибка
window-broken-message = SpotLink не смог нарисовать этот экран ({ $problem }).
window-unavailable-title = Окно не связано со SpotLink
window-unavailable-message = Страница загрузилась без связи с приложением (нет window.__TAURI__), поэтому ничего не может показать или изменить.
window-boot-failed-title = SpotLink не смог загрузить своё состояние
window-boot-failed-message = { $title }: { $message }
window-timeout-title = SpotLink не отвечает
window-timeout-message =
    Нет ответа на { $what } за { $seconds ->
        [one] { $seconds } секунду
        [few] { $seconds } секунды
       *[many] { $seconds } секунд
    }.
window-boot-step-subscription = подписку на обновления окна
window-boot-step-catalogue = запрос каталога сообщений
window-something-went-wrong = Что-то пошло не так
window-could-not = SpotLink не смог это сделать.

## Полоса ошибки: заголовок и текст ошибки присылает приложение
window-error-try-again = Попробовать снова
window-error-retry = Повторить
window-error-relink = Привязать заново
window-error-open-dashboard = Открыть панель разработчика
window-error-check-client-id = Проверить Client ID
window-error-state-mismatch-help = Ответ Spotify относился не к тому входу, который начал SpotLink, поэтому SpotLink его отбросил. Ничего не изменилось. Если вы сейчас не начинали вход, просто не обращайте внимания.
window-error-keychain-help = SpotLink хранит токены только в системном хранилище ключей и никогда не сохраняет их в обычный файл. В Linux это Secret Service: запустите и разблокируйте GNOME Keyring или KWallet, затем попробуйте снова.
window-error-retry-at = Повторить можно в { $time }.
window-error-retry-now = Теперь можно повторить.
window-error-retry-in = Повторить можно через { $left }.
window-error-dismiss = Закрыть сообщение об ошибке
window-dismiss = Закрыть

## Строка уведомлений и диалоги
window-notice-apps-hint = Spotify по-прежнему считает SpotLink разрешённым, пока вы не удалите его на странице «Приложения» своего аккаунта.
window-notice-open-apps = Открыть страницу приложений Spotify
window-notice-dismiss = Закрыть уведомление
window-dialog-cancel = Отмена
window-close-title = Оставить SpotLink в трее?
window-close-body = После закрытия окна SpotLink может работать в трее: токен остаётся свежим, перед окончанием привязки придёт напоминание, а меню в трее копирует токен. Выйти можно из того же меню.
window-close-asked-once = Этот вопрос задаётся один раз. Позже ответ можно изменить на экране привязки, в разделе «{ $section }».
window-close-keep = Оставить в трее
window-close-quit = Выйти из SpotLink

## Выбор разрешений (сами наборы и разрешения присылает приложение)
window-scopes-start-from = Начать с набора
window-scopes-custom = Свой выбор
window-scopes-custom-description = Отметьте разрешения ниже.

## Выбор языка
window-language = Язык
window-language-system = Как в системе ({ $name })

## Настройка: Client ID приложения Spotify и адреса перенаправления
window-setup-title-new = Подключите SpotLink к Spotify
window-setup-title-existing = Ваше приложение Spotify
window-setup-lead = SpotLink нужен Client ID приложения Spotify. Создать его можно бесплатно в панели разработчика Spotify (Developer Dashboard).
window-setup-step-create = Создайте приложение
window-setup-create-text = Войдите в панель разработчика, создайте приложение и отметьте «Web API».
window-setup-open-dashboard = Открыть панель разработчика
window-setup-development-mode = Новые приложения работают в режиме разработки: только для аккаунтов Spotify, которые владелец добавил в разделе { $place } панели разработчика.
window-setup-user-management = User Management
window-setup-step-redirect = Добавьте адрес перенаправления
window-setup-redirect-text = В настройках приложения, в списке Redirect URIs, добавьте адрес того режима, которым пользуетесь. Можно добавить оба — это не помешает.
window-setup-modes-legend = Как Spotify возвращает вас в SpotLink
window-setup-mode-deep-link = Ссылка spotlink:// (рекомендуется)
window-setup-mode-deep-link-description = Spotify возвращает вас в SpotLink по его собственному адресу spotlink://.
window-setup-mode-loopback = Локальный адрес
window-setup-mode-loopback-description = SpotLink ждёт ответа на 127.0.0.1. Выберите этот режим, если ссылки spotlink:// не доходят до приложения.
window-setup-copy = Копировать
window-setup-copy-uri = Копировать { $uri }
window-setup-step-client-id = Вставьте Client ID
window-setup-client-id = Client ID
window-setup-client-id-hint = На странице вашего приложения в панели разработчика, в разделе Basic Information.
window-setup-emulator-hint = Локальный эмулятор принимает «{ $id }».
window-setup-client-id-placeholder = 32 символа: 0–9 и a–f
window-setup-save = Сохранить
window-setup-saving = Сохранение…
window-setup-keep = Оставить текущий ID ({ $id })
window-setup-client-id-empty = Вставьте Client ID со страницы вашего приложения в панели разработчика.
window-setup-client-id-length =
    В Client ID 32 символа, а здесь { $length ->
        [one] { $length } символ
        [few] { $length } символа
       *[many] { $length } символов
    }.
window-setup-client-id-characters = В Client ID бывают только цифры 0–9 и буквы a–f.

## Не привязан: предложение привязать
window-unlinked-title = Привяжите аккаунт Spotify
window-unlinked-lead = SpotLink откроет страницу входа Spotify в вашем браузере. Когда вы подтвердите доступ, привязка сохранится в хранилище ключей этого компьютера, а токен доступа будет обновляться сам.
window-unlinked-link = Привязать аккаунт Spotify
window-unlinked-opening = Открываем браузер…
window-unlinked-no-browser = Здесь нет браузера (сервер, удалённый сеанс)?
window-unlinked-elsewhere = Браузер на другом устройстве?
window-unlinked-permissions = Разрешения (дополнительно)
window-unlinked-selected =
    { $count ->
        [one] выбрано { $count } разрешение
        [few] выбрано { $count } разрешения
       *[many] выбрано { $count } разрешений
    }
window-unlinked-permissions-text = Что SpotLink запрашивает у Spotify. Spotify покажет тот же список перед подтверждением и может выдать меньше.
window-unlinked-footer = Приложение Spotify { $id } · перенаправление: { $mode } · { $change }
window-redirect-mode-deep-link = ссылка spotlink://
window-redirect-mode-loopback = локальный адрес
window-unlinked-change-client-id = Изменить Client ID

## Ожидание: вход открыт в браузере
window-waiting-title = Завершите вход в браузере
window-waiting-title-remote = Завершите вход на другом устройстве
window-waiting-open-again = Открыть браузер снова
window-waiting-copy-link = Скопировать ссылку
window-waiting-cancel = Отмена
window-waiting-cancelling = Отменяем…
window-waiting-finish = Завершить привязку
window-waiting-remote-open = Откройте этот адрес в браузере на любом устройстве (скопируйте его или наберите вручную):
window-waiting-remote-approve = Войдите там и подтвердите доступ для SpotLink.
window-waiting-remote-paste = После этого браузер не сможет открыть страницу на 127.0.0.1 — так и должно быть. Скопируйте весь адрес из его адресной строки и вставьте сюда.
window-waiting-remote-field = Адрес, на котором остановился браузер
window-waiting-here-hint = Браузер не открылся? Скопируйте ссылку и вставьте её в браузер, в котором вы пользуетесь Spotify.
window-waiting-lead-remote-add = Войдите там в аккаунт, который хотите добавить; если Spotify покажет другой, нажмите «Не вы?».
window-waiting-lead-remote = SpotLink не открывает браузер на этом компьютере.
window-waiting-lead-add = Страница входа Spotify открыта в вашем браузере. Войдите в аккаунт, который хотите добавить (если Spotify покажет тот, в который вы уже вошли, нажмите «Не вы?»); это окно обновится само.
window-waiting-lead-relink = Страница входа Spotify открыта в вашем браузере. Выберите там аккаунт и проверьте разрешения; это окно обновится само.
window-waiting-lead = Страница входа Spotify открыта в вашем браузере. Подтвердите там доступ для SpotLink, и это окно обновится само.
window-waiting-expired = Срок действия ссылки для входа истёк.
window-waiting-valid = Ссылка для входа действует ещё { $left } (до { $until }).
window-waiting-no-scopes = Дополнительные разрешения не запрашиваются: Spotify передаст только ваш общедоступный профиль.
window-waiting-requested = Запрошенные разрешения

## Привязан: аккаунт
window-health-ok = Привязан
window-health-renew-soon = Пора продлить
window-health-expired = Истекла
window-health-needs-relink = Нужна новая привязка
window-health-unreadable = Не читается
window-plan-free = Free
window-account-details = Сведения об аккаунте
window-account-id = ID { $id }
window-scope-not-granted = (не выдано)

## Привязан: аккаунты
window-accounts-title = Аккаунты
window-accounts-hint = Привяжите рядом с этим другой аккаунт Spotify (члена семьи или тестовый) и переключайтесь между ними здесь, в трее или командой spotlink switch.
window-accounts-add = Добавить аккаунт
window-accounts-active = Активный
window-accounts-switch = Переключиться
window-accounts-switch-to = Переключиться на { $name }
window-accounts-count =
    { $count ->
        [one] привязан { $count } аккаунт
        [few] привязано { $count } аккаунта
       *[many] привязано { $count } аккаунтов
    }
window-add-title = Добавить ещё один аккаунт Spotify
window-add-text = Страница входа Spotify откроется в вашем браузере. Войдите там в другой аккаунт; если Spotify покажет аккаунт, в который вы уже вошли, нажмите «Не вы?». Оба аккаунта останутся привязанными, а новый станет активным.
window-add-elsewhere = Браузер на другом устройстве
window-add-elsewhere-hint = Откройте вход там и вставьте сюда адрес, на котором он закончится.
window-add-continue = Продолжить

## Привязан: полоса о скором или наступившем конце привязки
window-health-ends-today = Ваша привязка заканчивается сегодня
window-health-ends-in = Ваша привязка закончится через { $days }
window-health-renew-text = Spotify завершает каждую привязку через шесть месяцев после подтверждения, и обновление токена её не продлевает. Привяжите аккаунт заново, чтобы начать новые шесть месяцев.
window-health-expired-title = Срок вашей привязки истёк
window-health-expired-text = Spotify больше не принимает эту привязку. Привяжите аккаунт заново, чтобы и дальше пользоваться SpotLink.
# Дата кончается на «г.»: после неё не ставится точка.
window-health-expired-text-on = С { $date } Spotify больше не принимает эту привязку. Привяжите аккаунт заново, чтобы и дальше пользоваться SpotLink.
window-health-revoked-title = Spotify больше не принимает эту привязку
window-health-revoked-text = Доступ отозван или истёк, поэтому SpotLink не может получать новые токены доступа. Привяжите аккаунт заново, чтобы продолжить.
window-relink = Привязать заново

## Привязан: токен доступа
window-token-title = Токен доступа
window-token-copy = Скопировать токен
window-token-refresh = Обновить сейчас
window-token-refreshing = Обновление…
window-token-clipboard = Очищать буфер обмена после копирования
window-token-never-shown = Токен целиком никогда не появляется в этом окне: кнопка «Скопировать токен» сразу кладёт его в буфер обмена.
window-token-none = Токена доступа нет
window-token-none-dead = Привяжите аккаунт заново, чтобы получить новый.
window-token-none-later = SpotLink получит его при следующем обновлении.
window-token-expired-at = Истёк в { $when }
window-token-expires = Истекает через { $left } · в { $when }
window-clipboard-off = Не очищать
window-clipboard-after-seconds =
    { $secs ->
        [one] Через { $secs } секунду
        [few] Через { $secs } секунды
       *[many] Через { $secs } секунд
    }
window-clipboard-after-minutes =
    { $n ->
        [one] Через { $n } минуту
        [few] Через { $n } минуты
       *[many] Через { $n } минут
    }

## Привязан: разрешения
window-scopes-title = Разрешения
window-scopes-granted =
    { $count ->
        [one] выдано { $count } разрешение
        [few] выдано { $count } разрешения
       *[many] выдано { $count } разрешений
    }
window-scopes-none = Дополнительных разрешений нет: SpotLink может читать только ваш общедоступный профиль.
window-scopes-missing-title = Запрошены, но не выданы
window-scopes-missing-text = Spotify не выдал эти разрешения. Функции, которым они нужны, не будут работать, пока вы не привяжете аккаунт заново и не подтвердите их.
window-scopes-relink = Привязать заново / изменить разрешения
window-relink-title = Привязать заново или изменить разрешения
window-relink-text = Spotify снова покажет страницу входа: там можно подтвердить эти разрешения или выбрать другой аккаунт. С новой привязкой начинаются новые шесть месяцев.
window-relink-continue = Продолжить в браузере

## Привязан: эта привязка, настройки и отвязка
window-link-title = Эта привязка
window-link-expired-on = Привязка истекла { $date }
window-link-valid-until = Привязка действует до { $date } ({ $when })
window-today = сегодня
window-link-approved = Подтверждена { $date }.
window-link-six-months = Spotify завершает каждую привязку через шесть месяцев после подтверждения; обновление токена её не продлевает, а новая привязка начинает новые шесть месяцев.
window-remind = Напоминать перед окончанием привязки
window-remind-hint = Уведомление на рабочем столе за 14, 3 и 1 день, а также если Spotify перестанет принимать привязку.
window-alerts = Сообщать о необычной активности
window-alerts-hint = Уведомление, когда программа впервые берёт токен, когда за минуту берут много токенов или когда обновление не удаётся уже час.
window-keep-in-tray = Работать в трее, когда окно закрыто
window-keep-in-tray-hint = Токен остаётся свежим, напоминания приходят, а скопировать токен можно из меню в трее. Только если рабочий стол показывает трей.
window-autostart = Запускать при входе в систему
window-autostart-hint = SpotLink запустится в трее при входе в систему, не открывая этого окна.
window-unlink-text = Отвязка удаляет привязку с этого компьютера. Отозвать доступ SpotLink у самого Spotify можно на странице «Приложения» вашего аккаунта.
window-link-unlink = Отвязать
window-unlink-title-account = Отвязать { $name }?
window-unlink-title-this-account = Отвязать этот аккаунт?
window-unlink-title = Отвязать этот компьютер?
window-unlink-body = Привязка будет удалена с этого компьютера: SpotLink удалит свои токены из системного хранилища ключей и забудет аккаунт в своих настройках.
window-unlink-other-stays = Аккаунт { $name } останется привязанным.
window-unlink-others-stay = Аккаунт { $name } и остальные аккаунты останутся привязанными.
window-unlink-apps = Spotify по-прежнему будет считать SpotLink разрешённым. Чтобы отозвать доступ и там, удалите SpotLink на странице «Приложения» своего аккаунта Spotify.
window-unlink-confirm = Отвязать
window-unlink-open-apps = Открыть страницу «Приложения»

## Журнал активности: что происходило с привязками на этом компьютере и какие программы
## брали токен
window-activity-card-title = Журнал активности
window-activity-card-text = Что происходило с привязками на этом компьютере и какие программы брали токен.
window-activity-open = Показать журнал
window-activity-open-record = Показать журнал активности
window-activity-title = Журнал активности
window-activity-lead = Что происходило с привязками на этом компьютере и какие программы брали токен.
window-activity-back = Назад
window-activity-reload = Обновить
window-activity-loading = Чтение журнала активности…
window-activity-filters = Фильтры
window-activity-since = Период
window-activity-since-hour = Последний час
window-activity-since-day = Последние 24 часа
window-activity-since-week = Последние 7 дней
window-activity-since-all =
    { $days ->
        [one] Всё (за { $days } день)
        [few] Всё (за { $days } дня)
       *[many] Всё (за { $days } дней)
    }
window-activity-account = Аккаунт
window-activity-account-all = Все аккаунты
window-activity-program = Программа
window-activity-program-all = Все программы
window-activity-event-filter = Событие
window-activity-event-all = Все события
window-activity-event-tokens = Выдача токена
window-activity-event-trouble = Отказы и сбои
window-activity-event-kinds = Отдельные события
window-activity-event =
    { $event ->
        [link] Привязан
        [relink] Привязан заново
        [unlink] Отвязан
        [switch] Сделан активным
        [refresh] Токен обновлён
        [refresh-refused] Spotify отказал
        [refresh-failed] Обновление не удалось
        [token] Токен выдан
        [api] Вызов Web API
        [copy] Токен скопирован
        [clipboard-cleared] Буфер обмена очищен
        [reminder] Показано напоминание
        [wake] Обновлён после пробуждения
        [cleared] Журнал очищен
       *[other] { $event }
    }
window-activity-programs-title = Программы, бравшие токен
window-activity-programs-none = За это время ни одна программа не брала токен.
window-activity-column-program = Программа
window-activity-column-tokens = Токенов
window-activity-column-first = Первый раз
window-activity-column-last = Последний раз
window-activity-clipboard = Скопирован в буфер обмена
window-activity-clipboard-hint = из этого окна или из трея
window-activity-trouble-title = Отказы и сбои
window-activity-trouble-none = За это время Spotify ни в чём не отказал и все обновления прошли.
window-activity-trouble-newest = Последние { $shown } из { $count }.
window-activity-entries-title = Записи
window-activity-entries-count =
    { $count ->
        [one] { $count } запись
        [few] { $count } записи
       *[many] { $count } записей
    }
window-activity-entries-newest = Последние { $shown } из { $count }
window-activity-more = Показать ещё
window-activity-empty-title = Записей пока нет
window-activity-empty = Когда программа выполнит spotlink token или вы скопируете токен, это появится здесь — как и привязки, обновления и отвязки.
window-activity-none-match = Под эти фильтры не подходит ни одна запись.
window-activity-show-all = Показать всё
window-activity-today = Сегодня
window-activity-yesterday = Вчера
window-activity-entry-account = Аккаунт: { $name }
window-activity-entry-program = Программа: { $name }
window-activity-program-exe = { $exe }, процесс { $pid }
window-activity-entry-scopes = Разрешения: { $scopes }
window-activity-detail-window = Из этого окна
window-activity-detail-tray = Из трея
window-activity-detail-rotated = Spotify прислал и новый токен обновления
window-activity-detail-failed =
    { $kind ->
        [network] Проблема с сетью
        [timeout] Нет ответа вовремя
        [rate_limited] Spotify ограничил частоту запросов
        [keychain_unavailable] Хранилище ключей было недоступно
        [not_allow_listed] Нет в списке разрешённых пользователей приложения
        [invalid_client] Spotify отклонил Client ID
        [config] Проблема с настройками
        [other] Другая ошибка
       *[unknown] { $kind }
    }
window-activity-detail-reminder =
    { $threshold ->
        [renew_soon] Скоро продлить
        [three_days] Осталось 3 дня
        [one_day] Остался 1 день
        [expired] Привязка закончилась
        [rejected] Spotify отклонил привязку
       *[unknown] { $threshold }
    }
window-activity-detail-wake =
    { $reason ->
        [resumed] После сна
        [online] Снова в сети
        [clock-changed] Часы переведены
       *[unknown] { $reason }
    }
window-activity-detail-quit = При выходе из SpotLink
window-activity-about-title = Что видит журнал
window-activity-about = Журнал охватывает то, что проходит через SpotLink: это окно, трей и команду spotlink. Ваша программа может прочитать запись в системном хранилище ключей напрямую, без SpotLink, — такое чтение сюда не попадает.
window-activity-kept =
    { $days ->
        [one] Записи хранятся { $days } день и только на этом компьютере.
        [few] Записи хранятся { $days } дня и только на этом компьютере.
       *[many] Записи хранятся { $days } дней и только на этом компьютере.
    }
window-activity-damaged =
    { $count ->
        [one] { $count } повреждённую запись не удалось прочитать.
        [few] { $count } повреждённые записи не удалось прочитать.
       *[many] { $count } повреждённых записей не удалось прочитать.
    }
window-activity-clear = Очистить журнал…
window-activity-clear-title = Очистить журнал активности?
window-activity-clear-body = SpotLink забудет все записи: привязки, обновления и то, какие программы брали токен. В журнале останется одна запись — о том, что его очистили.
window-activity-clear-confirm = Очистить журнал
window-activity-cleared = Журнал активности очищен.
