// bindgen-flags: --rustified-enum 'color_mode' --constified-enum-module 'log_level'
// Enum styles chosen per enum.
enum color_mode { COLOR_RGB, COLOR_CMYK, COLOR_GRAY };
enum log_level { LOG_ERROR = 1, LOG_WARN, LOG_INFO };
enum plain_enum { PLAIN_ONE, PLAIN_TWO };

void set_mode(enum color_mode m, enum log_level l, enum plain_enum p);
