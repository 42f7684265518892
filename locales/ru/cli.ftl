# Слова команды spotlink для людей (--json, коды выхода и первое слово `status --check`
# одинаковы на всех языках). Команды в `обратных кавычках` не переводятся.

## spotlink status
cli-status-linked-as = Привязан аккаунт Spotify { $name } ({ $id })
cli-status-plan = тариф: { $plan }
cli-status-email = эл. почта: { $email }
cli-status-country = страна: { $country }
cli-status-scopes = Разрешения: { $scopes }
cli-status-no-scopes = Разрешения: нет
cli-status-not-granted = Запрошены, но не выданы: { $scopes }
cli-status-token-valid = Токен доступа: действует до { $when }
cli-status-token-expired = Токен доступа: истёк { $ago }; `spotlink token` обновит его
cli-status-token-none = Токен доступа: нет
cli-status-link-valid =
    { $days ->
        [one] Привязка: действует до { $when } — остался { $days } день (привязка Spotify живёт 6 месяцев)
        [few] Привязка: действует до { $when } — осталось { $days } дня (привязка Spotify живёт 6 месяцев)
       *[many] Привязка: действует до { $when } — осталось { $days } дней (привязка Spotify живёт 6 месяцев)
    }
cli-status-client-id = Client ID: { $client }
cli-status-accounts =
    { $count ->
        [one] Привязан { $count } аккаунт (* — активный, `spotlink switch ACCOUNT` меняет его):
        [few] Привязано { $count } аккаунта (* — активный, `spotlink switch ACCOUNT` меняет его):
       *[many] Привязано { $count } аккаунтов (* — активный, `spotlink switch ACCOUNT` меняет его):
    }
cli-status-account-unreadable = не читается: { $problem }
cli-status-account-ok = в порядке, действует до { $when }
cli-status-account-renew-soon =
    { $days ->
        [one] скоро продлить: остался { $days } день ({ $when })
        [few] скоро продлить: осталось { $days } дня ({ $when })
       *[many] скоро продлить: осталось { $days } дней ({ $when })
    }
cli-status-account-ended = закончилась { $when }; привяжите аккаунт заново
cli-status-account-rejected = Spotify больше не принимает её; привяжите аккаунт заново
cli-status-relink-needed = Spotify больше не принимает эту привязку; выполните `spotlink link`, чтобы привязать аккаунт заново
cli-status-renew-soon = привязка скоро закончится; выполните `spotlink link`, чтобы продлить её ещё на 6 месяцев.

## spotlink status --check: строка после слова о состоянии (ok:, renew_soon:, ...)
cli-check-not-linked = аккаунт Spotify не привязан; выполните `spotlink link`
cli-check-ok = привязан аккаунт { $name }; привязка действует до { $when }
cli-check-renew-soon =
    { $days ->
        [one] привязка аккаунта { $name } закончится через { $days } день ({ $when }); выполните `spotlink link`, чтобы продлить её ещё на 6 месяцев
        [few] привязка аккаунта { $name } закончится через { $days } дня ({ $when }); выполните `spotlink link`, чтобы продлить её ещё на 6 месяцев
       *[many] привязка аккаунта { $name } закончится через { $days } дней ({ $when }); выполните `spotlink link`, чтобы продлить её ещё на 6 месяцев
    }
cli-check-expired = привязка аккаунта { $name } закончилась ({ $when }); выполните `spotlink link`, чтобы привязать его заново
cli-check-needs-relink = Spotify больше не принимает привязку аккаунта { $name }; выполните `spotlink link`, чтобы привязать его заново

## spotlink switch
cli-switch-name-one =
    { $count ->
        [one] укажите, на какой аккаунт переключиться: привязан только один аккаунт ({ $accounts })
       *[other] укажите, на какой аккаунт переключиться: привязано несколько аккаунтов ({ $accounts })
    }
cli-switch-done = Активный аккаунт теперь { $name } ({ $id }): `spotlink token`, `spotlink api` и приложение используют его.

