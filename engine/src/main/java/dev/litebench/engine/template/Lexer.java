package dev.litebench.engine.template;

import java.math.BigInteger;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.litebench.engine.template.Token.Kind;

/**
 * Splits template source into tokens exactly as jinja2's lexer does with {@code trim_blocks=True},
 * {@code lstrip_blocks=True} and {@code keep_trailing_newline=False}: newlines normalised to {@code \n}, one trailing
 * newline dropped, {@code -}/{@code +} whitespace control, {@code {% raw %}} blocks, comments removed.
 */
final class Lexer {
    private static final Pattern FLOAT = Pattern.compile(
            "(?<!\\.)(\\d+_)*\\d+((\\.(\\d+_)*\\d+)?[eE][+\\-]?(\\d+_)*\\d+|\\.(\\d+_)*\\d+)");
    private static final Pattern INTEGER = Pattern.compile(
            "0[bB](_?[01])+|0[oO](_?[0-7])+|0[xX](_?[0-9a-fA-F])+|[1-9](_?\\d)*|0(_?0)*");
    private static final String[] OPERATORS = {
        "//", "**", "==", "!=", ">=", "<=",
        "+", "-", "/", "*", "%", "~", "[", "]", "(", ")", "{", "}", ">", "<", "=", ".", ":", "|", ",", ";"
    };

    private final String src;
    private final List<Token> tokens = new ArrayList<>();
    private final Deque<Character> brackets = new ArrayDeque<>();
    private int pos;
    private int line = 1;
    /** Whether the last match ended with a newline: lstrip_blocks then applies at the very start of the data. */
    private boolean lineStarting = true;

    private Lexer(String source) {
        String s = source.replace("\r\n", "\n").replace('\r', '\n');
        this.src = s.endsWith("\n") ? s.substring(0, s.length() - 1) : s;
    }

    static List<Token> tokenize(String source) {
        Lexer lexer = new Lexer(source);
        lexer.run();
        return lexer.tokens;
    }

    private void run() {
        while (pos < src.length()) {
            int tag = nextTagStart(pos);
            if (tag < 0) {
                emit(Kind.DATA, src.substring(pos), null);
                advanceTo(src.length());
                break;
            }
            char kind = src.charAt(tag + 1);
            char sign = signAt(tag + 2);
            int afterBegin = tag + 2 + (sign == 0 ? 0 : 1);
            int rawEnd = kind == '%' ? rawBeginEnd(tag) : -1;
            String text = stripBeforeTag(src.substring(pos, tag), sign, kind != '{');
            if (!text.isEmpty()) {
                emit(Kind.DATA, text, null);
            }
            advanceTo(tag);
            if (rawEnd >= 0) {
                advanceTo(rawEnd);
                lineStarting = src.charAt(rawEnd - 1) == '\n';
                lexRaw();
                continue;
            }
            lineStarting = false;
            switch (kind) {
                case '#' -> {
                    advanceTo(afterBegin);
                    skipComment();
                }
                case '{' -> {
                    emit(Kind.VARIABLE_BEGIN, "{{", null);
                    advanceTo(afterBegin);
                    lexTag(false);
                }
                default -> {
                    emit(Kind.BLOCK_BEGIN, "{%", null);
                    advanceTo(afterBegin);
                    lexTag(true);
                }
            }
        }
        emit(Kind.EOF, "", null);
    }

    private int nextTagStart(int from) {
        for (int i = src.indexOf('{', from); i >= 0 && i + 1 < src.length(); i = src.indexOf('{', i + 1)) {
            char c = src.charAt(i + 1);
            if (c == '{' || c == '%' || c == '#') {
                return i;
            }
        }
        return -1;
    }

    private char signAt(int i) {
        if (i < src.length() && (src.charAt(i) == '-' || src.charAt(i) == '+')) {
            return src.charAt(i);
        }
        return 0;
    }

    /** Whitespace control on the data before a tag: {@code -} strips it all, lstrip_blocks strips the indent. */
    private String stripBeforeTag(String text, char sign, boolean lstrip) {
        if (sign == '-') {
            int end = text.length();
            while (end > 0 && PyStr.isSpace(text.charAt(end - 1))) {
                end--;
            }
            return text.substring(0, end);
        }
        if (sign != '+' && lstrip) {
            int lineStart = text.lastIndexOf('\n') + 1;
            if ((lineStart > 0 || lineStarting) && lineStart < text.length() && allSpace(text, lineStart)) {
                return text.substring(0, lineStart);
            }
        }
        return text;
    }

