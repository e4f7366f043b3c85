package dev.litebench.engine.template;

import java.time.LocalDateTime;
import java.time.temporal.ChronoField;
import java.time.temporal.IsoFields;

/**
 * Python's {@code datetime.strftime} for a naive local time in the C locale (what transformers' strftime_now
 * calls): the C89 directives plus the common glibc extensions; {@code %Z} and {@code %z} are empty for naive times.
 */
final class Strftime {
    private static final String[] DAYS = {"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday",
        "Sunday"};
    private static final String[] MONTHS = {"January", "February", "March", "April", "May", "June", "July",
        "August", "September", "October", "November", "December"};

    private Strftime() {
    }

    static String format(LocalDateTime t, String format) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < format.length(); i++) {
            char c = format.charAt(i);
            if (c != '%' || i + 1 >= format.length()) {
                sb.append(c);
                continue;
            }
            char d = format.charAt(++i);
            boolean noPad = d == '-' && i + 1 < format.length();
            if (noPad) {
                d = format.charAt(++i);
            }
            String field = field(t, d);
            if (field == null) {
                sb.append('%').append(noPad ? "-" : "").append(d);
            } else {
                sb.append(noPad ? stripPadding(field) : field);
            }
        }
        return sb.toString();
    }

    private static String stripPadding(String field) {
        int i = 0;
        while (i < field.length() - 1 && (field.charAt(i) == '0' || field.charAt(i) == ' ')) {
            i++;
        }
        return field.substring(i);
    }

    /** One directive's text, or null for an unknown directive (kept as written, like glibc). */
    private static String field(LocalDateTime t, char d) {
        int dow = t.getDayOfWeek().getValue(); // Monday = 1
        return switch (d) {
            case 'a' -> DAYS[dow - 1].substring(0, 3);
            case 'A' -> DAYS[dow - 1];
            case 'b', 'h' -> MONTHS[t.getMonthValue() - 1].substring(0, 3);
            case 'B' -> MONTHS[t.getMonthValue() - 1];
            case 'c' -> field(t, 'a') + " " + field(t, 'b') + " " + field(t, 'e') + " " + field(t, 'T') + " "
                    + t.getYear();
            case 'C' -> two(t.getYear() / 100);
            case 'd' -> two(t.getDayOfMonth());
            case 'D', 'x' -> field(t, 'm') + "/" + field(t, 'd') + "/" + field(t, 'y');
            case 'e' -> String.format("%2d", t.getDayOfMonth());
            case 'f' -> String.format("%06d", t.getNano() / 1000);
            case 'F' -> t.getYear() + "-" + field(t, 'm') + "-" + field(t, 'd');
            case 'G' -> Integer.toString(t.get(IsoFields.WEEK_BASED_YEAR));
            case 'H' -> two(t.getHour());
            case 'I' -> two(t.getHour() % 12 == 0 ? 12 : t.getHour() % 12);
            case 'j' -> String.format("%03d", t.getDayOfYear());
            case 'k' -> String.format("%2d", t.getHour());
            case 'l' -> String.format("%2d", t.getHour() % 12 == 0 ? 12 : t.getHour() % 12);
            case 'm' -> two(t.getMonthValue());
            case 'M' -> two(t.getMinute());
            case 'n' -> "\n";
            case 'p' -> t.getHour() < 12 ? "AM" : "PM";
            case 'P' -> t.getHour() < 12 ? "am" : "pm";
            case 'r' -> field(t, 'I') + ":" + field(t, 'M') + ":" + field(t, 'S') + " " + field(t, 'p');
            case 'R' -> field(t, 'H') + ":" + field(t, 'M');
            case 'S' -> two(t.getSecond());
            case 't' -> "\t";
            case 'T', 'X' -> field(t, 'H') + ":" + field(t, 'M') + ":" + field(t, 'S');
            case 'u' -> Integer.toString(dow);
            case 'U' -> two((t.getDayOfYear() + 6 - dow % 7) / 7);
            case 'V' -> two(t.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
            case 'w' -> Integer.toString(dow % 7);
            case 'W' -> two((t.getDayOfYear() + 6 - (dow - 1)) / 7);
            case 'y' -> two(t.getYear() % 100);
            case 'Y' -> Integer.toString(t.get(ChronoField.YEAR));
            case 'z', 'Z' -> "";
            case '%' -> "%";
            default -> null;
        };
    }

    private static String two(int v) {
        return v < 10 ? "0" + v : Integer.toString(v);
    }
}