## spotlink unlink
cli-unlink-none = На этом компьютере не был привязан ни один аккаунт Spotify.
cli-unlink-one = Аккаунт { $name } отвязан от этого компьютера: запись в хранилище ключей и настройки удалены.
cli-unlink-many =
    { $count ->
        [one] { $count } аккаунт отвязан от этого компьютера ({ $names }): записи в хранилище ключей и настройки удалены.
        [few] { $count } аккаунта отвязаны от этого компьютера ({ $names }): записи в хранилище ключей и настройки удалены.
       *[many] { $count } аккаунтов отвязаны от этого компьютера ({ $names }): записи в хранилище ключей и настройки удалены.
    }
cli-unlink-now-active = теперь активный аккаунт — { $name } ({ $id }).
cli-unlink-revoke = Spotify не даёт приложениям отозвать собственный доступ. Чтобы убрать доступ SpotLink на стороне Spotify, откройте:

## spotlink refresh
cli-refresh-done = Токен обновлён. Токен доступа действует до { $when }.

## spotlink link
cli-link-open = Откройте этот адрес в браузере, чтобы привязать аккаунт Spotify:
cli-link-no-browser = (Не удалось открыть браузер: { $detail }. Откройте адрес выше сами.)
cli-link-waiting = Жду ответа Spotify на { $redirect } ... (Ctrl-C — отмена)
cli-link-ignored = пропущен запрос, который не является ответом на этот вход: { $request }
cli-link-linked = Привязан аккаунт Spotify { $name } ({ $id }).
cli-link-scopes = Разрешения: { $scopes }
cli-link-no-scopes = Разрешения: нет
cli-link-not-granted = Запрошены, но не выданы: { $scopes }
cli-link-valid-until = Привязка действует до { $when }.
cli-link-added-beside = Привязка этого аккаунта добавлена к { $others }, и теперь он активный (`spotlink switch` меняет это).
cli-link-renewed-beside = Привязка этого аккаунта продлена (привязаны также { $others }), и теперь он активный (`spotlink switch` меняет это).

## spotlink link --remote
cli-remote-open = Откройте этот адрес в браузере на любом устройстве (телефон может отсканировать код ниже) и войдите:
cli-remote-too-long = (Адрес слишком длинный для QR-кода: скопируйте его.)
cli-remote-ssh = (Через SSH можно и пробросить порт: ssh -L PORT:127.0.0.1:PORT эта-машина, затем обычный `spotlink link --port PORT --no-browser`, и откройте его адрес на своём компьютере.)
cli-remote-paste = Когда вы подтвердите доступ, тот браузер перейдёт на { $redirect }?code=... и не сможет открыть страницу: так и должно быть. Скопируйте весь адрес из его адресной строки, вставьте сюда и нажмите Enter.
cli-remote-prompt = Адрес:
cli-remote-again = Вставьте адрес, на котором остановился браузер после подтверждения (Ctrl-C — отмена).

## spotlink api
cli-api-not-a-method = `{ $name }` — не HTTP-метод
cli-api-not-a-field = `{ $field }` — не KEY=VALUE
cli-api-not-utf8 = { $path } — не текст в UTF-8
cli-api-cannot-read = не удаётся прочитать { $path }: { $detail }
cli-api-bad-key = `{ $key }` — не имя поля (NAME, NAME[] или NAME[SUB])
cli-api-mixed-key = `{ $key }` смешивает список и объект
cli-api-not-a-header = `{ $header }` — не заголовок (Name: value)
cli-api-bad-header-name = `{ $name }` — не имя заголовка
cli-api-reserved-header = заголовок { $name } задаёт сам SpotLink
cli-api-bad-header-value = недопустимое значение заголовка { $name }
cli-api-paginate-get-only = --paginate работает только с запросами GET
cli-api-rate-limited = Spotify ограничивает частоту запросов; повторю через { $secs } с.
cli-api-items =
    { $pages ->
        [one] элементов: { $items } ({ $pages } страница)
        [few] элементов: { $items } ({ $pages } страницы)
       *[many] элементов: { $items } ({ $pages } страниц)
    }
