# Страницы, которые SpotLink показывает в браузере в конце входа (src/loopback.rs):
# заголовок и строка под ним. Заголовок вкладки браузера — signin-page-title.

signin-page-title = SpotLink: { $heading }

# Ответ Spotify получен, вход завершается.
signin-done = Эту вкладку можно закрыть
signin-done-text = SpotLink получил ответ Spotify и завершает привязку. Вернитесь в SpotLink.
# Вход закончился без привязки; дальше идёт текст ошибки.
signin-nothing-linked = Ничего не привязано
# Запрос, который не относится к текущему входу; дальше идёт текст ошибки.
signin-not-for-spotlink = Эта ссылка не для SpotLink
# Запрос, который SpotLink не может прочитать.
signin-bad-request = Некорректный запрос
signin-bad-request-text = SpotLink не удалось прочитать этот запрос.
# Любой адрес, кроме /callback.
signin-not-found = Страница не найдена
signin-not-found-text = По этому адресу принимается только перенаправление после входа в Spotify.
