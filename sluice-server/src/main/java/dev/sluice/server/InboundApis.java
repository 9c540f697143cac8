package dev.sluice.server;

import dev.sluice.spi.InboundApi;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;

/** The inbound APIs on the class path, found with {@link ServiceLoader} (the only place that looks for them). */
public final class InboundApis {

    private InboundApis() { }

    public static List<InboundApi> discover() {
        List<InboundApi> out = new ArrayList<>();
        ServiceLoader.load(InboundApi.class).forEach(out::add);
        return List.copyOf(out);
    }
}
