package dev.sluice.server;

import dev.sluice.api.error.ErrorType;
import dev.sluice.api.error.GatewayError;
import dev.sluice.api.error.GatewayException;
import io.helidon.webserver.http.ServerRequest;
import java.io.IOException;
import java.io.InputStream;

/** Reads request bodies under a size limit, rejecting larger ones before or while reading them. */
final class RequestBodies {

    private RequestBodies() { }

    static byte[] read(ServerRequest request, long limit) {
        var declared = request.headers().contentLength();
        if (declared.isPresent() && declared.getAsLong() > limit) {
            throw tooLarge(limit);
        }
        try (InputStream in = request.content().inputStream()) {
            byte[] body = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, limit + 1));
            if (body.length > limit) {
                throw tooLarge(limit);
            }
            return body;
        } catch (IOException | RuntimeException e) {
            if (e instanceof GatewayException g) {
                throw g;
            }
            throw new GatewayException(GatewayError.invalid("could not read the request body", null), e);
        }
    }

    private static GatewayException tooLarge(long limit) {
        return new GatewayException(new GatewayError(ErrorType.REQUEST_TOO_LARGE, 413,
                "Request body is larger than the limit of " + limit + " bytes.", null, null, null));
    }
}
