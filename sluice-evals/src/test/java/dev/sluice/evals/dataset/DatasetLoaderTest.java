package dev.sluice.evals.dataset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.api.error.GatewayException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Datasets in JSONL, CSV and Bedrock's evaluation format, versioned by content hash. */
class DatasetLoaderTest {

    @TempDir Path dir;
    private final DatasetLoader loader = new DatasetLoader();

    @Test
    void bedrockRecordsMapToPromptReferenceCategoryAndContexts() throws Exception {
        Path file = Files.writeString(dir.resolve("bedrock.jsonl"), """
                {"prompt":"Capital of France?","referenceResponse":"Paris","category":"geo","referenceContexts":["Paris is the capital of France."]}
                {"prompt":"2+2?","referenceResponse":"4","category":"math"}
                """);

        Dataset d = loader.load(file);

        assertThat(d.cases()).hasSize(2);
        EvalCase first = d.cases().getFirst();
        assertThat(first.id()).isEqualTo("1");
        assertThat(first.prompt()).isEqualTo("Capital of France?");
        assertThat(first.expected()).isEqualTo("Paris");
        assertThat(first.category()).isEqualTo("geo");
        assertThat(first.contexts()).containsExactly("Paris is the capital of France.");
    }

    @Test
    void genericJsonlKeepsVariablesAndIds() throws Exception {
        Path file = Files.writeString(dir.resolve("g.jsonl"), """
                {"id":"a","vars":{"city":"Paris","n":3},"expected":{"ok":true}}

                {"id":"b","city":"Rome","expected":"Italy"}
                """);

        Dataset d = loader.load(file);

        assertThat(d.cases()).extracting(EvalCase::id).containsExactly("a", "b");
        assertThat(d.cases().get(0).vars()).containsEntry("city", "Paris").containsEntry("n", "3");
        assertThat(d.cases().get(0).expected()).isEqualTo("{\"ok\":true}");
        assertThat(d.cases().get(1).vars()).containsEntry("city", "Rome");
    }

    @Test
    void csvUsesTheHeaderAndSplitsContexts() throws Exception {
        Path file = Files.writeString(dir.resolve("d.csv"), """
                id,question,expected,category,contexts
                q1,"Where is Paris, exactly?",France,geo,first||second
                q2,Capital of Spain?,Madrid,,
                """);

        Dataset d = loader.load(file);

        assertThat(d.cases()).hasSize(2);
        assertThat(d.cases().get(0).vars()).containsEntry("question", "Where is Paris, exactly?");
        assertThat(d.cases().get(0).contexts()).containsExactly("first", "second");
        assertThat(d.cases().get(1).category()).isNull();
    }

    @Test
    void theVersionIsTheContentHashAndChangesWithTheContent() throws Exception {
        Path a = Files.writeString(dir.resolve("a.jsonl"), "{\"prompt\":\"x\"}\n");
        Path b = Files.writeString(dir.resolve("b.jsonl"), "{\"prompt\":\"x\"}\n");
        Path c = Files.writeString(dir.resolve("c.jsonl"), "{\"prompt\":\"y\"}\n");

        assertThat(loader.load(a).version()).isEqualTo(loader.load(b).version())
                .isEqualTo("sha256:" + dev.sluice.evals.run.Hashing.sha256("{\"prompt\":\"x\"}\n"));
        assertThat(loader.load(c).version()).isNotEqualTo(loader.load(a).version());
    }

    @Test
    void malformedDatasetsFailWithTheFileAndLine() throws Exception {
        Path broken = Files.writeString(dir.resolve("broken.jsonl"), "{\"prompt\":\"x\"}\n{oops\n");
        Path dup = Files.writeString(dir.resolve("dup.jsonl"), "{\"id\":1}\n{\"id\":1}\n");

        assertThatThrownBy(() -> loader.load(broken)).isInstanceOf(GatewayException.class)
                .hasMessageContaining("broken.jsonl:2: not valid JSON");
        assertThatThrownBy(() -> loader.load(dup)).hasMessageContaining("duplicate case id '1'");
        assertThatThrownBy(() -> loader.load(dir.resolve("none.jsonl"))).hasMessageContaining("cannot read dataset");
    }
}
