package dev.fisherman.genesis;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import dev.fisherman.genesis.input.Durations;
import dev.fisherman.genesis.input.Keys;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Holds {@code genesis.schema.json} to the loader: same keys, same required keys, examples pass.
 */
class GenesisSchemaTest {
  static final Path SCHEMA = Path.of("genesis.schema.json");
  static final ObjectMapper JSON = new ObjectMapper();

  static JsonNode schema() throws IOException {
    return JSON.readTree(SCHEMA.toFile());
  }

  /** Each object level of the schema, by JSON pointer, with the loader's shape for it. */
  static Stream<Arguments> levels() {
    return Stream.of(
        Arguments.of("", GenesisKeys.ROOT),
        Arguments.of("/properties/params", GenesisKeys.PARAMS),
        Arguments.of("/properties/params/properties/session", GenesisKeys.SESSION),
        Arguments.of("/properties/params/properties/qos", GenesisKeys.QOS),
        Arguments.of("/properties/params/properties/limits", GenesisKeys.LIMITS),
        Arguments.of("/properties/params/properties/checks", GenesisKeys.CHECKS),
        Arguments.of("/properties/params/properties/checks/properties/sync", GenesisKeys.SYNC),
        Arguments.of(
            "/properties/params/properties/checks/properties/integrity", GenesisKeys.INTEGRITY),
        Arguments.of("/properties/params/properties/self_check", GenesisKeys.SELF_CHECK),
        Arguments.of("/properties/params/properties/reputation", GenesisKeys.REPUTATION),
        Arguments.of("/properties/services/items", GenesisKeys.SERVICE),
        Arguments.of("/properties/services/items/properties/relay", GenesisKeys.RELAY),
        Arguments.of("/properties/services/items/properties/expect", GenesisKeys.EXPECT),
        Arguments.of("/properties/services/items/properties/reads", GenesisKeys.READS),
        Arguments.of("/properties/servicers/items", GenesisKeys.SERVICER));
  }

  @ParameterizedTest(name = "#{0}")
  @MethodSource("levels")
  void schemaLevel_hasExactlyTheLoadersKeysAndRequiredKeys(String pointer, Keys shape)
      throws IOException {
    JsonNode level = schema().at(pointer);

    assertThat(level.path("type").asText()).isEqualTo("object");
    assertThat(
            level.path("additionalProperties").isBoolean()
                && !level.path("additionalProperties").asBoolean())
        .as("%s rejects unknown keys", pointer)
        .isTrue();
    assertThat(names(level.path("properties"))).containsExactlyElementsOf(shape.keys());
    List<String> required = new ArrayList<>();
    level.path("required").forEach(n -> required.add(n.asText()));
    assertThat(required).containsExactlyInAnyOrderElementsOf(shape.required());
  }

  @Test
  void schema_hasNoObjectLevelTheTestDoesNotKnow() throws IOException {
    List<String> pointers = new ArrayList<>();
    collectClosedObjects(schema(), "", pointers);

    assertThat(pointers)
        .containsExactlyInAnyOrderElementsOf(levels().map(a -> (String) a.get()[0]).toList());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("examples")
  void example_isValidAgainstTheSchema(Path example) throws IOException {
    Set<ValidationMessage> errors = validator().validate(JSON.readTree(example.toFile()));

    assertThat(errors).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("examples")
  void example_loads(Path example) throws Exception {
    assertThat(GenesisLoader.load(example).services()).isNotEmpty();
  }

  @Test
  void schema_rejectsUnknownKeysLikeTheLoader() throws Exception {
    JsonNode doc =
        JSON.readTree(InvalidGenesisCorpusTest.corpus().resolve("04-unknown-keys.json").toFile());

    assertThat(validator().validate(doc))
        .extracting(ValidationMessage::getInstanceLocation)
        .extracting(Object::toString)
        .containsExactlyInAnyOrder("$", "$.params.qos", "$.servicers[1]");
  }

  @Test
  void schema_jsonRpcRead_hasExactlyTheLoadersKeys() throws IOException {
    JsonNode read = schema().at("/$defs/jsonrpc_read");

    assertThat(read.path("additionalProperties").asBoolean(true)).isFalse();
    assertThat(names(read.path("properties"))).containsExactlyElementsOf(GenesisKeys.READ.keys());
    List<String> required = new ArrayList<>();
    read.path("required").forEach(n -> required.add(n.asText()));
    assertThat(required).containsExactlyInAnyOrderElementsOf(GenesisKeys.READ.required());
  }

  @Test
  void schema_jsonRpcRules_matchTheLoader() throws Exception {
    String base =
        "{\"chain_id\": \"t\", \"params\": {\"session\": {\"blocks_per_session\": 1,"
            + " \"block_time\": \"6s\"}}, \"services\": [%s]}";
    for (String service :
        List.of(
            "{\"id\": \"a\", \"reads\": {\"chain_id\": {\"method\": \"m\"}}}",
            "{\"id\": \"a\", \"kind\": \"evm\", \"reads\": {\"height\": {\"method\": \"m\"}}}",
            "{\"id\": \"a\", \"chain_id\": \"1\", \"reads\": {\"height\": {\"method\": \"m\"}}}")) {
      String doc = String.format(base, service);
      assertThat(validator().validate(JSON.readTree(doc))).as(service).isNotEmpty();
      assertThat(GenesisLoaderTest.messages(doc)).as(service).isNotEmpty();
    }
    String ok =
        String.format(
            base,
            "{\"id\": \"a\", \"chain_id\": \"1\", \"reads\": {\"height\": {\"method\":"
                + " \"m\"}, \"chain_id\": {\"method\": \"n\", \"pointer\": \"/id\"}}}");
    assertThat(validator().validate(JSON.readTree(ok))).isEmpty();
    assertThat(GenesisLoader.parse(ok, "ok.json").services()).hasSize(1);
  }

  @Test
  void schema_durationPattern_matchesTheLoadersFormat() throws IOException {
    JsonNode pattern = schema().at("/$defs/duration/pattern");

    for (String ok : List.of("0s", "250ms", "1.5s", "5m", "2h", "100us")) {
      assertThat(ok).matches(pattern.asText());
      assertThat(Durations.parse(ok)).isNotNull();
    }
    for (String bad : List.of("2 seconds", "-1s", "2", "1.s", "2S")) {
      assertThat(bad).doesNotMatch(pattern.asText());
    }
  }

  static Stream<Path> examples() throws IOException {
    try (Stream<Path> files = Files.list(Path.of("examples"))) {
      return files.filter(p -> p.toString().endsWith(".json")).sorted().toList().stream();
    }
  }

  private static JsonSchema validator() throws IOException {
    return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(schema());
  }

  private static List<String> names(JsonNode properties) {
    List<String> names = new ArrayList<>();
    properties.fieldNames().forEachRemaining(names::add);
    return names;
  }

  /** Every schema object that closes its keys, i.e. has a fixed key set the loader must match. */
  private static void collectClosedObjects(JsonNode node, String pointer, List<String> out) {
    if (!node.isObject()) {
      return;
    }
    if (node.has("properties") && node.path("additionalProperties").isBoolean()) {
      out.add(pointer);
    }
    node.fields()
        .forEachRemaining(
            e -> {
              if (!e.getKey().equals("$defs")) {
                collectClosedObjects(
                    e.getValue(),
                    pointer + "/" + e.getKey().replace("~", "~0").replace("/", "~1"),
                    out);
              }
            });
  }
}
