package dev.sluice.spi;

/**
 * A configuration problem found at start-up. The message names where ({@code file: key}) and what is wrong, and is
 * shown to the user as is; once the fault is placed in its file, it starts with the file and line, as compilers write
 * them ({@code sluice.yaml:12: models[1].provider: unknown provider 'opnai' ...}).
 */
public final class ConfigException extends RuntimeException {

    private final String where;
    private final String problem;
    private final int line;

    public ConfigException(String where, String problem) {
        this(where, problem, 0);
    }

    /** @param line the line of the file where the fault is, or 0 when it is not known */
    public ConfigException(String where, String problem, int line) {
        super(message(where, problem, line), null, false, false);
        this.where = where;
        this.problem = problem;
        this.line = line;
    }

    private static String message(String where, String problem, int line) {
        int colon = where.indexOf(": ");
        if (line <= 0 || colon < 0) {
            return where + ": " + problem;
        }
        return where.substring(0, colon) + ":" + line + ": " + where.substring(colon + 2) + ": " + problem;
    }

    /** The line of the file where the fault is, or 0 when it is not known. */
    public int line() { return line; }

    public String where() { return where; }

    public String problem() { return problem; }
}