cli-api-items-of =
    { $pages ->
        [one] элементов: { $items } из { $total } ({ $pages } страница)
        [few] элементов: { $items } из { $total } ({ $pages } страницы)
       *[many] элементов: { $items } из { $total } ({ $pages } страниц)
    }
cli-api-jq-parse = выражение --jq не разбирается (ошибок: { $count })
cli-api-jq-compile = выражение --jq не компилируется (ошибок: { $count }; например, неизвестный фильтр)
cli-api-jq-failed = --jq не выполнилось: { $detail }
cli-api-not-json = ответ Spotify — не JSON ({ $detail })

## Запуск
cli-cannot-start = не удаётся запуститься: { $detail }

## spotlink scopes
cli-scopes-none = У привязки нет разрешений: ей доступны только общедоступные данные.
cli-scopes-legend = ✓ выдано   ✗ запрошено, но Spotify не выдал

## spotlink activity

cli-activity-cleared = Журнал активности очищен ({ $path }); теперь в нём одна запись об этом.
cli-activity-damaged =
    { $count ->
        [one] { $count } запись журнала активности ({ $path }) повреждена и пропущена; остальные показаны.
        [few] { $count } записи журнала активности ({ $path }) повреждены и пропущены; остальные показаны.
       *[many] { $count } записей журнала активности ({ $path }) повреждены и пропущены; остальные показаны.
    }
cli-activity-empty = Активности пока не было.
cli-activity-none-match = Подходящих записей нет.
cli-activity-no-tokens = За это время ни одна программа не брала токен.
cli-activity-clipboard = (скопирован в буфер обмена)
cli-activity-column-time = ВРЕМЯ
cli-activity-column-event = СОБЫТИЕ
cli-activity-column-account = АККАУНТ
cli-activity-column-program = ПРОГРАММА
cli-activity-column-detail = ПОДРОБНОСТИ
cli-activity-column-tokens = ТОКЕНОВ
cli-activity-column-first = ПЕРВЫЙ РАЗ
cli-activity-column-last = ПОСЛЕДНИЙ РАЗ
cli-activity-event =
    { $event ->
        [link] привязан
        [relink] привязан заново
        [unlink] отвязан
        [switch] сделан активным
        [refresh] токен обновлён
        [refresh-refused] Spotify отказал
        [refresh-failed] обновление не удалось
        [token] токен выдан
        [api] вызов Web API
        [copy] токен скопирован
        [clipboard-cleared] буфер обмена очищен
        [reminder] показано напоминание
        [wake] обновлён после пробуждения
        [cleared] журнал очищен
       *[other] { $event }
    }
cli-activity-detail =
    { $detail ->
        [renewed] обновлён
        [rotated] обновлён, новый токен обновления
        [window] из окна
        [tray] из трея
        [quit] при выходе из SpotLink
        [resumed] после сна
        [online] снова в сети
        [clock-changed] часы переведены
        [renew_soon] скоро продлить
        [three_days] осталось 3 дня
        [one_day] остался 1 день
        [expired] привязка закончилась
        [rejected] Spotify отклонил привязку
        [network] проблема с сетью
        [timeout] нет ответа вовремя
        [rate_limited] Spotify ограничил частоту запросов
        [keychain_unavailable] хранилище ключей недоступно
        [not_allow_listed] нет в списке разрешённых пользователей приложения
        [invalid_client] Client ID отклонён
        [config] проблема с настройками
        [other] другая ошибка
       *[unknown] { $detail }
    }
cli-activity-bad-since = «{ $value }» — не длительность (30m, 12h, 7d, 2w) и не время (2026-12-01, 2026-12-01T08:00:00Z)
cli-activity-bad-event = «{ $value }» — не событие; события: { $events }
