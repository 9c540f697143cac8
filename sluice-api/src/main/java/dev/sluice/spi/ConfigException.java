package dev.sluice.spi;

/**
 * A configuration problem found at start-up. The message names where ({@code file: key}) and what is wrong, and is
 * shown to the user as is.
 */
public final class ConfigException extends RuntimeException {

    private final String where;
    private final String problem;

    public ConfigException(String where, String problem) {
        super(where + ": " + problem, null, false, false);
        this.where = where;
        this.problem = problem;
    }

    public String where() { return where; }

    public String problem() { return problem; }
}
