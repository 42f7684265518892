# Words the other catalogues share: durations, dates, counts.
#
# Durations: a number and its unit, as in "in 58 min" and "3 days left".
duration-seconds = { $n } s
duration-minutes = { $n } min
duration-hours = { $n } h
duration-days =
    { $n ->
        [one] { $n } day
       *[other] { $n } days
    }
# A time ahead of now: "in 58 min".
time-in = in { $duration }
# A time before now: "2 h ago".
time-ago = { $duration } ago
time-in-less-than-a-day = in less than a day

# A date: the link's end, the day it was approved. $month is one of the month-* below.
date = { $day } { $month } { $year }
month-1 = Jan
month-2 = Feb
month-3 = Mar
month-4 = Apr
month-5 = May
month-6 = Jun
month-7 = Jul
month-8 = Aug
month-9 = Sep
month-10 = Oct
month-11 = Nov
month-12 = Dec

# Text shown as it is, in every language: the OS's or Spotify's own words where an
# error's detail can also be SpotLink's (Message::verbatim). Never translated.
verbatim = { $text }
