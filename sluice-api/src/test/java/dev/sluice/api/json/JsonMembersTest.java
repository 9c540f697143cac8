package dev.sluice.api.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class JsonMembersTest {

    /** An object of members m0..m{n-1}, then {@code extra} members named as given. */
    private static String object(int n, String... extra) {
        List<String> members = IntStream.range(0, n).mapToObj(i -> "\"m" + i + "\":" + i)
                .collect(Collectors.toCollection(ArrayList::new));
        for (String name : extra) {
            members.add("\"" + name + "\":{\"x\":1}");
        }
        return "{" + String.join(",", members) + "}";
    }

    private static List<String> eachOnce(String json) throws IOException {
        List<String> names = new ArrayList<>();
        try (JsonParser p = Json.MAPPER.getFactory().createParser(json.getBytes(StandardCharsets.UTF_8))) {
            assertThat(p.nextToken()).isEqualTo(JsonToken.START_OBJECT);
            assertThat(JsonMembers.eachOnce(p, (name, v) -> names.add(name))).isTrue();
        }
        return names;
    }

    @Test
    void eachOnceSeesEveryMemberOfAnObjectWithoutRepeatsShortOrLong() throws IOException {
        assertThat(eachOnce(object(3))).containsExactly("m0", "m1", "m2");
        assertThat(eachOnce(object(40))).hasSize(40).endsWith("m39");
    }

    @Test
    void eachOnceRefusesANameThatComesTwiceInAShortOrALongObject() {
        assertThatThrownBy(() -> eachOnce(object(3, "m1"))).isInstanceOf(JsonParseException.class);
        assertThatThrownBy(() -> eachOnce(object(12, "m0"))).isInstanceOf(JsonParseException.class);
        assertThatThrownBy(() -> eachOnce(object(30, "m5"))).isInstanceOf(JsonParseException.class);
        assertThatThrownBy(() -> eachOnce(object(30, "late", "late"))).isInstanceOf(JsonParseException.class);
    }

    @Test
    void eachOnceLooksOnlyAtTheObjectItWalksNotAtValuesItSkips() throws IOException {
        assertThat(eachOnce("{\"a\":{\"x\":1,\"x\":2},\"b\":[{\"y\":1,\"y\":1}]}")).containsExactly("a", "b");
    }

    @Test
    void eachLetsARepeatedNameThrough() throws IOException {
        List<String> names = new ArrayList<>();
        assertThat(JsonMembers.walk("{\"a\":1,\"a\":2}".getBytes(StandardCharsets.UTF_8),
                (name, v) -> names.add(name))).isTrue();
        assertThat(names).containsExactly("a", "a");
    }
}
