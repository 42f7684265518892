# Уведомления перед окончанием привязки и после него (src/reminders.rs). $account —
# имя аккаунта; $when — через сколько закончится привязка («через 3 дня», «менее чем
# через сутки»).

# За 14, 3 и 1 день до окончания.
notify-renew-title = Продлите привязку Spotify
notify-renew-body = Привязка аккаунта { $account } закончится { $when }: привязки Spotify действуют шесть месяцев. Привяжите аккаунт заново, чтобы и дальше получать токены.
# Шесть месяцев прошли.
notify-ended-title = Срок привязки Spotify истёк
notify-ended-body = Привязке аккаунта { $account } больше шести месяцев. Привяжите его заново, чтобы снова получать токены.
# Spotify отклонил токен обновления.
notify-rejected-title = Spotify больше не принимает вашу привязку
notify-rejected-body = Spotify отклонил привязку аккаунта { $account } (доступ отозван или изменён пароль). Привяжите его заново, чтобы снова получать токены.

# Необычная активность (src/activity/unusual.rs), не чаще раза в день на причину.
notify-alert-new-program-title = Новая программа взяла ваш токен Spotify
notify-alert-new-program-body = { $program } ({ $path }) впервые взяла токен доступа { $account }. Если вы её не запускали, отвяжите аккаунт и загляните в «Активность».
notify-alert-burst-title = Много токенов Spotify за минуту
notify-alert-burst-body = За минуту взято { $count ->
        [one] { $count } токен
        [few] { $count } токена
       *[many] { $count } токенов
    } — больше разрешённых вами { $limit }. В «Активности» видно, какие программы их взяли.
notify-alert-refused-title = Spotify отказал привязке, которая работала
notify-alert-refused-body = Spotify отказал привязке { $account }: { $reason }. Привяжите заново, чтобы снова получать токены.
notify-alert-failing-title = Токен Spotify не удаётся обновить
notify-alert-failing-body = Обновить токен доступа { $account } не удаётся уже больше часа (первая ошибка — { $ago }). В «Активности» видно почему.
