package dev.sluice.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.api.json.Json;
import dev.sluice.spi.ConfigException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SequencedMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Managed routes over the config file's: laid over them by name, checked together with them, and each fault named at
 * the route and key at fault, as the config file's are at their file, line and key.
 */
class RouteDefinitionsTest {

    private static final String CONFIG = """
            providers: [{id: sim, type: simulator}]
            models:
              - {name: a, provider: sim}
              - {name: b, provider: sim}
            routes:
              - name: chat
                deployments: [{model: a}]
                fallbacks: [backup]
              - name: backup
                deployments: [{model: b}]
            """;

    @TempDir
    Path dir;

    private SluiceConfig load(String yaml) {
        Path f = dir.resolve("sluice.yaml");
        try {
            Files.writeString(f, yaml);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        return new ConfigLoader(Map.of()).load(f);
    }

    private static SequencedMap<String, JsonNode> managed(String... nameAndJson) {
        SequencedMap<String, JsonNode> out = new LinkedHashMap<>();
        for (int i = 0; i < nameAndJson.length; i += 2) {
            try {
                out.put(nameAndJson[i], Json.parse(nameAndJson[i + 1]));
            } catch (IOException e) {
                throw new AssertionError(e);
            }
        }
        return out;
    }

    private RouteDefinitions.Invalid fault(SequencedMap<String, JsonNode> managed) {
        SluiceConfig c = load(CONFIG);
        return catchThrowableOfType(RouteDefinitions.Invalid.class,
                () -> RouteDefinitions.resolve(c.section("routes"), managed, c.models()));
    }

    @Test
    void aManagedRouteReplacesTheConfiguredOneOfItsNameAndANewOneIsAddedAfterThem() {
        SluiceConfig c = load(CONFIG);
        List<RouteConfig> routes = RouteDefinitions.resolve(c.section("routes"), managed(
                "fresh", "{\"name\":\"fresh\",\"deployments\":[{\"model\":\"b\"}]}",
                "chat", "{\"name\":\"chat\",\"strategy\":\"least-busy\",\"deployments\":[{\"model\":\"a\",\"weight\":2},"
                        + "{\"model\":\"b\",\"weight\":0}]}"), c.models());
        assertThat(routes).extracting(RouteConfig::name).containsExactly("chat", "backup", "fresh");
        assertThat(routes.get(0).strategy().name()).isEqualTo("least-busy");
        assertThat(routes.get(0).members()).containsExactly(new RouteConfig.Member("a", 2),
                new RouteConfig.Member("b", 0));
        assertThat(routes.get(0).fallbacks()).as("the managed definition whole, not merged key by key").isEmpty();
    }

    @Test
    void eachFaultOfAManagedRouteIsNamedAtItsKey() {
        assertThat(fault(managed("x", "{\"name\":\"x\",\"deployments\":[{\"model\":\"gpt-5\"}]}")))
                .satisfies(e -> {
                    assertThat(e.route()).isEqualTo("x");
                    assertThat(e.managed()).isTrue();
                    assertThat(e.field()).isEqualTo("deployments[0].model");
                    assertThat(e.getMessage()).contains("unknown deployment 'gpt-5'");
                });
        assertThat(fault(managed("x", "{\"name\":\"x\",\"deployments\":[{\"model\":\"a\",\"weight\":-1}]}")).field())
                .isEqualTo("deployments[0].weight");
        assertThat(fault(managed("x", "{\"name\":\"x\",\"deployments\":[{\"model\":\"a\",\"weight\":\"heavy\"}]}")))
                .satisfies(e -> {
                    assertThat(e.field()).isEqualTo("deployments[0].weight");
                    assertThat(e.getMessage()).contains("must be a whole number");
                });
        assertThat(fault(managed("x", "{\"name\":\"x\",\"strategy\":\"fastest\",\"deployments\":[{\"model\":\"a\"}]}"))
                .getMessage()).contains("unknown strategy 'fastest'");
        assertThat(fault(managed("x", "{\"name\":\"x\",\"deployments\":[{\"model\":\"a\"}],\"wieght\":1}")).field())
                .isEqualTo("wieght");
        assertThat(fault(managed("a", "{\"name\":\"a\",\"deployments\":[{\"model\":\"a\"}]}")).getMessage())
                .contains("already a model's name");
    }

    @Test
    void aCycleThroughAConfiguredRouteIsNamedAtTheManagedRouteThatCloses() {
        RouteDefinitions.Invalid e = fault(managed("backup",
                "{\"name\":\"backup\",\"deployments\":[{\"model\":\"b\"}],\"fallbacks\":[\"chat\"]}"));
        assertThat(e.route()).isEqualTo("backup");
        assertThat(e.managed()).isTrue();
        assertThat(e.field()).isEqualTo("fallbacks");
        assertThat(e.getMessage()).contains("backup -> chat -> backup");
    }

    @Test
    void aFallbackToAManagedRouteThatIsGoneIsNamedAtTheRouteThatFallsBack() {
        RouteDefinitions.Invalid e = fault(managed("m1",
                "{\"name\":\"m1\",\"deployments\":[{\"model\":\"a\"}],\"fallbacks\":[\"m2\"]}"));
        assertThat(e.route()).isEqualTo("m1");
        assertThat(e.field()).isEqualTo("fallbacks[0]");
        assertThat(e.getMessage()).contains("unknown route 'm2'");
    }

    @Test
    void aManagedRouteTakesEveryKeyAConfiguredOneDoes() {
        SluiceConfig c = load(CONFIG);
        List<RouteConfig> routes = RouteDefinitions.resolve(c.section("routes"), managed("long",
                "{\"name\":\"long\",\"deployments\":[{\"model\":\"a\"}],\"context_window_fallbacks\":[\"b\"],"
                        + "\"content_policy_fallbacks\":[\"backup\"],\"timeout_ms\":5000}"), c.models());
        RouteConfig long_ = routes.get(routes.size() - 1);
        assertThat(long_.contextWindowFallbacks()).containsExactly("b");
        assertThat(long_.contentPolicyFallbacks()).containsExactly("backup");
        assertThat(fault(managed("long", "{\"name\":\"long\",\"deployments\":[{\"model\":\"a\"}],"
                + "\"context_window_fallbacks\":[\"huge\"]}")).field()).startsWith("context_window_fallbacks");
    }

    @Test
    void theConfigFileRefusesAValueOfTheWrongKindWithItsFileLineAndKey() {
        ConfigException e = catchThrowableOfType(ConfigException.class, () -> load(CONFIG.replace(
                "deployments: [{model: b}]", "deployments: [{model: b, weight: heavy}]")));
        assertThat(e.getMessage()).startsWith("sluice.yaml:10: routes[1].deployments[0].weight")
                .contains("must be a whole number, not text 'heavy'");
    }
}
