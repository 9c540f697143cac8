package dev.sluice.spi;

import dev.sluice.api.error.GatewayError;
import dev.sluice.api.wire.ChatWireCodec;
import dev.sluice.api.wire.EmbeddingsWireCodec;
import dev.sluice.api.wire.WireReply;
import java.util.List;

/**
 * A wire format that callers speak to Sluice (OpenAI, Anthropic, Bedrock Converse, ...): its routes and the codecs
 * that serve them. Found with {@link java.util.ServiceLoader}, like providers: the HTTP edge names no API, and adding
 * one is adding a module with a {@code META-INF/services/dev.sluice.spi.InboundApi} line. Thread-safe.
 */
public interface InboundApi {

    /** What a route does. */
    enum Kind { CHAT, EMBEDDINGS, MODELS, MODEL }

    /**
     * One route.
     *
     * @param path the path pattern; a {@code {name}} segment matches one segment
     * @param modelPathParam the path segment that names the model (Bedrock), or null when the body does
     * @param stream whether the route decides streaming (true or false), or null when the body does
     */
    record Route(Kind kind, String method, String path, String modelPathParam, Boolean stream) {
        public static Route chat(String path) {
            return new Route(Kind.CHAT, "POST", path, null, null);
        }
    }

    /** Short name used in records and metrics: {@code openai}, {@code anthropic}, {@code bedrock}. */
    String name();

    List<Route> routes();

    /** The codec of this API's chat routes. */
    ChatWireCodec chat();

    /** The codec of this API's embeddings routes, or null when it has none. */
    default EmbeddingsWireCodec embeddings() { return null; }

    /** The answer of a model list route: the public model names, each made at {@code created} (epoch seconds). */
    default WireReply models(List<String> names, long created) {
        throw new UnsupportedOperationException(name() + " has no model list");
    }

    /** The answer of a one-model route ({@link Kind#MODEL}, the name in its model path parameter). */
    default WireReply model(String name, long created) {
        throw new UnsupportedOperationException(name() + " has no model route");
    }

    /**
     * The start of the paths this API owns: a path that matched no route (or a request that could not be read) gets
     * its error in the shape of the API with the longest prefix it starts with.
     */
    String pathPrefix();

    /** An error in this API's shape and status. */
    default WireReply error(GatewayError error) {
        return chat().encodeError(error);
    }
}
