"""German formats (FORMAT_MODULE_PATH): Django's own, plus "Uhr" after times on the public site."""

DATE_FORMAT = "j. F Y"  # 3. Dezember 2026
DATETIME_FORMAT = r"j. F Y, H:i \U\h\r"  # 3. Dezember 2026, 18:30 Uhr
TIME_FORMAT = r"H:i \U\h\r"
MONTH_DAY_FORMAT = "j. F"
SHORT_DATE_FORMAT = "d.m.Y"
DECIMAL_SEPARATOR = ","
THOUSAND_SEPARATOR = "."
NUMBER_GROUPING = 3
