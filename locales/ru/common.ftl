# Слова, общие для остальных каталогов: длительности, даты, количества.
duration-seconds = { $n } с
duration-minutes = { $n } мин
duration-hours = { $n } ч
duration-days =
    { $n ->
        [one] { $n } день
        [few] { $n } дня
       *[many] { $n } дней
    }
time-in = через { $duration }
time-ago = { $duration } назад
time-in-less-than-a-day = менее чем через сутки

# «28 мая 2027 г.»: месяц в родительном падеже.
date = { $day } { $month } { $year } г.
month-1 = января
month-2 = февраля
month-3 = марта
month-4 = апреля
month-5 = мая
month-6 = июня
month-7 = июля
month-8 = августа
month-9 = сентября
month-10 = октября
month-11 = ноября
month-12 = декабря

# Текст как есть, на любом языке: слова ОС или Spotify (Message::verbatim). Не переводится.
verbatim = { $text }
