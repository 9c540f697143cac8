package dev.sluice.api.error;

/** Carries a {@link GatewayError} up the stack. Cheap: no stack trace is captured. */
public final class GatewayException extends RuntimeException {

    private final GatewayError error;

    public GatewayException(GatewayError error) {
        this(error, null);
    }

    public GatewayException(GatewayError error, Throwable cause) {
        super(error.message(), cause, false, false);
        this.error = error;
    }

    public static GatewayException of(ErrorType type, String message) {
        return new GatewayException(GatewayError.of(type, message));
    }

    public static GatewayException invalid(String message, String param) {
        return new GatewayException(GatewayError.invalid(message, param));
    }

    public GatewayError error() { return error; }
}
