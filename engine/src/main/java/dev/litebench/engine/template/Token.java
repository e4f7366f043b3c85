package dev.litebench.engine.template;

/**
 * A lexer token. {@code text} is the source spelling (the operator, the name, the data); {@code value} is the
 * literal's value for strings and numbers.
 */
record Token(Kind kind, String text, Object value, int line) {
    enum Kind {
        DATA, VARIABLE_BEGIN, VARIABLE_END, BLOCK_BEGIN, BLOCK_END, NAME, STRING, INTEGER, FLOAT, OPERATOR, EOF
    }

    boolean is(Kind k) {
        return kind == k;
    }

    boolean isName(String name) {
        return kind == Kind.NAME && text.equals(name);
    }

    boolean isOperator(String op) {
        return kind == Kind.OPERATOR && text.equals(op);
    }

    /** How error messages show this token. */
    String describe() {
        return switch (kind) {
            case DATA -> "template data";
            case VARIABLE_BEGIN -> "'{{'";
            case VARIABLE_END -> "end of print statement";
            case BLOCK_BEGIN -> "'{%'";
            case BLOCK_END -> "end of statement block";
            case STRING -> "string literal";
            case EOF -> "end of template";
            default -> "'" + text + "'";
        };
    }
}
