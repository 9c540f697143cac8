package dev.sluice.transport.internal;

import dev.sluice.api.error.ErrorType;
import dev.sluice.api.error.GatewayError;
import dev.sluice.api.error.GatewayException;
import io.netty.channel.ConnectTimeoutException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import javax.net.ssl.SSLException;

/** Maps transport failures to canonical errors that name the provider and never carry request data or secrets. */
public final class TransportErrors {

    private TransportErrors() { }

    public static GatewayException connectFailed(String providerId, Throwable cause) {
        Throwable c = rootOf(cause);
        if (c instanceof ConnectTimeoutException) {
            return error(ErrorType.TIMEOUT, "timed out connecting to provider '" + providerId + "'", providerId);
        }
        if (c instanceof UnknownHostException) {
            return error(ErrorType.UPSTREAM_UNAVAILABLE, "cannot resolve the host of provider '" + providerId + "'",
                    providerId);
        }
        if (c instanceof ConnectException || c instanceof NoRouteToHostException) {
            return error(ErrorType.UPSTREAM_UNAVAILABLE, "cannot connect to provider '" + providerId + "'", providerId);
        }
        return broken(providerId, cause, false);
    }

    /** The connection failed after it was made, before or during the answer. */
    public static GatewayException broken(String providerId, Throwable cause, boolean midAnswer) {
        Throwable c = rootOf(cause);
        if (c instanceof SSLException) {
            return error(ErrorType.UPSTREAM_ERROR, "TLS with provider '" + providerId + "' failed: "
                    + c.getClass().getSimpleName(), providerId);
        }
        return error(ErrorType.UPSTREAM_ERROR, "connection to provider '" + providerId + "' "
                + (midAnswer ? "broke in the middle of the answer" : "closed before an answer"), providerId);
    }

    public static GatewayException malformed(String providerId) {
        return error(ErrorType.UPSTREAM_ERROR, "provider '" + providerId + "' sent a malformed HTTP answer",
                providerId);
    }

    private static GatewayException error(ErrorType type, String message, String providerId) {
        return new GatewayException(new GatewayError(type, type.defaultStatus(), message, providerId, null, null));
    }

    /** The first cause in the chain that says what happened, or {@code t} itself. */
    private static Throwable rootOf(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof SSLException || c instanceof ConnectException || c instanceof ConnectTimeoutException
                    || c instanceof UnknownHostException || c instanceof NoRouteToHostException) {
                return c;
            }
        }
        return t;
    }
}
