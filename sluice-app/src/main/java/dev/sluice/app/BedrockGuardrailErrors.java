package dev.sluice.app;

import dev.sluice.api.error.GatewayError;
import dev.sluice.api.error.GatewayException;
import dev.sluice.api.json.Json;
import dev.sluice.api.wire.WireReply;
import dev.sluice.guardrails.bedrock.BedrockValidation;
import dev.sluice.server.ErrorShape;
import java.util.Map;

/**
 * Errors of the guardrail routes in Bedrock's shape: an {@code x-amzn-ErrorType} header naming the exception and a
 * {@code {"message": ...}} body, with Bedrock's status for it, so that the AWS SDKs raise their own exception types
 * ({@code ValidationException}, {@code ResourceNotFoundException}, ...). Stateless.
 */
final class BedrockGuardrailErrors {

    private BedrockGuardrailErrors() { }

    /** A failure to answer with: Bedrock's exception name, status and message. */
    static final class Failure extends RuntimeException {
        final int status;
        final String type;

        Failure(int status, String type, String message) {
            super(message, null, false, false);
            this.status = status;
            this.type = type;
        }
    }

    static Failure validation(String message) {
        return new Failure(400, "ValidationException", message);
    }

    static Failure notFound(String message) {
        return new Failure(404, "ResourceNotFoundException", message);
    }

    static Failure conflict(String message) {
        return new Failure(409, "ConflictException", message);
    }

    /** The shape of failures the edge answers itself (body too large, unreadable request, a crash). */
    static final ErrorShape SHAPE = BedrockGuardrailErrors::encode;

    static WireReply encode(GatewayError e) {
        String type = switch (e.status()) {
            case 401, 403 -> "AccessDeniedException";
            case 404 -> "ResourceNotFoundException";
            case 409 -> "ConflictException";
            case 429 -> "ThrottlingException";
            default -> e.status() >= 500 ? "InternalServerException" : "ValidationException";
        };
        int status = e.status() == 401 ? 403 : e.status() >= 500 ? 500 : e.status();
        return reply(status, type, e.message());
    }

    /** Any throwable of a guardrail route as its answer; unexpected ones are 500s that say nothing of the cause. */
    static WireReply of(Throwable t) {
        if (t instanceof java.util.concurrent.CompletionException && t.getCause() != null) {
            t = t.getCause();
        }
        if (t instanceof Failure f) {
            return reply(f.status, f.type, f.getMessage());
        }
        if (t instanceof BedrockValidation v) {
            return reply(400, "ValidationException", v.getMessage());
        }
        if (t instanceof GatewayException g) {
            return encode(g.error());
        }
        return reply(500, "InternalServerException", "Internal error.");
    }

    static WireReply reply(int status, String type, String message) {
        return new WireReply(status, "application/json", Map.of("x-amzn-ErrorType", type),
                Json.bytes(Json.object().put("message", message)));
    }
}