    private static boolean allSpace(String s, int from) {
        for (int i = from; i < s.length(); i++) {
            if (!PyStr.isSpace(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /** If a {@code {% raw %}} tag starts at {@code tag}, the offset just past it; else -1. */
    private int rawBeginEnd(int tag) {
        int i = skipSpace(tag + 2 + (signAt(tag + 2) == 0 ? 0 : 1));
        if (!src.startsWith("raw", i)) {
            return -1;
        }
        i = skipSpace(i + 3);
        if (src.startsWith("-%}", i)) {
            return skipSpace(i + 3);
        }
        return src.startsWith("%}", i) ? i + 2 : -1;
    }

    private void lexRaw() {
        for (int k = src.indexOf("{%", pos); k >= 0; k = src.indexOf("{%", k + 1)) {
            char sign = signAt(k + 2);
            int i = skipSpace(k + 2 + (sign == 0 ? 0 : 1));
            if (!src.startsWith("endraw", i)) {
                continue;
            }
            int end = endOfTagClose(skipSpace(i + 6), "%}");
            if (end < 0) {
                continue;
            }
            String text = stripBeforeTag(src.substring(pos, k), sign, true);
            if (!text.isEmpty()) {
                emit(Kind.DATA, text, null);
            }
            finishTag(end);
            return;
        }
        throw TemplateException.at(line, "missing end of raw directive");
    }

    /**
     * If a closing delimiter ({@code +%}}, {@code -%}} plus whitespace, or {@code %}} plus one newline) starts at
     * {@code i}, the offset just past it; else -1.
     */
    private int endOfTagClose(int i, String close) {
        if (src.startsWith("+" + close, i)) {
            return i + 1 + close.length();
        }
        if (src.startsWith("-" + close, i)) {
            return skipSpace(i + 1 + close.length());
        }
        if (src.startsWith(close, i)) {
            int end = i + close.length();
            return end < src.length() && src.charAt(end) == '\n' ? end + 1 : end;
        }
        return -1;
    }

    private void finishTag(int end) {
        lineStarting = src.charAt(end - 1) == '\n';
        advanceTo(end);
    }

    private void skipComment() {
        for (int j = src.indexOf("#}", pos); j >= 0; j = src.indexOf("#}", j + 1)) {
            int start = j > pos && (src.charAt(j - 1) == '-' || src.charAt(j - 1) == '+') ? j - 1 : j;
            finishTag(endOfTagClose(start, "#}"));
            return;
        }
        throw TemplateException.at(line, "missing end of comment tag");
    }

    /** Tokens of a {@code {{ ... }}} or {@code {% ... %}} up to and including its closing delimiter. */
    private void lexTag(boolean block) {
        while (pos < src.length()) {
            if (brackets.isEmpty()) {
                int end = block ? endOfTagClose(pos, "%}") : variableEnd(pos);
                if (end >= 0) {
                    emit(block ? Kind.BLOCK_END : Kind.VARIABLE_END, block ? "%}" : "}}", null);
                    finishTag(end);
                    return;
                }
            }
            char c = src.charAt(pos);
            if (PyStr.isSpace(c)) {
                advanceTo(skipSpace(pos));
            } else if (c >= '0' && c <= '9') {
                lexNumber();
            } else if (c == '\'' || c == '"') {
                lexString(c);
            } else if (Character.isLetter(src.codePointAt(pos)) || c == '_') {
                int end = pos;
                while (end < src.length() && isNamePart(src.codePointAt(end))) {
                    end += Character.charCount(src.codePointAt(end));
                }
                emit(Kind.NAME, src.substring(pos, end), null);
                advanceTo(end);
            } else {
                lexOperator();
            }
        }
    }

    /** A {@code }}} (or {@code -}}} plus whitespace) at i: the offset past it, else -1. No trim_blocks here. */
    private int variableEnd(int i) {
        if (src.startsWith("-}}", i)) {
            return skipSpace(i + 3);
        }
        return src.startsWith("}}", i) ? i + 2 : -1;
    }

    private static boolean isNamePart(int cp) {
        if (Character.isLetterOrDigit(cp) || cp == '_') {
            return true;
        }
        int type = Character.getType(cp);
        return type == Character.NON_SPACING_MARK || type == Character.COMBINING_SPACING_MARK
                || type == Character.CONNECTOR_PUNCTUATION;
    }

    private void lexNumber() {
        Matcher m = FLOAT.matcher(src).region(pos, src.length()).useTransparentBounds(true);
        if (m.lookingAt()) {
            emit(Kind.FLOAT, m.group(), Double.parseDouble(m.group().replace("_", "")));
            advanceTo(m.end());
            return;
        }
        m = INTEGER.matcher(src).region(pos, src.length());
        if (!m.lookingAt()) {
            throw TemplateException.at(line, "unexpected char '" + src.charAt(pos) + "'");
        }
        String digits = m.group().replace("_", "").toLowerCase();
        int radix = 10;
        if (digits.length() > 1 && digits.charAt(0) == '0' && Character.isLetter(digits.charAt(1))) {
            radix = switch (digits.charAt(1)) {
                case 'b' -> 2;
                case 'o' -> 8;
                default -> 16;
            };
            digits = digits.substring(2);
        }
        emit(Kind.INTEGER, m.group(), PyValues.normalize(new BigInteger(digits, radix)));
        advanceTo(m.end());
    }

    private void lexString(char quote) {
        int i = pos + 1;
        while (i < src.length() && src.charAt(i) != quote) {
            i += src.charAt(i) == '\\' ? 2 : 1;
        }
        if (i >= src.length()) {
            throw TemplateException.at(line, "unexpected char " + (quote == '\'' ? "\"'\"" : "'\"'")
                    + " (unterminated string)");
        }
        String raw = src.substring(pos + 1, i);
        emit(Kind.STRING, src.substring(pos, i + 1), unescape(raw));
        advanceTo(i + 1);
    }

    /** Python's unicode-escape decoding, which jinja2 applies to string literals. */
    private String unescape(String s) {
        if (s.indexOf('\\') < 0) {
            return s;
        }
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c != '\\') {
                sb.append(c);
                continue;
            }
            char e = s.charAt(++i);
            switch (e) {
                case '\n' -> {
                }
                case '\\', '\'', '"' -> sb.append(e);
                case 'a' -> sb.append('\u0007');
                case 'b' -> sb.append('\b');
                case 'f' -> sb.append('\f');
                case 'n' -> sb.append('\n');
                case 'r' -> sb.append('\r');
                case 't' -> sb.append('\t');
                case 'v' -> sb.append('\u000b');
                case 'x' -> i = appendHex(s, i, 2, sb);
                case 'u' -> i = appendHex(s, i, 4, sb);
                case 'U' -> i = appendHex(s, i, 8, sb);
                case 'N' -> i = appendNamed(s, i, sb);
                default -> {
                    if (e >= '0' && e <= '7') {
                        int end = i;
                        while (end < s.length() && end < i + 3 && s.charAt(end) >= '0' && s.charAt(end) <= '7') {
                            end++;
                        }
                        sb.appendCodePoint(Integer.parseInt(s, i, end, 8));
                        i = end - 1;
                    } else if (e > 0x7f) {
                        // jinja2 first escapes non-ASCII as backslash-x/u/U hex: a backslash before "é" gives "\\xe9"
                        int cp = s.codePointAt(i);
                        sb.append('\\').append(cp <= 0xff ? String.format("x%02x", cp)
                                : cp <= 0xffff ? String.format("u%04x", cp) : String.format("U%08x", cp));
                        i += Character.charCount(cp) - 1;
                    } else {
                        sb.append('\\').append(e);
                    }
                }
            }
        }
        return sb.toString();
    }

    private int appendHex(String s, int i, int digits, StringBuilder sb) {
        int end = i + 1 + digits;
        if (end > s.length() || !s.substring(i + 1, end).chars().allMatch(ch -> Character.digit(ch, 16) >= 0)) {
            throw TemplateException.at(line, "truncated \\" + s.charAt(i) + "XX".repeat(digits / 2) + " escape");
        }
        long cp = Long.parseLong(s, i + 1, end, 16);
        if (cp > Character.MAX_CODE_POINT) {
            throw TemplateException.at(line, "illegal Unicode character");
        }
        sb.appendCodePoint((int) cp);
        return end - 1;
    }

    private int appendNamed(String s, int i, StringBuilder sb) {
        int close = s.indexOf('}', i);
        if (i + 1 >= s.length() || s.charAt(i + 1) != '{' || close < 0) {
            throw TemplateException.at(line, "malformed \\N character escape");
        }
        try {
            sb.appendCodePoint(Character.codePointOf(s.substring(i + 2, close)));
        } catch (IllegalArgumentException e) {
            throw TemplateException.at(line, "unknown Unicode character name");
        }
        return close;
    }

    private void lexOperator() {
        for (String op : OPERATORS) {
            if (src.startsWith(op, pos)) {
                trackBrackets(op);
                emit(Kind.OPERATOR, op, null);
                advanceTo(pos + op.length());
                return;
            }
        }
        throw TemplateException.at(line, "unexpected char " + PyValues.repr(Character.toString(src.codePointAt(pos))));
    }

    private void trackBrackets(String op) {
        switch (op) {
            case "(" -> brackets.push(')');
            case "[" -> brackets.push(']');
            case "{" -> brackets.push('}');
            case ")", "]", "}" -> {
                if (brackets.isEmpty()) {
                    throw TemplateException.at(line, "unexpected '" + op + "'");
                }
                char expected = brackets.pop();
                if (expected != op.charAt(0)) {
                    throw TemplateException.at(line, "unexpected '" + op + "', expected '" + expected + "'");
                }
            }
            default -> {
            }
        }
    }

    private int skipSpace(int i) {
        while (i < src.length() && PyStr.isSpace(src.charAt(i))) {
            i++;
        }
        return i;
    }

    private void emit(Kind kind, String text, Object value) {
        tokens.add(new Token(kind, text, value, line));
    }

    private void advanceTo(int newPos) {
        for (int i = pos; i < newPos; i++) {
            if (src.charAt(i) == '\n') {
                line++;
            }
        }
        pos = newPos;
    }
}
