package dev.sluice.gateway.engine;

import dev.sluice.api.error.ErrorType;
import dev.sluice.api.error.GatewayError;

/** The caller went away before its answer was complete; recorded as a client disconnect (status 499). */
public final class ClientGoneException extends RuntimeException {

    /** How the call is recorded: nginx's 499 "client closed request". */
    static final GatewayError ERROR = new GatewayError(ErrorType.CLIENT_CLOSED, 499, "client closed the connection", null,
            null, null);

    ClientGoneException(String reason) {
        super(reason, null, false, false);
    }
}
